#include "store/sqlite_world.hpp"

#include <algorithm>
#include <tuple>

namespace pvd::store {

using protocol::json;

namespace {

json parse_doc(const std::string& doc) { return parse_stored<json>(doc, "entity document"); }

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
  return std::make_tuple(e.kind, e.month ? e.month->serial() : -1, e.date.days(), e.amount.as_fen(),
                         e.corrects.value_or(""));
}

}  // namespace

void SqliteWorld::load_unit(std::string_view code) {
  Stmt s(db_, "SELECT doc FROM units WHERE unit_code = ?", Stmt::cached);
  s.bind(1, code);
  if (s.step()) units_.put_loaded(state::decode_unit(parse_doc(s.text(0)), "store.units"), std::string(code));
}

void SqliteWorld::put_account_doc(const std::string& doc) {
  state::Account a = state::decode_account(parse_doc(doc), "store.accounts");
  const std::string id = a.account_no;
  if (accounts_.contains(id)) return;
  loaded_ledgers_[id] = a.ledger;
  accounts_.put_loaded(std::move(a), id);
}

void SqliteWorld::load_account(std::string_view no) {
  Stmt s(db_, "SELECT doc FROM accounts WHERE account_no = ?", Stmt::cached);
  s.bind(1, no);
  if (s.step()) put_account_doc(s.text(0));
}

void SqliteWorld::load_person(std::string_view id) {
  Stmt s(db_, "SELECT doc FROM persons WHERE id_number = ?", Stmt::cached);
  s.bind(1, id);
  if (s.step()) persons_.put_loaded(state::decode_person(parse_doc(s.text(0)), "store.persons"), std::string(id));
}

void SqliteWorld::load_bill(std::string_view id) {
  Stmt s(db_, "SELECT doc FROM bills WHERE bill_id = ?", Stmt::cached);
  s.bind(1, id);
  if (s.step()) bills_.put_loaded(state::decode_bill(parse_doc(s.text(0)), "store.bills"), std::string(id));
}

void SqliteWorld::load_case(std::string_view id) {
  Stmt s(db_, "SELECT doc FROM cases WHERE case_id = ?", Stmt::cached);
  s.bind(1, id);
  if (s.step()) cases_.put_loaded(state::decode_case(parse_doc(s.text(0)), "store.cases"), std::string(id));
}

void SqliteWorld::load_accounts_where(const char* sql, std::string_view key) {
  Stmt s(db_, sql, Stmt::cached);
  if (!key.empty() || std::string_view(sql).find('?') != std::string_view::npos) s.bind(1, key);
  while (s.step()) {
    // Skip rows already held (maybe changed by this decision).
    put_account_doc(s.text(0));
  }
}

void SqliteWorld::load_accounts_of_unit(std::string_view code) {
  if (!done_.insert("au:" + std::string(code)).second || done_.count("a*")) return;
  load_accounts_where("SELECT doc FROM accounts WHERE unit_code = ? ORDER BY account_no", code);
}

void SqliteWorld::load_accounts_of_person(std::string_view id) {
  if (!done_.insert("ap:" + std::string(id)).second || done_.count("a*")) return;
  load_accounts_where("SELECT doc FROM accounts WHERE id_number = ? ORDER BY account_no", id);
}

void SqliteWorld::load_accounts_with_stint_at(std::string_view code) {
  if (!done_.insert("as:" + std::string(code)).second || done_.count("a*")) return;
  load_accounts_where(
      "SELECT a.doc FROM account_units u JOIN accounts a ON a.account_no = u.account_no WHERE u.unit_code = ? "
      "ORDER BY a.account_no",
      code);
}

std::vector<std::string> SqliteWorld::stored_bills_paying(std::string_view account_no, YearMonth m) {
  Stmt s(db_, "SELECT bill_id FROM hpf_billed_months WHERE account_no = ? AND month = ? ORDER BY bill_id", Stmt::cached);
  s.bind(1, account_no).bind(2, m.to_string());
  std::vector<std::string> out;
  while (s.step()) out.push_back(s.text(0));
  return out;
}

void SqliteWorld::load_all_accounts() {
  if (!done_.insert("a*").second) return;
  load_accounts_where("SELECT doc FROM accounts ORDER BY account_no", "");
}

void SqliteWorld::load_bills_of_unit(std::string_view code) {
  if (!done_.insert("bu:" + std::string(code)).second) return;
  Stmt s(db_, "SELECT bill_id, doc FROM bills WHERE unit_code = ? ORDER BY bill_id", Stmt::cached);
  s.bind(1, code);
  while (s.step())
    if (!bills_.contains(s.text(0))) bills_.put_loaded(state::decode_bill(parse_doc(s.text(1)), "store.bills"), s.text(0));
}

