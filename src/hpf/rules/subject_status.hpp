// The state an account and its unit must be in (rules.md §1). See subject_status.cpp.
#pragma once

#include "hpf/rules/common.hpp"

namespace pvd::hpf::rules {

/// A closed account accepts only queries; its other state checks are skipped.
bool check_not_closed(Violations& v, const state::Account& a, const std::string& field, Row row = std::nullopt);
/// rules.md §1: personal operations apply only to accounts of a flexible unit (seed 000 菜单介绍).
bool check_flexible_unit(Violations& v, const state::Unit& u, const std::string& field, std::string_view source = {});
/// rules.md §1: employer operations need an employer unit (seed 003).
bool check_employer_unit(Violations& v, const state::Unit& u, const std::string& field, std::string_view source = {});
/// rules.md §1: the unit is active.
bool check_unit_active(Violations& v, const state::Unit& u, const std::string& field);
/// rules.md §1: the account is normal.
bool check_normal(Violations& v, const state::Account& a, const std::string& field, Row row = std::nullopt,
                  std::string_view source = {});
/// `code` names the specific violation (HPF_NOT_SEALED, HPF_TRANSFER_NOT_SEALED, HPF_EXIT_NOT_SEALED).
bool check_sealed(Violations& v, const state::Account& a, Code code, const std::string& field,
                  Row row = std::nullopt);
/// rules.md §1; 003 3: the account belongs to the unit.
bool check_in_unit(Violations& v, const state::Account& a, const state::Unit& u, const std::string& field,
                   Row row = std::nullopt);

}  // namespace pvd::hpf::rules
