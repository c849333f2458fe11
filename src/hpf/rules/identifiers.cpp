// Rule: which names, mobile numbers, bank codes and credit codes an HPF request may carry
// Source: rules.md §7; rules.md §3; 002 一; 002 三.5; arithmetic.md §4; GB 32100-2015
// Codes: NAME_REQUIRED, PHONE_INVALID, BANK_UNKNOWN, USCC_INVALID
// Policy: banks
//
// rules.md §7: a name is required — one that is empty or only white space is blank
// (id::name_is_blank, the one definition for every domain). 002 三.5 (信息变更): a mobile number is
// 11 digits, 1[3-9]… (id::phone_valid). arithmetic.md §4: a bank is a code of the policy's `banks`
// list. GB 32100-2015: the unified social credit code of a unit, with its check character
// (id::credit_code_valid).
#include "hpf/rules/identifiers.hpp"
#include "id/checks.hpp"
#include "provident/rules/codes.hpp"

#include "provident/id/identifiers.hpp"

namespace pvd::hpf::rules {

using policy::Key;

// rules.md §7: NAME_REQUIRED.
bool check_name_present(Violations& v, const std::string& name, const std::string& field, Row row) {
  if (!id::name_is_blank(name)) return true;
  v.add(violation_at(row, code::NAME_REQUIRED, field));
  return false;
}

// rules.md §7; 002 三.5: a mobile number is 11 digits, 1[3-9]…
bool check_phone(Violations& v, const std::string& phone, const std::string& field, Row row) {
  if (id::phone_valid(phone)) return true;
  v.add(violation_at(row, code::PHONE_INVALID, field));
  return false;
}

// arithmetic.md §4: the bank is a code of the policy's `banks` list.
const policy::Bank* check_bank_known(Violations& v, const Policy& p, Trace* t, Date on, const std::string& code,
                                     const std::string& field) {
  return id::check_bank_code(v, p, t, on, code, field);
}

// rules.md §3 hpf.unit.register; GB 32100-2015.
bool check_credit_code(Violations& v, const std::string& code, const std::string& field) {
  if (id::credit_code_valid(code)) return true;
  v.add(code::USCC_INVALID, field);
  return false;
}

}  // namespace pvd::hpf::rules
