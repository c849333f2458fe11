// How the store's World reads entities from their rows: one by id, a unit's
// or a person's at once, pages in key order, the ledger, the id counters and
// the latest as_of (protocol.md §5). The writes are in table_world_write.cpp.
#include "store/table_world.hpp"

#include <algorithm>
#include <type_traits>

#include "store/table_rows.hpp"

namespace pvd::store {

using protocol::json;
using rows::account_columns;
using rows::kind_name;

namespace {

// The table, key column and decoder of each kind of stored entity.
template <class T>
struct Stored {
  const char* table;
  const char* key;
  T (*decode)(const json&, const std::string&);
  const char* path;  // names the store in decoding errors
};
template <class T>
constexpr Stored<T> kStored{};
template <> constexpr Stored<state::Unit> kStored<state::Unit>{"units", "unit_code", state::decode_unit, "store.units"};
template <> constexpr Stored<state::Account> kStored<state::Account>{"accounts", "account_no", state::decode_account, "store.accounts"};
template <> constexpr Stored<state::Person> kStored<state::Person>{"persons", "id_number", state::decode_person, "store.persons"};
template <> constexpr Stored<state::Bill> kStored<state::Bill>{"bills", "bill_id", state::decode_bill, "store.bills"};
template <> constexpr Stored<state::Case> kStored<state::Case>{"cases", "case_id", state::decode_case, "store.cases"};

template <class T>
T decode_doc(const std::string& doc) {
  return decode_stored(doc, "entity document", kStored<T>.decode, kStored<T>.path);
}

/// Whether a kind's rows record the latest as_of applied ("time goes forward",
/// protocol.md §5): its loads read last_as_of as a third column.
template <class T>
constexpr bool kDated = std::is_same_v<T, state::Unit> || std::is_same_v<T, state::Account> || std::is_same_v<T, state::Person>;

/// Column `col` of the current row: an integer or NULL.
std::optional<std::int64_t> nullable_int64(const Stmt& s, int col) {
  return s.is_null(col) ? std::nullopt : std::optional(s.int64(col));
}

/// "SELECT <key>, doc[, last_as_of] FROM <table> WHERE <key> = ?": one entity by its id.
template <class T>
const std::string& select_one() {
  static const std::string sql = std::string("SELECT ") + kStored<T>.key + ", doc" + (kDated<T> ? ", last_as_of" : "") +
                                 " FROM " + kStored<T>.table + " WHERE " + kStored<T>.key + " = ?";
  return sql;
}

}  // namespace

TableWorld::TableWorld(Db& db, bool lock) : db_(db), lock_(lock) {
  units_.restore_from([this](const std::string& id, state::Unit& x) { reread(id, x); });
  accounts_.restore_from([this](const std::string& id, state::Account& x) {
    const auto it = loaded_accounts_.find(id);
    reread(it == loaded_accounts_.end() || it->second.row_key.empty() ? id : it->second.row_key, x);
  });
  persons_.restore_from([this](const std::string& id, state::Person& x) { reread(id, x); });
  bills_.restore_from([this](const std::string& id, state::Bill& x) { reread(id, x); });
  cases_.restore_from([this](const std::string& id, state::Case& x) { reread(id, x); });
}

template <class T>
void TableWorld::reread(const std::string& key, T& x) {
  Stmt s(db_, select_one<T>(), Stmt::cached);
  s.bind(1, key);
  // (The key is not named: a person's is an ID number.)
  if (!s.step()) throw StoreError(kCorruptCode, std::string("a row of ") + kStored<T>.table + " went away during the request");
  x = decode_doc<T>(s.text(1));
}

std::string TableWorld::locked(std::string_view sql, std::string_view alias) const {
  return std::string(sql) + (lock_ ? db_.lock_clause(alias) : std::string());
}

template <class T>
void TableWorld::load_rows(state::EntityTable<T>& table, std::string_view sql, std::optional<std::string_view> key,
                           std::string_view alias, std::vector<std::string>* keys) {
  Stmt s(db_, locked(sql, alias), Stmt::cached);
  if (key) s.bind(1, *key);
  // Rows held already (maybe changed by this decision) are skipped: ours stay.
  while (s.step()) {
    if (keys) keys->push_back(s.text(0));
    if constexpr (std::is_same_v<T, state::Account>) {
      const std::optional<std::int64_t> as_of = nullable_int64(s, 2);
      put_account(decode_doc<T>(s.text(1)), s.text(0), &as_of);
    } else {
      if constexpr (kDated<T>)
        loaded_as_of_[kStored<T>.table + s.text(0)] = nullable_int64(s, 2);
      if (!table.contains(s.text(0))) table.put_loaded(decode_doc<T>(s.text(1)), s.text(0));
    }
  }
}

template <class T>
void TableWorld::load_page(state::EntityTable<T>& table, std::string_view sql, std::initializer_list<std::string_view> keys,
                            std::size_t limit) {
  Stmt s(db_, sql, Stmt::cached);
  int i = 0;
  for (auto k : keys) s.bind(++i, k);
  s.bind(++i, static_cast<std::int64_t>(limit));
  while (s.step()) {
    if constexpr (std::is_same_v<T, state::Account>)
      put_account(decode_doc<T>(s.text(1)), s.text(0), nullptr);  // a page reads no last_as_of
    else if (!table.contains(s.text(0)))
      table.put_loaded(decode_doc<T>(s.text(1)), s.text(0));
  }
}

void TableWorld::put_account(state::Account a, const std::string& key, const std::optional<std::int64_t>* as_of) {
  const std::string id = a.account_no;  // as its document says
  if (accounts_.contains(id)) return;
  LoadedAccount& loaded = loaded_accounts_[id];
  loaded.ledger = a.ledger;
  if (key != id) loaded.row_key = key;
  // A row whose key is not its number is written as before (an upsert of
  // the number). Decision: a searched column changed outside the engine is
  // left as it is until the account's value of it changes; store.verify
  // reports such a row.
  if (key == id) {
    loaded.in_place = true;
    loaded.columns = account_columns(a);
    loaded.units = rows::linked_units(a);
    if (as_of) loaded.as_of = *as_of;
    loaded.as_of_read = as_of != nullptr;
  }
  accounts_.put_loaded(std::move(a), id);
}

bool TableWorld::first_load(const char* what, std::string_view key, const char* all) {
  return done_.insert(what + std::string(key)).second && !(all && done_.count(all));
}

void TableWorld::load_unit(std::string_view code) { load_rows(units_, select_one<state::Unit>(), code); }
void TableWorld::load_account(std::string_view no) { load_rows(accounts_, select_one<state::Account>(), no); }
void TableWorld::load_person(std::string_view id) { load_rows(persons_, select_one<state::Person>(), id); }
void TableWorld::load_bill(std::string_view id) { load_rows(bills_, select_one<state::Bill>(), id); }
void TableWorld::load_case(std::string_view id) { load_rows(cases_, select_one<state::Case>(), id); }

void TableWorld::load_accounts_of_unit(std::string_view code) {
  if (first_load("au:", code, "a*"))
    load_rows(accounts_, "SELECT account_no, doc, last_as_of FROM accounts WHERE unit_code = ? ORDER BY account_no", code);
}

void TableWorld::load_accounts_of_person(std::string_view id) {
  if (first_load("ap:", id, "a*"))
    load_rows(accounts_, "SELECT account_no, doc, last_as_of FROM accounts WHERE id_number = ? ORDER BY account_no", id);
}

void TableWorld::load_accounts_with_stint_at(std::string_view code) {
  if (!first_load("as:", code, "a*")) return;
  std::vector<std::string> keys;
  load_rows(accounts_,
            "SELECT a.account_no, a.doc, a.last_as_of FROM account_units u JOIN accounts a ON a.account_no = u.account_no "
            "WHERE u.unit_code = ? ORDER BY a.account_no",
            code, "a", &keys);
  // Each account the unit's rows named: its paying bills are read with the unit's.
  const std::string unit(code);
  for (auto& no : keys) stint_unit_of_.emplace(std::move(no), unit);
}

// An account brought in with a unit's accounts: the paying bills of month m
// of every account of that unit in one read (the same rows of account_units
// the load joined, so every account it brought in is answered), kept for the
// rest of the decision — the store changes only when the decision is written.
// Any other account: a point query.
std::vector<std::string> TableWorld::stored_bills_paying(std::string_view account_no, YearMonth m) {
  if (auto u = stint_unit_of_.find(account_no); u != stint_unit_of_.end()) {
    if (months_read_.emplace(u->second, m.serial()).second) {
      Stmt s(db_,
             "SELECT b.account_no, b.bill_id FROM account_units u JOIN hpf_billed_months b "
             "ON b.account_no = u.account_no AND b.month = ? WHERE u.unit_code = ? ORDER BY b.account_no, b.bill_id",
             Stmt::cached);
      s.bind(1, m.to_string()).bind(2, u->second);
      while (s.step()) paying_[{s.text(0), m.serial()}].push_back(s.text(1));
    }
    auto it = paying_.find({std::string(account_no), m.serial()});
    return it == paying_.end() ? std::vector<std::string>() : it->second;
  }
  Stmt s(db_, "SELECT bill_id FROM hpf_billed_months WHERE account_no = ? AND month = ? ORDER BY bill_id", Stmt::cached);
  s.bind(1, account_no).bind(2, m.to_string());
  std::vector<std::string> out;
  while (s.step()) out.push_back(s.text(0));
  return out;
}

void TableWorld::load_all_accounts() {
  if (first_load("a*", "")) load_rows(accounts_, "SELECT account_no, doc, last_as_of FROM accounts ORDER BY account_no", std::nullopt);
}

void TableWorld::load_bills_of_unit(std::string_view code) {
  if (first_load("bu:", code)) load_rows(bills_, "SELECT bill_id, doc FROM bills WHERE unit_code = ? ORDER BY bill_id", code);
}

void TableWorld::load_bills_of_person(std::string_view id) {
  if (first_load("bp:", id)) load_rows(bills_, "SELECT bill_id, doc FROM bills WHERE id_number = ? ORDER BY bill_id", id);
}

void TableWorld::load_persons_of_unit(std::string_view code) {
  if (first_load("pu:", code))
    load_rows(persons_,
              "SELECT p.id_number, p.doc, p.last_as_of FROM person_units u JOIN persons p ON p.id_number = u.id_number "
              "WHERE u.unit_code = ? ORDER BY p.id_number",
              code, "p");
}

void TableWorld::load_cases_of_unit(std::string_view code) {
  if (first_load("cu:", code, "c*")) load_rows(cases_, "SELECT case_id, doc FROM cases WHERE unit_code = ? ORDER BY case_id", code);
}

void TableWorld::load_all_cases() {
  if (first_load("c*", "")) load_rows(cases_, "SELECT case_id, doc FROM cases ORDER BY case_id", std::nullopt);
}

void TableWorld::load_all_units() {
  if (first_load("u*", "")) load_rows(units_, "SELECT unit_code, doc, last_as_of FROM units ORDER BY unit_code", std::nullopt);
}

// The pages: key columns are TEXT in SQLite's BINARY collation, the byte
// order the World's tables keep (World::*_page()).
void TableWorld::load_accounts_of_unit_page(std::string_view unit, std::string_view after, std::size_t limit) {
  load_page(accounts_,
            "SELECT account_no, doc FROM accounts WHERE unit_code = ? AND account_no > ? ORDER BY account_no LIMIT ?",
            {unit, after}, limit);
}

void TableWorld::load_accounts_named_page(std::string_view name, std::string_view unit, std::string_view after,
                                           std::size_t limit) {
  load_page(accounts_,
            "SELECT account_no, doc FROM accounts WHERE name = ? "
            "AND (?2 = '' OR unit_code = ?2) AND account_no > ? ORDER BY account_no LIMIT ?",
            {name, unit, after}, limit);
}

void TableWorld::load_persons_of_unit_page(std::string_view unit, std::string_view after, std::size_t limit) {
  load_page(persons_,
            "SELECT p.id_number, p.doc FROM person_units u JOIN persons p ON p.id_number = u.id_number "
            "WHERE u.unit_code = ? AND u.id_number > ? ORDER BY u.id_number LIMIT ?",
            {unit, after}, limit);
}

void TableWorld::load_persons_named_page(std::string_view name, std::string_view after, std::size_t limit) {
  load_page(persons_,
            "SELECT id_number, doc FROM persons WHERE name = ? AND id_number > ? "
            "ORDER BY id_number LIMIT ?",
            {name, after}, limit);
}

void TableWorld::load_bills_page(std::string_view unit, std::string_view id_number, std::string_view after,
                                  std::size_t limit) {
  if (!unit.empty())
    load_page(bills_, "SELECT bill_id, doc FROM bills WHERE unit_code = ? AND (?2 = '' OR id_number = ?2) AND bill_id > ? ORDER BY bill_id LIMIT ?",
              {unit, id_number, after}, limit);
  else if (!id_number.empty())
    load_page(bills_, "SELECT bill_id, doc FROM bills WHERE id_number = ? AND bill_id > ? ORDER BY bill_id LIMIT ?",
              {id_number, after}, limit);
  else
    load_page(bills_, "SELECT bill_id, doc FROM bills WHERE bill_id > ? ORDER BY bill_id LIMIT ?", {after}, limit);
}

void TableWorld::load_cases_page(std::string_view unit, std::string_view after, std::size_t limit) {
  if (!unit.empty())
    load_page(cases_, "SELECT case_id, doc FROM cases WHERE unit_code = ? AND case_id > ? ORDER BY case_id LIMIT ?",
              {unit, after}, limit);
  else
    load_page(cases_, "SELECT case_id, doc FROM cases WHERE case_id > ? ORDER BY case_id LIMIT ?", {after}, limit);
}

std::vector<state::LedgerRecord> TableWorld::ledger_of(std::string_view account_no) {
  Stmt s(db_, "SELECT entry_id, kind, month, date, amount, corrects FROM ledger WHERE account_no = ? ORDER BY entry_id");
  s.bind(1, account_no);
  std::vector<state::LedgerRecord> out;
  while (s.step()) {
    state::LedgerEntry e;
    e.kind = state::parse_ledger_kind(s.text(1)).value();
    e.month = s.is_null(2) ? std::nullopt : YearMonth::parse(s.text(2));
    e.date = *Date::parse(s.text(3));
    e.amount = Money::fen(s.int64(4));
    if (!s.is_null(5)) e.corrects = s.text(5);
    out.push_back({s.int64(0), std::move(e)});
  }
  return out;
}

std::int64_t TableWorld::next_number(state::IdKind kind) {
  // Locked in a command (PostgreSQL: the counter's row is held until the
  // transaction ends, so two sessions never hand out the same number).
  Stmt s(db_, locked("SELECT next FROM sequences WHERE kind = ?"), Stmt::cached);
  s.bind(1, kind_name(kind));
  return s.step() ? s.int64(0) : 1;
}

std::optional<std::int64_t> TableWorld::latest_as_of(const std::vector<std::pair<std::string, std::string>>& subjects) {
  std::optional<std::int64_t> latest;
  auto consider = [&]<class T>(std::type_identity<T>, const std::string& key) {
    // A row this decision read: its last_as_of came with it (the row is locked, or the
    // transaction is the only writer, until the decision is written). Any other: asked for.
    std::optional<std::optional<std::int64_t>> read;
    if constexpr (std::is_same_v<T, state::Account>) {
      if (auto it = loaded_accounts_.find(key); it != loaded_accounts_.end() && it->second.as_of_read) read = it->second.as_of;
    } else if (auto it = loaded_as_of_.find(kStored<T>.table + key); it != loaded_as_of_.end()) {
      read = it->second;
    }
    if (!read) {
      static const std::string sql =
          std::string("SELECT last_as_of FROM ") + kStored<T>.table + " WHERE " + kStored<T>.key + " = ?";
      Stmt s(db_, sql, Stmt::cached);
      s.bind(1, key);
      read = s.step() ? nullable_int64(s, 0) : std::nullopt;
    }
    if (*read) latest = std::max(latest.value_or(INT64_MIN), **read);
  };
  auto check = [&](const std::string& table, const std::string& key) {
    if (table == "unit") consider(std::type_identity<state::Unit>{}, key);
    else if (table == "account") consider(std::type_identity<state::Account>{}, key);
    else if (table == "person") consider(std::type_identity<state::Person>{}, key);
  };
  // Each row once: a command's subject is usually among the rows it touched (the
  // touched ids of a table are distinct; a unit's settlement touches 100,000).
  const std::set<std::pair<std::string, std::string>> named(subjects.begin(), subjects.end());
  for (const auto& [t, k] : named) check(t, k);
  auto each_touched = [&]<class T>(std::type_identity<T> type, const state::EntityTable<T>& table, const char* name) {
    for (const auto& id : table.touched())
      if (named.empty() || !named.count({name, id})) consider(type, id);
  };
  each_touched(std::type_identity<state::Unit>{}, units_, "unit");
  each_touched(std::type_identity<state::Account>{}, accounts_, "account");
  each_touched(std::type_identity<state::Person>{}, persons_, "person");
  return latest;
}

}  // namespace pvd::store
