#include "store/table_world.hpp"

#include <algorithm>
#include <tuple>
#include <type_traits>
#include <variant>

namespace pvd::store {

using protocol::json;

namespace {

json parse_doc(const std::string& doc) { return parse_stored<json>(doc, "entity document"); }

// The searched columns of an account's row, in the order of kAccountColumns
// (as text, to compare); write_rows() binds them by type (searched()).
constexpr const char* kAccountColumns[] = {"unit_code", "id_number", "status", "balance", "name"};
std::vector<std::string> account_columns(const state::Account& a) {
  return {a.unit_code, a.person.id_number, std::string(state::to_text(a.status)), std::to_string(a.balance.as_fen()), a.person.name};
}

std::string kind_name(state::IdKind k) {
  switch (k) {
    case state::IdKind::account: return "account";
    case state::IdKind::bill: return "bill";
    case state::IdKind::case_: return "case";
    case state::IdKind::verification: return "verification";
  }
  return "?";
}

auto ledger_key(const state::LedgerEntry& e) {
  return std::make_tuple(state::to_text(e.kind), e.month ? e.month->serial() : -1, e.date.days(), e.amount.as_fen(),
                         e.corrects.value_or(""));
}

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
T decode_stored(const std::string& doc) {
  return kStored<T>.decode(parse_doc(doc), kStored<T>.path);
}

/// "SELECT <key>, doc FROM <table> WHERE <key> = ?": one entity by its id.
template <class T>
const std::string& select_one() {
  static const std::string sql =
      std::string("SELECT ") + kStored<T>.key + ", doc FROM " + kStored<T>.table + " WHERE " + kStored<T>.key + " = ?";
  return sql;
}

}  // namespace

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
    if constexpr (std::is_same_v<T, state::Account>)
      put_account(decode_stored<T>(s.text(1)), s.text(0));
    else if (!table.contains(s.text(0)))
      table.put_loaded(decode_stored<T>(s.text(1)), s.text(0));
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
      put_account(decode_stored<T>(s.text(1)), s.text(0));
    else if (!table.contains(s.text(0)))
      table.put_loaded(decode_stored<T>(s.text(1)), s.text(0));
  }
}

void TableWorld::put_account(state::Account a, const std::string& key) {
  const std::string id = a.account_no;  // as its document says
  if (accounts_.contains(id)) return;
  loaded_ledgers_[id] = a.ledger;
  // A row whose key is not its document's number is written as before (an
  // upsert of the number). Decision: a searched column changed outside the
  // engine is left as it is until the account's value of it changes;
  // store.verify reports such a row.
  if (key == id) loaded_columns_[id] = account_columns(a);
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
    load_rows(accounts_, "SELECT account_no, doc FROM accounts WHERE unit_code = ? ORDER BY account_no", code);
}

void TableWorld::load_accounts_of_person(std::string_view id) {
  if (first_load("ap:", id, "a*"))
    load_rows(accounts_, "SELECT account_no, doc FROM accounts WHERE id_number = ? ORDER BY account_no", id);
}

