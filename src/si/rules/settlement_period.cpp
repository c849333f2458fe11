// Rule: a settlement settles the unit's settlement period, once it has begun
// Source: 004 《无变动结算》
// Codes: SI_SETTLE_WRONG_PERIOD, SI_SETTLE_FUTURE_PERIOD
// Policy: -
//
// 004 《无变动结算操作指南》, 《有变动结算操作指南》: the unit settles its 结算期 — the period
// recorded on the unit, which moves one month on with each settlement — and not a period after
// the as_of month.
#include "si/rules/rules.hpp"
#include "provident/rules/codes.hpp"

namespace pvd::si {

void check_settlement_period(Violations& v, const state::Unit& unit, YearMonth period, YearMonth this_month,
                             const std::string& field) {
  // The unit's 结算期.
  if (!unit.settlement_period || period != *unit.settlement_period)
    v.add(code::SI_SETTLE_WRONG_PERIOD, field,
          {{"period", unit.settlement_period ? unit.settlement_period->to_string() : std::string("—")}});
  // Not a period after the as_of month.
  if (this_month < period) v.add(code::SI_SETTLE_FUTURE_PERIOD, field);
}

}  // namespace pvd::si
