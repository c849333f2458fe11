// Rule: a period of months runs forward
// Source: rules.md §4
// Codes: PERIOD_INVERTED
// Policy: -
//
// rules.md §4 si.back_pay (and si.flex.verify): the period from … to has from ≤ to; an inverted
// period is refused and the rules that read its months are not run.
#include "si/rules/rules.hpp"
#include "provident/rules/codes.hpp"

namespace pvd::si {

void check_period_order(Violations& v, const MonthPeriod& p, const std::string& field) {
  if (p.inverted()) v.add(code::PERIOD_INVERTED, field);
}

}  // namespace pvd::si
