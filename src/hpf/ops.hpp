// Registration of the HPF operations, one function per file of handlers.
#pragma once

#include "protocol/registry.hpp"

namespace pvd::hpf {

void register_ops(protocol::Registry& reg);
void register_calculator_ops(protocol::Registry& reg);    // ops_calculators.cpp: hpf.deposit, hpf.interest
void register_flex_account_ops(protocol::Registry& reg);  // ops_flex_account.cpp: rules.md §2, the account
void register_flex_money_ops(protocol::Registry& reg);    // ops_flex_money.cpp: rules.md §2, payments and exit
void register_unit_account_ops(protocol::Registry& reg);  // ops_unit_accounts.cpp: rules.md §3, units and accounts
void register_unit_bill_ops(protocol::Registry& reg);     // ops_unit_bills.cpp: rules.md §3, bills
void register_unit_rate_ops(protocol::Registry& reg);     // ops_unit_rates.cpp: rules.md §3, rates and bases
void register_account_change_ops(protocol::Registry& reg);  // ops_account_change.cpp: issue 18 corrections
void register_interest_ops(protocol::Registry& reg);      // ops_interest.cpp: hpf.settle_interest
void register_withdraw_ops(protocol::Registry& reg);      // ops_withdraw.cpp: hpf.withdraw (issue 18)
void register_ledger_ops(protocol::Registry& reg);        // ops_ledger_correct.cpp: hpf.ledger.correct (issue 18)

}  // namespace pvd::hpf
