// Flexible employment (灵活就业) payments: rules.md §2, seed 002 — remit the
// current month, back-pay unpaid months, exit and withdraw. The shape of each
// handler is that of ops_flex_account.cpp.
#include "hpf/ops.hpp"
#include "provident/rules/codes.hpp"
#include "hpf/ops_common.hpp"
#include "hpf/ops_payout.hpp"
#include "hpf/rules.hpp"

namespace pvd::hpf {

using namespace ops;
using protocol::OpKind;

namespace {

/// protocol.md §1.3: one back-pay covers at most 600 months.
constexpr std::size_t kMaxBackPayMonths = 600;

// ------------------------------------------------------------------ hpf.flex.remit 汇缴
// 002 三.1 注.
void flex_remit(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string account_no = a.string("account_no");

  auto& v = r.violations;
  const auto s = load_flex_account(ctx, account_no, v);
  if (!s) return;
  const state::Account& acc = s->account;

  const LocalDateTime now = ctx.as_of();
  const YearMonth month = now.year_month();
  rules::check_payment_window(v, ctx.policy(), &ctx.trace(), now, "002 三.1 注");
  rules::check_flexible_unit(v, s->unit, kAccount, "002 三.1");
  rules::check_normal(v, acc, kAccount, std::nullopt, "002 三.1");
  rules::check_signed(v, acc, kAccount);
  rules::check_remit_month(v, acc, month, ctx.world().bill_paying(acc.account_no, month).has_value(), kAccount);
  if (!v.empty()) return;

  // Effects: a `regular` entry for the month at the deposit in force for it.
  const state::Deposit& d = deposit_for(acc, month);
  state::Account& m = ctx.world().edit(acc);
  post_entry(r, m, state::LedgerKind::regular, month, ctx.effect_time().date(), d.monthly_deposit);
  r.result["month"] = month.to_string();
  auto der = deposit_derivation(d, month);
  protocol::put_money(r.result, "amount", d.monthly_deposit, &der, ctx.explain());
  put_noted(ctx, r.result, "balance", m.balance, "balance after the entry");
}

// ------------------------------------------------------------------ hpf.flex.back_pay 补缴
// 002 三.2.
void flex_back_pay(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string account_no = a.string("account_no");
  const YearMonth end = a.month("end_month");

  auto& v = r.violations;
  const auto s = load_flex_account(ctx, account_no, v);
  if (!s) return;
  const state::Account& acc = s->account;

  const LocalDateTime now = ctx.as_of();
  rules::check_payment_window(v, ctx.policy(), &ctx.trace(), now, "002 三.2 注");
  rules::check_flexible_unit(v, s->unit, kAccount, "002 三.2");
  const bool normal = rules::check_normal(v, acc, kAccount, std::nullopt, "002 三.2");
  rules::check_signed(v, acc, kAccount);
  // The range is judged on the current stint only (a sealed account has none).
  rules::BackPayPlan plan;
  if (normal) plan = rules::plan_flex_back_pay(v, ctx.policy(), &ctx.trace(), now, acc, end, "args.end_month");
  if (plan.months.size() > kMaxBackPayMonths)
    protocol::throw_bad_value("args.end_month", "一次补缴最多600个月", "one back-pay covers at most 600 months");
  if (!v.empty()) return;

  // Effects: a `back_pay` entry for every unpaid month, each at the deposit in
  // force for that month (not today's).
  const Date on = ctx.effect_time().date();
  state::Account& m = ctx.world().edit(acc);
  ojson months = ojson::array();
  Money total;
  for (YearMonth month : plan.months) {
    const state::Deposit& d = deposit_for(m, month);
    post_entry(r, m, state::LedgerKind::back_pay, month, on, d.monthly_deposit);
    total += d.monthly_deposit;
    ojson row = {{"month", month.to_string()}};
    auto der = deposit_derivation(d, month);
    protocol::put_money(row, "amount", d.monthly_deposit, &der, ctx.explain());
    months.push_back(std::move(row));
  }
  r.result["months"] = std::move(months);
  put_sum(ctx, r.result, "total", total, {"months[].amount"}, std::to_string(plan.months.size()) + " months");
  if (plan.lapse_limit) r.result["lapsed_before"] = plan.lapse_limit->to_string();
}

// ------------------------------------------------------------------ hpf.exit 退出缴存提取
// 002 三.7; HPF Regs Art. 24; arithmetic.md §3.4.

void exit_withdrawal(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string account_no = a.string("account_no");
  const auto loan_arg = a.opt_boolean("has_outstanding_loan");

  auto& v = r.violations;
  const auto s = load_flex_account(ctx, account_no, v);
  if (!s) return;
  const state::Account& acc = s->account;

  rules::check_flexible_unit(v, s->unit, kAccount, "002 三.7");
  const bool sealed = rules::check_sealed(v, acc, code::HPF_EXIT_NOT_SEALED, kAccount);
  // state.md §1: where an argument and a fact say the same thing, the argument wins.
  rules::check_no_loan(v, loan_arg.value_or(acc.has_outstanding_loan), loan_arg ? "args.has_outstanding_loan" : kAccount);
  if (sealed) rules::check_sealed_long_enough(v, ctx.policy(), &ctx.trace(), ctx.today(), acc, kAccount);
  if (!v.empty()) return;

  // Effects (arithmetic.md §3.4): the interest is credited; the payout is the
  // whole balance, as a `withdrawal` entry (ops_payout.hpp); the account is closed.
  const Date on = ctx.effect_time().date();
  state::Account& m = ctx.world().edit(acc);
  const Payout p = pay_out(ctx, r, m, on);
  close_account(ctx, r, m, on);
  put_payout(ctx, r, p, "balance before exit");
}

}  // namespace

void register_flex_money_ops(protocol::Registry& reg) {
  add_ops(reg, OpKind::command, "",
          {{"hpf.flex.remit", flex_remit, "Remit the current month (002 三.1)"},
           {"hpf.flex.back_pay", flex_back_pay, "Back-pay unpaid months (002 三.2)"},
           {"hpf.exit", exit_withdrawal, "Exit withdrawal: interest, payout, close (002 三.7)"}});
}

}  // namespace pvd::hpf
