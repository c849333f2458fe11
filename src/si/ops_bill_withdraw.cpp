// si.bill.withdraw (issue 18; rules.md §3 as hpf.unit.withdraw_bill): an unpaid SI
// settlement bill withdrawn; its months become declared, unbilled months again.
#include <set>

#include "si/bill_withdraw.hpp"
#include "si/ops.hpp"

namespace pvd::si {

void withdraw_settlement_bill(OpContext& ctx, OpResult& r, const state::Bill& bill) {
  state::World& w = ctx.world();
  state::Bill& b = w.edit(bill);
  b.status = state::BillStatus::withdrawn;
  std::set<std::string> persons;
  for (const auto& i : b.items)
    if (i.id_number) persons.insert(*i.id_number);
  std::int64_t released = 0;
  for (const auto& id : persons) {
    const state::Person* cp = w.current_person(id);  // a corrected number: its person (issue 18 (1))
    if (!cp) continue;
    state::Person& p = w.edit(*cp);
    for (auto& c : p.contributions)
      if (c.bill_id == b.bill_id && !c.paid) {
        c.bill_id.reset();
        ++released;
      }
  }
  // SI settlements use no suspense today; a bill that did gets it back, as an HPF bill does.
  if (!b.suspense_used.is_zero() && b.unit_code)
    if (const state::Unit* u = w.unit(*b.unit_code)) w.edit(*u).suspense_balance += b.suspense_used;
  r.result["bill_id"] = b.bill_id;
  r.result["status"] = "withdrawn";
  r.result["records_released"] = released;
  emit(r, events::BillWithdrawn{.bill_id = b.bill_id});
}

namespace ops {

// si.bill.withdraw {unit_code, bill_id} — decision on 004 《有变动结算操作指南》 (rules/bill_withdrawal.cpp).
void bill_withdraw(OpContext& ctx, ArgReader& a, OpResult& r) {
  // ---- decode
  const std::string unit_code = a.string("unit_code");
  const std::string bill_id = a.string("bill_id", 64);

  // ---- subjects
  si_unit(ctx, unit_code, "args.unit_code");
  const state::Bill* bill = ctx.world().bill(bill_id);
  if (!bill || bill->scheme != state::Scheme::si) protocol::throw_not_found("args.bill_id", "缴费通知单", "SI bill", bill_id);

  // ---- rules
  if (!check_si_bill_withdrawable(r.violations, *bill, unit_code, "args.bill_id")) return;

  // ---- apply and events
  withdraw_settlement_bill(ctx, r, *bill);
}

}  // namespace ops
}  // namespace pvd::si