void TableWorld::load_accounts_with_stint_at(std::string_view code) {
  if (!first_load("as:", code, "a*")) return;
  std::vector<std::string> keys;
  load_rows(accounts_,
            "SELECT a.account_no, a.doc FROM account_units u JOIN accounts a ON a.account_no = u.account_no "
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
  if (first_load("a*", "")) load_rows(accounts_, "SELECT account_no, doc FROM accounts ORDER BY account_no", std::nullopt);
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
              "SELECT p.id_number, p.doc FROM person_units u JOIN persons p ON p.id_number = u.id_number "
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
  if (first_load("u*", "")) load_rows(units_, "SELECT unit_code, doc FROM units ORDER BY unit_code", std::nullopt);
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
  auto consider = [&](const char* sql, const std::string& key) {
    Stmt s(db_, sql, Stmt::cached);
    s.bind(1, key);
    if (s.step() && !s.is_null(0)) latest = std::max(latest.value_or(INT64_MIN), s.int64(0));
  };
  auto check = [&](const std::string& table, const std::string& key) {
    if (table == "unit") consider("SELECT last_as_of FROM units WHERE unit_code = ?", key);
    else if (table == "account") consider("SELECT last_as_of FROM accounts WHERE account_no = ?", key);
    else if (table == "person") consider("SELECT last_as_of FROM persons WHERE id_number = ?", key);
  };
  // Each row once: a command's subject is usually among the rows it touched.
  std::set<std::pair<std::string, std::string>> rows(subjects.begin(), subjects.end());
  for (const auto& id : units_.touched()) rows.emplace("unit", id);
  for (const auto& id : accounts_.touched()) rows.emplace("account", id);
  for (const auto& id : persons_.touched()) rows.emplace("person", id);
  for (const auto& [t, k] : rows) check(t, k);
  return latest;
}

namespace {

// The columns a row keeps beside its document, for the store's searches.
using Value = std::variant<std::string, std::optional<std::string>, std::int64_t>;
std::vector<Value> searched(const state::Unit& u) { return {std::string(state::to_text(u.scheme))}; }
std::vector<Value> searched(const state::Account& a) {
  return {a.unit_code, a.person.id_number, std::string(state::to_text(a.status)), a.balance.as_fen(), a.person.name};
}
std::vector<Value> searched(const state::Person& p) { return {p.name}; }
std::vector<Value> searched(const state::Bill& b) { return {b.unit_code, b.id_number, std::string(state::to_text(b.status)), b.amount_due.as_fen()}; }
std::vector<Value> searched(const state::Case& c) { return {c.unit_code, c.op, std::string(state::to_text(c.status))}; }

/// "INSERT INTO <table> (<key>, <searched…>, doc, [last_as_of,] journal_seq,
/// engine_version, parameters) … ON CONFLICT (<key>) DO UPDATE SET …": a row
/// written whole; last_as_of only ever moves forward. A row the decision
/// `created` is inserted without ON CONFLICT: when another transaction
/// created the same key meanwhile the insert fails (a retryable unique
/// violation) instead of overwriting it.
std::string upsert_sql(const char* table, const char* key, const char* searched, bool dated, bool created) {
  std::vector<std::string> columns = {key};
  for (std::string_view rest = searched; !rest.empty();) {
    const auto comma = rest.find(", ");
    columns.emplace_back(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 2);
  }
  for (const char* c : {"doc", "last_as_of", "journal_seq", "engine_version", "parameters"})
    if (dated || std::string_view(c) != "last_as_of") columns.emplace_back(c);
  std::string names, values, updates;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const std::string& c = columns[i];
    const std::string v = "?" + std::to_string(i + 1);
    names += (i ? ", " : "") + c;
    values += (i ? ", " : "") + v;
    if (i == 0) continue;
    updates += (i > 1 ? ", " : "") + c + " = " +
               (c == "last_as_of" ? "CASE WHEN " + v + " IS NULL OR " + table + ".last_as_of > " + v + " THEN " + table +
                                        ".last_as_of ELSE " + v + " END"
                                  : v);
  }
  const std::string insert = std::string("INSERT INTO ") + table + " (" + names + ") VALUES (" + values + ")";
  return created ? insert : insert + " ON CONFLICT (" + key + ") DO UPDATE SET " + updates;
}

/// The columns searched on per table, and whether its rows record the
/// latest as_of ("time goes forward", protocol.md §5).
template <class T>
std::string write_sql_of(bool created) {
  if constexpr (std::is_same_v<T, state::Unit>) return upsert_sql("units", "unit_code", "scheme", true, created);
  else if constexpr (std::is_same_v<T, state::Account>)
    return upsert_sql("accounts", "account_no", "unit_code, id_number, status, balance, name", true, created);
  else if constexpr (std::is_same_v<T, state::Person>) return upsert_sql("persons", "id_number", "name", true, created);
  else if constexpr (std::is_same_v<T, state::Bill>)
    return upsert_sql("bills", "bill_id", "unit_code, id_number, status, amount_due", false, created);
  else return upsert_sql("cases", "case_id", "unit_code, op, status", false, created);
}

template <class T>
const std::string& write_sql(bool created) {
  static const std::string update = write_sql_of<T>(false), insert = write_sql_of<T>(true);
  return created ? insert : update;
}

}  // namespace

