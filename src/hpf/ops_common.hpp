// Shared steps of the HPF command handlers, written once. Every handler has
// one shape — decode the arguments → load its subjects → check the rules
// (src/hpf/rules/) → apply → emit events — and these are the steps they
// share: loading the subjects of a request (an unknown one is REQ_NOT_FOUND
// naming the field, protocol.md §1.2) and evaluating under the unit's own
// profile, ledger postings, deposit and suspense changes with their events,
// explained amounts and the registration tables.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hpf/account.hpp"
#include "hpf/events.hpp"
#include "protocol/registry.hpp"

namespace pvd::hpf::ops {

using protocol::ArgReader;
using protocol::Derivation;
using protocol::OpContext;
using protocol::OpResult;
using protocol::ojson;

// ------------------------------------------------------------------ subjects

/// The arguments naming an operation's unit and account.
inline constexpr const char* kUnit = "args.unit_code";
inline constexpr const char* kAccount = "args.account_no";

/// The account named by `account_no`; REQ_NOT_FOUND naming `field` when unknown.
const state::Account& find_account(OpContext& ctx, const std::string& account_no, const std::string& field);
/// The unit named by `unit_code`; REQ_NOT_FOUND naming `field` when unknown.
const state::Unit& find_unit(OpContext& ctx, const std::string& unit_code, const std::string& field);
/// The unit an account belongs to; REQ_NOT_FOUND (facts.units) when the facts lack it.
const state::Unit& unit_of(OpContext& ctx, const state::Account& a);
/// Evaluates the rest of the request under the unit's own profile
/// (policy.md §1: each stored unit records its profile and is evaluated under it).
void evaluate_under(OpContext& ctx, const state::Unit& u);

/// The subject of a personal operation (rules.md §2): the account that
/// args.account_no names and its unit.
struct FlexSubject {
  const state::Account& account;
  const state::Unit& unit;
};
/// Looks the account up, then — unless it is closed (HPF_ACCOUNT_CLOSED, the
/// one violation of a closed account: nullopt) — its unit, and evaluates the
/// rest of the request under the unit's profile.
std::optional<FlexSubject> load_flex_account(OpContext& ctx, const std::string& account_no, Violations& v);

/// The unit an employer operation names (args.unit_code), the request then
/// evaluated under its profile.
const state::Unit& load_unit(OpContext& ctx, const std::string& unit_code);

/// The person's accounts at the same centre as a unit of profile `profile`
/// (a centre is a policy profile, rules.md §1): accounts of units with that
/// profile, or whose unit the world does not hold.
std::vector<const state::Account*> accounts_at_centre(OpContext& ctx, const std::string& id_number, const std::string& profile);

/// The deposit in force for a month about to be priced; facts without one
/// cannot be evaluated (REQ_BAD_VALUE naming facts.accounts).
const state::Deposit& deposit_for(const state::Account& a, YearMonth m);

// ------------------------------------------------------------------ effects with their events

/// Emits an event (events.hpp).
template <class Event>
void emit(OpResult& r, const Event& e) {
  r.event(events::encode(e));
}

/// Adds a new account and starts its stint at `u` from month `m` (its payable
/// month): `account.opened`.
state::Account& open_account(OpContext& ctx, OpResult& r, state::Account acc, const state::Unit& u, YearMonth m);
/// Posts a ledger entry (account.hpp post) and emits `ledger.posted`.
void post_entry(OpResult& r, state::Account& a, state::LedgerKind kind, std::optional<YearMonth> month, Date date, Money amount);
/// `account.deposit_changed` for the deposit in force from `d.from`.
events::DepositChanged deposit_changed(const state::Account& a, const state::Deposit& d);
/// Puts `d` in force (set_deposit); emits `account.deposit_changed` when it changed anything.
bool change_deposit(OpResult& r, state::Account& a, const state::Deposit& d);
/// Moves the unit's suspense balance (暂存款) by `change` for bill `bill_id`:
/// `suspense.changed`. No change, no event.
void change_suspense(OpResult& r, state::Unit& u, Money change, const std::string& bill_id);
/// Clears the account's contract, if any (rules.md §1: it moves to another
/// unit): `account.contract_cleared`.
void clear_contract(OpResult& r, state::Account& a);

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

// ------------------------------------------------------------------ explained amounts (protocol.md §1.1)

using protocol::noted;
using protocol::sum_of;
/// A deposit in force for a month: the sum of its two parts.
Derivation deposit_derivation(const state::Deposit& d, YearMonth month);
/// Writes money member `name` of `obj`, with a noted derivation when explaining.
void put_noted(OpContext& ctx, ojson& obj, const std::string& name, Money value, std::string note);
/// Writes money member `name` of `obj`, with a sum derivation when explaining.
void put_sum(OpContext& ctx, ojson& obj, const std::string& name, Money value, std::vector<std::string> terms,
             std::string note = {});

/// Writes the three members of a deposit into `obj` (with derivations when
/// explaining): employer_part, employee_part, monthly_deposit. `put_priced`
/// for parts just computed from a base and rates; `put_stored` for a deposit
/// read from the account (`note` says which).
void put_priced(OpContext& ctx, ojson& obj, const state::Deposit& d, Money base, const Rate& er, const Rate& ee,
                const Rounding& rounding);
void put_stored(OpContext& ctx, ojson& obj, const state::Deposit& d, const std::string& note);

/// A credited interest year (arithmetic.md §3.4): emits `interest.credited`
/// (dated 30 June of the year, or the day of exit for the partial year) and
/// returns its member of the response's `years` — with `partial` at an exit
/// (`exit_on` given).
ojson credit_interest_year(OpContext& ctx, OpResult& r, const state::Account& a, const CreditedYear& y, std::optional<Date> exit_on);

/// The bank of the policy's list as {code, zh, en} (null when unknown).
ojson bank_json(OpContext& ctx, const std::optional<std::string>& code);

// ------------------------------------------------------------------ registration

/// One row of a domain's registration table.
struct OpRow {
  std::string_view name;
  protocol::Handler handler;
  std::string_view summary;
  bool reviewable = false;  // a centre may list it in review.ops (a direct call becomes a case)
};
/// Registers commands (or queries) whose cases belong to the unit their
/// argument `case_unit_arg` names ("" for personal operations).
void add_ops(protocol::Registry& reg, protocol::OpKind kind, std::string_view case_unit_arg, std::initializer_list<OpRow> rows);

}  // namespace pvd::hpf::ops
