// si.flex.verify, si.flex.rollback (rules.md §4; seed 004 §2.5.5 灵活就业人员缴费
// 核定, §2.5.6 核定回退, headings only): a flexible worker's pension months
// verified at a chosen base, payable with si.pay; an unpaid verification withdrawn.
#include <algorithm>

#include "si/ops.hpp"
#include "si/ops_common.hpp"
#include "si/rules/flexible_rules.hpp"

namespace pvd::si::ops {

// si.flex.verify {id_number, from, to, base} — decision on 004 §2.5.5 (heading
// only) and 国发〔2005〕38号: total = round(base × si.flex.rate), personal =
// round(base × si.flex.personal_rate), pool = total − personal.
void flex_verify(OpContext& ctx, ArgReader& a, OpResult& r) {
  // ---- decode
  const std::string id_text = a.string("id_number");
  const MonthPeriod period{a.month("from"), a.month("to")};
  const Money base = a.money("base");
  if (month_count(period) > protocol::kMaxPeriodMonths)
    protocol::throw_bad_value("args.to", "时间段超过" + std::to_string(protocol::kMaxPeriodMonths) + "个月的上限",
                              "a period longer than the limit of " + std::to_string(protocol::kMaxPeriodMonths) + " months");

  // ---- subjects
  Violations& v = r.violations;
  const state::Person* person = person_by_id(ctx, v, id_text, "args.id_number");
  if (!person) return;
  state::World& w = ctx.world();

  // ---- rules
  check_period_order(v, period, "args.from");
  if (period.inverted()) return;
  check_flex_month_begun(v, period, ctx.this_month(), "args.to");
  const MonthPeriod begun{period.from, std::min(period.to, ctx.this_month())};
  check_base_within_limits(v, ctx.policy(), &ctx.trace(), base, begun, "args.base");
  check_flex_not_employed(v, *person, begun, "args.from");
  check_not_retired_by(v, *person, period.to, "args.to");
  check_flex_verified_once(v, flex_verified_months(w, person->id_number), period, "args.from");
  check_flex_months_registered(v, *person, period, "args.from");  // issue 18
  if (!v.empty()) return;

  // ---- apply
  // The person is the verification's subject: touched, so that the store's
  // "time goes forward" rule (protocol.md §5) sees this request's as_of on
  // the person (found by the SI simulation: a later request dated before it was accepted).
  w.edit(*person);
  state::Bill bill{.bill_id = w.new_id(state::IdKind::verification),
                   .scheme = state::Scheme::si,
                   .id_number = person->id_number,
                   .kind = state::BillKind::flex,
                   .created_on = ctx.effect_time().date()};
  ojson months = ojson::array();
  for (YearMonth m = period.from; m <= period.to; ++m) {
    const FlexMonth f = flex_contribution(ctx.policy(), &ctx.trace(), m, base);
    bill.items.push_back({.id_number = person->id_number, .type = "pension", .month = m, .employer = Money(),
                          .employee = f.total, .late_fee = Money(), .base = base, .pool = f.pool, .personal = f.personal});
    bill.principal += f.total;
    ojson x = {{"month", m.to_string()}, {"base", base.to_string()}};
    const auto dpool = sum_of({"total", "-personal"}, f.pool);
    protocol::put_money(x, "total", f.total, &f.total_derivation, ctx.explain());
    protocol::put_money(x, "pool", f.pool, &dpool, ctx.explain());
    protocol::put_money(x, "personal", f.personal, &f.personal_derivation, ctx.explain());
    months.push_back(std::move(x));
  }
  bill.amount_due = bill.principal;
  r.result["verification_id"] = bill.bill_id;
  r.result["months"] = std::move(months);
  const auto dt = sum_of({"months[].total"}, bill.principal);
  protocol::put_money(r.result, "total", bill.principal, &dt, ctx.explain());

  // ---- events
  emit(r, events::BillCreated{.bill_id = bill.bill_id, .id_number = person->id_number, .kind = bill.kind,
                              .amount_due = bill.amount_due});
  w.add(std::move(bill));
}

// si.flex.rollback {verification_id} — decision on 004 §2.5.6 (heading only): an
// unpaid verification is withdrawn; its months may be verified again.
void flex_rollback(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string vid = a.string("verification_id");
  const state::Bill& bill = flex_verification(ctx, vid, "args.verification_id");
  check_flex_rollback(r.violations, bill, "args.verification_id");
  if (!r.violations.empty()) return;
  ctx.world().edit(bill).status = state::BillStatus::withdrawn;
  r.result["verification_id"] = vid;
  r.result["status"] = "withdrawn";
  emit(r, events::BillWithdrawn{.bill_id = vid});
}

}  // namespace pvd::si::ops
