// Paying out an HPF account (arithmetic.md §3.4), written once for every
// withdrawal that empties it: the flexible exit (hpf.exit, 002 三.7) and the
// withdrawals of hpf.withdraw (HPF Regs Art. 24). Interest is credited to the
// day of the withdrawal — unsettled earlier interest years first, then the
// current year up to the day before — and the whole balance leaves as one
// `withdrawal` entry, so that the balance stays the sum of the entries.
#pragma once

#include <string>

#include "hpf/ops_common.hpp"

namespace pvd::hpf::ops {

/// What a payout credited and paid.
struct Payout {
  Money balance_before;  // the balance before the interest
  Money interest;        // Σ of the years credited
  Money payout;          // balance_before + interest
  ojson years = ojson::array();
  std::string years_note;  // "2025 + 2026 (partial)"
};

/// The payout an account would get on `on`, computed on a copy: nothing is
/// posted and no event emitted (a request that names the amount is judged
/// before anything changes).
Money payout_on(OpContext& ctx, const state::Account& a, Date on);

/// Credits the interest to `on` (interest.credited and the `interest`
/// entries) and posts the balance as a `withdrawal` entry (ledger.posted; none
/// when zero). The account keeps its status: the caller closes it.
Payout pay_out(OpContext& ctx, OpResult& r, state::Account& m, Date on);

/// Closes a paid-out account on `on`: its open stint, if any, ends before the
/// month of `on` (end_stint_for_change: a month already billed or paid stays
/// in it), so no later month is owed; `account.closed`.
void close_account(OpContext& ctx, OpResult& r, state::Account& m, Date on);

/// Writes interest, payout, balance (before, explained by `balance_note`) and
/// years into the result.
void put_payout(OpContext& ctx, OpResult& r, const Payout& p, const std::string& balance_note);

}  // namespace pvd::hpf::ops
