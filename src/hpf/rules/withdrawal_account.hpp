// What the account must be for a withdrawal of its balance. See withdrawal_account.cpp.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "hpf/rules/common.hpp"

namespace pvd::hpf::rules {

/// Issue 18 (5); 002 三.7: no outstanding HPF loan, whatever the ground.
bool check_withdraw_no_loan(Violations& v, bool has_loan, const std::string& field);

/// Decision: no month of the account billed by an open (unpaid) bill — its
/// money would reach a closed account.
bool check_no_unpaid_bill(Violations& v, const std::vector<YearMonth>& billed_unpaid, const std::string& field);

/// HPF Regs Art. 24 para. 2: the withdrawal is of the whole balance; an
/// amount given must be the payout (balance and interest to the day).
bool check_whole_balance(Violations& v, std::optional<Money> amount, Money payout, const std::string& field);

}  // namespace pvd::hpf::rules
