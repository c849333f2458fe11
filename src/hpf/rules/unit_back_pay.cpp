// Rule: which months and amounts an employer may back-pay (补缴核定), and how an amount splits into its parts
// Source: 003 6; arithmetic.md §1; decision
// Codes: HPF_BACK_PAY_FUTURE_MONTH, AMOUNT_NOT_POSITIVE, HPF_MONTH_NOT_OWED_HERE, HPF_BACK_PAY_AMOUNT_MISMATCH, HPF_MONTH_ALREADY_PAID, HPF_MONTH_ALREADY_BILLED, HPF_MONTH_NOT_PAID
// Policy: -
//
// 003 6 (补缴核定): 「选择补缴原因，选择核定月份，输入补缴金额」. Each row names an account, a month
// before the current one (the current month is verified by remittance, 003 5), a positive amount
// and a reason that says whether it pays a missed month (补缴) or a difference (补缴差额). The
// month is one the account owed this unit (docs/history.md: inside one of its stints here) or,
// for a missed month, one before the account's first stint when that stint is here (a new hire's
// earlier month, 新入职人员补缴: owed here from then on). A missed month is unpaid, on no open
// bill, and costs the deposit in force for it (before the first deposit: the first deposit); a
// difference tops up a month that was paid.
// Decisions: an account that has moved on still owes this unit the months of its stints here; a
// missed month's amount that differs from its deposit is refused (a difference has its own
// reasons); the amount splits in proportion to the parts in force for the month, else to the
// unit's rates, else in two halves (the employer part taking the odd fen), remainder-exact
// (arithmetic.md §1).
#include "hpf/rules/unit_back_pay.hpp"
#include "provident/rules/codes.hpp"

#include <algorithm>

#include "hpf/account.hpp"
#include "hpf/rules/paid_months.hpp"
#include "provident/core/allocation.hpp"

namespace pvd::hpf::rules {

bool ever_at_unit(const state::Account& a, const std::string& unit_code) {
  return a.unit_code == unit_code ||
         std::any_of(a.stints.begin(), a.stints.end(), [&](const state::Stint& s) { return s.unit_code == unit_code; });
}

// 003 6: the current month is verified by remittance (003 5).
bool check_back_pay_month_past(Violations& v, YearMonth m, YearMonth now, const std::string& field, Row row) {
  if (m < now) return true;
  v.add(violation_at(row, code::HPF_BACK_PAY_FUTURE_MONTH, field, {}, "003 6"));
  return false;
}

// 003 6 「输入补缴金额」: an amount above zero.
bool check_back_pay_amount_positive(Violations& v, Money amount, const std::string& field, Row row) {
  if (amount.is_positive()) return true;
  v.add(violation_at(row, code::AMOUNT_NOT_POSITIVE, field, {}, "003 6"));
  return false;
}

bool check_back_pay_in_history(Violations& v, const state::Account& a, const std::string& unit_code, YearMonth m, Money amount,
                               bool missed, bool check_amount, const std::string& month_field, const std::string& amount_field, Row row) {
  // 新入职人员补缴: a month before the first stint, when that stint is here.
  const bool new_hire_month = missed && !a.stints.empty() && a.stints.front().unit_code == unit_code && m < a.stints.front().from;
  if (!owed_to(a, unit_code, m) && !new_hire_month) {
    v.add(violation_at(row, code::HPF_MONTH_NOT_OWED_HERE, month_field, {{"month", m.to_string()}}, "003 6"));
    return false;
  }
  if (!missed || !check_amount) return true;
  // A missed month costs the deposit in force for it (before the first deposit: the first deposit).
  const state::Deposit* d = deposit_in_force(a, m);
  if (!d && !a.deposits.empty()) d = &a.deposits.front();
  if (!d || d->monthly_deposit == amount) return true;
  v.add(violation_at(row, code::HPF_BACK_PAY_AMOUNT_MISMATCH, amount_field, {{"month", m.to_string()}, {"expected", d->monthly_deposit.to_string()}},
                     "003 6"));
  return false;
}

// 003 6 (补缴): unpaid, on no open bill.
bool check_missed_month_open(Violations& v, const state::Account& a, YearMonth m, bool billed, const std::string& field, Row row) {
  if (!check_month_unpaid(v, a, m, field, row, "003 6")) return false;
  if (!billed) return true;
  v.add(violation_at(row, code::HPF_MONTH_ALREADY_BILLED, field, {{"month", m.to_string()}}));
  return false;
}

// 003 6 (补缴差额): a difference tops up a month that was paid.
bool check_difference_month_paid(Violations& v, const state::Account& a, YearMonth m, const std::string& field, Row row) {
  if (is_paid(a, m)) return true;
  v.add(violation_at(row, code::HPF_MONTH_NOT_PAID, field, {{"month", m.to_string()}}));
  return false;
}

std::pair<Money, Money> split_back_pay(const state::Account& a, const state::Unit& u, YearMonth m, Money amount) {
  std::int64_t wer = 0, wee = 0;
  if (const state::Deposit* d = deposit_in_force(a, m); d && d->monthly_deposit.is_positive()) {
    wer = d->employer_part.as_fen();
    wee = d->employee_part.as_fen();
  } else if (u.employer_rate && u.employee_rate) {
    wer = u.employer_rate->num() * u.employee_rate->den();
    wee = u.employee_rate->num() * u.employer_rate->den();
  }
  if (wer < 0 || wee < 0 || wer + wee == 0) return split_flexible_deposit(amount);
  const std::int64_t weights[] = {wer, wee};
  const auto parts = allocate(amount, weights);
  return {parts[0], parts[1]};
}

}  // namespace pvd::hpf::rules
