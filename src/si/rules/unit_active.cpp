// Rule: an enrollment needs a registered, active unit
// Source: 004 §2.1.1 办理条件
// Codes: SI_UNIT_NOT_ACTIVE
// Policy: -
//
// 004 §2.1.1 办理条件: 「(1) 单位状态必需为登记在册」; 「(3) 所在单位的参保状态应为正常参保状态」 —
// a unit suspended with si.unit.set_status enrolls no one until it is reactivated.
#include "si/rules/rules.hpp"
#include "provident/rules/codes.hpp"

namespace pvd::si {

void check_unit_active(Violations& v, const state::Unit& u, const std::string& field) {
  if (u.status != state::UnitStatus::active) v.add(code::SI_UNIT_NOT_ACTIVE, field);
}

}  // namespace pvd::si
