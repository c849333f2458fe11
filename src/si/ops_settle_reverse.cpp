// si.settle.reverse (issue 18): the unit's last settlement reversed while its bill
// is unpaid — the bill withdrawn, the settlement period back to the month reversed.
#include "si/bill_withdraw.hpp"
#include "si/ops.hpp"

namespace pvd::si::ops {

namespace {

/// The settlement bill of `period` at the unit — one not withdrawn if there is one (a bill
/// withdrawn by si.bill.withdraw leaves its settlement to reverse); nullptr when none.
const state::Bill* settlement_bill(state::World& w, std::string_view unit_code, YearMonth period) {
  const state::Bill* found = nullptr;
  for (const state::Bill* b : w.bills_of_unit(unit_code))
    if (b->scheme == state::Scheme::si && b->kind == state::BillKind::settlement && b->period == period &&
        (!found || found->status == state::BillStatus::withdrawn))
      found = b;
  return found;
}

/// The period settled before `period` (settlements go month by month), if the unit had one.
std::optional<YearMonth> settled_before(state::World& w, std::string_view unit_code, YearMonth period) {
  for (const state::Bill* b : w.bills_of_unit(unit_code))
    if (b->scheme == state::Scheme::si && b->kind == state::BillKind::settlement && b->period && *b->period < period)
      return period - 1;
  return std::nullopt;
}

}  // namespace

// si.settle.reverse {unit_code, period} — decision (rules/bill_withdrawal.cpp).
void settle_reverse(OpContext& ctx, ArgReader& a, OpResult& r) {
  // ---- decode
  const std::string unit_code = a.string("unit_code");
  const YearMonth period = a.month("period");

  // ---- subjects
  const state::Unit& unit = si_unit(ctx, unit_code, "args.unit_code");
  state::World& w = ctx.world();
  const state::Bill* bill = settlement_bill(w, unit_code, period);

  // ---- rules
  if (!check_settle_reversible(r.violations, unit, period, bill, "args.period")) return;

  // ---- apply
  const std::string bill_id = bill->bill_id;
  if (bill->status == state::BillStatus::open) withdraw_settlement_bill(ctx, r, *bill);
  else r.result["bill_id"] = bill_id;
  state::Unit& u = w.edit(unit);
  u.settlement_period = period;
  u.last_settled_period = settled_before(w, unit_code, period);
  // Decision: the count of changes before the settlement is not kept; the reversal counts as
  // a change, so that the month is settled again with changes (有变动结算), never as unchanged.
  u.changes_since_settlement += 1;
  r.result["period"] = period.to_string();
  r.result["settlement_period"] = period.to_string();

  // ---- events
  emit(r, events::SettlementReversed{.unit_code = unit_code, .period = period, .bill_id = bill_id,
                                     .settlement_period = period});
}

}  // namespace pvd::si::ops
