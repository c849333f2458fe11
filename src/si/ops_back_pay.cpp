// si.back_pay (核定基数补缴; rules.md §4; seed 004 《单位职工核定基数补缴申报指南》,
// §2.5.4 个人补收): months before the settlement period declared at a wage,
// recorded unbilled for the next settlement to bill.
#include <set>

#include "si/ops.hpp"
#include "si/ops_common.hpp"

namespace pvd::si::ops {

namespace {

/// The open bills among the person's unpaid records at `unit` in `period`.
std::set<std::string> open_bills_of(state::World& w, const state::Person& p, std::string_view unit, const MonthPeriod& period) {
  std::set<std::string> out;
  for (const auto& c : p.contributions)
    if (c.unit_code == unit && period.contains(c.month) && !c.paid && c.bill_id)
      if (const state::Bill* b = w.bill(*c.bill_id); b && b->status == state::BillStatus::open) out.insert(b->bill_id);
  return out;
}

/// Records the priced months unbilled (an unbilled record of the month is re-declared):
/// the next settlement bills them (rules.md §4 si.settle).
void record_months(state::Person& p, const std::string& unit_code, const std::vector<PricedMonth>& priced) {
  for (const auto& x : priced) {
    if (auto i = contribution_index(p, unit_code, x.type, x.month)) {
      auto& c = p.contributions[*i];
      c.base = x.base;
      c.employer = x.employer;
      c.employee = x.employee;
    } else {
      p.contributions.push_back({.unit_code = unit_code, .type = x.type, .month = x.month, .base = x.base,
                                 .employer = x.employer, .employee = x.employee});
    }
  }
}

}  // namespace

// si.back_pay {unit_code, id_number, from, to, wage, types?} — 004 《单位职工核定基数
// 补缴申报指南》 (开始月份, 终止月份, 工资) and §2.5.4 个人补收 (one type).
void back_pay(OpContext& ctx, ArgReader& a, OpResult& r) {
  // ---- decode
  const std::string unit_code = a.string("unit_code");
  const std::string id_text = a.string("id_number");
  const MonthPeriod period{a.month("from"), a.month("to")};
  const Money wage = a.money("wage");
  const auto given_types = read_types(a, "types", true);
  if (month_count(period) > protocol::kMaxBackPayMonths)
    protocol::throw_bad_value("args.to", "一次补缴不能超过" + std::to_string(protocol::kMaxBackPayMonths) + "个月",
                              "one back-pay covers at most " + std::to_string(protocol::kMaxBackPayMonths) + " months");

  // ---- subjects
  const state::Unit& unit = si_unit(ctx, unit_code, "args.unit_code");
  state::World& w = ctx.world();
  Violations& v = r.violations;
  const state::Person* person = person_by_id(ctx, v, id_text, "args.id_number");
  if (!person) return;
  // Default: every type the person has been enrolled for at this unit.
  const std::vector<std::string> types = given_types ? *given_types : enrolled_types_at(*person, unit_code);

  // ---- rules
  check_period_order(v, period, "args.from");
  check_back_pay_before_settlement(v, unit, period, "args.to");
  check_wage_positive(v, wage, "args.wage");
  check_some_type_enrolled(v, types, period, "args.id_number");
  if (period.inverted()) return;
  const MonthPeriod ps[1] = {period};
  const MonthSet wanted = MonthSet::of(ps);
  const ContributionIndex index(*person);
  const ChargeIndex charges(*person, flex_verified_months(w, person->id_number));
  const PolicyOfUnit policy_of = unit_policies(ctx);
  const CanBill can_bill = can_still_bill(w, *person);
  const std::set<std::string> open_bills = open_bills_of(w, *person, unit_code, period);
  for (const auto& t : types) {
    const MonthSet gaps = wanted.minus(enrolled_months(*person, unit_code, t, period.to));
    check_months_owed_here(v, policy_of, &ctx.trace(), *person, charges, can_bill, unit_code, t, period, gaps, "args.from");
    check_enrolled_in_period(v, gaps, t, "args.from");
    check_back_pay_unbilled(v, index, open_bills, unit_code, t, period, "args.from");
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

  // ---- apply
  state::Person& p = w.edit(*person);
  record_months(p, unit_code, priced);
  count_change(w, unit);

  // ---- events
  emit(r, events::BackPayDeclared{.unit_code = unit_code, .id_number = p.id_number, .from = period.from,
                                  .to = period.to, .types = types, .principal = principal});
}

}  // namespace pvd::si::ops
