// Year-end interest settlement (结息): rules.md §3 "Interest", arithmetic.md §3.4;
// the rule: rules/interest_settlement.cpp.
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
// With unit_code, only that unit's accounts (issue 20: a centre of millions
// of accounts settles unit by unit, each in its own short transaction).
// Decision: "already settled" is then judged among that unit's accounts.
void settle_interest(OpContext& ctx, ArgReader& a, OpResult& r) {
  const int year = static_cast<int>(a.integer("year", 1992, 9999));
  const auto unit_code = a.opt_string("unit_code");

  auto& w = ctx.world();
  auto& v = r.violations;
  if (unit_code) find_unit(ctx, *unit_code, kUnit);
  rules::check_interest_year_ended(v, ctx.today(), year);
  const rules::SettlementDue settlement =
      rules::accounts_due(unit_code ? w.accounts_of_unit(*unit_code) : w.all_accounts(), year);
  rules::check_not_settled(v, settlement, year);
  if (!v.empty()) return;

  Money total;
  ojson out = ojson::array();
  for (const auto* acc : settlement.due) {
    if (const state::Unit* u = w.unit(acc->unit_code)) evaluate_under(ctx, *u);
    state::Account& m = w.edit(*acc);
    Money interest;
    ojson years = ojson::array();
    for (const auto& y : settle_years(m, ctx.policy(), &ctx.trace(), year)) {
      interest += y.result.interest;
      years.push_back(credit_interest_year(ctx, r, m, y, std::nullopt));
    }
    total += interest;
    ojson o = {{"account_no", m.account_no}, {"years", std::move(years)}};
    put_sum(ctx, o, "interest", interest, {"years[].interest"});
    put_noted(ctx, o, "balance", m.balance, "balance after the interest");
    out.push_back(std::move(o));
  }
  r.result["year"] = year;
  if (unit_code) r.result["unit_code"] = *unit_code;
  r.result["accounts"] = std::move(out);
  put_sum(ctx, r.result, "total_interest", total, {"accounts[].interest"});
}

}  // namespace

void register_interest_ops(protocol::Registry& reg) {
  add_ops(reg, OpKind::command, "",
          {{"hpf.settle_interest", settle_interest, "Year-end interest settlement (arithmetic.md §3.4)"}});
}

}  // namespace pvd::hpf
