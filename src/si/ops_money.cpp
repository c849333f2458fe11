// SI money (rules.md §4; seed 004 back-pay and settlement guides, §2.5.5–6):
// si.back_pay, si.settle, si.pay, si.flex.verify, si.flex.rollback.
#include <algorithm>
#include <map>
#include <set>

#include "si/billing.hpp"
#include "si/ops.hpp"
#include "si/ops_common.hpp"
#include "si/rules.hpp"

namespace pvd::si {

using policy::Key;
using protocol::ArgReader;
using protocol::OpContext;
using protocol::OpKind;
using protocol::OpResult;
using protocol::ojson;

namespace {

/// Consecutive months of `months` (ascending) as ranges.
std::vector<MonthPeriod> runs(const std::vector<YearMonth>& months) {
  std::vector<MonthPeriod> out;
  for (auto m : months) {
    if (!out.empty() && out.back().to + 1 == m) out.back().to = m;
    else out.push_back({m, m});
  }
  return out;
}

void put_totals(OpContext& ctx, ojson& obj, Money principal, Money late_fee, const char* items_name) {
  const std::string items(items_name);
  auto dp = sum_of({items + "[].employer", items + "[].employee"}, principal);
  auto dl = sum_of({items + "[].late_fee"}, late_fee);
  auto dt = sum_of({"principal", "late_fee"}, principal + late_fee);
  protocol::put_money(obj, "principal", principal, &dp, ctx.explain());
  protocol::put_money(obj, "late_fee", late_fee, &dl, ctx.explain());
  protocol::put_money(obj, "total", principal + late_fee, &dt, ctx.explain());
}

// ------------------------------------------------------------------ si.back_pay

// si.back_pay {unit_code, id_number, from, to, wage, types?} — 004 《单位职工核定基数
// 补缴申报指南》 (开始月份, 终止月份, 工资) and §2.5.4 个人补收 (one type).
void back_pay(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string unit_code = a.string("unit_code");
  const std::string id_text = a.string("id_number");
  const MonthPeriod period{a.month("from"), a.month("to")};
  const Money wage = a.money("wage");
  const auto given_types = read_types(a, "types", true);
  if (month_count(period) > protocol::kMaxBackPayMonths)
    protocol::throw_bad_value("args.to", "一次补缴不能超过" + std::to_string(protocol::kMaxBackPayMonths) + "个月",
                              "one back-pay covers at most " + std::to_string(protocol::kMaxBackPayMonths) + " months");

  const state::Unit& unit = si_unit(ctx, unit_code, "args.unit_code");
  state::World& w = ctx.world();
  Violations& v = r.violations;
  const auto id = id::check_citizen_id(v, id_text, ctx.today(), false, "args.id_number");
  if (!id) return;
  const state::Person& person = known_person(ctx, id->number, "args.id_number");

  // rules.md §4: from ≤ to.
  check_period_order(v, period, {"args.from", {}});
  // 004 核定基数补缴: "补缴当月之前的社保" — the end month is before the settlement period.
  if (!unit.settlement_period || !(period.to < *unit.settlement_period))
    add(v, "SI_BACK_PAY_NOT_PAST", {"args.to", {}},
        {{"period", unit.settlement_period ? unit.settlement_period->to_string() : std::string("—")}});
  if (!wage.is_positive()) add(v, "AMOUNT_NOT_POSITIVE", {"args.wage", {}});
  // Default: every type the person has been enrolled for at this unit.
  const std::vector<std::string> types = given_types ? *given_types : enrolled_types_at(person, unit_code);
  if (types.empty())
    add(v, "SI_NOT_ENROLLED_IN_PERIOD", {"args.id_number", {}}, {month_range_param(period), any_type_zh(), any_type_en()});
  if (period.inverted()) return;

  const MonthPeriod ps[1] = {period};
  const MonthSet wanted = MonthSet::of(ps);
  const ContributionIndex index(person);
  const ChargeIndex charges(person, flex_verified_months(w, person.id_number));
  const PolicyOfUnit policy_of = unit_policies(ctx);
  const CanBill can_bill = can_still_bill(w, person);
  for (const auto& t : types) {
    // 004 核定基数补缴: "如果该职工为首次在单位参保请先做人员增加再做核定基数补缴".
    const MonthSet gaps = wanted.minus(enrolled_months(person, unit_code, t, period.to));
    // decision (issue 12): a month charged elsewhere, a transfer month another unit owes,
    // or a retired person's pension month is not back-paid here; runs of months with
    // the same reason are reported together.
    {
      std::optional<NotOwed> cur;
      MonthPeriod run{period.from, period.from};
      auto flush = [&] {
        if (cur) add_not_owed(v, *cur, run, t, "args.from");
      };
      for (YearMonth m = period.from; m <= period.to; ++m) {
        std::optional<NotOwed> why;
        if (!gaps.contains(m)) why = not_owed_here(policy_of, &ctx.trace(), person, charges, unit_code, t, m, false, can_bill);
        else if (retired_in(person, t, m)) why = NotOwed{"SI_RETIRED", person.retired_from->to_string()};
        const bool same = why && cur && why->code == cur->code && why->other == cur->other && run.to + 1 == m;
        if (same) {
          run.to = m;
          continue;
        }
        flush();
        cur = why;
        run = {m, m};
      }
      flush();
    }
    for (const auto& gap : gaps.ranges())
      add(v, "SI_NOT_ENROLLED_IN_PERIOD", {"args.from", {}}, {month_range_param(gap), type_zh_param(t), type_en_param(t)});
    std::vector<YearMonth> paid, billed;
    for (YearMonth m = period.from; m <= period.to; ++m) {
      const state::Contribution* c = index.find(unit_code, t, m);
      if (!c) continue;
      if (c->paid) paid.push_back(m);
      else if (c->bill_id)
        if (const state::Bill* b = w.bill(*c->bill_id); b && b->status == "open") billed.push_back(m);
    }
    for (const auto& run : runs(paid))
      add(v, "SI_MONTH_ALREADY_PAID", {"args.from", {}}, {month_range_param(run), type_zh_param(t), type_en_param(t)});
    // decision: a month on an open bill is paid through that bill, not billed again.
    for (const auto& run : runs(billed))
      add(v, "SI_MONTH_ALREADY_BILLED", {"args.from", {}}, {month_range_param(run), type_zh_param(t), type_en_param(t)});
  }
  if (types.empty()) return;

  // Per month and type: base = wage within that month's limits; late fee to as_of.
  std::vector<PricedMonth> priced;
  for (YearMonth m = period.from; m <= period.to; ++m) {
    const Money mb = clamp_base(wage, limits_in_month(ctx.policy(), &ctx.trace(), m));
    for (const auto& t : types) priced.push_back(price_month(ctx, m, t, mb, ctx.today()));
  }
  Money principal, late_fee;
  ojson items = ojson::array();
  for (const auto& p : priced) {
    items.push_back(priced_json(p, nullptr, nullptr, ctx.explain()));
    principal += p.principal();
    late_fee += p.late_fee.fee;
  }
  r.result["items"] = std::move(items);
  put_totals(ctx, r.result, principal, late_fee, "items");
  if (!v.empty()) return;

  // Recorded unbilled: the next settlement bills them (rules.md §4 si.settle).
  state::Person& p = w.edit(person);
  for (const auto& x : priced) {
    if (auto i = contribution_index(p, unit_code, x.type, x.month)) {
      auto& c = p.contributions[*i];  // an unbilled record: re-declared
      c.base = x.base;
      c.employer = x.employer;
      c.employee = x.employee;
    } else {
      p.contributions.push_back({unit_code, x.type, x.month, x.base, x.employer, x.employee, std::nullopt, false});
    }
  }
  count_change(w, unit);
  // Decision: state.md §3 names no event for this; the recorded months are an
  // audit fact, so `si.back_pay_declared` (an addition to the stable list,
  // docs/protocol.md) says what the next settlement will bill.
  r.event({{"type", "si.back_pay_declared"}, {"unit_code", unit_code}, {"id_number", p.id_number},
           {"from", period.from.to_string()}, {"to", period.to.to_string()}, {"types", ojson(types)},
           {"principal", principal.to_string()}});
}

// ------------------------------------------------------------------ si.settle

// si.settle {unit_code, period, kind: no_change | with_change} — 004 《无变动结算
// 操作指南》, 《有变动结算操作指南》.
void settle(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string unit_code = a.string("unit_code");
  const YearMonth period = a.month("period");
  const std::string kind = a.enumeration("kind", {"no_change", "with_change"});

  const state::Unit& unit = si_unit(ctx, unit_code, "args.unit_code");
  state::World& w = ctx.world();
  Violations& v = r.violations;
  // The settlement period is the unit's (结算期), and not after the as_of month.
  if (!unit.settlement_period || period != *unit.settlement_period)
    add(v, "SI_SETTLE_WRONG_PERIOD", {"args.period", {}},
        {{"period", unit.settlement_period ? unit.settlement_period->to_string() : std::string("—")}});
  if (ctx.this_month() < period) add(v, "SI_SETTLE_FUTURE_PERIOD", {"args.period", {}});
  const auto pending = pending_change_cases(w, unit_code);
  // 《无变动结算》 "适用于当月无任何变动的参保单位": a change made, or one awaiting review,
  // since the last settlement refuses it (decision: a pending change is a change).
  if (kind == "no_change" && (unit.changes_since_settlement > 0 || !pending.empty()))
    add(v, "SI_SETTLE_HAS_CHANGES", {"args.kind", {}});
  // 《有变动结算》 "申报之前请务必确定所有变动业务已经申报完毕且审核通过".
  if (kind == "with_change" && !pending.empty()) add(v, "SI_SETTLE_PENDING_REVIEW", {"args.kind", {}});
  if (!v.empty()) return;

  state::Bill bill;
  bill.bill_id = w.new_id(state::IdKind::bill);
  bill.scheme = "si";
  bill.unit_code = unit_code;
  bill.kind = "settlement";
  bill.period = period;
  bill.created_on = ctx.effect_time().date();
  bill.due_date = due_date(ctx.policy(), &ctx.trace(), period);

  ojson items = ojson::array();
  ojson skipped = ojson::array();
  const PolicyOfUnit policy_of = unit_policies(ctx);
  std::int64_t persons = 0;
  // Persons in ID order, so that a bill reads the same whatever order the host or the
  // store holds them in.
  std::vector<const state::Person*> people = w.persons_of_unit(unit_code);
  std::sort(people.begin(), people.end(), [](const auto* x, const auto* y) { return x->id_number < y->id_number; });
  std::vector<std::string> ids;
  ids.reserve(people.size());
  for (const auto* cp : people) ids.push_back(cp->id_number);
  const auto bills_of = w.bills_of_persons(ids);  // flexible verifications, in one pass
  for (const state::Person* cp : people) {
    state::Person& p = w.edit(*cp);
    bool billed_someone = false;
    // decision (issue 12): a person-month-type is charged at one place only; a month
    // charged elsewhere (another unit, or as a flexible worker), a transfer month the
    // other unit owes, or a retired person's pension month is skipped and reported.
    const ChargeIndex charges(p, flex_verified_months(bills_of.find(p.id_number)->second));
    const CanBill can_bill = can_still_bill(w, p);
    // Current period: every type the person is billed for in the period (enrolled on a
    // day of it), at the base in force within the period's limits (arithmetic.md §3.2).
    for (auto t : kTypes) {
      const std::string type(t);
      const state::Enrollment* e = enrollment_for_month(p, unit_code, type, period);
      if (!e) continue;
      std::optional<std::size_t> existing = contribution_index(p, unit_code, type, period);
      if (existing && (p.contributions[*existing].paid || p.contributions[*existing].bill_id)) continue;
      if (auto why = not_owed_here(policy_of, &ctx.trace(), p, charges, unit_code, type, period, false, can_bill)) {
        skipped.push_back(skipped_json(p.id_number, period, type, *why));
        continue;
      }
      const Money base = clamp_base(e->base, limits_in_month(ctx.policy(), &ctx.trace(), period));
      const PricedMonth pm = price_month(ctx, period, type, base, ctx.today());
      if (existing) {
        auto& c = p.contributions[*existing];
        c = {unit_code, type, period, base, pm.employer, pm.employee, bill.bill_id, false};
      } else {
        p.contributions.push_back({unit_code, type, period, base, pm.employer, pm.employee, bill.bill_id, false});
      }
      bill.items.push_back({std::nullopt, p.id_number, type, period, pm.employer, pm.employee, pm.late_fee.fee,
                            std::string("regular"), base, std::nullopt, std::nullopt});
      items.push_back(priced_json(pm, &p.id_number, "regular", ctx.explain()));
      billed_someone = true;
    }
    // Back-pay items: every unbilled record at the unit (enrollment back-pay months and
    // si.back_pay), late fees from their own due dates to as_of.
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
    std::vector<std::size_t> dropped;
    for (std::size_t i : unbilled) {
      auto& c = p.contributions[i];
      // A declared month charged meanwhile elsewhere (billed, paid or flexible): the
      // first charge stands; the declared record is dropped, never charged.
      if (auto why = not_owed_here(policy_of, &ctx.trace(), p, charges, unit_code, c.type, c.month, true, can_bill);
          why && why->code != "SI_TRANSFER_MONTH_OTHER_UNIT") {
        skipped.push_back(skipped_json(p.id_number, c.month, c.type, *why));
        dropped.push_back(i);
        continue;
      }
      const PricedMonth pm = price_month(ctx, c.month, c.type, c.base, ctx.today());
      c.employer = pm.employer;
      c.employee = pm.employee;
      c.bill_id = bill.bill_id;
      bill.items.push_back({std::nullopt, p.id_number, c.type, c.month, pm.employer, pm.employee, pm.late_fee.fee,
                            std::string("back_pay"), c.base, std::nullopt, std::nullopt});
      items.push_back(priced_json(pm, &p.id_number, "back_pay", ctx.explain()));
      billed_someone = true;
    }
    std::sort(dropped.begin(), dropped.end());
    for (auto it = dropped.rbegin(); it != dropped.rend(); ++it)
      p.contributions.erase(p.contributions.begin() + static_cast<std::ptrdiff_t>(*it));
    if (billed_someone) ++persons;
  }
  for (const auto& i : bill.items) {
    bill.principal += i.employer + i.employee;
    bill.late_fee += i.late_fee;
  }
  bill.amount_due = bill.principal + bill.late_fee;
  // decision (as for HPF bills, rules.md §3): a bill with nothing due is paid at creation.
  if (bill.amount_due.is_zero()) {
    bill.status = "paid";
    bill.paid_on = bill.created_on;
  }

  state::Unit& u = w.edit(unit);
  u.last_settled_period = period;
  u.settlement_period = period + 1;
  u.changes_since_settlement = 0;

  r.result["bill_id"] = bill.bill_id;
  r.result["period"] = period.to_string();
  r.result["kind"] = kind;
  r.result["persons"] = persons;
  r.result["items"] = std::move(items);
  r.result["skipped"] = std::move(skipped);
  put_totals(ctx, r.result, bill.principal, bill.late_fee, "items");
  r.result["due_date"] = bill.due_date->to_string();
  r.result["settlement_period"] = u.settlement_period->to_string();
  r.event({{"type", "bill.created"}, {"bill_id", bill.bill_id}, {"unit_code", unit_code}, {"kind", "settlement"},
           {"period", period.to_string()}, {"amount_due", bill.amount_due.to_string()}});
  r.event({{"type", "si.settled"}, {"unit_code", unit_code}, {"period", period.to_string()}, {"kind", kind},
           {"bill_id", bill.bill_id}, {"next_period", u.settlement_period->to_string()}});
  w.add(std::move(bill));
}

// ------------------------------------------------------------------ si.pay

// si.pay {unit_code, bill_id | verification_id, amount, paid_date} — SI Law
// Art. 86: the amount is the principal plus the late fees recomputed to the
// paid date (the bill's own fee, to its as_of, is informational).
void pay(OpContext& ctx, ArgReader& a, OpResult& r) {
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
  state::World& w = ctx.world();
  Violations& v = r.violations;
  const state::Bill* bill = nullptr;
  if (bill_id) {
    if (!unit_code) protocol::throw_missing("args.unit_code");
    si_unit(ctx, *unit_code, "args.unit_code");
    bill = w.bill(*bill_id);
    if (!bill || bill->scheme != "si" || bill->kind == "flex") protocol::throw_not_found("args.bill_id", "缴费通知单", "SI bill", *bill_id);
    // 003 5 / rules.md §4: a bill of this unit, still open.
    if (bill->unit_code != unit_code || bill->status != "open") add(v, "BILL_NOT_PAYABLE", {"args.bill_id", {}});
  } else {
    if (unit_code) si_unit(ctx, *unit_code, "args.unit_code");
    bill = w.bill(*verification_id);
    if (!bill || bill->kind != "flex") protocol::throw_not_found("args.verification_id", "灵活就业缴费核定", "flexible verification", *verification_id);
    if (bill->status != "open") add(v, "BILL_NOT_PAYABLE", {"args.verification_id", {}});
  }
  // decision: a payment is recorded on a day that has happened.
  if (ctx.today() < paid_date) add(v, "SI_PAID_DATE_IN_FUTURE", {"args.paid_date", {}});

  // Late fees recomputed to the paid date, per contribution month (arithmetic.md §3.3).
  // decision: flexible contributions are voluntary and carry no late fee.
  std::vector<Money> fees;
  Money late_fee;
  for (const auto& i : bill->items) {
    Money fee;
    if (bill->kind != "flex")
      fee = compute_late_fee(ctx.policy(), &ctx.trace(), i.employer + i.employee, due_date(ctx.policy(), &ctx.trace(), i.month), paid_date).fee;
    fees.push_back(fee);
    late_fee += fee;
  }
  const Money due = bill->principal + late_fee;
  put_totals(ctx, r.result, bill->principal, late_fee, "items");
  if (amount != due)
    add(v, "PAYMENT_AMOUNT_MISMATCH", {"args.amount", {}},
        {{"due", due.to_string()}, {"principal", bill->principal.to_string()}, {"late_fee", late_fee.to_string()}});
  std::set<YearMonth> months;
  for (const auto& i : bill->items) months.insert(i.month);
  ojson paid_months = ojson::array();
  for (auto m : months) paid_months.push_back(m.to_string());
  r.result["paid_months"] = paid_months;
  if (!v.empty()) return;

  state::Bill& b = w.edit(*bill);
  b.status = "paid";
  b.paid_on = paid_date;
  b.late_fee = late_fee;
  b.amount_due = due;
  for (std::size_t k = 0; k < b.items.size(); ++k) b.items[k].late_fee = fees[k];
  // Marks the months paid on the persons' records; clears the arrears.
  for (const auto& i : b.items) {
    const std::string& idn = i.id_number ? *i.id_number : *b.id_number;
    const state::Person* cp = w.person(idn);
    if (!cp) continue;
    state::Person& p = w.edit(*cp);
    if (b.kind == "flex") {
      // decision: a flexible worker's paid months are pension contributions of no unit.
      p.contributions.push_back({"", "pension", i.month, i.base.value_or(Money()), i.employer, i.employee, b.bill_id, true});
      continue;
    }
    for (auto& c : p.contributions)
      if (c.bill_id == b.bill_id && c.type == i.type && c.month == i.month) c.paid = true;
  }
  r.event({{"type", "bill.paid"}, {"bill_id", b.bill_id}, {"amount", amount.to_string()}, {"paid_date", paid_date.to_string()}});
}

// ------------------------------------------------------------------ si.flex.verify

/// 004 §2.5.5 (灵活就业人员缴费核定) and decision (issue 12): a month in which the person
/// is insured for pension as an employee — an enrollment at a unit covering a day of it,
/// or a pension contribution at a unit — is not a flexible month. Runs per unit.
void check_flex_not_employed(Violations& v, const state::Person& p, const MonthPeriod& period) {
  std::map<std::string, std::set<YearMonth>> at;  // unit → months
  for (const auto& e : p.enrollments) {
    if (e.type != "pension" || e.unit_code.empty()) continue;
    const YearMonth from = std::max(period.from, e.from.year_month());
    const YearMonth to = e.to ? std::min(period.to, e.to->year_month()) : period.to;
    for (YearMonth m = from; m <= to; ++m) at[e.unit_code].insert(m);
  }
  for (const auto& c : p.contributions)
    if (c.type == "pension" && !c.unit_code.empty() && period.contains(c.month)) at[c.unit_code].insert(c.month);
  for (const auto& [unit, months] : at) {
    std::vector<YearMonth> ms(months.begin(), months.end());
    for (const auto& run : runs(ms))
      add(v, "SI_FLEX_MONTH_EMPLOYED", {"args.from", {}}, {month_range_param(run), {"unit", unit}});
  }
}

// si.flex.verify {id_number, from, to, base} — decision on 004 §2.5.5 (heading
// only) and 国发〔2005〕38号: total = round(base × si.flex.rate), personal =
// round(base × si.flex.personal_rate), pool = total − personal.
void flex_verify(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string id_text = a.string("id_number");
  const MonthPeriod period{a.month("from"), a.month("to")};
  const Money base = a.money("base");
  if (month_count(period) > protocol::kMaxPeriodMonths)
    protocol::throw_bad_value("args.to", "时间段超过" + std::to_string(protocol::kMaxPeriodMonths) + "个月的上限",
                              "a period longer than the limit of " + std::to_string(protocol::kMaxPeriodMonths) + " months");
  Violations& v = r.violations;
  const auto id = id::check_citizen_id(v, id_text, ctx.today(), false, "args.id_number");
  if (!id) return;
  const state::Person& person = known_person(ctx, id->number, "args.id_number");
  state::World& w = ctx.world();

  check_period_order(v, period, {"args.from", {}});
  if (period.inverted()) return;
  // decision: a month is verified once it has begun (no month after the as_of month).
  if (ctx.this_month() < period.to) add(v, "SI_FLEX_FUTURE_MONTH", {"args.to", {}});
  const YearMonth last = std::min(period.to, ctx.this_month());
  // Each month's base within that month's limits (arithmetic.md §3.2), reported per run
  // of months with the same limits.
  std::vector<BaseLimits> limits;
  for (YearMonth m = period.from; m <= last; ++m) limits.push_back(limits_in_month(ctx.policy(), &ctx.trace(), m));
  for (std::size_t i = 0; i < limits.size();) {
    std::size_t j = i;
    while (j + 1 < limits.size() && limits[j + 1].floor == limits[i].floor && limits[j + 1].cap == limits[i].cap) ++j;
    if (base < limits[i].floor || limits[i].cap < base)
      add(v, "SI_BASE_OUT_OF_RANGE", {"args.base", {}},
          {month_range_param({period.from + static_cast<int>(i), period.from + static_cast<int>(j)}),
           {"min", limits[i].floor.to_string()}, {"max", limits[i].cap.to_string()}});
    i = j + 1;
  }
  check_flex_not_employed(v, person, {period.from, last});
  // 001 7.1 (decision): no pension month from the retirement month on.
  if (person.retired_from && !(period.to < *person.retired_from))
    add(v, "SI_RETIRED", {"args.to", {}}, {{"month", person.retired_from->to_string()}});
  const auto done = flex_verified_months(w, person.id_number);
  std::vector<YearMonth> again;
  for (YearMonth m = period.from; m <= period.to; ++m)
    if (done.count(m)) again.push_back(m);
  for (const auto& run : runs(again)) add(v, "SI_FLEX_ALREADY_VERIFIED", {"args.from", {}}, {month_range_param(run)});
  if (!v.empty()) return;

  // The person is the verification's subject: touched, so that the store's
  // "time goes forward" rule (protocol.md §5) sees this request's as_of on
  // the person (found by the SI simulation: a later request dated before it was accepted).
  w.edit(person);

  state::Bill bill;
  bill.bill_id = w.new_id(state::IdKind::verification);
  bill.scheme = "si";
  bill.id_number = person.id_number;
  bill.kind = "flex";
  bill.created_on = ctx.effect_time().date();
  ojson months = ojson::array();
  for (YearMonth m = period.from; m <= period.to; ++m) {
    const Date on = m.first_day();
    const Rounding rd = ctx.param<Rounding>(Key::si_amount_rounding, on);
    const Rate& rate = ctx.param<Rate>(Key::si_flex_rate, on);
    const Rate& prate = ctx.param<Rate>(Key::si_flex_personal_rate, on);
    const Money total = round(base * rate, rd);
    const Money personal = round(base * prate, rd);
    const Money pool = total - personal;
    bill.items.push_back({std::nullopt, person.id_number, std::string("pension"), m, Money(), total, Money(),
                          std::nullopt, base, pool, personal});
    bill.principal += total;
    ojson x = {{"month", m.to_string()}, {"base", base.to_string()}};
    const auto dt = protocol::product(base, rate, rd, total);
    const auto dp = protocol::product(base, prate, rd, personal);
    auto dpool = sum_of({"total", "-personal"}, pool);
    protocol::put_money(x, "total", total, &dt, ctx.explain());
    protocol::put_money(x, "pool", pool, &dpool, ctx.explain());
    protocol::put_money(x, "personal", personal, &dp, ctx.explain());
    months.push_back(std::move(x));
  }
  bill.amount_due = bill.principal;
  r.result["verification_id"] = bill.bill_id;
  r.result["months"] = std::move(months);
  const auto dt = sum_of({"months[].total"}, bill.principal);
  protocol::put_money(r.result, "total", bill.principal, &dt, ctx.explain());
  r.event({{"type", "bill.created"}, {"bill_id", bill.bill_id}, {"id_number", person.id_number}, {"kind", "flex"},
           {"amount_due", bill.amount_due.to_string()}});
  w.add(std::move(bill));
}

// si.flex.rollback {verification_id} — decision on 004 §2.5.6 (heading only): an
// unpaid verification is withdrawn; its months may be verified again.
void flex_rollback(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string vid = a.string("verification_id");
  const state::Bill* bill = ctx.world().bill(vid);
  if (!bill || bill->kind != "flex") protocol::throw_not_found("args.verification_id", "灵活就业缴费核定", "flexible verification", vid);
  if (bill->status == "paid") add(r.violations, "SI_FLEX_ROLLBACK_PAID", {"args.verification_id", {}});
  if (bill->status == "withdrawn") add(r.violations, "SI_FLEX_ROLLED_BACK", {"args.verification_id", {}});
  if (!r.violations.empty()) return;
  ctx.world().edit(*bill).status = "withdrawn";
  r.result["verification_id"] = vid;
  r.result["status"] = "withdrawn";
  r.event({{"type", "bill.withdrawn"}, {"bill_id", vid}});
}

}  // namespace

void register_money_ops(protocol::Registry& reg) {
  reg.add({"si.back_pay", OpKind::command, back_pay, true, "unit_code", "Back-pay months at a declared wage (核定基数补缴)"});
  reg.add({"si.settle", OpKind::command, settle, false, "unit_code", "Settle the unit's period (无变动/有变动结算)"});
  reg.add({"si.pay", OpKind::command, pay, false, "unit_code", "Pay an SI bill or a flexible verification"});
  reg.add({"si.flex.verify", OpKind::command, flex_verify, true, "", "Verify a flexible worker's months (灵活人员缴费核定)"});
  reg.add({"si.flex.rollback", OpKind::command, flex_rollback, true, "", "Roll back a flexible verification (核定回退)"});
}

}  // namespace pvd::si
