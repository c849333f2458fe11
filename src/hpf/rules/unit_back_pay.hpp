// Which months and amounts an employer may back-pay (补缴核定). See unit_back_pay.cpp.
#pragma once

#include <utility>

#include "hpf/rules/common.hpp"

namespace pvd::hpf::rules {

/// Whether the account was ever at the unit: its unit now, or a stint there.
bool ever_at_unit(const state::Account& a, const std::string& unit_code);

/// 003 6: a back-paid month is before the as_of month `now` (the current month is remitted).
bool check_back_pay_month_past(Violations& v, YearMonth m, YearMonth now, const std::string& field, Row row);
/// 003 6: a back-paid amount is positive.
bool check_back_pay_amount_positive(Violations& v, Money amount, const std::string& field, Row row);

/// 003 6 (补缴核定 "选择核定月份，输入补缴金额"): a back-paid month is one the
/// account owed this unit — inside one of its stints here — or, for a missed
/// month, one before the account's first stint when that stint is here (a new
/// hire's earlier month, 新入职人员补缴: owed here from then on). A missed
/// month costs the deposit in force for it (before the first deposit: the
/// first deposit). Decision: a missed month's amount that differs is refused
/// (a difference has its own reasons, 补缴差额).
bool check_back_pay_in_history(Violations& v, const state::Account& a, const std::string& unit_code, YearMonth m, Money amount,
                               bool missed, bool check_amount, const std::string& month_field, const std::string& amount_field, Row row);

/// 003 6 (补缴): a missed month is unpaid and on no open bill (`billed`).
bool check_missed_month_open(Violations& v, const state::Account& a, YearMonth m, bool billed, const std::string& field, Row row);
/// 003 6 (补缴差额): a difference tops up a month that was paid.
bool check_difference_month_paid(Violations& v, const state::Account& a, YearMonth m, const std::string& field, Row row);

/// Splits a back-pay amount into employer and employee parts (decision): in
/// proportion to the parts of the deposit in force for the month, else to the
/// unit's rates, else in two halves (the employer part taking the odd fen);
/// remainder-exact (arithmetic.md §1).
std::pair<Money, Money> split_back_pay(const state::Account& a, const state::Unit& u, YearMonth m, Money amount);

}  // namespace pvd::hpf::rules
