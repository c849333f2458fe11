// Who may open an account, and which unit code may be registered. See registration.cpp.
#pragma once

#include <vector>

#include "hpf/rules/common.hpp"

namespace pvd::hpf::rules {

/// HPF Regs Art. 13: one open account per person per centre. `others` are the
/// person's accounts; a closed account does not count.
bool check_no_open_account(Violations& v, const std::vector<const state::Account*>& others, const std::string& field,
                           Row row = std::nullopt);

/// HPF_UNIT_EXISTS: a unit code names one unit; `taken` when a unit holds it already.
bool check_unit_code_free(Violations& v, bool taken, const std::string& unit_code, const std::string& field);

}  // namespace pvd::hpf::rules
