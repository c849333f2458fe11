// The World of one store-mode request: entities are read from the store's
// tables on demand (inside the request's transaction) and the ones the
// decision touched are written back, with their new ledger entries appended.
// Written once for every database (store/db.hpp).
#pragma once

#include <initializer_list>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "state/world.hpp"
#include "store/db.hpp"

namespace pvd::store {

struct Provenance {
  std::int64_t journal_seq = 0;
  std::string engine_version;
  std::string parameters;  // JSON array of "key@from"
  std::optional<std::int64_t> as_of;  // epoch seconds of the request
};

/// A World over the store's tables, and the view of its store (journal,
/// invariants) for the queries that read them.
class TableWorld : public state::World, public state::StoreView {
 public:
  /// `lock`: a command's world, whose reads lock the rows they return until
  /// the transaction ends (Db::lock_clause(); a query's reads lock nothing).
  /// An edit is undone by reading the row again (EntityTable::restore_from): the
  /// rows stay as they were read until write().
  TableWorld(Db& db, bool lock);
  Db& db() noexcept { return db_; }

  state::StoreView* store() noexcept override { return this; }
  std::vector<state::JournalEntry> journal_after(std::int64_t after, std::int64_t limit) override;
  std::vector<state::Check> verify(bool replay) override;
  state::AccountsVerified verify_accounts(std::string_view unit_code, std::string_view after, std::int64_t limit) override;

  /// Writes every touched entity, appends new ledger entries and advances the
  /// id counters. Throws StoreError (e.g. a month paid twice, or an entity
  /// created meanwhile by another transaction: retryable).
  void write(const Provenance& p);

  /// The latest applied as_of (epoch seconds) of each touched unit, account and
  /// person, and of the given subjects: for the "time goes forward" rule.
  std::optional<std::int64_t> latest_as_of(const std::vector<std::pair<std::string, std::string>>& subjects);

 protected:
  void load_unit(std::string_view code) override;
  void load_account(std::string_view no) override;
  void load_person(std::string_view id) override;
  void load_bill(std::string_view id) override;
  void load_case(std::string_view id) override;
  void load_accounts_of_unit(std::string_view code) override;
  void load_accounts_of_person(std::string_view id) override;
  void load_accounts_with_stint_at(std::string_view code) override;
  std::vector<std::string> stored_bills_paying(std::string_view account_no, YearMonth m) override;
  void load_all_accounts() override;
  void load_bills_of_unit(std::string_view code) override;
  void load_bills_of_person(std::string_view id) override;
  void load_persons_of_unit(std::string_view code) override;
  void load_cases_of_unit(std::string_view code) override;
  void load_all_cases() override;
  void load_all_units() override;
  void load_accounts_of_unit_page(std::string_view unit, std::string_view after, std::size_t limit) override;
  void load_accounts_named_page(std::string_view name, std::string_view unit, std::string_view after, std::size_t limit) override;
  void load_persons_of_unit_page(std::string_view unit, std::string_view after, std::size_t limit) override;
  void load_persons_named_page(std::string_view name, std::string_view after, std::size_t limit) override;
  void load_bills_page(std::string_view unit, std::string_view id_number, std::string_view after, std::size_t limit) override;
  void load_cases_page(std::string_view unit, std::string_view after, std::size_t limit) override;
  std::int64_t next_number(state::IdKind kind) override;
  /// The append-only ledger table: every entry, settled years included.
  std::vector<state::LedgerRecord> ledger_of(std::string_view account_no) override;

 private:
  /// Puts the entities of the rows (id, doc) that `sql` selects (with `key`
  /// bound), skipping those held already.
  /// `keys`, when given, gets the id of every row selected.
  template <class T>
  void load_rows(state::EntityTable<T>& table, std::string_view sql, std::optional<std::string_view> key,
                 std::string_view alias = {}, std::vector<std::string>* keys = nullptr);
  /// Puts the entities of the rows (id, doc) of one page: `sql` has the
  /// `keys` as its first parameters and the page's limit as its last.
  template <class T>
  void load_page(state::EntityTable<T>& table, std::string_view sql, std::initializer_list<std::string_view> keys,
                 std::size_t limit);
  /// Whether a collection load (`what` + key) is still to be made: neither it
  /// nor the load of the whole collection (`all`) has been.
  bool first_load(const char* what, std::string_view key, const char* all = nullptr);
  /// Holds a loaded account (unless held) and remembers what write() needs of
  /// it as read (LoadedAccount); `key` is its row's key, `as_of` its last_as_of
  /// (nullptr: not read).
  void put_account(state::Account a, const std::string& key, const std::optional<std::int64_t>* as_of);
  /// The UPDATE of a loaded account's row (its searched columns that differ
  /// from `before`, its document and provenance).
  void update_account(const state::Account& a, const std::string& id, const std::vector<std::string>& before,
                      const Provenance& p);
  /// Writes the rows of the entities of `table` this decision touched, and
  /// what each kind keeps beside its row (written()).
  template <class T>
  void write_rows(state::EntityTable<T>& table, const Provenance& p);
  void written(const state::Unit&, const std::string&, const Provenance&) {}
  void written(const state::Account& a, const std::string& id, const Provenance& p);
  struct LoadedAccount;
  /// The same, given what was kept of the account as read (nullptr: not read).
  void written(const state::Account& a, const std::string& id, const Provenance& p, const LoadedAccount* loaded);
  void written(const state::Person& x, const std::string& id, const Provenance& p);
  void written(const state::Bill& b, const std::string& id, const Provenance& p);
  void written(const state::Case&, const std::string&, const Provenance&) {}
  /// Puts back an entity edited by a decision that is undone, as its row `key` holds it.
  template <class T>
  void reread(const std::string& key, T& x);
  /// `sql` with the lock clause of a command's reads (rows of `alias`).
  std::string locked(std::string_view sql, std::string_view alias = {}) const;
  Db& db_;
  bool lock_;
  std::set<std::string, std::less<>> done_;  // collection loads already made
  /// What write() and latest_as_of() need of an account as it was read: its ledger (written()
  /// appends only the entries added since), and — when its row's key is its number, so that
  /// the row is updated in place — its searched columns (only those that changed are set; an
  /// index is rewritten only when its column changes), its units (links are written only when
  /// they change) and its row's last_as_of (when the load read it: a page's does not). One
  /// node per account read.
  struct LoadedAccount {
    std::vector<state::LedgerEntry> ledger;
    std::string row_key;  // the row's key when it is not the account's number
    bool in_place = false;
    std::vector<std::string> columns, units;
    bool as_of_read = false;
    std::optional<std::int64_t> as_of;
  };
  std::map<std::string, LoadedAccount, std::less<>> loaded_accounts_;
  // last_as_of of each unit and person row read (table name + key): latest_as_of() asks only for the others.
  std::map<std::string, std::optional<std::int64_t>, std::less<>> loaded_as_of_;
  // The bills paying a month (stored_bills_paying), read for a whole unit at
  // once: a verification asks for every account of the unit (one read of the
  // unit's rows instead of a point query per account). `stint_unit_of_`: the
  // unit whose accounts_with_stint_at load brought each account in (the
  // first such unit); `months_read_`: the (unit, month serial) pairs read;
  // `paying_`: (account, month serial) → the paying bills found, in bill_id
  // order.
  std::map<std::string, std::string, std::less<>> stint_unit_of_;
  std::set<std::pair<std::string, int>> months_read_;
  std::map<std::pair<std::string, int>, std::vector<std::string>> paying_;
};

}  // namespace pvd::store
