// HPF calculators (protocol.md §1.4): hpf.deposit and hpf.interest.
#include "hpf/deposit.hpp"
#include "hpf/interest.hpp"
#include "hpf/ops.hpp"
#include "hpf/ops_common.hpp"

namespace pvd::hpf {

using protocol::ArgReader;
using protocol::OpContext;
using protocol::OpResult;
using protocol::OpKind;
using policy::Key;

namespace {

// hpf.deposit — arithmetic.md §3.1: each part rounded, then added; rounding
// in force in `month` (default: the as_of month).
void deposit(OpContext& ctx, ArgReader& a, OpResult& r) {
  const Money base = a.money("base");
  // quality.md §2: a negative amount is refused naming the field, as the C
  // ABI's batch refuses a negative base.
  if (base.is_negative()) protocol::throw_bad_value("args.base", "缴存基数不能为负数", "a base cannot be negative");
  const Rate er = a.rate("employer_rate");
  const Rate ee = a.rate("employee_rate");
  const auto month = a.opt_month("month");
  const YearMonth m = month ? *month : ctx.this_month();
  const Rounding rounding = ctx.param<Rounding>(Key::hpf_deposit_rounding, m.first_day());
  const DepositParts d = compute_deposit(base, er, ee, rounding);
  auto de = protocol::product(base, er, rounding, d.employer_part);
  auto dd = protocol::product(base, ee, rounding, d.employee_part);
  protocol::put_money(r.result, "employer_part", d.employer_part, &de, ctx.explain());
  protocol::put_money(r.result, "employee_part", d.employee_part, &dd, ctx.explain());
  ops::put_sum(ctx, r.result, "monthly_deposit", d.monthly_deposit, {"employer_part", "employee_part"});
}

// hpf.interest — arithmetic.md §3.4.
void interest(OpContext& ctx, ArgReader& a, OpResult& r) {
  InterestInput in;
  in.year = static_cast<int>(a.integer("year", 1991, 9999));
  in.opening_balance = a.money("opening_balance");
  if (in.opening_balance.is_negative())
    protocol::throw_bad_value("args.opening_balance", "期初余额不能为负数", "an opening balance cannot be negative");
  const Date start = interest_year_start(in.year), end = interest_year_end(in.year);
  a.each(
      "movements",
      [&](ArgReader& m, std::size_t) {
        Movement x{m.date("date"), m.money("amount")};
        m.finish();
        if (x.date < start || end < x.date)
          protocol::throw_bad_value(m.field("date"), "不在" + start.to_string() + "至" + end.to_string() + "的结息年度内",
                                    "outside the interest year " + start.to_string() + " to " + end.to_string());
        in.movements.push_back(x);
      },
      protocol::kMaxBatchRows, true);
  in.method = a.opt_enumeration("method", {"monthly", "daily", "two_rate"});
  const InterestResult res = compute_interest(ctx.policy(), &ctx.trace(), in);
  protocol::Derivation d;
  d.exact = res.exact;
  d.rounding = res.rounding;
  d.note = "method " + res.method;
  d.value = res.interest;
  protocol::put_money(r.result, "interest", res.interest, &d, ctx.explain());
  ops::put_sum(ctx, r.result, "closing_balance", res.closing_balance, {"opening_balance", "movements", "interest"});
  r.result["method"] = res.method;
}

}  // namespace

void register_calculator_ops(protocol::Registry& reg) {
  ops::add_ops(reg, OpKind::calculator, "",
               {{"hpf.deposit", deposit, "Monthly deposit: each part rounded, then added"},
                {"hpf.interest", interest, "Interest of one interest year"}});
}

}  // namespace pvd::hpf
