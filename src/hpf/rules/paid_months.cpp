// Rule: a month is paid at most once, and a flexible depositor remits only a month the depositor owes
// Source: 002 三.1; state.md §4
// Codes: HPF_MONTH_ALREADY_PAID, HPF_MONTH_NOT_OWED_HERE
// Policy: -
//
// 002 三.1 (汇缴: 「完成该月汇缴」); state.md §4: a month is paid at most once (by a `regular` or a
// `back_pay` entry). A month is owed once (docs/history.md): one an employer owes — the month of
// a move, by hpf.transfer.old_unit_owes_month — or that a bill already covers is not remitted by
// the depositor.
#include "hpf/rules/paid_months.hpp"
#include "provident/rules/codes.hpp"

#include "hpf/account.hpp"

namespace pvd::hpf::rules {

// 002 三.1 ("完成该月汇缴"); state.md §4: a month is paid at most once.
bool check_month_unpaid(Violations& v, const state::Account& a, YearMonth m, const std::string& field, Row row,
                        std::string_view source) {
  if (!is_paid(a, m)) return true;
  v.add(violation_at(row, code::HPF_MONTH_ALREADY_PAID, field, {{"month", m.to_string()}}, source));
  return false;
}

bool check_remit_month(Violations& v, const state::Account& a, YearMonth m, bool billed, const std::string& field) {
  if (!check_month_unpaid(v, a, m, field, std::nullopt, "002 三.1")) return false;
  // A month is owed once: one an employer owes (the month of a move, by
  // hpf.transfer.old_unit_owes_month) or has billed is not remitted here.
  if (a.status != state::AccountStatus::normal || (owed_to(a, a.unit_code, m) && !billed)) return true;
  v.add(code::HPF_MONTH_NOT_OWED_HERE, field, {{"month", m.to_string()}}, "002 三.1");
  return false;
}

}  // namespace pvd::hpf::rules
