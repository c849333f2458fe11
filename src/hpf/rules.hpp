// Every HPF rule, one header: the rules live one per file in src/hpf/rules/,
// each .cpp opening with the clause it implements, its sources, codes and
// policy keys (the July rule: rules/adjustment_window.cpp). A check appends
// its violation (code, field, row, parameters) and returns whether the rule
// holds; it reads every number, window, list and text from policy at the date
// policy.md §1 names (admissibility at as_of, pricing on day 1 of the
// contribution month).
#pragma once

#include "hpf/rules/adjustment_window.hpp"
#include "hpf/rules/back_pay_range.hpp"
#include "hpf/rules/base_limits.hpp"
#include "hpf/rules/batch_rows.hpp"
#include "hpf/rules/bill_state.hpp"
#include "hpf/rules/card_contract.hpp"
#include "hpf/rules/contribution_rates.hpp"
#include "hpf/rules/deposit_amount.hpp"
#include "hpf/rules/depositor_age.hpp"
#include "hpf/rules/effective_month.hpp"
#include "hpf/rules/exit_conditions.hpp"
#include "hpf/rules/identifiers.hpp"
#include "hpf/rules/interest_settlement.hpp"
#include "hpf/rules/ledger_correction.hpp"
#include "hpf/rules/paid_months.hpp"
#include "hpf/rules/payment_window.hpp"
#include "hpf/rules/reasons.hpp"
#include "hpf/rules/registration.hpp"
#include "hpf/rules/remittance_month.hpp"
#include "hpf/rules/seal.hpp"
#include "hpf/rules/subject_status.hpp"
#include "hpf/rules/transfer_target.hpp"
#include "hpf/rules/unit_back_pay.hpp"
// issue 18 (5): withdrawals for every account (hpf.withdraw).
#include "hpf/rules/withdrawal_account.hpp"
#include "hpf/rules/withdrawal_grounds.hpp"
