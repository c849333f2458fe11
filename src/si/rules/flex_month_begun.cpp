// Rule: a flexible worker's month is verified once it has begun
// Source: 004 §2.5.5; decision
// Codes: SI_FLEX_FUTURE_MONTH
// Policy: -
//
// 004 §2.5.5 灵活就业人员缴费核定 gives the heading only. Decision: a month is verified once it
// has begun — no month after the as_of month.
#include "si/rules/rules.hpp"
#include "provident/rules/codes.hpp"

namespace pvd::si {

void check_flex_month_begun(Violations& v, const MonthPeriod& period, YearMonth this_month, const std::string& field) {
  if (this_month < period.to) v.add(code::SI_FLEX_FUTURE_MONTH, field);
}

}  // namespace pvd::si
