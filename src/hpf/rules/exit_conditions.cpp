// Rule: when a flexible depositor may exit deposits and withdraw the balance
// Source: 002 三.7; HPF Regs Art. 24
// Codes: HPF_EXIT_SEALED_TOO_SHORT, HPF_EXIT_HAS_LOAN
// Policy: hpf.exit.min_sealed_months
//
// 002 三.7 (退出缴存提取): 「个人账户停缴封存的」 and 「无未结清的住房公积金贷款」; HPF Regs Art. 24
// (withdrawal). The account is sealed (subject_status.cpp, HPF_EXIT_NOT_SEALED) for at least
// hpf.exit.min_sealed_months completed months (0 = no waiting period), read on the day of the
// request; a month completes on the same day of a later month, clamped to that month's end. An
// outstanding loan — the argument when given, else the account's fact — prevents exit.
#include "hpf/rules/exit_conditions.hpp"
#include "provident/rules/codes.hpp"

namespace pvd::hpf::rules {

using policy::Key;

int completed_months(Date from, Date to) {
  if (to < from) return 0;
  int n = (to.year() - from.year()) * 12 + (to.month() - from.month());
  while (n > 0 && to < from.add_months(n, MonthEnd::clamp)) --n;
  return n;
}

// 002 三.7 ("个人账户停缴封存的"); HPF Regs Art. 24: sealed for at least
// hpf.exit.min_sealed_months completed months (0 = no waiting period).
bool check_sealed_long_enough(Violations& v, const Policy& p, Trace* t, Date on, const state::Account& a, const std::string& field) {
  const auto min = p.get<std::int64_t>(Key::hpf_exit_min_sealed_months, on, t);
  if (min <= 0) return true;
  if (a.sealed_on && completed_months(*a.sealed_on, on) >= min) return true;
  v.add(code::HPF_EXIT_SEALED_TOO_SHORT, field, {{"months", std::to_string(min)}});
  return false;
}

// 002 三.7: "无未结清的住房公积金贷款".
bool check_no_loan(Violations& v, bool has_loan, const std::string& field) {
  if (!has_loan) return true;
  v.add(code::HPF_EXIT_HAS_LOAN, field);
  return false;
}

}  // namespace pvd::hpf::rules
