// Arithmetic over one HPF account entity (state.md §2): the deposit in force
// for a month, paid and billed months, ledger postings and the interest
// years still unsettled. Pure functions over the entity; no policy lookups
// except through compute_interest.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "hpf/deposit.hpp"
#include "hpf/interest.hpp"
#include "state/entities.hpp"

namespace pvd::hpf {

// ------------------------------------------------------------------ deposits

/// The deposit in force in month `m`: the last entry of `deposits` whose
/// `from` is not after `m` (state.md §2), or nullptr.
const state::Deposit* deposit_in_force(const state::Account& a, YearMonth m) noexcept;

/// The last deposit recorded (the one in force from the latest `from`), or nullptr.
const state::Deposit* last_deposit(const state::Account& a) noexcept;

/// A flexible deposit from `from`: two equal parts when the total is even in
/// fen, the employer part taking the odd fen otherwise (arithmetic.md §3.1).
state::Deposit flexible_deposit(YearMonth from, Money total);

/// An employer deposit from `from` with its priced parts (arithmetic.md §3.1).
state::Deposit priced_deposit(YearMonth from, const DepositParts& parts);

/// Puts `d` in force from `d.from`: an entry from the same month is replaced
/// and entries from later months are superseded (a later decision replaces an
/// earlier plan). Months already paid keep their ledger amounts
/// (rules.md §2 hpf.flex.adjust). Returns false when the same parts were
/// already in force from an earlier or equal month (nothing to change).
bool set_deposit(state::Account& a, const state::Deposit& d);

/// Counts an adjustment of the monthly deposit made in calendar year `year`
/// (last_adjust_year, adjust_count: what hpf.flex.adjust.per_year limits).
void count_adjustment(state::Account& a, int year);

// ------------------------------------------------------------------ months

bool contains_month(const std::vector<YearMonth>& v, YearMonth m) noexcept;
void insert_month(std::vector<YearMonth>& v, YearMonth m);  // keeps ascending, unique
void erase_month(std::vector<YearMonth>& v, YearMonth m);
inline bool is_paid(const state::Account& a, YearMonth m) noexcept { return contains_month(a.paid_months, m); }

// ------------------------------------------------------------------ history (docs/history.md)

/// The stint holding month `m`, or nullptr: the month is owed to nobody.
const state::Stint* stint_in(const state::Account& a, YearMonth m) noexcept;

/// Whether month `m` of the account is owed to the unit `unit_code`.
bool owed_to(const state::Account& a, std::string_view unit_code, YearMonth m) noexcept;

/// The open-ended stint (the account is normal), or nullptr.
const state::Stint* open_stint(const state::Account& a) noexcept;

/// Ends the open stint with `last` as its last month (a stint left without a
/// month is removed). No open stint: nothing changes.
void end_stint(state::Account& a, YearMonth last);

/// Makes month `m` owed to `unit_code` when no stint holds it (a new hire's
/// earlier month, back-paid: 003 6), joining it to an adjacent stint there.
void own_month(state::Account& a, const std::string& unit_code, YearMonth m);

/// Starts an open stint at `unit_code` from `from`, or from the month after
/// the last stint's end when that is later (a month belongs to one unit).
/// Returns the first month of the new stint.
YearMonth begin_stint(state::Account& a, const std::string& unit_code, YearMonth from);

/// Whether a kind of ledger entry pays its month (state.md §4: a month is paid
/// at most once by `regular` or `back_pay` entries).
bool pays_month(state::LedgerKind kind) noexcept;

/// Appends a ledger entry, moves the balance and, for a paying kind, marks the
/// month paid.
void post(state::Account& a, state::LedgerKind kind, std::optional<YearMonth> month, Date date, Money amount);

// ------------------------------------------------------------------ interest

/// The interest year (ending 30 June of the result) that `d` belongs to.
int interest_year_of(Date d) noexcept;

/// The balance at the start of interest year `year`: the balance less every
/// ledger entry dated on or after 1 July of year − 1 (the ledger holds the
/// entries of every unsettled interest year, state.md §2).
Money opening_balance(const state::Account& a, int year);

/// The ledger movements dated inside interest year `year`.
std::vector<Movement> movements_in_year(const state::Account& a, int year);

/// The first interest year not yet credited: the year after
/// `interest_settled_through`, or when the account was never settled the
/// year of its opening (or of its earliest ledger entry, if earlier).
int first_unsettled_year(const state::Account& a) noexcept;

struct CreditedYear {
  int year = 0;
  InterestResult result;
  bool partial = false;  // up to a day before the end of the year (exit)
};

/// Credits the interest of every unsettled interest year from
/// first_unsettled_year() through `through` (inclusive), in order: each is
/// computed on the balance the earlier ones left, posted as an `interest`
/// entry dated 30 June of its year (none when zero) and recorded in
/// `interest_settled_through`. Entries of the settled years that the account
/// held before are dropped from its ledger (state.md §2: the ledger holds the
/// current and unsettled years); the new interest entries stay, so that a
/// store sees them appended.
std::vector<CreditedYear> settle_years(state::Account& a, const policy::Policy& p, policy::Trace* t, int through);

/// The interest of the current interest year of `as_of` up to (not including)
/// `as_of` (arithmetic.md §3.4: exit in month M sums July … M−1 monthly, or
/// 1 July … as_of − 1 daily). Not posted.
CreditedYear partial_year_interest(const state::Account& a, const policy::Policy& p, policy::Trace* t, Date as_of);

}  // namespace pvd::hpf
