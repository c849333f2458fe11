// si.settle (rules.md §4; seed 004 《无变动结算操作指南》, 《有变动结算操作指南》):
// the unit's settlement period is billed — every person enrolled on a day of it,
// at the base in force, and every declared back-pay month — on one settlement
// bill, and the unit's settlement period moves one month on.
#include <algorithm>
#include "provident/rules/codes.hpp"

#include "si/ops.hpp"
#include "si/ops_common.hpp"

namespace pvd::si::ops {

namespace {

/// Cases of the unit that await review (submitted) for a change operation.
std::vector<const state::Case*> pending_change_cases(state::World& w, std::string_view unit) {
  std::vector<const state::Case*> out;
  for (const auto* c : w.cases_of_unit(unit))
    if (c->status == state::CaseStatus::submitted && is_change_op(c->op)) out.push_back(c);
  return out;
}

/// The settlement being built: its bill, the items and skipped months of the response.
struct Settlement {
  state::Bill bill;
  ojson items = ojson::array();
  ojson skipped = ojson::array();
  std::int64_t persons = 0;
};

/// What a person's billing asks: where each month is charged, which units can still bill.
struct Charging {
  const PolicyOfUnit& policy_of;
  ChargeIndex charges;
  CanBill can_bill;
};

/// A priced month onto the bill (an item of `kind`) and into the response.
void add_item(OpContext& ctx, Settlement& s, const std::string& id_number, const PricedMonth& pm, state::LedgerKind kind) {
  s.bill.items.push_back({.id_number = id_number, .type = pm.type, .month = pm.month, .employer = pm.employer,
                          .employee = pm.employee, .late_fee = pm.late_fee.fee, .kind = kind,
                          .base = pm.base});
  s.items.push_back(priced_json(pm, &id_number, std::string(state::to_text(kind)).c_str(), ctx.explain()));
}

/// The settlement period: every type the person is billed for in it (enrolled on a day
/// of it), at the base in force within the period's limits (arithmetic.md §3.2). A month
/// not owed here is skipped and reported (charged_once.cpp). Whether anything was billed.
bool bill_period(OpContext& ctx, Settlement& s, state::Person& p, const Charging& ch) {
  const std::string& unit_code = *s.bill.unit_code;
  const YearMonth period = *s.bill.period;
  bool billed = false;
  for (auto t : kTypes) {
    const std::string type(t);
    const state::Enrollment* e = enrollment_for_month(p, unit_code, type, period);
    if (!e) continue;
    std::optional<std::size_t> existing = contribution_index(p, unit_code, type, period);
    if (existing && (p.contributions[*existing].paid || p.contributions[*existing].bill_id)) continue;
    if (auto why = not_owed_here(ch.policy_of, &ctx.trace(), p, ch.charges, unit_code, type, period, false, ch.can_bill)) {
      s.skipped.push_back(skipped_json(p.id_number, period, type, *why));
      continue;
    }
    const Money base = clamp_base(e->base, limits_in_month(ctx.policy(), &ctx.trace(), period));
    const PricedMonth pm = price_month(ctx, period, type, base, ctx.today());
    const state::Contribution record{.unit_code = unit_code, .type = type, .month = period, .base = base,
                                     .employer = pm.employer, .employee = pm.employee, .bill_id = s.bill.bill_id};
    if (existing) p.contributions[*existing] = record;
    else p.contributions.push_back(record);
    add_item(ctx, s, p.id_number, pm, state::LedgerKind::regular);
    billed = true;
  }
  return billed;
}

/// Back-pay items: every unbilled record at the unit (enrollment back-pay months,
/// si.back_pay, records a withdrawn bill released), month by month in the usual type order, late fees from their own due
/// dates to as_of. A declared month charged meanwhile elsewhere (billed, paid or
/// flexible) is dropped, never charged: the first charge stands. Whether anything was billed.
bool bill_declared(OpContext& ctx, Settlement& s, state::Person& p, const Charging& ch) {
  const std::string& unit_code = *s.bill.unit_code;
  std::vector<std::size_t> unbilled;
  for (std::size_t i = 0; i < p.contributions.size(); ++i) {
    const auto& c = p.contributions[i];
    if (c.unit_code == unit_code && !c.paid && !c.bill_id) unbilled.push_back(i);
  }
  std::sort(unbilled.begin(), unbilled.end(), [&](std::size_t x, std::size_t y) {
    const auto& cx = p.contributions[x];
    const auto& cy = p.contributions[y];
    auto rank = [](const std::string& t) { return std::find(kTypes.begin(), kTypes.end(), t) - kTypes.begin(); };
    return cx.month < cy.month || (cx.month == cy.month && rank(cx.type) < rank(cy.type));
  });
  bool billed = false;
  std::vector<std::size_t> dropped;
  for (std::size_t i : unbilled) {
    auto& c = p.contributions[i];
    if (auto why = not_owed_here(ch.policy_of, &ctx.trace(), p, ch.charges, unit_code, c.type, c.month, true, ch.can_bill);
        why && why->code != code::SI_TRANSFER_MONTH_OTHER_UNIT) {
      s.skipped.push_back(skipped_json(p.id_number, c.month, c.type, *why));
      dropped.push_back(i);
      continue;
    }
    const PricedMonth pm = price_month(ctx, c.month, c.type, c.base, ctx.today());
    c.employer = pm.employer;
    c.employee = pm.employee;
    c.bill_id = s.bill.bill_id;
    // A record of the settlement period itself (released by si.settle.reverse, and not
    // billed by bill_period because another unit owes the month) is the period's regular
    // contribution, as protocol.md says of re-settling; every earlier month is back-pay.
    add_item(ctx, s, p.id_number, pm, c.month == *s.bill.period ? state::LedgerKind::regular : state::LedgerKind::back_pay);
    billed = true;
  }
  std::sort(dropped.begin(), dropped.end());
  for (auto it = dropped.rbegin(); it != dropped.rend(); ++it)
    p.contributions.erase(p.contributions.begin() + static_cast<std::ptrdiff_t>(*it));
  return billed;
}

/// Bills every person of the unit, in ID order, so that a bill reads the same whatever
/// order the host or the store holds them in. decision (issue 12): a person-month-type
/// is charged at one place only.
void bill_persons(OpContext& ctx, Settlement& s) {
  state::World& w = ctx.world();
  std::vector<const state::Person*> people = w.persons_of_unit(*s.bill.unit_code);
  std::sort(people.begin(), people.end(), [](const auto* x, const auto* y) { return x->id_number < y->id_number; });
  std::vector<std::string> ids;
  ids.reserve(people.size());
  for (const auto* cp : people) ids.push_back(cp->id_number);
  const auto bills_of = w.bills_of_persons(ids);  // flexible verifications, in one pass
  const PolicyOfUnit policy_of = unit_policies(ctx);
  for (const state::Person* cp : people) {
    state::Person& p = w.edit(*cp);
    const Charging ch{policy_of, ChargeIndex(p, flex_verified_months(bills_of.find(p.id_number)->second)),
                      can_still_bill(w, p)};
    const bool regular = bill_period(ctx, s, p, ch);
    const bool declared = bill_declared(ctx, s, p, ch);
    if (regular || declared) ++s.persons;
  }
  for (const auto& i : s.bill.items) {
    s.bill.principal += i.employer + i.employee;
    s.bill.late_fee += i.late_fee;
  }
  s.bill.amount_due = s.bill.principal + s.bill.late_fee;
  // decision (as for HPF bills, rules.md §3): a bill with nothing due is paid at creation.
  if (s.bill.amount_due.is_zero()) {
    s.bill.status = state::BillStatus::paid;
    s.bill.paid_on = s.bill.created_on;
  }
}

}  // namespace

// si.settle {unit_code, period, kind: no_change | with_change} — 004 《无变动结算
// 操作指南》, 《有变动结算操作指南》.
void settle(OpContext& ctx, ArgReader& a, OpResult& r) {
  // ---- decode
  const std::string unit_code = a.string("unit_code");
  const YearMonth period = a.month("period");
  const std::string kind = a.enumeration("kind", {"no_change", "with_change"});

  // ---- subjects
  const state::Unit& unit = si_unit(ctx, unit_code, "args.unit_code");
  state::World& w = ctx.world();
  const auto pending = pending_change_cases(w, unit_code);

  // ---- rules
  Violations& v = r.violations;
  check_settlement_period(v, unit, period, ctx.this_month(), "args.period");
  check_settlement_kind(v, unit, kind, pending, "args.kind");
  if (!v.empty()) return;

  // ---- apply
  Settlement s{.bill = {.bill_id = w.new_id(state::IdKind::bill),
                        .scheme = state::Scheme::si,
                        .unit_code = unit_code,
                        .kind = state::BillKind::settlement,
                        .period = period,
                        .created_on = ctx.effect_time().date(),
                        .due_date = due_date(ctx.policy(), &ctx.trace(), period)}};
  bill_persons(ctx, s);
  state::Unit& u = w.edit(unit);
  u.last_settled_period = period;
  u.settlement_period = period + 1;
  u.changes_since_settlement = 0;
  r.result["bill_id"] = s.bill.bill_id;
  r.result["period"] = period.to_string();
  r.result["kind"] = kind;
  r.result["persons"] = s.persons;
  r.result["items"] = std::move(s.items);
  r.result["skipped"] = std::move(s.skipped);
  put_totals(ctx, r.result, s.bill.principal, s.bill.late_fee, "items");
  r.result["due_date"] = s.bill.due_date->to_string();
  r.result["settlement_period"] = u.settlement_period->to_string();

  // ---- events
  emit(r, events::BillCreated{.bill_id = s.bill.bill_id, .unit_code = unit_code, .kind = s.bill.kind,
                              .period = period, .amount_due = s.bill.amount_due});
  emit(r, events::Settled{.unit_code = unit_code, .period = period, .kind = kind, .bill_id = s.bill.bill_id,
                          .next_period = *u.settlement_period});
  w.add(std::move(s.bill));
}

}  // namespace pvd::si::ops
