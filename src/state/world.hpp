// World: the entities one operation sees and changes.
//
// Decision functions read entities through lookups and change them only
// through edit()/add(), which keep the original of every touched entity (the
// store's World reads an edited one again from its row instead). The
// dispatcher can then roll a decision back (a denial, or a reviewed operation
// that becomes a case) or hand the changes on: in stateless mode they become
// the response's `state`; in store mode the store writes them in the same
// transaction (state.md, protocol.md §5).
//
// A stateless World holds the request's facts. The store's World subclass
// fills the same maps from SQLite on demand through the load_* hooks.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "state/entities.hpp"
#include "state/entity_table.hpp"
#include "state/store_view.hpp"

namespace pvd::state {

/// An entry of an account's ledger as the world keeps it: a store numbers its
/// entries (entry_id) and keeps every one, settled years included; a World of
/// facts has the account document's own entries, unnumbered.
struct LedgerRecord {
  std::optional<std::int64_t> entry_id;
  LedgerEntry entry;
};

/// Kinds of generated identifiers and their prefixes.
enum class IdKind { account, bill, case_, verification };
std::string_view id_prefix(IdKind k) noexcept;

class World {
 public:
  World() = default;
  explicit World(Facts facts);
  virtual ~World() = default;
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  // ------------------------------------------------------------ lookups
  const Unit* unit(std::string_view code);
  const Account* account(std::string_view account_no);
  const Person* person(std::string_view id_number);
  /// The live person an ID number names: the person, or — for a number that was
  /// corrected (a tombstone, issue 18 (1)) — the person it was corrected to.
  const Person* current_person(std::string_view id_number);
  /// The ID numbers a person's records may carry: theirs and their previous_ids.
  std::vector<std::string> numbers_of_person(std::string_view id_number);
  const Bill* bill(std::string_view bill_id);
  const Case* find_case(std::string_view case_id);

  std::vector<const Account*> accounts_of_unit(std::string_view unit_code);
  /// Accounts whose person has this ID number (any status).
  std::vector<const Account*> accounts_of_person(std::string_view id_number);
  std::vector<const Account*> all_accounts();
  /// Accounts that have or had a stint at the unit, or belong to it now (any
  /// status): every account that may owe the unit a month (docs/history.md).
  std::vector<const Account*> accounts_with_stint_at(std::string_view unit_code);
  /// The HPF bill, open or paid (not withdrawn), with an item that pays month
  /// `m` of the account (a `regular` or `back_pay` item): the month is billed
  /// there. There is at most one (store.verify checks it).
  std::optional<std::string> bill_paying(std::string_view account_no, YearMonth m);
  std::vector<const Bill*> bills_of_unit(std::string_view unit_code);
  /// The bills naming the person (bill.id_number) under their number or a previous one.
  std::vector<const Bill*> bills_of_person(std::string_view id_number);
  /// The bills of each of these persons (previous numbers included), in one pass over
  /// the bills (a settlement asks for every person of a unit: O(B + n log n), not n passes).
  std::map<std::string, std::vector<const Bill*>, std::less<>> bills_of_persons(const std::vector<std::string>& ids);
  /// Persons with an enrollment at the unit.
  std::vector<const Person*> persons_of_unit(std::string_view unit_code);
  std::vector<const Case*> cases_of_unit(std::string_view unit_code);
  std::vector<const Case*> all_cases();
  std::vector<const Unit*> all_units();
  // Pages (the queries' lists, protocol.md §1.5): at most `limit` entities of
  // a collection, in ascending byte order of their ids, whose id is greater
  // than `after` ("" = from the first). A store reads just that page; the
  // caller filters further and asks for the next page after the last id.
  std::vector<const Account*> accounts_of_unit_page(std::string_view unit_code, std::string_view after, std::size_t limit);
  /// Accounts whose person has exactly this name, at one unit or (unit empty) at any.
  std::vector<const Account*> accounts_named_page(std::string_view name, std::string_view unit_code, std::string_view after,
                                                  std::size_t limit);
  std::vector<const Person*> persons_of_unit_page(std::string_view unit_code, std::string_view after, std::size_t limit);
  std::vector<const Person*> persons_named_page(std::string_view name, std::string_view after, std::size_t limit);
  /// Bills of a unit (unit_code), of a person (id_number), or (both empty) all bills.
  std::vector<const Bill*> bills_page(std::string_view unit_code, std::string_view id_number, std::string_view after,
                                      std::size_t limit);
  /// Cases of a unit, or (unit empty) all cases.
  std::vector<const Case*> cases_page(std::string_view unit_code, std::string_view after, std::size_t limit);
  /// The ledger entries of an account whose month (or, for an entry without
  /// one, whose date) falls in [from, to], in ledger order.
  std::vector<LedgerRecord> ledger_between(std::string_view account_no, YearMonth from, YearMonth to);
  /// The store behind this World (its journal and invariants), or nullptr
  /// for a World of facts.
  virtual StoreView* store() noexcept { return nullptr; }

