// Queries (protocol.md §1.5): hpf.account.get, hpf.account.statement,
// si.person.get, journal.list and store.verify. The first three also answer in
// stateless mode from the facts; the last two need the store.
#include <algorithm>
#include <map>
#include <set>

#include "hpf/account.hpp"

#include "protocol/registry.hpp"
#include "provident/engine.hpp"
#include "provident/id/mask.hpp"
#include "store/sqlite_store.hpp"
#include "store/sqlite_world.hpp"
#include "store/verify_si.hpp"

namespace pvd::engine {
store::Store* store_of(Engine& e);
}

namespace pvd::store {

using protocol::ArgReader;
using protocol::json;
using protocol::OpContext;
using protocol::OpKind;
using protocol::OpResult;
using protocol::ojson;

namespace {

Db& store_db(OpContext& ctx, const char* op) {
  auto* w = dynamic_cast<SqliteWorld*>(&ctx.world());
  if (!w)
    protocol::throw_bad_value("facts", std::string(op) + "只能在存储模式下使用", std::string(op) + " runs only in store mode (without facts)");
  return w->db();
}

const state::Account& find_account(OpContext& ctx, const std::string& no) {
  const state::Account* a = ctx.world().account(no);
  if (!a) protocol::throw_not_found("args.account_no", "账户", "account", no);
  return *a;
}

// hpf.account.get {account_no}: the account entity (state.md §2).
void account_get(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string no = a.string("account_no");
  r.result = state::encode(find_account(ctx, no));
}

// hpf.account.statement {account_no, from, to}: ledger entries whose month (or,
// for entries without one, whose date) falls in [from, to]. In store mode the
// append-only ledger table answers, every year included.
void account_statement(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string no = a.string("account_no");
  const YearMonth from = a.month("from"), to = a.month("to");
  if (to < from) {
    r.violations.add("PERIOD_INVERTED", "args.from");
    return;
  }
  if (to - from >= protocol::kMaxPeriodMonths)
    protocol::throw_bad_value("args.to", "时间段超过1200个月的上限", "a period longer than the limit of 1200 months");
  const state::Account& acc = find_account(ctx, no);
  ojson entries = ojson::array();
  Money total;
  auto in_range = [&](const std::optional<YearMonth>& m, Date d) {
    const YearMonth x = m ? *m : d.year_month();
    return !(x < from) && !(to < x);
  };
  if (auto* w = dynamic_cast<SqliteWorld*>(&ctx.world())) {
    Stmt s(w->db(), "SELECT entry_id, kind, month, date, amount, corrects FROM ledger WHERE account_no = ? ORDER BY entry_id");
    s.bind(1, no);
    while (s.step()) {
      const auto month = s.is_null(2) ? std::nullopt : YearMonth::parse(s.text(2));
      const Date date = *Date::parse(s.text(3));
      if (!in_range(month, date)) continue;
      ojson e = {{"entry_id", s.int64(0)}, {"kind", s.text(1)}, {"month", month ? ojson(month->to_string()) : ojson(nullptr)},
                 {"date", date.to_string()}, {"amount", Money::fen(s.int64(4)).to_string()}};
      if (!s.is_null(5)) e["corrects"] = s.text(5);
      total += Money::fen(s.int64(4));
      entries.push_back(std::move(e));
    }
  } else {
    for (const auto& e : acc.ledger) {
      if (!in_range(e.month, e.date)) continue;
      entries.push_back({{"kind", e.kind}, {"month", e.month ? ojson(e.month->to_string()) : ojson(nullptr)},
                         {"date", e.date.to_string()}, {"amount", e.amount.to_string()}});
      total += e.amount;
    }
  }
  r.result = {{"account_no", no}, {"from", from.to_string()}, {"to", to.to_string()}, {"entries", entries},
              {"total", total.to_string()}, {"balance", acc.balance.to_string()}};
}

// si.person.get {id_number}: the person entity (state.md §2).
void person_get(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string id = a.string("id_number");
  const state::Person* p = ctx.world().person(id);
  if (!p) protocol::throw_not_found("args.id_number", "人员", "person", pvd::id::mask_id_number(id));
  r.result = state::encode(*p);
}

// journal.list {after?, limit?}: journaled requests after a sequence number,
// personal data masked.
void journal_list(OpContext& ctx, ArgReader& a, OpResult& r) {
  const auto after = a.opt_integer("after", 0, INT64_MAX).value_or(0);
  const auto limit = a.opt_integer("limit", 1, 1000).value_or(100);
  Db& db = store_db(ctx, "journal.list");
  Stmt s(db, "SELECT seq, request_id, op, as_of, ok, summary, engine_version FROM journal WHERE seq > ? ORDER BY seq LIMIT ?");
  s.bind(1, after).bind(2, limit);
  ojson rows = ojson::array();
  std::int64_t last = after;
  while (s.step()) {
    last = s.int64(0);
    rows.push_back({{"seq", s.int64(0)}, {"request_id", s.text(1)}, {"op", s.text(2)},
                    {"as_of", s.is_null(3) ? ojson(nullptr) : ojson(s.text(3))}, {"ok", s.int64(4) == 1},
                    {"request", parse_stored<ojson>(s.text(5), "journal summary")}, {"engine_version", s.text(6)}});
  }
  r.result = {{"entries", rows}, {"last_seq", last}};
}

// ------------------------------------------------------------------ store.verify

ojson check(const std::string& name, bool ok, const std::string& detail) {
  return {{"name", name}, {"ok", ok}, {"detail", detail}};
}

std::map<std::string, std::string> docs(Db& db, const char* table, const char* key) {
  std::map<std::string, std::string> out;
  Stmt s(db, std::string("SELECT ") + key + ", doc FROM " + table);
  while (s.step()) out[s.text(0)] = s.text(1);
  return out;
}

// The state must equal a replay of the journal: every journaled request run
// again, in order, on a fresh in-memory engine gives the same entities.
ojson replay_check(Db& db) {
  EngineOptions options;
  Engine replay(options);
  Stmt s(db, "SELECT seq, request_id, request, profile, response FROM journal ORDER BY seq");
  std::size_t n = 0;
  while (s.step()) {
    json request = parse_stored<json>(s.text(2), "journal request");
    request["request_id"] = s.text(1);
    if (!request.contains("policy") && !s.text(3).empty()) request["policy"] = s.text(3);
    const json again = json::parse(replay.execute(request.dump()));
    const json before = parse_stored<json>(s.text(4), "journal response");
    if (again["ok"] != before["ok"] || again["violations"] != before["violations"])
      return check("state equals a replay of the journal", false,
                   "request " + std::to_string(s.int64(0)) + " (" + s.text(1) + ") decides differently on replay");
    ++n;
  }
  auto* replay_store = dynamic_cast<SqliteStore*>(engine::store_of(replay));
  if (!replay_store) return check("state equals a replay of the journal", false, "no replay store");
  for (auto [table, key] : {std::pair{"units", "unit_code"}, {"accounts", "account_no"}, {"persons", "id_number"},
                            {"bills", "bill_id"}, {"cases", "case_id"}}) {
    const auto mine = docs(db, table, key);
    const auto theirs = docs(replay_store->db(), table, key);
    if (mine.size() != theirs.size())
      return check("state equals a replay of the journal", false,
                   std::string(table) + ": " + std::to_string(mine.size()) + " stored, " + std::to_string(theirs.size()) + " replayed");
    for (const auto& [k, doc] : mine) {
      auto it = theirs.find(k);
      if (it == theirs.end() || parse_stored<json>(it->second, "entity document") != parse_stored<json>(doc, "entity document"))
        return check("state equals a replay of the journal", false, std::string(table) + " " + id::mask_echo(k) + " differs from its replay");
    }
  }
  return check("state equals a replay of the journal", true, std::to_string(n) + " requests replayed");
}

// The HPF contribution history (docs/history.md) read from the documents
// themselves, not from the engine's indexes: a month is billed by at most one
// bill that is not withdrawn, an open bill charges no paid month, every
// billed or paid month lies inside a stint (of the billing unit for a bill),
// every month an account owed a unit that the unit verified is billed, paid
// or carried to its next verification, the index of billed months equals the
// bills, and every bill's totals equal the sums of its items.
void hpf_history_checks(Db& db, ojson& checks) {
  std::map<std::string, state::Account> accounts;
  {
    Stmt s(db, "SELECT account_no, doc FROM accounts ORDER BY account_no");
    while (s.step()) accounts.emplace(s.text(0), state::decode_account(parse_stored<json>(s.text(1), "account"), "store.accounts"));
  }
  std::map<std::string, state::Unit> units;
  {
    Stmt s(db, "SELECT unit_code, doc FROM units WHERE scheme = 'hpf' ORDER BY unit_code");
    while (s.step()) units.emplace(s.text(0), state::decode_unit(parse_stored<json>(s.text(1), "unit"), "store.units"));
  }
  auto note = [](std::string& bad, std::size_t& n, const std::string& what) {
    if (++n <= 20) bad += (bad.empty() ? "" : "; ") + what;
  };
  auto finish = [](std::string bad, std::size_t n, const std::string& ok) {
    if (n > 20) bad += "; … " + std::to_string(n - 20) + " more";
    return n == 0 ? ok : bad;
  };
  // (account, month) → bills that charge it (paying items of bills not withdrawn).
  std::map<std::pair<std::string, int>, std::vector<std::string>> billed;
  std::string sums_bad, outside_bad;
  std::size_t sums_n = 0, outside_n = 0, bills = 0;
  {
    Stmt s(db, "SELECT bill_id, doc FROM bills ORDER BY bill_id");
    while (s.step()) {
      const state::Bill b = state::decode_bill(parse_stored<json>(s.text(1), "bill"), "store.bills");
      ++bills;
      Money principal, late_fee;
      for (const auto& i : b.items) {
        principal += i.employer + i.employee;
        late_fee += i.late_fee;
      }
      if (principal != b.principal || late_fee != b.late_fee || b.amount_due != b.principal + b.late_fee - b.suspense_used)
        note(sums_bad, sums_n, b.bill_id + ": principal " + b.principal.to_string() + " (items " + principal.to_string() + "), late fee " +
                                   b.late_fee.to_string() + " (items " + late_fee.to_string() + "), due " + b.amount_due.to_string());
      if (b.scheme != "hpf" || b.status == "withdrawn") continue;
      for (const auto& i : b.items) {
        const std::string kind = i.kind.value_or("regular");
        if (!i.account_no || (kind != "regular" && kind != "back_pay")) continue;
        billed[{*i.account_no, i.month.serial()}].push_back(b.bill_id);
        auto a = accounts.find(*i.account_no);
        if (b.unit_code && (a == accounts.end() || !hpf::owed_to(a->second, *b.unit_code, i.month)))
          note(outside_bad, outside_n, b.bill_id + " charges " + *i.account_no + " " + i.month.to_string() + " outside its stints at " + *b.unit_code);
      }
    }
  }
  checks.push_back(check("every bill's totals equal the sums of its items", sums_n == 0, finish(sums_bad, sums_n, std::to_string(bills) + " bills")));

  std::string twice_bad, index_bad, lost_bad;
  std::size_t twice_n = 0, index_n = 0, lost_n = 0;
  for (const auto& [key, ids] : billed) {
    const auto& [no, serial] = key;
    const YearMonth m = YearMonth::from_serial(serial);
    auto a = accounts.find(no);
    const bool paid = a != accounts.end() && hpf::is_paid(a->second, m);
    if (ids.size() > 1) note(twice_bad, twice_n, no + " " + m.to_string() + " on " + ids[0] + " and " + ids[1]);
    else if (paid) {
      // A paid month stays on the bill that paid it; an open one charges it again.
      Stmt st(db, "SELECT status FROM bills WHERE bill_id = ?");
      st.bind(1, ids[0]);
      if (st.step() && st.text(0) == "open") note(twice_bad, twice_n, no + " " + m.to_string() + " paid and on open bill " + ids[0]);
    }
  }
  for (const auto& [no, a] : accounts)
    for (auto m : a.paid_months)
      if (!hpf::stint_in(a, m)) note(outside_bad, outside_n, no + " " + m.to_string() + " paid outside its stints");
  checks.push_back(check("no HPF month charged twice", twice_n == 0, finish(twice_bad, twice_n, "ok")));
  checks.push_back(check("no HPF month charged outside a stint", outside_n == 0, finish(outside_bad, outside_n, "ok")));
  {
    std::set<std::pair<std::string, int>> indexed;
    Stmt s(db, "SELECT account_no, month, bill_id FROM hpf_billed_months");
    while (s.step()) {
      const auto m = YearMonth::parse(s.text(1));
      const std::pair<std::string, int> key{s.text(0), m ? m->serial() : -1};
      indexed.insert(key);
      auto it = billed.find(key);
      if (it == billed.end() || std::find(it->second.begin(), it->second.end(), s.text(2)) == it->second.end())
        note(index_bad, index_n, s.text(0) + " " + s.text(1) + " indexed on " + s.text(2) + " but not billed there");
    }
    for (const auto& [key, ids] : billed)
      if (!indexed.count(key)) note(index_bad, index_n, key.first + " " + YearMonth::from_serial(key.second).to_string() + " billed but not indexed");
    checks.push_back(check("the index of billed months equals the bills", index_n == 0, finish(index_bad, index_n, "ok")));
  }
  // Every owed month a unit verified is billed, paid or carried.
  std::size_t owed = 0;
  for (const auto& [account_no, a] : accounts) {
    const std::string& no = account_no;  // a lambda below captures it (clang 14 cannot capture a binding)
    for (const auto& st : a.stints) {
      auto u = units.find(st.unit_code);
      if (u == units.end() || u->second.kind != "employer") continue;
      const auto& unit = u->second;
      for (auto m : unit.verified_months) {
        if (m < st.from || (st.to && *st.to < m)) continue;
        ++owed;
        if (hpf::is_paid(a, m) || billed.count({no, m.serial()})) continue;
        const bool carried = std::any_of(unit.carried.begin(), unit.carried.end(), [&](const state::CarriedMonths& c) {
          return c.account_no == no && !(m < c.from) && !(c.to < m);
        });
        if (!carried) note(lost_bad, lost_n, no + " " + m.to_string() + " verified at " + unit.unit_code + " but never billed");
      }
    }
  }
  checks.push_back(check("every owed and verified HPF month is billed once", lost_n == 0,
                         finish(lost_bad, lost_n, std::to_string(owed) + " account-months")));
}

// store.verify {replay?}: every invariant; `replay: false` leaves out the
// replay of the whole journal (the cheap checks, e.g. after every step of a story).
void store_verify(OpContext& ctx, ArgReader& a, OpResult& r) {
  const bool replay = a.opt_boolean("replay").value_or(true);
  Db& db = store_db(ctx, "store.verify");
  ojson checks = ojson::array();
  {
    Stmt s(db, "PRAGMA integrity_check");
    std::string detail;
    while (s.step()) detail += (detail.empty() ? "" : "; ") + s.text(0);
    checks.push_back(check("integrity_check", detail == "ok", detail));
  }
  {
    // balance = sum of entries, in the column and in the document
    Stmt s(db,
           "SELECT a.account_no, a.balance, a.doc, coalesce((SELECT sum(amount) FROM ledger l WHERE l.account_no = a.account_no), 0) "
           "FROM accounts a ORDER BY a.account_no");
    std::string bad;
    std::int64_t n = 0;
    while (s.step()) {
      ++n;
      const std::int64_t column = s.int64(1), sum = s.int64(3);
      const auto doc_balance = Money::parse(parse_stored<json>(s.text(2), "account").value("balance", std::string("x")));
      if (column != sum || !doc_balance || doc_balance->as_fen() != sum)
        bad += (bad.empty() ? "" : "; ") + s.text(0) + ": balance " + Money::fen(column).to_string() + ", entries sum " +
               Money::fen(sum).to_string();
    }
    checks.push_back(check("balance equals the sum of ledger entries", bad.empty(), bad.empty() ? std::to_string(n) + " accounts" : bad));
  }
  {
    Stmt s(db,
           "SELECT account_no, month, count(*) FROM ledger WHERE kind IN ('regular', 'back_pay') "
           "GROUP BY account_no, month HAVING count(*) > 1");
    std::string bad;
    while (s.step()) bad += (bad.empty() ? "" : "; ") + s.text(0) + " " + s.text(1);
    Stmt d(db, "SELECT account_no, doc FROM accounts");
    while (d.step()) {
      std::set<std::string> seen;
      // Named: a range-for over a member of a temporary would read freed memory.
      json doc = parse_stored<json>(d.text(1), "account");
      for (const auto& m : doc["paid_months"])
        if (!seen.insert(m.get<std::string>()).second) bad += (bad.empty() ? "" : "; ") + d.text(0) + " " + m.get<std::string>();
    }
    checks.push_back(check("no month paid twice", bad.empty(), bad.empty() ? "ok" : bad));
  }
  hpf_history_checks(db, checks);
  si_history_checks(db, checks);  // store/verify_si.cpp (issue 12)
  if (replay) checks.push_back(replay_check(db));
  bool all = true;
  for (const auto& c : checks) all &= c["ok"].get<bool>();
  r.result = {{"ok", all}, {"checks", checks}};
}

}  // namespace

void register_query_ops(protocol::Registry& reg) {
  reg.add({"hpf.account.get", OpKind::query, account_get, false, "", "An HPF account"});
  reg.add({"hpf.account.statement", OpKind::query, account_statement, false, "", "Ledger entries of an account"});
  reg.add({"si.person.get", OpKind::query, person_get, false, "", "An SI person"});
  reg.add({"journal.list", OpKind::query, journal_list, false, "", "Journaled requests (store mode)"});
  reg.add({"store.verify", OpKind::query, store_verify, false, "", "Check the store's invariants (store mode)"});
}

}  // namespace pvd::store
