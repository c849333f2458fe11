// store.verify (protocol.md §5): the invariants of a store (either database), read from
// its tables and from the documents themselves (not from the engine's
// indexes), and the replay of its journal through the dispatcher.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "state/store_view.hpp"
#include "store/db.hpp"

namespace pvd::store {

/// Findings spelled out per check; the rest are counted.
inline constexpr std::size_t kShown = 20;

/// What one check found wrong, each finding joined by "; ". Past `cap`
/// findings (0: no cap) the rest are only counted ("; … 3 more").
class Findings {
 public:
  explicit Findings(std::size_t cap = 0) : cap_(cap) {}
  void add(const std::string& what);
  std::size_t count() const noexcept { return n_; }
  /// The check: ok when nothing was found, with `fine` as its detail.
  state::Check result(std::string name, const std::string& fine) const;

 private:
  std::size_t cap_, n_ = 0;
  std::string text_;
};

/// Every invariant of the store in `db`; `replay` adds the replay of the
/// whole journal on a fresh in-memory store.
std::vector<state::Check> verify_store(Db& db, bool replay);

/// A page of accounts in account order: those after `after`, of `unit_code`
/// when not empty, at most `limit`.
struct AccountPage {
  std::string unit_code;
  std::string after;
  std::int64_t limit = INT64_MAX;
};

/// The per-account invariants (balance equals the ledger, no month paid
/// twice, the row's columns equal its document) of one page of accounts: a
/// centre verifies itself page by page in short transactions.
state::AccountsVerified verify_accounts(Db& db, const AccountPage& page);

/// A (dotted) member of a row's `doc` column as text, in the SQL of `d`.
std::string doc_member(Dialect d, std::string_view path);

/// The HPF contribution history (docs/history.md): a month is billed by at
/// most one bill that is not withdrawn, an open bill charges no paid month,
/// every billed or paid month lies inside a stint (of the billing unit for a
/// bill), every month an account owed a unit that the unit verified is
/// billed, paid or carried to its next verification, the index of billed
/// months equals the bills, and every bill's totals equal the sums of its
/// items.
void hpf_history_checks(Db& db, std::vector<state::Check>& checks);

/// The SI history (issue 12, one true contribution history):
///  - no person-month-type charged twice: at most one contribution record per
///    (person, type, month) across units and flexible contributions, and no
///    open flexible verification of a pension month charged at a unit;
///  - no SI month charged outside an enrollment: a unit's record is covered by
///    an enrollment of the person at (unit, type); no pension month is charged
///    from the person's retirement month on.
void si_history_checks(Db& db, std::vector<state::Check>& checks);

/// issue 18 (004 §2.1.1 (3), §2.3.2): every enrollment record with wage items is at an
/// institution, its items named once, none negative, their sum positive (verify_wages.cpp).
void si_wage_items_check(Db& db, std::vector<state::Check>& checks);

}  // namespace pvd::store
