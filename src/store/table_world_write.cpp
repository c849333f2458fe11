// How the store's World writes a command's changes back (protocol.md §5,
// postgresql.md "Writes"): each touched row by one statement — a loaded
// account by an UPDATE of its changed columns, anything else by an insert or
// upsert — and what hangs off the rows (ledger entries, links, billed months,
// id counters). The reads are in table_world.cpp.
#include <algorithm>
#include <iterator>
#include <tuple>
#include <type_traits>
#include <variant>

#include "state/encode_text.hpp"
#include "store/table_rows.hpp"
#include "store/table_world.hpp"

namespace pvd::store {

using namespace rows;

namespace {

auto ledger_key(const state::LedgerEntry& e) {
  return std::make_tuple(state::to_text(e.kind), e.month ? e.month->serial() : -1, e.date.days(), e.amount.as_fen(),
                         e.corrects.value_or(""));
}

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

/// "UPDATE accounts SET <the searched columns of `changed`, a bit each in the
/// order of kAccountColumns>, doc, last_as_of, journal_seq, engine_version,
/// parameters WHERE account_no = ?": each of the 32 made once.
const std::string& update_account_sql(unsigned changed) {
  constexpr std::size_t kColumns = std::size(kAccountColumns);
  static const auto all = [] {
    std::vector<std::string> v;
    for (unsigned mask = 0; mask < (1u << kColumns); ++mask) {
      std::string sql = "UPDATE accounts SET ";
      int n = 0;
      for (std::size_t i = 0; i < kColumns; ++i)
        if (mask & (1u << i)) sql += std::string(kAccountColumns[i]) + " = ?" + std::to_string(++n) + ", ";
      const std::string doc = "?" + std::to_string(n + 1), as_of = "?" + std::to_string(n + 2);
      // The cast gives PostgreSQL the parameter's type (the upsert's VALUES did).
      sql += "doc = " + doc + ", last_as_of = CASE WHEN CAST(" + as_of + " AS BIGINT) IS NULL OR accounts.last_as_of > " +
             as_of + " THEN accounts.last_as_of ELSE " + as_of + " END, journal_seq = ?" + std::to_string(n + 3) +
             ", engine_version = ?" + std::to_string(n + 4) + ", parameters = ?" + std::to_string(n + 5) +
             " WHERE account_no = ?" + std::to_string(n + 6);
      v.push_back(std::move(sql));
    }
    return v;
  }();
  return all.at(changed);
}

}  // namespace

void TableWorld::update_account(const state::Account& a, const std::string& id, const std::vector<std::string>& before,
                                const Provenance& p) {
  const std::vector<std::string> now = account_columns(a);
  const std::vector<Value> typed = searched(a);
  std::vector<std::size_t> changed;
  unsigned mask = 0;
  for (std::size_t i = 0; i < now.size(); ++i)
    if (now[i] != before[i]) changed.push_back(i), mask |= 1u << i;
  Stmt s(db_, update_account_sql(mask), Stmt::cached);
  int i = 0;
  for (std::size_t c : changed) std::visit([&](const auto& value) { s.bind(++i, value); }, typed[c]);
  s.bind(++i, state::document_text(a));
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
      if (auto it = loaded_accounts_.find(id); it != loaded_accounts_.end() && it->second.in_place && !table.created(id)) {
        update_account(x, id, it->second.columns, p);
        written(x, id, p, &it->second);
        continue;
      }
    }
    Stmt s(db_, write_sql<T>(table.created(id)), Stmt::cached);
    int i = 0;
    s.bind(++i, id);
    for (const Value& v : searched(x)) std::visit([&](const auto& value) { s.bind(++i, value); }, v);
    s.bind(++i, state::document_text(x));
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
// Decision (issue 21): an account read from its row whose units are those it was read
// with has its links already — the engine wrote them when it wrote those units — so
// they are written only for a new account or when its units change (a payment or a
// settlement writes no link). A link deleted behind the engine's back is not put back
// silently: store.verify reports it ("every row's key columns equal its document").
void TableWorld::written(const state::Account& a, const std::string& id, const Provenance& p) {
  const auto it = loaded_accounts_.find(id);
  written(a, id, p, it == loaded_accounts_.end() ? nullptr : &it->second);
}

void TableWorld::written(const state::Account& a, const std::string& id, const Provenance& p, const LoadedAccount* loaded) {
  const std::vector<std::string> units = rows::linked_units(a);
  if (!loaded || !loaded->in_place || loaded->units != units) {
    Stmt link(db_, "INSERT INTO account_units (account_no, unit_code) VALUES (?, ?) ON CONFLICT DO NOTHING", Stmt::cached);
    for (const auto& unit : units) {
      link.reset();
      link.bind(1, id).bind(2, unit).run();
    }
  }
  std::vector<decltype(ledger_key(a.ledger.front()))> old_keys;
  if (loaded)
    for (const auto& e : loaded->ledger) old_keys.push_back(ledger_key(e));
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
