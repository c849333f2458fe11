// Year-end interest settlement (结息): rules.md §3 "Interest", arithmetic.md §3.4.
#include "hpf/ops.hpp"
#include "hpf/ops_common.hpp"
#include "hpf/rules.hpp"

namespace pvd::hpf {

using namespace ops;
using protocol::OpKind;

namespace {

// hpf.settle_interest {year}: credits the interest of the interest year ending
// 30 June of `year` to every non-closed account not yet settled through it.
// Decision: an account with earlier unsettled years has them credited first,
// in order (as at exit, arithmetic.md §3.4), so that no year is skipped. Each
// account is evaluated under its unit's profile (its interest rate and method).
void settle_interest(OpContext& ctx, ArgReader& a, OpResult& r) {
  const int year = static_cast<int>(a.integer("year", 1992, 9999));
  auto& w = ctx.world();
  auto& v = r.violations;
  const Date year_end = interest_year_end(year);
  // arithmetic.md §3.4: interest is settled on 30 June.
  if (ctx.today() < year_end)
    rules::add(v, "HPF_INTEREST_YEAR_NOT_ENDED", "args.year", std::nullopt, {{"year", std::to_string(year)}});
  std::vector<const state::Account*> due;
  bool some_settled = false;
  for (const auto* acc : w.all_accounts()) {
    if (acc->status == "closed") continue;
    if (first_unsettled_year(*acc) <= year) due.push_back(acc);
    else if (acc->interest_settled_through && *acc->interest_settled_through >= year) some_settled = true;
  }
  if (due.empty() && some_settled)
    rules::add(v, "HPF_INTEREST_ALREADY_SETTLED", "args.year", std::nullopt, {{"year", std::to_string(year)}});
  if (!v.empty()) return;

  const bool x = ctx.explain();
  Money total;
  ojson out = ojson::array();
  for (const auto* acc : due) {
    if (const state::Unit* u = w.unit(acc->unit_code)) evaluate_under(ctx, *u);
    state::Account& m = w.edit(*acc);
    const auto years = settle_years(m, ctx.policy(), &ctx.trace(), year);
    Money interest;
    ojson yj = ojson::array();
    for (const auto& y : years) {
      interest += y.result.interest;
      r.event({{"type", "interest.credited"},
               {"account_no", m.account_no},
               {"year", y.year},
               {"date", interest_year_end(y.year).to_string()},
               {"amount", y.result.interest.to_string()},
               {"partial", false}});
      ojson o = {{"year", y.year}, {"method", y.result.method}};
      protocol::Derivation d;
      d.exact = y.result.exact;
      d.rounding = y.result.rounding;
      d.note = "interest year ending " + interest_year_end(y.year).to_string() + ", method " + y.result.method;
      d.value = y.result.interest;
      protocol::put_money(o, "interest", y.result.interest, &d, x);
      yj.push_back(std::move(o));
    }
    total += interest;
    ojson o = {{"account_no", m.account_no}, {"years", std::move(yj)}};
    auto di = sum_of({"years[].interest"}, interest);
    protocol::put_money(o, "interest", interest, &di, x);
    auto db = noted(m.balance, "balance after the interest");
    protocol::put_money(o, "balance", m.balance, &db, x);
    out.push_back(std::move(o));
  }
  r.result["year"] = year;
  r.result["accounts"] = std::move(out);
  auto dt = sum_of({"accounts[].interest"}, total);
  protocol::put_money(r.result, "total_interest", total, &dt, x);
}

}  // namespace

void register_interest_ops(protocol::Registry& reg) {
  reg.add({"hpf.settle_interest", OpKind::command, settle_interest, false, "", "Year-end interest settlement (arithmetic.md §3.4)"});
}

}  // namespace pvd::hpf
