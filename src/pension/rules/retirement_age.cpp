// Rule: a claim does not retire before the earliest month the person may
// Source: 2024 Decision; Measures Art. 1, 3; decision
// Codes: PENSION_BEFORE_RETIREMENT_AGE
// Policy: pension.check_retirement_age
//
// 2024 Decision (渐进式延迟法定退休年龄), Measures Art. 1: the statutory retirement month
// (retirement.cpp). Measures Art. 3: with the minimum contribution months met, a person may
// retire up to 36 months before the statutory month (retirement.flexible.early_months), never
// before the original age. Decision: a claim for a month before that earliest month is refused,
// where the profile's pension.check_retirement_age (read on the as_of date) says so.
#include "pension/rules/rules.hpp"
#include "provident/rules/codes.hpp"

namespace pvd::pension {

YearMonth earliest_allowed(const Retirement& r, bool minimum_met) {
  // Measures Art. 3: the flexible early month only with the minimum met (Retirement::earliest_month).
  return minimum_met ? r.earliest_month : r.statutory_month;
}

void check_retirement_age(Violations& v, const policy::Policy& p, policy::Trace* t, Date today, YearMonth retirement,
                          YearMonth earliest) {
  if (!p.get<bool>(policy::Key::pension_check_retirement_age, today, t)) return;
  if (retirement < earliest) v.add(code::PENSION_BEFORE_RETIREMENT_AGE, "args.retirement_date", {{"earliest", earliest.to_string()}});
}

}  // namespace pvd::pension
