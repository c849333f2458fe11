// si.pay (rules.md §4; SI Law Art. 86): a unit's bill or a flexible worker's
// verification paid, the amount being the principal plus the late fees
// recomputed to the paid date; the months become paid on the persons' records.
#include <set>

#include "si/ops.hpp"
#include "si/ops_common.hpp"

namespace pvd::si::ops {

namespace {

/// The bill a payment names: a unit's SI bill (bill_id, with unit_code) or a flexible
/// verification (verification_id); REQ_NOT_FOUND when there is none. The request is
/// evaluated under the unit's profile when a unit is named.
const state::Bill& bill_to_pay(OpContext& ctx, const std::optional<std::string>& unit_code,
                               const std::optional<std::string>& bill_id, const std::optional<std::string>& verification_id) {
  state::World& w = ctx.world();
  if (bill_id) {
    if (!unit_code) protocol::throw_missing("args.unit_code");
    si_unit(ctx, *unit_code, "args.unit_code");
    const state::Bill* bill = w.bill(*bill_id);
    if (!bill || bill->scheme != state::Scheme::si || bill->kind == state::BillKind::flex) protocol::throw_not_found("args.bill_id", "缴费通知单", "SI bill", *bill_id);
    return *bill;
  }
  if (unit_code) si_unit(ctx, *unit_code, "args.unit_code");
  return flex_verification(ctx, *verification_id, "args.verification_id");
}

/// Marks the bill's months paid on the persons' records (clearing the arrears).
void mark_months_paid(state::World& w, const state::Bill& b) {
  for (const auto& i : b.items) {
    const std::string& idn = i.id_number ? *i.id_number : *b.id_number;
    const state::Person* cp = w.current_person(idn);  // a corrected number: its person (issue 18 (1))
    if (!cp) continue;
    state::Person& p = w.edit(*cp);
    if (b.kind == state::BillKind::flex) {
      // decision: a flexible worker's paid months are pension contributions of no unit.
      p.contributions.push_back({.unit_code = "", .type = "pension", .month = i.month, .base = i.base.value_or(Money()),
                                 .employer = i.employer, .employee = i.employee, .bill_id = b.bill_id, .paid = true});
      continue;
    }
    for (auto& c : p.contributions)
      if (c.bill_id == b.bill_id && c.type == i.type && c.month == i.month) c.paid = true;
  }
}

}  // namespace

// si.pay {unit_code, bill_id | verification_id, amount, paid_date} — SI Law
// Art. 86: the amount is the principal plus the late fees recomputed to the
// paid date (the bill's own fee, to its as_of, is informational).
void pay(OpContext& ctx, ArgReader& a, OpResult& r) {
  // ---- decode
  const auto unit_code = a.opt_string("unit_code");
  const auto bill_id = a.opt_string("bill_id");
  const auto verification_id = a.opt_string("verification_id");
  const Money amount = a.money("amount");
  const Date paid_date = a.date("paid_date");
  if (bill_id.has_value() == verification_id.has_value()) {
    if (!bill_id) protocol::throw_missing("args.bill_id");
    protocol::throw_bad_value("args.verification_id", "bill_id与verification_id只能给出一个",
                              "give either bill_id or verification_id, not both");
  }

  // ---- subjects
  const state::Bill& bill = bill_to_pay(ctx, unit_code, bill_id, verification_id);

  // ---- rules
  Violations& v = r.violations;
  check_bill_payable(v, bill, unit_code, bill_id ? "args.bill_id" : "args.verification_id");
  check_paid_date(v, paid_date, ctx.today(), "args.paid_date");
  const std::vector<Money> fees = late_fees_to(ctx.policy(), &ctx.trace(), bill, paid_date);
  Money late_fee;
  for (const auto& fee : fees) late_fee += fee;
  put_totals(ctx, r.result, bill.principal, late_fee, "items");
  check_payment_amount(v, amount, bill.principal, late_fee, "args.amount");
  std::set<YearMonth> months;
  for (const auto& i : bill.items) months.insert(i.month);
  ojson paid_months = ojson::array();
  for (auto m : months) paid_months.push_back(m.to_string());
  r.result["paid_months"] = paid_months;
  if (!v.empty()) return;

  // ---- apply
  state::World& w = ctx.world();
  state::Bill& b = w.edit(bill);
  b.status = state::BillStatus::paid;
  b.paid_on = paid_date;
  b.late_fee = late_fee;
  b.amount_due = b.principal + late_fee;
  for (std::size_t k = 0; k < b.items.size(); ++k) b.items[k].late_fee = fees[k];
  mark_months_paid(w, b);

  // ---- events
  emit(r, events::BillPaid{.bill_id = b.bill_id, .amount = amount, .paid_date = paid_date});
}

}  // namespace pvd::si::ops
