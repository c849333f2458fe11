// store.verify: the store's own invariants and the replay of its journal.
// The HPF and SI histories have their own files (verify_hpf.cpp,
// verify_si.cpp), so that the two sides grow them independently.
#include "store/verify.hpp"

#include <map>
#include <set>

#include "engine/dispatcher.hpp"
#include "provident/id/mask.hpp"
#include "store/sqlite_store.hpp"

namespace pvd::store {

using protocol::json;

void Findings::add(const std::string& what) {
  if (++n_ > cap_ && cap_) return;
  text_ += (text_.empty() ? "" : "; ") + what;
}

state::Check Findings::result(std::string name, const std::string& fine) const {
  std::string detail = text_;
  if (cap_ && n_ > cap_) detail += "; … " + std::to_string(n_ - cap_) + " more";
  return {std::move(name), n_ == 0, n_ == 0 ? fine : detail};
}

std::string doc_member(Dialect d, std::string_view path) {
  if (d == Dialect::sqlite) return "json_extract(doc, '$." + std::string(path) + "')";
  std::string p(path);
  for (auto& c : p)
    if (c == '.') c = ',';
  return "(doc::jsonb #>> '{" + p + "}')";
}

namespace {

std::map<std::string, std::string> docs(Db& db, const char* table, const char* key) {
  std::map<std::string, std::string> out;
  Stmt s(db, std::string("SELECT ") + key + ", doc FROM " + table);
  while (s.step()) out[s.text(0)] = s.text(1);
  return out;
}

// Where a replayed store differs from `db`, or nothing.
std::optional<std::string> differences(Db& db, Db& replayed) {
  for (auto [table, key] : {std::pair{"units", "unit_code"}, {"accounts", "account_no"}, {"persons", "id_number"},
                            {"bills", "bill_id"}, {"cases", "case_id"}}) {
    const auto mine = docs(db, table, key);
    const auto theirs = docs(replayed, table, key);
    if (mine.size() != theirs.size())
      return std::string(table) + ": " + std::to_string(mine.size()) + " stored, " + std::to_string(theirs.size()) + " replayed";
    for (const auto& [k, doc] : mine) {
      auto it = theirs.find(k);
      if (it == theirs.end() || parse_stored<json>(it->second, "entity document") != parse_stored<json>(doc, "entity document"))
        return std::string(table) + " " + id::mask_echo(k) + " differs from its replay";
    }
  }
  return std::nullopt;
}

// The state must equal a replay of the journal: every journaled request run
// again, in order, through a dispatcher with the default profiles on a fresh
// in-memory store gives the same entities.
state::Check replay_check(Db& db) {
  const std::string name = "state equals a replay of the journal";
  const engine::Profiles profiles;
  SqliteStore replay_store(std::nullopt, false);
  engine::Dispatcher replay(profiles, &replay_store);
  Stmt s(db, "SELECT seq, request_id, request, profile, response FROM journal ORDER BY seq");
  std::size_t n = 0;
  while (s.step()) {
    json request = parse_stored<json>(s.text(2), "journal request");
    request["request_id"] = s.text(1);
    if (!request.contains("policy") && !s.text(3).empty()) request["policy"] = s.text(3);
    const json again = json::parse(replay.execute(request.dump()));
    const json before = parse_stored<json>(s.text(4), "journal response");
    if (again["ok"] != before["ok"] || again["violations"] != before["violations"])
      return {name, false, "request " + std::to_string(s.int64(0)) + " (" + s.text(1) + ") decides differently on replay"};
    ++n;
  }
  if (auto diff = differences(db, replay_store.db())) return {name, false, *diff};
  return {name, true, std::to_string(n) + " requests replayed"};
}

state::Check integrity_check(Db& db) {
  if (db.dialect() == Dialect::postgresql) {
    // PostgreSQL checks its own pages; what the store adds is that the
    // ledger, the journal and the events stay append-only: their triggers.
    Stmt s(db,
           "SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
           "WHERE c.relnamespace = current_schema()::regnamespace AND NOT t.tgisinternal "
           "AND t.tgname IN ('ledger_append_only', 'journal_append_only', 'events_append_only')");
    s.step();
    const bool ok = s.int64(0) == 3;
    return {"integrity_check", ok, ok ? "ok" : "an append-only trigger is missing"};
  }
  Stmt s(db, "PRAGMA integrity_check");
  std::string detail;
  while (s.step()) detail += (detail.empty() ? "" : "; ") + s.text(0);
  return {"integrity_check", detail == "ok", detail};
}

// The accounts of a page (all of them by default), as a CTE named `page`:
// parameters ?1 after, ?2 unit ('' for any), ?3 limit.
constexpr const char* kPage =
    "WITH page AS (SELECT account_no FROM accounts WHERE account_no > ?1 AND (?2 = '' OR unit_code = ?2) "
    "ORDER BY account_no LIMIT ?3) ";

Stmt page_stmt(Db& db, const std::string& sql, const AccountPage& p) {
  Stmt s(db, kPage + sql);
  s.bind(1, p.after).bind(2, p.unit_code).bind(3, p.limit);
  return s;
}

// balance = sum of entries, in the column and in the document
state::Check balance_check(Db& db, const AccountPage& p, std::int64_t& n, std::string& last) {
  Stmt s = page_stmt(db,
                     "SELECT a.account_no, a.balance, a.doc, coalesce((SELECT sum(amount) FROM ledger l WHERE l.account_no = "
                     "a.account_no), 0) FROM page p JOIN accounts a ON a.account_no = p.account_no ORDER BY a.account_no",
                     p);
  Findings bad;
  while (s.step()) {
    ++n;
    last = s.text(0);
    const std::int64_t column = s.int64(1), sum = s.int64(3);
    const auto doc_balance = Money::parse(parse_stored<json>(s.text(2), "account").value("balance", std::string("x")));
    if (column != sum || !doc_balance || doc_balance->as_fen() != sum)
      bad.add(s.text(0) + ": balance " + Money::fen(column).to_string() + ", entries sum " + Money::fen(sum).to_string());
  }
  return bad.result("balance equals the sum of ledger entries", std::to_string(n) + " accounts");
}

state::Check paid_once_check(Db& db, const AccountPage& p) {
  Stmt s = page_stmt(db,
                     "SELECT l.account_no, l.month, count(*) FROM ledger l JOIN page p ON p.account_no = l.account_no "
                     "WHERE l.kind IN ('regular', 'back_pay') GROUP BY l.account_no, l.month HAVING count(*) > 1",
                     p);
  Findings bad;
  while (s.step()) bad.add(s.text(0) + " " + s.text(1));
  Stmt d = page_stmt(db, "SELECT a.account_no, a.doc FROM page p JOIN accounts a ON a.account_no = p.account_no", p);
  while (d.step()) {
    std::set<std::string> seen;
    // Named: a range-for over a member of a temporary would read freed memory.
    json doc = parse_stored<json>(d.text(1), "account");
    for (const auto& m : doc["paid_months"])
      if (!seen.insert(m.get<std::string>()).second) bad.add(d.text(0) + " " + m.get<std::string>());
  }
  return bad.result("no month paid twice", "ok");
}

// The columns the store finds rows by (the pages of the queries, lookups by
// unit, person and name) say what the documents say: a page read by a column
// that disagrees with its document would skip or misplace entities.
// Where a row's key columns differ from its document, per table (SQL of `d`).
struct Differs {
  Dialect d;
  std::string is_not = d == Dialect::sqlite ? " IS NOT " : " IS DISTINCT FROM ";
  std::string operator()(std::initializer_list<std::pair<const char*, const char*>> columns) const {
    std::string sql;
    for (const auto& [column, path] : columns) sql += (sql.empty() ? "" : " OR ") + std::string(column) + is_not + doc_member(d, path);
    return sql;
  }
  // Money columns hold fen; the documents hold "1234.56".
  std::string fen(const char* column, const char* path) const {
    return std::string(" OR ") + column + is_not + "CAST(replace(" + doc_member(d, path) + ", '.', '') AS " +
           (d == Dialect::sqlite ? "INTEGER)" : "BIGINT)");
  }
  std::string accounts() const {
    return (*this)({{"account_no", "account_no"}, {"unit_code", "unit_code"}, {"id_number", "person.id_number"}, {"status", "status"},
                    {"name", "person.name"}}) + fen("balance", "balance");
  }
};

// A row is named by its SQLite rowid, or (PostgreSQL, which has none) by its key, masked.
std::string row_id(Dialect d, const char* key) { return d == Dialect::sqlite ? "rowid" : key; }
std::string row_name(Dialect d, const Stmt& s) { return d == Dialect::sqlite ? std::to_string(s.int64(0)) : id::mask_echo(s.text(0)); }

// The elements of the array member `member` of the documents of rows `alias`, as
// `e` (a member missing, or not an array, gives none), and the unit_code of an element.
std::string elements(Dialect d, const std::string& alias, const std::string& member) {
  if (d == Dialect::sqlite) return "json_each(" + alias + ".doc, '$." + member + "') e";
  const std::string m = alias + ".doc::jsonb -> '" + member + "'";
  return "jsonb_array_elements(CASE WHEN jsonb_typeof(" + m + ") = 'array' THEN " + m + " ELSE '[]'::jsonb END) e";
}
std::string unit_of_element(Dialect d) {
  return d == Dialect::sqlite ? "json_extract(e.value, '$.unit_code')" : "(e.value ->> 'unit_code')";
}

// The links the store keeps beside the documents: each enrollment's unit is in
// person_units, and nothing else is; each unit an account names (its unit, its
// stints' units) is in account_units — the engine writes an account's links only
// when its units change (table_world_write.cpp).
void unit_links(Db& db, Findings& bad) {
  const Dialect d = db.dialect();
  const std::string enrollments = elements(d, "p", "enrollments"), unit = unit_of_element(d);
  const std::string person = "p." + row_id(d, "id_number");
  Stmt persons(db, "SELECT " + person + " FROM persons p, " + enrollments + " WHERE NOT EXISTS (SELECT 1 FROM person_units u "
                   "WHERE u.id_number = p.id_number AND u.unit_code = " + unit + ") "
                   "UNION SELECT " + person + " FROM person_units u JOIN persons p ON p.id_number = u.id_number WHERE NOT EXISTS "
                   "(SELECT 1 FROM " + enrollments + " WHERE " + unit + " = u.unit_code)");
  while (persons.step()) bad.add("persons row " + row_name(d, persons) + ": units not as enrolled");
  const std::string is_object = d == Dialect::sqlite ? "e.type = 'object'" : "jsonb_typeof(e.value) = 'object'";
  const std::string account = "a." + row_id(d, "account_no");
  Stmt accounts(db, "SELECT " + account + " FROM accounts a WHERE NOT EXISTS (SELECT 1 FROM account_units u "
                    "WHERE u.account_no = a.account_no AND u.unit_code = a.unit_code) "
                    "UNION SELECT " + account + " FROM accounts a, " + elements(d, "a", "stints") + " WHERE " + is_object +
                    " AND NOT EXISTS (SELECT 1 FROM account_units u WHERE u.account_no = a.account_no AND u.unit_code = " +
                    unit + ")");
  while (accounts.step()) bad.add("accounts row " + row_name(d, accounts) + ": a unit it names is not linked");
}

state::Check columns_check(Db& db) {
  const Dialect d = db.dialect();
  const Differs differs{d};
  const std::tuple<const char*, const char*, std::string> kTables[] = {
      {"units", "unit_code", differs({{"unit_code", "unit_code"}, {"scheme", "scheme"}})},
      {"accounts", "account_no", differs.accounts()},
      {"persons", "id_number", differs({{"id_number", "id_number"}, {"name", "name"}})},
      {"bills", "bill_id",
       differs({{"bill_id", "bill_id"}, {"unit_code", "unit_code"}, {"id_number", "id_number"}, {"status", "status"}}) +
           differs.fen("amount_due", "amount_due")},
      {"cases", "case_id", differs({{"case_id", "case_id"}, {"unit_code", "unit_code"}, {"op", "op"}, {"status", "status"}})}};
  Findings bad(kShown);
  for (const auto& [table, key, where] : kTables) {
    Stmt s(db, "SELECT " + row_id(d, key) + " FROM " + table + " WHERE " + where);
    while (s.step()) bad.add(std::string(table) + " row " + row_name(d, s));
  }
  unit_links(db, bad);
  return bad.result("every row's key columns equal its document", "ok");
}

// The accounts rows of a page say what their documents say.
state::Check account_columns_check(Db& db, const AccountPage& p) {
  const Dialect d = db.dialect();
  Stmt s = page_stmt(db,
                     "SELECT " + row_id(d, "account_no") +
                         " FROM accounts WHERE account_no IN (SELECT account_no FROM page) AND (" + Differs{d}.accounts() + ")",
                     p);
  Findings bad(kShown);
  while (s.step()) bad.add("accounts row " + row_name(d, s));
  return bad.result("every row's key columns equal its document", "ok");
}

}  // namespace

state::AccountsVerified verify_accounts(Db& db, const AccountPage& page) {
  state::AccountsVerified out;
  std::string last;
  out.checks = {balance_check(db, page, out.accounts, last), paid_once_check(db, page), account_columns_check(db, page)};
  if (out.accounts == page.limit) out.next = last;
  return out;
}

std::vector<state::Check> verify_store(Db& db, bool replay) {
  std::int64_t accounts = 0;
  std::string last;
  std::vector<state::Check> checks = {integrity_check(db), balance_check(db, AccountPage{}, accounts, last),
                                      paid_once_check(db, AccountPage{}), columns_check(db)};
  hpf_history_checks(db, checks);
  si_history_checks(db, checks);
  si_wage_items_check(db, checks);  // issue 18
  if (replay) checks.push_back(replay_check(db));
  return checks;
}

}  // namespace pvd::store
