// Rule: which state an account and its unit must be in for an operation
// Source: rules.md §1; 000 菜单介绍; 003; 003 3
// Codes: HPF_ACCOUNT_CLOSED, HPF_UNIT_NOT_FLEXIBLE, HPF_UNIT_NOT_EMPLOYER, HPF_UNIT_SUSPENDED, HPF_NOT_NORMAL, HPF_NOT_SEALED, HPF_TRANSFER_NOT_SEALED, HPF_EXIT_NOT_SEALED, HPF_ACCOUNT_NOT_IN_UNIT
// Policy: -
//
// rules.md §1 (the account model): an account is normal, sealed or closed; a closed account accepts
// only queries. 000 菜单介绍: a former employee gets only the transfer menu, so personal operations
// need an account of a flexible unit; 003: employer operations need an employer unit; a unit is
// active or suspended. 003 3: the account an employer names belongs to that unit.
#include "hpf/rules/subject_status.hpp"
#include "provident/rules/codes.hpp"

namespace pvd::hpf::rules {

// rules.md §1: a `closed` account accepts only queries (HPF_ACCOUNT_CLOSED).
bool check_not_closed(Violations& v, const state::Account& a, const std::string& field, Row row) {
  if (a.status != state::AccountStatus::closed) return true;
  v.add(violation_at(row, code::HPF_ACCOUNT_CLOSED, field));
  return false;
}

// rules.md §1; 000 菜单介绍: a former employee gets only the transfer menu, so
// personal operations need an account of a flexible unit.
bool check_flexible_unit(Violations& v, const state::Unit& u, const std::string& field, std::string_view source) {
  if (u.kind == state::UnitKind::flexible) return true;
  v.add(code::HPF_UNIT_NOT_FLEXIBLE, field, {}, source);
  return false;
}

// rules.md §1; 003: employer operations.
bool check_employer_unit(Violations& v, const state::Unit& u, const std::string& field, std::string_view source) {
  if (u.kind == state::UnitKind::employer) return true;
  v.add(code::HPF_UNIT_NOT_EMPLOYER, field, {}, source);
  return false;
}

// rules.md §1: "active" (unit).
bool check_unit_active(Violations& v, const state::Unit& u, const std::string& field) {
  if (u.status == state::UnitStatus::active) return true;
  v.add(code::HPF_UNIT_SUSPENDED, field);
  return false;
}

// rules.md §1: "normal".
bool check_normal(Violations& v, const state::Account& a, const std::string& field, Row row, std::string_view source) {
  if (a.status == state::AccountStatus::normal) return true;
  v.add(violation_at(row, code::HPF_NOT_NORMAL, field, {}, source));
  return false;
}

// rules.md §1: "sealed", with the code the operation's table names.
bool check_sealed(Violations& v, const state::Account& a, Code code, const std::string& field, Row row) {
  if (a.status == state::AccountStatus::sealed) return true;
  v.add(violation_at(row, code, field));
  return false;
}

// rules.md §1; 003 3: "account in the unit".
bool check_in_unit(Violations& v, const state::Account& a, const state::Unit& u, const std::string& field, Row row) {
  if (a.unit_code == u.unit_code) return true;
  v.add(violation_at(row, code::HPF_ACCOUNT_NOT_IN_UNIT, field));
  return false;
}

}  // namespace pvd::hpf::rules
