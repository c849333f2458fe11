// Shared pieces of the HPF command handlers: looking up the subjects of a
// request (an unknown one is REQ_NOT_FOUND naming the field, protocol.md §1.2),
// evaluating under the unit's own profile, ledger postings with their events,
// and explained amounts.
#pragma once

#include <string>
#include <vector>

#include "hpf/account.hpp"
#include "protocol/registry.hpp"

namespace pvd::hpf::ops {

using protocol::ArgReader;
using protocol::Derivation;
using protocol::OpContext;
using protocol::OpResult;
using protocol::ojson;

/// The account named by `account_no`; REQ_NOT_FOUND naming `field` when unknown.
const state::Account& find_account(OpContext& ctx, const std::string& account_no, const std::string& field);
/// The unit named by `unit_code`; REQ_NOT_FOUND naming `field` when unknown.
const state::Unit& find_unit(OpContext& ctx, const std::string& unit_code, const std::string& field);
/// The unit an account belongs to; REQ_NOT_FOUND (facts.units) when the facts lack it.
const state::Unit& unit_of(OpContext& ctx, const state::Account& a);
/// Evaluates the rest of the request under the unit's own profile
/// (policy.md §1: each stored unit records its profile and is evaluated under it).
void evaluate_under(OpContext& ctx, const state::Unit& u);

/// The person's accounts at the same centre as a unit of profile `profile`
/// (a centre is a policy profile, rules.md §1): accounts of units with that
/// profile, or whose unit the world does not hold.
std::vector<const state::Account*> accounts_at_centre(OpContext& ctx, const std::string& id_number, const std::string& profile);

/// The deposit in force for a month about to be priced; facts without one
/// cannot be evaluated (REQ_BAD_VALUE naming facts.accounts).
const state::Deposit& deposit_for(const state::Account& a, YearMonth m);

/// Posts a ledger entry (account.hpp post) and emits `ledger.posted`.
void post_entry(OpResult& r, state::Account& a, const std::string& kind, std::optional<YearMonth> month, Date date, Money amount);
/// Emits `account.deposit_changed` for the deposit in force from `d.from`.
// ------------------------------------------------------------------ history (docs/history.md)

/// Whether month `m` of the account is paid, or billed by an open or paid bill.
bool billed_or_paid(OpContext& ctx, const state::Account& a, YearMonth m);

/// Ends the account's open stint for a seal (`moving` false) or a move
/// (`moving` true) taking effect in month `m`: the stint's last month is
/// m − 1 — the month of the change belongs to what follows (003 3 decision; a
/// move per hpf.transfer.old_unit_owes_month) — except that a month already
/// billed or paid stays where it was billed. Returns the first month a
/// following stint may start.
YearMonth end_stint_for_change(OpContext& ctx, state::Account& a, YearMonth m, bool moving);

/// Starts the account's stint at unit `u` from month `m` (or after its last
/// stint) and returns its first month. Months of it that the unit had
/// already verified are carried to the unit's next verification (003 5: every
/// month the account owes is billed once).
YearMonth begin_stint_at(OpContext& ctx, state::Account& a, const state::Unit& u, YearMonth m);

void deposit_changed_event(OpResult& r, const state::Account& a, const state::Deposit& d);

/// Derivations for `explain` (protocol.md §1.1).
Derivation sum_of(std::vector<std::string> terms, Money value, std::string note = {});
Derivation noted(Money value, std::string note);
/// A deposit in force for a month: the sum of its two parts.
Derivation deposit_derivation(const state::Deposit& d, YearMonth month);

/// Writes the three members of a deposit into `obj` (with derivations when
/// explaining): employer_part, employee_part, monthly_deposit. `put_priced`
/// for parts just computed from a base and rates; `put_stored` for a deposit
/// read from the account (`note` says which).
void put_priced(OpContext& ctx, ojson& obj, const state::Deposit& d, Money base, const Rate& er, const Rate& ee,
                const Rounding& rounding);
void put_stored(OpContext& ctx, ojson& obj, const state::Deposit& d, const std::string& note);

/// The bank of the policy's list as {code, zh, en} (null when unknown).
ojson bank_json(OpContext& ctx, const std::optional<std::string>& code);

}  // namespace pvd::hpf::ops