void TableWorld::update_account(const state::Account& a, const std::string& id, const std::vector<std::string>& before,
                                const Provenance& p) {
  const std::vector<std::string> now = account_columns(a);
  const std::vector<Value> typed = searched(a);
  std::string sql = "UPDATE accounts SET ";
  std::vector<std::size_t> changed;
  int n = 0;
  for (std::size_t i = 0; i < now.size(); ++i) {
    if (now[i] == before[i]) continue;
    changed.push_back(i);
    sql += std::string(kAccountColumns[i]) + " = ?" + std::to_string(++n) + ", ";
  }
  const std::string doc = "?" + std::to_string(n + 1), as_of = "?" + std::to_string(n + 2);
  // The cast gives PostgreSQL the parameter's type (the upsert's VALUES did).
  sql += "doc = " + doc + ", last_as_of = CASE WHEN CAST(" + as_of + " AS BIGINT) IS NULL OR accounts.last_as_of > " + as_of +
         " THEN accounts.last_as_of ELSE " + as_of + " END, journal_seq = ?" + std::to_string(n + 3) +
         ", engine_version = ?" + std::to_string(n + 4) + ", parameters = ?" + std::to_string(n + 5) +
         " WHERE account_no = ?" + std::to_string(n + 6);
  Stmt s(db_, sql, Stmt::cached);
  int i = 0;
  for (std::size_t c : changed) std::visit([&](const auto& value) { s.bind(++i, value); }, typed[c]);
  s.bind(++i, state::encode(a).dump());
  s.bind(++i, p.as_of);
  s.bind(++i, p.journal_seq);
  s.bind(++i, p.engine_version);
  s.bind(++i, p.parameters);
  s.bind(++i, id);
  s.run();
}

template <class T>
void TableWorld::write_rows(state::EntityTable<T>& table, const Provenance& p) {
  for (const auto& id : table.touched()) {
    const T& x = *table.find(id);
    // A loaded account: its row is there (a command's reads lock it) and is updated in place.
    if constexpr (std::is_same_v<T, state::Account>) {
      if (auto it = loaded_columns_.find(id); it != loaded_columns_.end() && !table.created(id)) {
        update_account(x, id, it->second, p);
        written(x, id, p);
        continue;
      }
    }
    Stmt s(db_, write_sql<T>(table.created(id)), Stmt::cached);
    int i = 0;
    s.bind(++i, id);
    for (const Value& v : searched(x)) std::visit([&](const auto& value) { s.bind(++i, value); }, v);
    s.bind(++i, state::encode(x).dump());
    if constexpr (!std::is_same_v<T, state::Bill> && !std::is_same_v<T, state::Case>) s.bind(++i, p.as_of);
    s.bind(++i, p.journal_seq);
    s.bind(++i, p.engine_version);
    s.bind(++i, p.parameters);
    s.run();
    written(x, id, p);
  }
}

