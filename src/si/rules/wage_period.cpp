// Rule: a monthly wage declaration is an institution's, for a month not yet settled
// Source: 004 §2.3.2; 004 《有变动结算》; decision
// Codes: SI_NOT_INSTITUTION, SI_WAGE_PERIOD_SETTLED
// Policy: -
//
// 004 §2.3.2 机关事业月度工资申报 is a heading of the Handan manual without text: the monthly
// declaration belongs to organs and public institutions (机关事业), so an enterprise's is refused.
// 《有变动结算操作指南》 counts 工资申报 among the changes a settlement bills; a settled month has
// its bill, and the yearly declaration (§2.3.1) changes no billed month either (a declared base
// only prices the months settled after it). Decision: the declared month is the unit's settlement
// period or a later one; a month before it is already settled and refused, never re-priced
// (a settled month is corrected by si.settle.reverse while its bill is unpaid).
#include "provident/rules/codes.hpp"
#include "si/rules/wage_rules.hpp"

namespace pvd::si {

void check_institution(Violations& v, const state::Unit& u, const std::string& field) {
  if (u.kind != state::UnitKind::institution) v.add(code::SI_NOT_INSTITUTION, field);
}

void check_wage_period_open(Violations& v, const state::Unit& u, YearMonth period, const std::string& field) {
  if (u.settlement_period && period < *u.settlement_period)
    v.add(code::SI_WAGE_PERIOD_SETTLED, field,
          {{"period", period.to_string()}, {"settlement_period", u.settlement_period->to_string()}});
}

}  // namespace pvd::si