  // ------------------------------------------------------------ changes
  Unit& edit(const Unit& u) { return units_.edit(u, u.unit_code); }
  Account& edit(const Account& a) { return accounts_.edit(a, a.account_no); }
  Person& edit(const Person& p) { return persons_.edit(p, p.id_number); }
  Bill& edit(const Bill& b) { return bills_.edit(b, b.bill_id); }
  Case& edit(const Case& c) { return cases_.edit(c, c.case_id); }
  Unit& add(Unit u);
  Account& add(Account a);
  Person& add(Person p);
  Bill& add(Bill b);
  Case& add(Case c);

  /// A fresh identifier: "A000001", "B000001", "C000001", "V000001".
  std::string new_id(IdKind kind);

  /// Discards every change since the last commit.
  void rollback();
  /// Keeps the changes (clears the undo log).
  void commit();

  // ------------------------------------------------------------ output
  /// Every entity (facts first, in their order, then those created): the
  /// response's `state` in stateless mode.
  Facts snapshot();
  EntityTable<Unit>& units() noexcept { return units_; }
  EntityTable<Account>& accounts() noexcept { return accounts_; }
  EntityTable<Person>& persons() noexcept { return persons_; }
  EntityTable<Bill>& bills() noexcept { return bills_; }
  EntityTable<Case>& cases() noexcept { return cases_; }

 protected:
  // Hooks for a World backed by a database: make sure the entities a lookup
  // needs are in the tables (put_loaded). The stateless World has them all.
  virtual void load_unit(std::string_view) {}
  virtual void load_account(std::string_view) {}
  virtual void load_person(std::string_view) {}
  virtual void load_bill(std::string_view) {}
  virtual void load_case(std::string_view) {}
  virtual void load_accounts_of_unit(std::string_view) {}
  virtual void load_accounts_of_person(std::string_view) {}
  virtual void load_accounts_with_stint_at(std::string_view) {}
  /// Ids of stored, not withdrawn bills that pay month `m` of the account,
  /// for a World that does not hold every bill; the stateless World holds
  /// them all and answers none.
  virtual std::vector<std::string> stored_bills_paying(std::string_view, YearMonth) { return {}; }
  virtual void load_all_accounts() {}
  virtual void load_bills_of_unit(std::string_view) {}
  virtual void load_bills_of_person(std::string_view) {}
  virtual void load_persons_of_unit(std::string_view) {}
  virtual void load_cases_of_unit(std::string_view) {}
  virtual void load_all_cases() {}
  virtual void load_all_units() {}
  // The pages' hooks: make sure the page's entities are held (see *_page()).
  virtual void load_accounts_of_unit_page(std::string_view, std::string_view, std::size_t) {}
  virtual void load_accounts_named_page(std::string_view, std::string_view, std::string_view, std::size_t) {}
  virtual void load_persons_of_unit_page(std::string_view, std::string_view, std::size_t) {}
  virtual void load_persons_named_page(std::string_view, std::string_view, std::size_t) {}
  virtual void load_bills_page(std::string_view, std::string_view, std::string_view, std::size_t) {}
  virtual void load_cases_page(std::string_view, std::string_view, std::size_t) {}
  /// An account's whole ledger: here, the held account's own entries.
  virtual std::vector<LedgerRecord> ledger_of(std::string_view account_no);
  /// The next number for an id kind; the stateless World uses the largest
  /// number among the entities it holds, plus one.
  virtual std::int64_t next_number(IdKind kind);

  EntityTable<Unit> units_;
  EntityTable<Account> accounts_;
  EntityTable<Person> persons_;
  EntityTable<Bill> bills_;
  EntityTable<Case> cases_;
  std::map<IdKind, std::int64_t> issued_;  // numbers handed out in this operation

 private:
  void index_new_bills();
  void rollback_bill_index();
  // (account_no, month serial) → HPF bills with a paying item, over the bills
  // held, indexed incrementally in their order (bill items never change).
  std::map<std::pair<std::string, int>, std::vector<std::string>> bill_index_;
  std::size_t bills_indexed_ = 0;
  // id_number → account numbers of the accounts held, extended in their order.
  std::map<std::string, std::vector<std::string>, std::less<>> person_index_;
  std::size_t persons_indexed_ = 0;
};

}  // namespace pvd::state