// The units an account owes or owed months to (docs/history.md), and its new
// ledger entries: those of the new document that the loaded one did not have
// (as a multiset; a settled year's entries may leave the document).
void TableWorld::written(const state::Account& a, const std::string& id, const Provenance& p) {
  Stmt link(db_, "INSERT INTO account_units (account_no, unit_code) VALUES (?, ?) ON CONFLICT DO NOTHING", Stmt::cached);
  link.bind(1, id).bind(2, a.unit_code).run();
  for (const auto& st : a.stints) {
    if (st.unit_code == a.unit_code) continue;
    link.reset();
    link.bind(1, id).bind(2, st.unit_code).run();
  }
  std::vector<state::LedgerEntry> before;
  if (auto it = loaded_ledgers_.find(id); it != loaded_ledgers_.end()) before = it->second;
  std::vector<decltype(ledger_key(before.front()))> old_keys;
  for (const auto& e : before) old_keys.push_back(ledger_key(e));
  std::sort(old_keys.begin(), old_keys.end());
  Stmt ins(db_,
           "INSERT INTO ledger (account_no, kind, month, date, amount, corrects, journal_seq, engine_version, parameters) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", Stmt::cached);
  for (const auto& e : a.ledger) {
    auto k = ledger_key(e);
    auto it = std::lower_bound(old_keys.begin(), old_keys.end(), k);
    if (it != old_keys.end() && *it == k) {
      old_keys.erase(it);
      continue;
    }
    ins.reset();
    ins.bind(1, id).bind(2, state::to_text(e.kind));
    if (e.month) ins.bind(3, e.month->to_string());
    else ins.bind_null(3);
    ins.bind(4, e.date.to_string()).bind(5, e.amount.as_fen()).bind(6, e.corrects).bind(7, p.journal_seq)
        .bind(8, p.engine_version).bind(9, p.parameters);
    ins.run();
  }
}

// The units a person is enrolled at; a number corrected away (issue 18 (1): a tombstone)
// is enrolled nowhere.
void TableWorld::written(const state::Person& x, const std::string& id, const Provenance&) {
  if (x.moved_to) {
    Stmt drop(db_, "DELETE FROM person_units WHERE id_number = ?", Stmt::cached);
    drop.bind(1, id).run();
    return;
  }
  Stmt link(db_, "INSERT INTO person_units (id_number, unit_code) VALUES (?, ?) ON CONFLICT DO NOTHING", Stmt::cached);
  for (const auto& e : x.enrollments) {
    link.reset();
    link.bind(1, id).bind(2, e.unit_code).run();
  }
}

// The months an HPF bill pays (items never change after creation; a
// withdrawn bill pays none).
void TableWorld::written(const state::Bill& b, const std::string& id, const Provenance&) {
  if (b.scheme != state::Scheme::hpf) return;
  if (bills_.created(id) && b.status != state::BillStatus::withdrawn) {
    Stmt ins(db_, "INSERT INTO hpf_billed_months (account_no, month, bill_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", Stmt::cached);
    for (const auto& item : b.items) {
      const state::LedgerKind kind = item.kind.value_or(state::LedgerKind::regular);
      if (!item.account_no || (kind != state::LedgerKind::regular && kind != state::LedgerKind::back_pay)) continue;
      ins.reset();
      ins.bind(1, *item.account_no).bind(2, item.month.to_string()).bind(3, id).run();
    }
  } else if (!bills_.created(id) && b.status == state::BillStatus::withdrawn) {
    Stmt del(db_, "DELETE FROM hpf_billed_months WHERE bill_id = ?", Stmt::cached);
    del.bind(1, id).run();
  }
}

void TableWorld::write(const Provenance& p) {
  write_rows(units_, p);
  write_rows(accounts_, p);
  write_rows(persons_, p);
  write_rows(bills_, p);
  write_rows(cases_, p);
  for (const auto& [kind, n] : issued_) {
    Stmt s(db_, "INSERT INTO sequences (kind, next) VALUES (?1, ?2) ON CONFLICT (kind) DO UPDATE SET next = CASE WHEN sequences.next > ?2 THEN sequences.next ELSE ?2 END", Stmt::cached);
    s.bind(1, kind_name(kind)).bind(2, n + 1).run();
  }
}

}  // namespace pvd::store
