// The identifiers an HPF request carries: name, mobile number, bank code,
// credit code (rules.md §7). See identifiers.cpp.
#pragma once

#include "hpf/rules/common.hpp"

namespace pvd::hpf::rules {

/// NAME_REQUIRED: a name that is empty or only white space (id::name_is_blank).
bool check_name_present(Violations& v, const std::string& name, const std::string& field, Row row = std::nullopt);
/// PHONE_INVALID (002 三.5).
bool check_phone(Violations& v, const std::string& phone, const std::string& field, Row row = std::nullopt);
/// BANK_UNKNOWN: a bank code not in the policy's `banks` list; returns the bank.
const policy::Bank* check_bank_known(Violations& v, const Policy& p, Trace* t, Date on, const std::string& code,
                                     const std::string& field);
/// USCC_INVALID (GB 32100-2015).
bool check_credit_code(Violations& v, const std::string& code, const std::string& field);

}  // namespace pvd::hpf::rules
