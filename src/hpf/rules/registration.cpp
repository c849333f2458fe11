// Rule: who may open an account at a centre, and which unit code a new unit may take
// Source: HPF Regs Art. 13; HPF Regs Art. 14; decision
// Codes: HPF_ACCOUNT_EXISTS, HPF_UNIT_EXISTS
// Policy: -
//
// HPF Regs Art. 13 (「每个职工只能有一个住房公积金账户」): one open account per person per
// centre — a centre is a policy profile (rules.md §1). A closed account does not count, so a
// person who exited may open again; a person with a sealed account uses transfer-in instead
// (rules.md §2).
// HPF Regs Art. 14 (a unit registers its deposits with the centre). Decision: a unit code names
// one unit; registering a code already held is refused.
#include "hpf/rules/registration.hpp"
#include "provident/rules/codes.hpp"

namespace pvd::hpf::rules {

// HPF Regs Art. 13: one open account per person per centre; a closed account
// does not count (a person who exited may open again).
bool check_no_open_account(Violations& v, const std::vector<const state::Account*>& others, const std::string& field, Row row) {
  for (const auto* a : others)
    if (a->status != state::AccountStatus::closed) {
      v.add(violation_at(row, code::HPF_ACCOUNT_EXISTS, field));
      return false;
    }
  return true;
}

// Decision: a unit code is taken once.
bool check_unit_code_free(Violations& v, bool taken, const std::string& unit_code, const std::string& field) {
  if (!taken) return true;
  v.add(code::HPF_UNIT_EXISTS, field, {{"unit", unit_code}});
  return false;
}

}  // namespace pvd::hpf::rules
