// SI calculators (protocol.md §1.4): si.base_limits, si.contribution, si.late_fee.
#include "si/ops.hpp"
#include "si/ops_common.hpp"

namespace pvd::si::ops {

// si.base_limits {year} — arithmetic.md §3.2.
void base_limits(OpContext& ctx, ArgReader& a, OpResult& r) {
  const int year = static_cast<int>(a.integer("year", 1991, 9999));
  const BaseLimits l = limits_of_year(ctx.policy(), &ctx.trace(), year);
  r.result["avg_wage"] = l.avg_wage ? ojson(l.avg_wage->to_string()) : ojson(nullptr);
  protocol::put_money(r.result, "floor", l.floor, &l.floor_derivation, ctx.explain());
  protocol::put_money(r.result, "cap", l.cap, &l.cap_derivation, ctx.explain());
}

// si.contribution {wage | base, month, types?} — a wage is clamped to the
// limits in force in `month`; a base is priced as given (calculators do not
// enforce limits).
void contribution(OpContext& ctx, ArgReader& a, OpResult& r) {
  const auto wage = a.opt_money("wage");
  const auto given = a.opt_money("base");
  const YearMonth month = a.month("month");
  const std::vector<std::string> types = read_types(a, "types", true).value_or(std::vector<std::string>(kTypes.begin(), kTypes.end()));
  if (wage.has_value() == given.has_value()) {
    if (!wage) protocol::throw_missing("args.wage");
    protocol::throw_bad_value("args.base", "wage与base只能给出一个", "give either wage or base, not both");
  }
  // quality.md §2: a negative amount is refused naming the field.
  if (wage && wage->is_negative()) protocol::throw_bad_value("args.wage", "工资不能为负数", "a wage cannot be negative");
  if (given && given->is_negative()) protocol::throw_bad_value("args.base", "缴费基数不能为负数", "a base cannot be negative");
  Money base;
  if (wage) {
    const BaseLimits l = limits_in_month(ctx.policy(), &ctx.trace(), month);
    base = clamp_base(*wage, l);
    r.result["base"] = base.to_string();
    r.result["floor"] = l.floor.to_string();
    r.result["cap"] = l.cap.to_string();
  } else {
    base = *given;
    r.result["base"] = base.to_string();
  }
  Money er_total, ee_total;
  ojson items = ojson::array();
  for (const auto& item : contributions(ctx.policy(), &ctx.trace(), month, base, types)) {
    ojson x = {{"type", item.type}};
    protocol::put_money(x, "employer", item.employer, &item.employer_derivation, ctx.explain());
    protocol::put_money(x, "employee", item.employee, &item.employee_derivation, ctx.explain());
    items.push_back(std::move(x));
    er_total += item.employer;
    ee_total += item.employee;
  }
  r.result["items"] = std::move(items);
  r.result["employer_total"] = er_total.to_string();
  r.result["employee_total"] = ee_total.to_string();
}

// si.late_fee {amount, due_date, paid_date} — arithmetic.md §3.3.
void late_fee(OpContext& ctx, ArgReader& a, OpResult& r) {
  const Money amount = a.money("amount");
  if (amount.is_negative()) protocol::throw_bad_value("args.amount", "金额不能为负数", "an amount cannot be negative");
  const Date due = a.date("due_date");
  const Date paid = a.date("paid_date");
  const LateFee f = compute_late_fee(ctx.policy(), &ctx.trace(), amount, due, paid);
  r.result["days"] = f.days;
  protocol::put_money(r.result, "fee", f.fee, &f.derivation, ctx.explain());
}

// si.provisional_difference {rows: [{month, wage, billed_base, id_number?}], types?}
// — 多退少补 (issue 15): months billed on a provisional average wage (暂按上年度
// 标准执行) are settled once the figure is published. For each row the wage is
// clamped to the limits now in force for its month (the published figure, in
// a profile update or an overlay) and priced; the difference from the base it
// was billed on is owed (positive: back-pay) or refunded (negative), per type.
// Decision: rows whose base does not change yield no items; a row's months
// priced on a figure that is itself still provisional are refused with
// POLICY_NOT_IN_FORCE only in strict mode (the response names it otherwise).
void provisional_difference(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::vector<std::string> types =
      read_types(a, "types", true).value_or(std::vector<std::string>(kTypes.begin(), kTypes.end()));
  Money owed, refunded;
  ojson items = ojson::array();
  a.each("rows", [&](ArgReader& row, std::size_t) {
    const YearMonth month = row.month("month");
    const Money wage = row.money("wage");
    const Money billed = row.money("billed_base");
    const auto id = row.opt_string("id_number", 18);
    if (wage.is_negative()) protocol::throw_bad_value(row.field("wage"), "工资不能为负数", "a wage cannot be negative");
    if (billed.is_negative())
      protocol::throw_bad_value(row.field("billed_base"), "缴费基数不能为负数", "a base cannot be negative");
    const Money base = clamp_base(wage, limits_in_month(ctx.policy(), &ctx.trace(), month));
    if (base == billed) return;
    const auto now = contributions(ctx.policy(), &ctx.trace(), month, base, types);
    const auto before = contributions(ctx.policy(), &ctx.trace(), month, billed, types);
    for (std::size_t i = 0; i < now.size(); ++i) {
      const Money er = now[i].employer - before[i].employer, ee = now[i].employee - before[i].employee;
      if (er.is_zero() && ee.is_zero()) continue;
      ojson x = {{"month", month.to_string()}, {"type", now[i].type}, {"billed_base", billed.to_string()},
                 {"base", base.to_string()}, {"employer", er.to_string()}, {"employee", ee.to_string()}};
      if (id) x["id_number"] = *id;
      const Money total = er + ee;
      (total.is_negative() ? refunded : owed) += total;
      items.push_back(std::move(x));
    }
    row.finish();
  });
  r.result["items"] = std::move(items);
  r.result["back_pay_total"] = owed.to_string();
  r.result["refund_total"] = (-refunded).to_string();
}

}  // namespace pvd::si::ops
