#include "hpf/windows.hpp"

#include <algorithm>

namespace pvd::hpf {

using policy::Key;

bool payment_window_open(const policy::Policy& p, policy::Trace* t, LocalDateTime as_of) {
  return p.get<policy::Window>(Key::hpf_payment_window, as_of.date(), t).contains(as_of);
}

AdjustmentWindow adjustment_window(const policy::Policy& p, policy::Trace* t, LocalDateTime as_of,
                                   std::optional<std::int64_t> last_adjust_year, std::int64_t adjust_count) {
  const Date today = as_of.date();
  AdjustmentWindow w;
  w.months = &p.get<policy::MonthList>(Key::hpf_flex_adjust_months, today, t);
  w.per_year = p.get<std::int64_t>(Key::hpf_flex_adjust_per_year, today, t);
  const int month = as_of.year_month().month();
  w.month_open = w.months->empty() || std::find(w.months->begin(), w.months->end(), month) != w.months->end();
  w.done_this_year = last_adjust_year && *last_adjust_year == today.year() ? adjust_count : 0;
  w.under_yearly_limit = w.per_year == 0 || w.done_this_year < w.per_year;
  return w;
}

}  // namespace pvd::hpf
