// Rule: which bill an employer may pay or withdraw
// Source: 003 5; state.md §4; rules.md §3; decision
// Codes: BILL_NOT_PAYABLE, PAYMENT_TOO_SMALL, HPF_ACCOUNT_CLOSED, HPF_MONTH_ALREADY_PAID, BILL_NOT_WITHDRAWABLE
// Policy: -
//
// 003 5 (缴款入账): an open bill of the unit is paid in full — a payment below its amount due is
// refused; the excess is kept as the unit's suspense balance (暂存款). State rules hold at the
// moment of payment (state.md §4): a month is paid at most once, and a closed account takes no
// entry.
// rules.md §3 (verify_remittance: the suspense used is "reserved now, released if the bill is
// withdrawn"); state.md: bill status `withdrawn`. Decisions where the spec is silent: only an open
// bill of this unit can be withdrawn; a remittance bill only while its month is the unit's last
// verified month (verification goes in month order, so a withdrawn month is verified again next).
#include "hpf/rules/bill_state.hpp"
#include "provident/rules/codes.hpp"

#include "hpf/account.hpp"
#include "hpf/rules/paid_months.hpp"
#include "hpf/rules/subject_status.hpp"

namespace pvd::hpf::rules {

bool check_bill_payable(Violations& v, const state::Bill& b, bool ours) {
  if (ours && b.status == state::BillStatus::open) return true;
  v.add(code::BILL_NOT_PAYABLE, "args.bill_id");
  return false;
}

bool check_payment_covers(Violations& v, const state::Bill& b, Money amount) {
  if (!(amount < b.amount_due)) return true;
  v.add(code::PAYMENT_TOO_SMALL, "args.amount", {{"amount", amount.to_string()}, {"due", b.amount_due.to_string()}});
  return false;
}

// state.md §4: a month is paid at most once; a closed account accepts only queries.
bool check_bill_item_payable(Violations& v, const state::Account& a, const state::BillItem& item) {
  if (!check_not_closed(v, a, "args.bill_id")) return false;
  if (!pays_month(item.kind.value_or(state::LedgerKind::regular))) return true;
  return check_month_unpaid(v, a, item.month, "args.bill_id", std::nullopt, "003 5");
}

bool check_bill_withdrawable(Violations& v, const state::Bill& b, bool ours, const state::Unit& u) {
  if (!ours || b.status != state::BillStatus::open) {
    const bool paid = b.status == state::BillStatus::paid;
    v.add(code::BILL_NOT_WITHDRAWABLE, "args.bill_id",
          {{"reason", !ours ? "不属于本单位" : paid ? "已缴款" : "已撤销",
            !ours ? "it is not this unit's" : paid ? "it is paid" : "it is already withdrawn"}});
    return false;
  }
  // Decision: verification goes in month order, so only the last verified month is withdrawn.
  const bool remittance = b.kind == state::BillKind::remittance && b.period;
  if (!remittance || (!u.verified_months.empty() && u.verified_months.back() == *b.period)) return true;
  v.add(code::BILL_NOT_WITHDRAWABLE, "args.bill_id", {{"reason", "其后月份已核定", "a later month is verified"}});
  return false;
}

}  // namespace pvd::hpf::rules