void SqliteWorld::load_bills_of_person(std::string_view id) {
  if (!done_.insert("bp:" + std::string(id)).second) return;
  Stmt s(db_, "SELECT bill_id, doc FROM bills WHERE id_number = ? ORDER BY bill_id", Stmt::cached);
  s.bind(1, id);
  while (s.step())
    if (!bills_.contains(s.text(0))) bills_.put_loaded(state::decode_bill(parse_doc(s.text(1)), "store.bills"), s.text(0));
}

void SqliteWorld::load_persons_of_unit(std::string_view code) {
  if (!done_.insert("pu:" + std::string(code)).second) return;
  Stmt s(db_,
         "SELECT p.id_number, p.doc FROM person_units u JOIN persons p ON p.id_number = u.id_number "
         "WHERE u.unit_code = ? ORDER BY p.id_number", Stmt::cached);
  s.bind(1, code);
  while (s.step())
    if (!persons_.contains(s.text(0))) persons_.put_loaded(state::decode_person(parse_doc(s.text(1)), "store.persons"), s.text(0));
}

void SqliteWorld::load_cases_of_unit(std::string_view code) {
  if (!done_.insert("cu:" + std::string(code)).second || done_.count("c*")) return;
  Stmt s(db_, "SELECT case_id, doc FROM cases WHERE unit_code = ? ORDER BY case_id", Stmt::cached);
  s.bind(1, code);
  while (s.step())
    if (!cases_.contains(s.text(0))) cases_.put_loaded(state::decode_case(parse_doc(s.text(1)), "store.cases"), s.text(0));
}

void SqliteWorld::load_all_cases() {
  if (!done_.insert("c*").second) return;
  Stmt s(db_, "SELECT case_id, doc FROM cases ORDER BY case_id", Stmt::cached);
  while (s.step())
    if (!cases_.contains(s.text(0))) cases_.put_loaded(state::decode_case(parse_doc(s.text(1)), "store.cases"), s.text(0));
}

void SqliteWorld::load_all_units() {
  if (!done_.insert("u*").second) return;
  Stmt s(db_, "SELECT unit_code, doc FROM units ORDER BY unit_code", Stmt::cached);
  while (s.step())
    if (!units_.contains(s.text(0))) units_.put_loaded(state::decode_unit(parse_doc(s.text(1)), "store.units"), s.text(0));
}

std::int64_t SqliteWorld::next_number(state::IdKind kind) {
  Stmt s(db_, "SELECT next FROM sequences WHERE kind = ?", Stmt::cached);
  s.bind(1, kind_name(kind));
  return s.step() ? s.int64(0) : 1;
}

std::optional<std::int64_t> SqliteWorld::latest_as_of(const std::vector<std::pair<std::string, std::string>>& subjects) {
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
  for (const auto& [t, k] : subjects) check(t, k);
  for (const auto& id : units_.touched()) check("unit", id);
  for (const auto& id : accounts_.touched()) check("account", id);
  for (const auto& id : persons_.touched()) check("person", id);
  return latest;
}

