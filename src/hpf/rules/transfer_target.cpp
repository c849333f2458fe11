// Rule: which unit an account may move to — a flexible unit by transfer in, an employer by internal transfer
// Source: 000 一; 003 9; rules.md §1; protocol.md §1.2; decision
// Codes: HPF_UNIT_UNKNOWN, HPF_UNIT_NOT_FLEXIBLE, HPF_UNIT_SUSPENDED, HPF_TRANSFER_SAME_UNIT
// Policy: -
//
// 000 一 (转移 → 启封 → 签约): a sealed account moves to a flexible unit; 003 9 (内部转移: 「输入姓名，
// 证件号码，页面反显转出单位信息」): an employer takes an account in from another unit. Neither moves
// an account to the unit it is in. The target of a transfer in is a secondary reference, so an
// unknown one is a violation, not a request error (protocol.md §1.2).
// Decision: a suspended flexible unit accepts no transfer (rules.md §1 "active").
#include "hpf/rules/transfer_target.hpp"
#include "provident/rules/codes.hpp"

#include "hpf/rules/subject_status.hpp"

namespace pvd::hpf::rules {

bool check_flex_transfer_target(Violations& v, const state::Unit* target, const std::string& to_unit, const state::Account& a,
                                const std::string& field) {
  if (!target) {
    v.add(code::HPF_UNIT_UNKNOWN, field, {{"unit", to_unit}});
    return false;
  }
  bool ok = check_flexible_unit(v, *target, field, "000 一");
  // Decision: a suspended flexible unit accepts no transfer (rules.md §1 "active").
  ok = check_unit_active(v, *target, field) && ok;
  return check_other_unit(v, a, *target, field) && ok;
}

bool check_other_unit(Violations& v, const state::Account& a, const state::Unit& u, const std::string& field, std::string_view source) {
  if (a.unit_code != u.unit_code) return true;
  v.add(code::HPF_TRANSFER_SAME_UNIT, field, {}, source);
  return false;
}

}  // namespace pvd::hpf::rules
