// Rule: which monthly deposit a flexible depositor may choose — at opening, at an adjustment, at unsealing
// Source: 002 一; 002 三.6; 000 一 注; arithmetic.md §3.1; decision
// Codes: HPF_DEPOSIT_OUT_OF_RANGE, HPF_ADJUST_NO_CHANGE, HPF_DEPOSIT_REQUIRED, HPF_DEPOSIT_NOT_ADJUSTABLE
// Policy: hpf.flex.monthly_min, hpf.flex.monthly_max
//
// 002 三.6 (and 002 一 at opening): the flexible monthly deposit is chosen within
// [hpf.flex.monthly_min, hpf.flex.monthly_max] (arithmetic.md §3.1), read at the date of the
// request. 002 三.6 (月缴存额调整): an adjustment changes the amount; one to the amount already in
// force would use up the year's change for nothing (HPF_ADJUST_NO_CHANGE).
// 000 一 注 (unsealing): 「如果月缴存额输入框可以编辑则代表可以调基, 灰色不可编辑则代表不可以进行调基操作」
// — the amount field is editable only while adjustment is open (adjustment_window.cpp), and a
// change then counts as that year's adjustment. Decision: the default is the last monthly deposit
// in force; when that is missing or outside today's range an amount must be given (the seed's
// editable field), and is judged against the range.
#include "hpf/rules/deposit_amount.hpp"
#include "provident/rules/codes.hpp"

#include "hpf/account.hpp"
#include "hpf/rules/adjustment_window.hpp"

namespace pvd::hpf::rules {

using policy::Key;

bool deposit_in_range(const Policy& p, Trace* t, Date on, Money amount) {
  const Money lo = p.get<Money>(Key::hpf_flex_monthly_min, on, t);
  const Money hi = p.get<Money>(Key::hpf_flex_monthly_max, on, t);
  return !(amount < lo) && !(hi < amount);
}

// 002 三.6 (and 002 一 at opening): within [hpf.flex.monthly_min, hpf.flex.monthly_max].
bool check_deposit_range(Violations& v, const Policy& p, Trace* t, Date on, Money amount, const std::string& field,
                         std::string_view source) {
  if (deposit_in_range(p, t, on, amount)) return true;
  v.add(code::HPF_DEPOSIT_OUT_OF_RANGE, field,
        {{"min", p.get<Money>(Key::hpf_flex_monthly_min, on, t).to_string()},
         {"max", p.get<Money>(Key::hpf_flex_monthly_max, on, t).to_string()}},
        source);
  return false;
}

// 002 三.6: an adjustment to the amount already in force changes nothing.
bool check_adjustment_changes(Violations& v, const state::Account& a, YearMonth from, Money deposit, const std::string& field) {
  const state::Deposit* d = deposit_in_force(a, from);
  if (!d || d->monthly_deposit != deposit) return true;
  v.add(code::HPF_ADJUST_NO_CHANGE, field, {{"amount", deposit.to_string()}}, "002 三.6");
  return false;
}

UnsealDeposit choose_unseal_deposit(Violations& v, const Policy& p, Trace* t, LocalDateTime as_of, const state::Account& a,
                                    std::optional<Money> given, const std::string& field) {
  const Date today = as_of.date();
  UnsealDeposit u;
  u.last = last_deposit(a);
  u.default_ok = u.last && deposit_in_range(p, t, today, u.last->monthly_deposit);
  const AdjustmentWindow aw = adjustment_window(p, t, as_of, a.last_adjust_year, a.adjust_count);
  u.editable = !u.default_ok || aw.open();
  if (u.default_ok) u.chosen = u.last->monthly_deposit;
  if (!u.default_ok) {
    // Decision: no usable default — an amount must be given, within the range.
    if (!given) v.add(code::HPF_DEPOSIT_REQUIRED, field);
    else if (check_deposit_range(v, p, t, today, *given, field, "000 一 注")) u.chosen = *given;
  } else if (given && *given != u.last->monthly_deposit) {
    // 000 一 注: 「灰色不可编辑则代表不可以进行调基操作」 — a change only while adjustment is open.
    if (!aw.open()) v.add(code::HPF_DEPOSIT_NOT_ADJUSTABLE, field);
    else if (check_deposit_range(v, p, t, today, *given, field, "000 一 注")) {
      u.chosen = *given;
      u.is_adjustment = true;
    }
  }
  return u;
}

}  // namespace pvd::hpf::rules
