// The HPF fast paths: the batch deposit, the payment and adjustment windows,
// the rate limits (kernels.hpp). The rules are the domain's (src/hpf).
#include <limits>
#include <string>

#include "fastpath/error.hpp"
#include "fastpath/kernels.hpp"
#include "hpf/deposit_batch.hpp"
#include "hpf/rules/adjustment_window.hpp"
#include "hpf/rules/payment_window.hpp"
#include "provident/rules/codes.hpp"

namespace pvd::fastpath {

namespace {

using policy::Key;

constexpr Range kAdjustYear{0, 9999, "须为0（无）或不超过9999的年份", "is not 0 (none) or a year up to 9999"};
constexpr Range kAdjustCount{0, std::numeric_limits<std::int64_t>::max(), "不能为负数", "is negative"};

std::int64_t micros_of(const Policy& p, Key k, Date on) {
  const auto micros = p.get<Rate>(k, on).to_micros();
  if (!micros) unrepresentable(std::string(policy::info(k).name) + " is not a whole number of millionths");
  return *micros;
}

std::uint32_t months_mask(const policy::MonthList* months) noexcept {
  if (!months || months->empty()) return 0xFFFu;
  std::uint32_t mask = 0;
  for (int m : *months)
    if (m >= 1 && m <= 12) mask |= 1u << (m - 1);
  return mask;
}

}  // namespace

Rounding deposit_rounding(const Policy& p, YearMonth month) {
  return p.get<Key::hpf_deposit_rounding>(month.first_day());
}

void deposit_batch(const Policy& p, YearMonth month, std::size_t n, const std::int64_t* base_fen,
                   const std::int64_t* employer_rate_micros, const std::int64_t* employee_rate_micros,
                   std::int64_t* out_employer_fen, std::int64_t* out_employee_fen) {
  const Rounding rounding = deposit_rounding(p, month);  // read even for no rows: the month must be covered
  if (n == 0) return;
  const auto err = hpf::deposit_batch(rounding, n, base_fen, employer_rate_micros, employee_rate_micros,
                                      out_employer_fen, out_employee_fen);
  if (err)
    throw Error(Cause::argument, std::string(code::REQ_BAD_VALUE.text), err->field,
                "第" + std::to_string(err->row) + "行：" + err->field + "无效", err->message,
                static_cast<std::int64_t>(err->row));
}

bool payment_window_open(const Policy& p, LocalDateTime at) { return hpf::rules::payment_window_open(p, nullptr, at); }

AdjustmentWindow adjustment_window(const Policy& p, LocalDateTime at, std::int64_t last_adjust_year,
                                   std::int64_t adjust_count) {
  check(kAdjustYear, last_adjust_year, "last_adjust_year");
  check(kAdjustCount, adjust_count, "adjust_count");
  std::optional<std::int64_t> last;
  if (last_adjust_year != 0) last = last_adjust_year;
  const auto w = hpf::rules::adjustment_window(p, nullptr, at, last, adjust_count);
  if (w.per_year < 0 || w.per_year > std::numeric_limits<std::int32_t>::max())
    unrepresentable("hpf.flex.adjust.per_year does not fit an int32_t");
  return AdjustmentWindow{.open = w.open(),
                          .month_open = w.month_open,
                          .under_yearly_limit = w.under_yearly_limit,
                          .done_this_year = static_cast<std::int32_t>(w.done_this_year),
                          .per_year = static_cast<std::int32_t>(w.per_year),
                          .months_mask = months_mask(w.months)};
}

RateLimits rate_limits(const Policy& p, Date on) {
  const std::int64_t lo = micros_of(p, Key::hpf_rate_min, on);
  return RateLimits{.min_micros = lo, .max_micros = micros_of(p, Key::hpf_rate_max, on)};
}

}  // namespace pvd::fastpath
