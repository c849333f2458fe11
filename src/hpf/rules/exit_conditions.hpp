// When a flexible depositor may exit and withdraw. See exit_conditions.cpp.
#pragma once

#include "hpf/rules/common.hpp"

namespace pvd::hpf::rules {

/// Completed months from `from` to `to` (a month completes on the same day of a
/// later month, clamped to that month's end: sealed 31 January completes a month
/// on 28/29 February).
int completed_months(Date from, Date to);
/// 002 三.7; HPF Regs Art. 24: exit needs the account sealed at least hpf.exit.min_sealed_months.
bool check_sealed_long_enough(Violations& v, const Policy& p, Trace* t, Date on, const state::Account& a, const std::string& field);
/// 002 三.7: no outstanding HPF loan.
bool check_no_loan(Violations& v, bool has_loan, const std::string& field);

}  // namespace pvd::hpf::rules
