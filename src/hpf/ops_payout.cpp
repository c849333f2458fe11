#include "hpf/ops_payout.hpp"

#include <vector>

namespace pvd::hpf::ops {

namespace {

/// The interest a payout credits (arithmetic.md §3.4): unsettled earlier
/// interest years first; then the current interest year up to the day before
/// `on`, posted now (none when zero).
std::vector<CreditedYear> interest_to(OpContext& ctx, state::Account& m, Date on) {
  const int current = interest_year_of(on);
  std::vector<CreditedYear> years = settle_years(m, ctx.policy(), &ctx.trace(), current - 1);
  if (!m.interest_settled_through || *m.interest_settled_through < current) {
    CreditedYear part = partial_year_interest(m, ctx.policy(), &ctx.trace(), on);
    if (!part.result.interest.is_zero()) post(m, state::LedgerKind::interest, std::nullopt, on, part.result.interest);
    years.push_back(std::move(part));
  }
  return years;
}

}  // namespace

Money payout_on(OpContext& ctx, const state::Account& a, Date on) {
  state::Account copy = a;
  interest_to(ctx, copy, on);
  return copy.balance;
}

Payout pay_out(OpContext& ctx, OpResult& r, state::Account& m, Date on) {
  Payout p;
  p.balance_before = m.balance;
  for (const auto& y : interest_to(ctx, m, on)) {
    p.interest += y.result.interest;
    p.years.push_back(credit_interest_year(ctx, r, m, y, on));
    p.years_note += (p.years_note.empty() ? "" : " + ") + std::to_string(y.year) + (y.partial ? " (partial)" : "");
  }
  p.payout = m.balance;
  if (!p.payout.is_zero()) post_entry(r, m, state::LedgerKind::withdrawal, std::nullopt, on, -p.payout);
  return p;
}

void close_account(OpContext& ctx, OpResult& r, state::Account& m, Date on) {
  end_stint_for_change(ctx, m, on.year_month(), false);
  m.status = state::AccountStatus::closed;
  emit(r, events::AccountClosed{m.account_no, on});
}

void put_payout(OpContext& ctx, OpResult& r, const Payout& p, const std::string& balance_note) {
  put_sum(ctx, r.result, "interest", p.interest, {"years[].interest"}, "interest years " + p.years_note);
  put_sum(ctx, r.result, "payout", p.payout, {"balance", "interest"},
          "balance " + p.balance_before.to_string() + " + interest " + p.interest.to_string());
  put_noted(ctx, r.result, "balance", p.balance_before, balance_note);
  r.result["years"] = p.years;
}

}  // namespace pvd::hpf::ops
