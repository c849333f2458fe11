// Rule: when a flexible monthly deposit, or an employer's contribution bases, may be adjusted
// Source: 000 四; 002 三.6; 003 8
// Codes: HPF_ADJUST_OUTSIDE_WINDOW, HPF_ADJUST_ALREADY_DONE
// Policy: hpf.flex.adjust.months, hpf.flex.adjust.per_year, hpf.unit.adjust_base.months
//
// 000 四: 「基数调整只在每年7月开放」; 002 三.6: 「月缴存额调整时间为每年 7 月，一年允许调整一次」.
// The July rule. The months are policy (hpf.flex.adjust.months, Taiyuan [7]) and so is the yearly
// count (hpf.flex.adjust.per_year, Taiyuan 1), both read at as_of: adjustment is open when the
// month of as_of is listed and fewer adjustments than the yearly count were made in the calendar
// year of as_of (the account's last_adjust_year and adjust_count).
// Decision: an empty month list means any month; a per-year count of 0 means no limit.
//
// 003 8 (缴存基数批量调整): a centre may open an employer's base adjustment only in some months —
// the same month test over hpf.unit.adjust_base.months (empty = any month), with no yearly count.
#include "hpf/rules/adjustment_window.hpp"
#include "provident/rules/codes.hpp"

#include <algorithm>

namespace pvd::hpf::rules {

using policy::Key;

bool month_window_open(const policy::MonthList& months, LocalDateTime as_of) noexcept {
  const int month = as_of.year_month().month();
  return months.empty() || std::find(months.begin(), months.end(), month) != months.end();
}

MessageParam months_param(const policy::MonthList& months) {
  static const char* const kEn[] = {"January", "February", "March",     "April",   "May",      "June",
                                    "July",    "August",   "September", "October", "November", "December"};
  std::string zh, en;
  for (std::size_t i = 0; i < months.size(); ++i) {
    if (i) {
      zh += "、";
      en += i + 1 == months.size() ? " or " : ", ";
    }
    zh += std::to_string(months[i]) + "月";
    en += kEn[months[i] - 1];
  }
  if (months.empty()) {
    zh = "任意月份";
    en = "any month";
  }
  return {"months", zh, en};
}

AdjustmentWindow adjustment_window(const Policy& p, Trace* t, LocalDateTime as_of, std::optional<std::int64_t> last_adjust_year,
                                   std::int64_t adjust_count) {
  const Date today = as_of.date();
  AdjustmentWindow w;
  w.months = &p.get<policy::MonthList>(Key::hpf_flex_adjust_months, today, t);
  w.per_year = p.get<std::int64_t>(Key::hpf_flex_adjust_per_year, today, t);
  w.month_open = month_window_open(*w.months, as_of);
  w.done_this_year = last_adjust_year && *last_adjust_year == today.year() ? adjust_count : 0;
  w.under_yearly_limit = w.per_year == 0 || w.done_this_year < w.per_year;
  return w;
}

bool check_adjustment_open(Violations& v, const AdjustmentWindow& w) {
  // 000 四 「基数调整只在每年7月开放」: the month.
  if (!w.month_open)
    v.add(code::HPF_ADJUST_OUTSIDE_WINDOW, "as_of", {{"what", "月缴存额", "The monthly deposit"}, months_param(*w.months)});
  // 002 三.6 「一年允许调整一次」: the yearly count.
  if (!w.under_yearly_limit)
    v.add(code::HPF_ADJUST_ALREADY_DONE, "as_of", {{"count", std::to_string(w.done_this_year)}, {"per_year", std::to_string(w.per_year)}});
  return w.open();
}

bool check_base_adjustment_open(Violations& v, const Policy& p, Trace* t, LocalDateTime as_of) {
  const auto& months = p.get<policy::MonthList>(Key::hpf_unit_adjust_base_months, as_of.date(), t);
  if (month_window_open(months, as_of)) return true;
  v.add(code::HPF_ADJUST_OUTSIDE_WINDOW, "as_of", {{"what", "缴存基数", "Contribution bases"}, months_param(months)}, "003 8");
  return false;
}

}  // namespace pvd::hpf::rules
