// Rule: what an account must be for its balance to be withdrawn, and how much is withdrawn
// Source: HPF Regs Art. 24; 002 三.7; arithmetic.md §3.4
// Codes: HPF_WITHDRAW_HAS_LOAN, HPF_WITHDRAW_UNPAID_BILL, HPF_WITHDRAW_PARTIAL
// Policy: -
//
// HPF Regs Art. 24 para. 2: a withdrawal on retirement, incapacity or settling abroad closes the
// account — the whole balance with the interest to the day of the withdrawal (arithmetic.md §3.4).
// Decision: leaving the city and death withdraw the whole balance too (the sources name no
// partial withdrawal on these grounds), so `amount`, when given, must be that payout.
// 002 三.7 (无未结清的住房公积金贷款): the one centre whose withdrawal conditions the seeds state
// refuses an account with an outstanding loan. Decision: so does every ground here (the loan is
// settled from the fund at the counter first, which this engine does not model); the argument
// has_outstanding_loan, when given, wins over the account's fact (state.md §1).
// Decision: a month billed by an unpaid (open) bill refuses the withdrawal: paying the bill would
// credit a closed account. Months owed but never billed stay the stint's (docs/history.md): the
// stint ends before the month of the withdrawal, so no later month is owed.
#include "hpf/rules/withdrawal_account.hpp"
#include "provident/rules/codes.hpp"

namespace pvd::hpf::rules {

// 002 三.7: "无未结清的住房公积金贷款".
bool check_withdraw_no_loan(Violations& v, bool has_loan, const std::string& field) {
  if (!has_loan) return true;
  v.add(code::HPF_WITHDRAW_HAS_LOAN, field);
  return false;
}

// Decision: an open bill's months are paid first.
bool check_no_unpaid_bill(Violations& v, const std::vector<YearMonth>& billed_unpaid, const std::string& field) {
  if (billed_unpaid.empty()) return true;
  std::string months;
  for (YearMonth m : billed_unpaid) months += (months.empty() ? "" : ", ") + m.to_string();
  v.add(code::HPF_WITHDRAW_UNPAID_BILL, field, {{"months", months}});
  return false;
}

// HPF Regs Art. 24 para. 2: the whole balance.
bool check_whole_balance(Violations& v, std::optional<Money> amount, Money payout, const std::string& field) {
  if (!amount || *amount == payout) return true;
  v.add(code::HPF_WITHDRAW_PARTIAL, field, {{"payout", payout.to_string()}});
  return false;
}

}  // namespace pvd::hpf::rules