void SqliteWorld::write(const Provenance& p) {
  for (const auto& id : units_.touched()) {
    const state::Unit& u = *units_.find(id);
    Stmt s(db_,
           "INSERT INTO units (unit_code, scheme, doc, last_as_of, journal_seq, engine_version, parameters) "
           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (unit_code) DO UPDATE SET "
           "scheme = ?2, doc = ?3, last_as_of = max(coalesce(last_as_of, ?4), coalesce(?4, last_as_of)), "
           "journal_seq = ?5, engine_version = ?6, parameters = ?7", Stmt::cached);
    s.bind(1, id).bind(2, u.scheme).bind(3, state::encode(u).dump()).bind(4, p.as_of).bind(5, p.journal_seq)
        .bind(6, p.engine_version).bind(7, p.parameters).run();
  }
  for (const auto& id : accounts_.touched()) {
    const state::Account& a = *accounts_.find(id);
    Stmt s(db_,
           "INSERT INTO accounts (account_no, unit_code, id_number, status, balance, doc, last_as_of, journal_seq, "
           "engine_version, parameters) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
           "ON CONFLICT (account_no) DO UPDATE SET unit_code = ?2, id_number = ?3, status = ?4, balance = ?5, doc = ?6, "
           "last_as_of = max(coalesce(last_as_of, ?7), coalesce(?7, last_as_of)), journal_seq = ?8, "
           "engine_version = ?9, parameters = ?10", Stmt::cached);
    s.bind(1, id).bind(2, a.unit_code).bind(3, a.person.id_number).bind(4, a.status).bind(5, a.balance.as_fen())
        .bind(6, state::encode(a).dump()).bind(7, p.as_of).bind(8, p.journal_seq).bind(9, p.engine_version)
        .bind(10, p.parameters).run();
    // The units it owes or owed months to (docs/history.md).
    Stmt link(db_, "INSERT OR IGNORE INTO account_units (account_no, unit_code) VALUES (?, ?)", Stmt::cached);
    link.bind(1, id).bind(2, a.unit_code).run();
    for (const auto& st : a.stints) {
      if (st.unit_code == a.unit_code) continue;
      link.reset();
      link.bind(1, id).bind(2, st.unit_code).run();
    }
    // New ledger entries: those of the new document that the loaded one did
    // not have (as a multiset; a settled year's entries may leave the document).
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
      ins.bind(1, id).bind(2, e.kind);
      if (e.month) ins.bind(3, e.month->to_string());
      else ins.bind_null(3);
      ins.bind(4, e.date.to_string()).bind(5, e.amount.as_fen()).bind(6, e.corrects).bind(7, p.journal_seq)
          .bind(8, p.engine_version).bind(9, p.parameters);
      ins.run();
    }
  }
  for (const auto& id : persons_.touched()) {
    const state::Person& x = *persons_.find(id);
    Stmt s(db_,
           "INSERT INTO persons (id_number, doc, last_as_of, journal_seq, engine_version, parameters) "
           "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (id_number) DO UPDATE SET doc = ?2, "
           "last_as_of = max(coalesce(last_as_of, ?3), coalesce(?3, last_as_of)), journal_seq = ?4, "
           "engine_version = ?5, parameters = ?6", Stmt::cached);
    s.bind(1, id).bind(2, state::encode(x).dump()).bind(3, p.as_of).bind(4, p.journal_seq).bind(5, p.engine_version)
        .bind(6, p.parameters).run();
    Stmt link(db_, "INSERT OR IGNORE INTO person_units (id_number, unit_code) VALUES (?, ?)", Stmt::cached);
    for (const auto& e : x.enrollments) {
      link.reset();
      link.bind(1, id).bind(2, e.unit_code).run();
    }
  }
  for (const auto& id : bills_.touched()) {
    const state::Bill& b = *bills_.find(id);
    Stmt s(db_,
           "INSERT INTO bills (bill_id, unit_code, id_number, status, amount_due, doc, journal_seq, engine_version, parameters) "
           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (bill_id) DO UPDATE SET unit_code = ?2, id_number = ?3, "
           "status = ?4, amount_due = ?5, doc = ?6, journal_seq = ?7, engine_version = ?8, parameters = ?9", Stmt::cached);
    s.bind(1, id).bind(2, b.unit_code).bind(3, b.id_number).bind(4, b.status).bind(5, b.amount_due.as_fen())
        .bind(6, state::encode(b).dump()).bind(7, p.journal_seq).bind(8, p.engine_version).bind(9, p.parameters).run();
    // The months it pays (items never change after creation; a withdrawn bill pays none).
    if (b.scheme != "hpf") continue;
    if (bills_.created(id) && b.status != "withdrawn") {
      Stmt ins(db_, "INSERT OR IGNORE INTO hpf_billed_months (account_no, month, bill_id) VALUES (?, ?, ?)", Stmt::cached);
      for (const auto& item : b.items) {
        const std::string kind = item.kind.value_or("regular");
        if (!item.account_no || (kind != "regular" && kind != "back_pay")) continue;
        ins.reset();
        ins.bind(1, *item.account_no).bind(2, item.month.to_string()).bind(3, id).run();
      }
    } else if (!bills_.created(id) && b.status == "withdrawn") {
      Stmt del(db_, "DELETE FROM hpf_billed_months WHERE bill_id = ?", Stmt::cached);
      del.bind(1, id).run();
    }
  }
  for (const auto& id : cases_.touched()) {
    const state::Case& c = *cases_.find(id);
    Stmt s(db_,
           "INSERT INTO cases (case_id, unit_code, op, status, doc, journal_seq, engine_version, parameters) "
           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (case_id) DO UPDATE SET unit_code = ?2, op = ?3, "
           "status = ?4, doc = ?5, journal_seq = ?6, engine_version = ?7, parameters = ?8", Stmt::cached);
    s.bind(1, id).bind(2, c.unit_code).bind(3, c.op).bind(4, c.status).bind(5, state::encode(c).dump())
        .bind(6, p.journal_seq).bind(7, p.engine_version).bind(8, p.parameters).run();
  }
  for (const auto& [kind, n] : issued_) {
    Stmt s(db_, "INSERT INTO sequences (kind, next) VALUES (?1, ?2) ON CONFLICT (kind) DO UPDATE SET next = max(next, ?2)", Stmt::cached);
    s.bind(1, kind_name(kind)).bind(2, n + 1).run();
  }
}

}  // namespace pvd::store
