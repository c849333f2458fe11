// Rule: the minimum contribution months for a pension, and a claim counting fewer
// Source: 001 7.1.3 (1); SI Law Art. 16; Measures Art. 2; arithmetic.md §3.6
// Codes: PENSION_CONTRIBUTION_SHORT
// Policy: pension.min_contribution_months
//
// 001 7.1.3 (1): 「累计缴费月数不能小于180个月」; SI Law Art. 16: a pension after contributions of
// at least fifteen years; Measures Art. 2 (2024): the minimum rises from 180 months by six a
// year from 2030 to 240 from 2039. The minimum is the one of the retirement month
// (pension.min_contribution_months keyed by it, read on its day 1; arithmetic.md §3.6); the
// claim's counted months (arithmetic.md §3.7) must reach it.
#include "pension/rules/rules.hpp"
#include "provident/rules/codes.hpp"

namespace pvd::pension {

int min_contribution_months(const policy::Policy& p, policy::Trace* t, YearMonth retirement_month) {
  return static_cast<int>(p.get<std::int64_t>(policy::Key::pension_min_contribution_months, retirement_month.first_day(), t));
}

void check_contribution_months(Violations& v, std::int64_t counted, int min_months, const std::string& field) {
  if (counted < min_months)
    v.add(code::PENSION_CONTRIBUTION_SHORT, field, {{"counted", std::to_string(counted)}, {"min", std::to_string(min_months)}});
}

}  // namespace pvd::pension
