// Rule: a back-pay covers months before the unit's settlement period
// Source: 004 《单位职工核定基数补缴申报指南》
// Codes: SI_BACK_PAY_NOT_PAST
// Policy: -
//
// 004 《单位职工核定基数补缴申报指南》: 「补缴当月之前的社保」 — the end month is before the
// settlement period (结算期); the months from it on are billed by the settlement itself. A unit
// without a settlement period back-pays nothing (the message names "—").
#include "si/rules/rules.hpp"
#include "provident/rules/codes.hpp"

namespace pvd::si {

void check_back_pay_before_settlement(Violations& v, const state::Unit& unit, const MonthPeriod& period,
                                      const std::string& field) {
  if (!unit.settlement_period || !(period.to < *unit.settlement_period))
    v.add(code::SI_BACK_PAY_NOT_PAST, field,
          {{"period", unit.settlement_period ? unit.settlement_period->to_string() : std::string("—")}});
}

}  // namespace pvd::si
