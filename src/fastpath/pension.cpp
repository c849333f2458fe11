// The pension fast paths: statutory retirement and minimum contribution
// months, one person or a population (kernels.hpp). The rules are the
// domain's (src/pension); a batch evaluates them once per distinct input.
#include <algorithm>
#include <array>
#include <limits>
#include <vector>

#include "fastpath/args.hpp"
#include "fastpath/error.hpp"
#include "fastpath/kernels.hpp"

namespace pvd::fastpath {

namespace {

/// The smallest and largest of n values (n > 0).
std::pair<std::int64_t, std::int64_t> span_of(std::size_t n, const std::int64_t* v) noexcept {
  const auto [lo, hi] = std::minmax_element(v, v + n);
  return {*lo, *hi};
}

YearMonth month_at(std::int64_t serial) noexcept { return YearMonth::from_serial(static_cast<std::int32_t>(serial)); }

/// statutory_retirement for every birth month in [lo, hi] of each category a
/// row uses (the rules of `rules_on` are the same for every row).
using RetirementTable = std::array<std::vector<pension::Retirement>, 3>;
RetirementTable retirement_table(const Policy& p, Date rules_on, std::size_t n, const std::int64_t* category,
                                 std::int64_t lo, std::int64_t hi) {
  std::array<bool, 3> used{};
  for (std::size_t i = 0; i < n; ++i) used[static_cast<std::size_t>(category[i] - 1)] = true;
  RetirementTable table;
  for (std::size_t k = 0; k < 3; ++k) {
    if (!used[k]) continue;
    table[k].reserve(static_cast<std::size_t>(hi - lo + 1));
    for (std::int64_t m = lo; m <= hi; ++m)
      table[k].push_back(retirement(p, rules_on, month_at(m), category_of(static_cast<std::int64_t>(k) + 1)));
  }
  return table;
}

}  // namespace

pension::Retirement retirement(const Policy& p, Date rules_on, YearMonth birth, pension::Category c) {
  return pension::statutory_retirement(p, nullptr, rules_on, birth, c);
}

void retirement_batch(const Policy& p, Date rules_on, std::size_t n, const std::int64_t* birth,
                      const std::int64_t* category, RetirementOutputs out) {
  for (std::size_t i = 0; i < n; ++i) {
    check_row(kCategoryCode, i, category[i], "category");
    check_row(kBirthMonth, i, birth[i], "birth_month");
  }
  if (n == 0) return;
  const auto [lo, hi] = span_of(n, birth);
  const RetirementTable table = retirement_table(p, rules_on, n, category, lo, hi);
  for (std::size_t i = 0; i < n; ++i) {
    const auto& r = table[static_cast<std::size_t>(category[i] - 1)][static_cast<std::size_t>(birth[i] - lo)];
    out.statutory[i] = r.statutory_month.serial();
    put(out.delay, i, r.delay_months);
    put(out.earliest, i, r.earliest_month.serial());
    put(out.latest, i, r.latest_month.serial());
  }
}

int min_months(const Policy& p, YearMonth retirement_month) {
  return pension::min_contribution_months(p, nullptr, retirement_month);
}

void min_months_batch(const Policy& p, std::size_t n, const std::int64_t* months, std::int64_t* out) {
  for (std::size_t i = 0; i < n; ++i) check_row(kMonthSerial, i, months[i], "retirement_month");
  if (n == 0) return;
  const auto [lo, hi] = span_of(n, months);
  constexpr std::int64_t kNotInForce = -1;  // an error only if a row needs this month
  std::vector<std::int64_t> table(static_cast<std::size_t>(hi - lo + 1));
  for (std::size_t j = 0; j < table.size(); ++j) {
    try {
      table[j] = min_months(p, month_at(lo + static_cast<std::int64_t>(j)));
    } catch (const RequestError&) {
      table[j] = kNotInForce;
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    const std::int64_t v = table[static_cast<std::size_t>(months[i] - lo)];
    if (v == kNotInForce) {
      try {  // evaluate again to report the policy's own error, naming the row
        (void)min_months(p, month_at(months[i]));
      } catch (const RequestError& e) {
        failed_at_row(i, e);
      }
    }
    out[i] = v;
  }
}

}  // namespace pvd::fastpath
