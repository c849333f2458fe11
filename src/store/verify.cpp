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
  Stmt s(db, "PRAGMA integrity_check");
  std::string detail;
  while (s.step()) detail += (detail.empty() ? "" : "; ") + s.text(0);
  return {"integrity_check", detail == "ok", detail};
}

// balance = sum of entries, in the column and in the document
state::Check balance_check(Db& db) {
  Stmt s(db,
         "SELECT a.account_no, a.balance, a.doc, coalesce((SELECT sum(amount) FROM ledger l WHERE l.account_no = a.account_no), 0) "
         "FROM accounts a ORDER BY a.account_no");
  Findings bad;
  std::int64_t n = 0;
  while (s.step()) {
    ++n;
    const std::int64_t column = s.int64(1), sum = s.int64(3);
    const auto doc_balance = Money::parse(parse_stored<json>(s.text(2), "account").value("balance", std::string("x")));
    if (column != sum || !doc_balance || doc_balance->as_fen() != sum)
      bad.add(s.text(0) + ": balance " + Money::fen(column).to_string() + ", entries sum " + Money::fen(sum).to_string());
  }
  return bad.result("balance equals the sum of ledger entries", std::to_string(n) + " accounts");
}

state::Check paid_once_check(Db& db) {
  Stmt s(db,
         "SELECT account_no, month, count(*) FROM ledger WHERE kind IN ('regular', 'back_pay') "
         "GROUP BY account_no, month HAVING count(*) > 1");
  Findings bad;
  while (s.step()) bad.add(s.text(0) + " " + s.text(1));
  Stmt d(db, "SELECT account_no, doc FROM accounts");
  while (d.step()) {
    std::set<std::string> seen;
    // Named: a range-for over a member of a temporary would read freed memory.
    json doc = parse_stored<json>(d.text(1), "account");
    for (const auto& m : doc["paid_months"])
      if (!seen.insert(m.get<std::string>()).second) bad.add(d.text(0) + " " + m.get<std::string>());
  }
  return bad.result("no month paid twice", "ok");
}

}  // namespace

std::vector<state::Check> verify_store(Db& db, bool replay) {
  std::vector<state::Check> checks = {integrity_check(db), balance_check(db), paid_once_check(db)};
  hpf_history_checks(db, checks);
  si_history_checks(db, checks);
  if (replay) checks.push_back(replay_check(db));
  return checks;
}

}  // namespace pvd::store
