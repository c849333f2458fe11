// The grounds of a withdrawal of the whole balance (HPF Regs Art. 24) and what
// each needs. See withdrawal_grounds.cpp.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hpf/rules/common.hpp"

namespace pvd::hpf::rules {

/// HPF Regs Art. 24: retirement (2), permanent incapacity (3), settling
/// abroad (4), death (para. 3); leaving the city of deposit is a centre's
/// ground (withdrawal_grounds.cpp).
enum class WithdrawalReason { retirement, leave_city, leave_country, incapacity, death };

/// The protocol's names, in the order of the enum.
const std::vector<std::string>& withdrawal_reason_names();
WithdrawalReason parse_withdrawal_reason(std::string_view name);  // a name of withdrawal_reason_names()
std::string_view to_string(WithdrawalReason r) noexcept;

/// HPF Regs Art. 24 (2): a retirement withdrawal from the statutory retirement
/// month of the person's ID number (pension::statutory_retirement, the
/// category recorded, else as depositor_age.cpp), or from an earlier month
/// from which an approved pension claim retired the person (`retired_from`).
/// A document without a birth date and no claim: HPF_WITHDRAW_RETIREMENT_UNKNOWN.
bool check_retired(Violations& v, const Policy& p, Trace* t, LocalDateTime as_of, const state::PersonRef& person,
                   std::optional<YearMonth> retired_from, const std::string& field);

/// HPF Regs Art. 24 (3), Art. 15: incapacity and leaving the city need the
/// employment ended — an employer account sealed (a flexible account for
/// leaving the city too); leaving the city, sealed at least
/// hpf.withdraw.leave_city.min_sealed_months completed months.
bool check_sealed_for(Violations& v, const Policy& p, Trace* t, Date on, WithdrawalReason reason, const state::Account& a,
                      bool employer_account, const std::string& field);

/// HPF Regs Art. 24 para. 3: a death withdrawal names the heir or legatee who
/// receives it (`heir_field` the argument); no other ground names one.
bool check_heir(Violations& v, WithdrawalReason reason, bool heir_given, const std::string& heir_field);

}  // namespace pvd::hpf::rules
