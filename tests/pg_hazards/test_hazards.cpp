// The hazards of several engines on one PostgreSQL database (issue 20), each
// reproduced with two connections and shown closed. Connection B's request
// runs to its commit inside connection A's transaction, after A has read the
// journal and before A's decision reads or writes anything else: the
// interleaving that breaks a store which numbers its journal max(seq)+1,
// reads an id counter and writes it back, or writes documents back without
// locks.
//
// Needs a server: run under tests/pg/pg_cluster.py (PVD_PG_HOST, the
// folder of its Unix socket). Without one every test fails.
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <cstdlib>
#include <functional>
#include <string>

#include "engine/dispatcher.hpp"
#include "engine/profiles.hpp"
#include "json/json.hpp"
#include "store/pg_store.hpp"

namespace {

using pvd::protocol::json;

std::string host() {
  const char* h = std::getenv("PVD_PG_HOST");
  if (!h || !*h) throw std::runtime_error("PVD_PG_HOST is not set: run the tests under tests/pg/pg_cluster.py");
  return h;
}

/// A fresh database for one test.
std::string fresh_database(const std::string& name) {
  const std::string admin = "postgresql:///postgres?host=" + host() + "&user=postgres";
  PGconn* c = PQconnectdb(admin.c_str());
  if (PQstatus(c) != CONNECTION_OK) {
    std::string why = PQerrorMessage(c);
    PQfinish(c);
    throw std::runtime_error("cannot reach the test server: " + why);
  }
  for (const std::string& sql : {"DROP DATABASE IF EXISTS " + name, "CREATE DATABASE " + name}) {
    PGresult* r = PQexec(c, sql.c_str());
    const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    if (!ok) {
      PQfinish(c);
      throw std::runtime_error("cannot create the test database " + name);
    }
  }
  PQfinish(c);
  return "postgresql:///" + name + "?host=" + host() + "&user=postgres";
}

/// Runs `sql` on `uri`; "" when it succeeded, else the server's primary message.
std::string sql_error(const std::string& uri, const std::string& sql) {
  PGconn* c = PQconnectdb(uri.c_str());
  PGresult* r = PQexec(c, sql.c_str());
  const auto st = PQresultStatus(r);
  std::string out;
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
    const char* m = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
    out = m ? m : PQerrorMessage(c);
  }
  PQclear(r);
  PQfinish(c);
  return out;
}

/// A store whose next command first lets `before` run (another connection's
/// whole request), inside this command's transaction.
class Interleaved final : public pvd::engine::Store {
 public:
  explicit Interleaved(pvd::store::JournaledStore& inner) : inner_(inner) {}
  std::function<void()> before;
  pvd::engine::Answer run(const pvd::engine::RequestInfo& info,
                           const std::function<pvd::engine::Outcome(pvd::state::World&)>& decide) override {
    return inner_.run(info, [&](pvd::state::World& w) {
      if (before) std::exchange(before, nullptr)();
      return decide(w);
    });
  }

 private:
  pvd::store::JournaledStore& inner_;
};

struct TwoEngines {
  explicit TwoEngines(const std::string& db)
      : uri(fresh_database(db)), store_a(uri, false), store_b(uri, false), a_side(store_a), a(profiles, &a_side),
        b(profiles, &store_b) {}
  json ask_a(const json& r) { return json::parse(a.execute(r.dump())); }
  json ask_b(const json& r) { return json::parse(b.execute(r.dump())); }
  /// A's request with B's whole request run inside A's transaction; B's answer in `b_answer`.
  json interleaved(const json& ra, const json& rb, json& b_answer) {
    a_side.before = [&] { b_answer = ask_b(rb); };
    return ask_a(ra);
  }
  json verify() { return ask_a({{"op", "store.verify"}, {"args", {{"replay", true}}}}); }
  std::string uri;
  pvd::engine::Profiles profiles{{.policy = "taiyuan"}};
  pvd::store::PgStore store_a, store_b;
  Interleaved a_side;
  pvd::engine::Dispatcher a, b;
};

json request(const char* op, const std::string& id, const char* as_of, json args) {
  return {{"op", op}, {"request_id", id}, {"as_of", as_of}, {"args", std::move(args)}};
}

json register_unit() {
  return request("hpf.unit.register", "u1", "2026-03-02T09:00:00",
                 {{"unit_code", "TY-F01"}, {"name", "个人自愿缴存（市本级工行）"}, {"credit_code", "91140100MA0K12345Y"},
                  {"bank", "ICBC"}, {"kind", "flexible"}});
}

json open_account(const std::string& id, const char* name, const char* id_number) {
  return request("hpf.flex.open", id, "2026-03-02T09:10:00",
                 {{"unit_code", "TY-F01"}, {"name", name}, {"id_number", id_number}, {"monthly_deposit", "600.00"},
                  {"phone", "13812345678"}});
}

void expect_verified(TwoEngines& e) {
  const json v = e.verify();
  ASSERT_TRUE(v["ok"].get<bool>()) << v.dump();
  for (const auto& c : v["result"]["checks"]) EXPECT_TRUE(c["ok"].get<bool>()) << c.dump();
}

// Hazard: the journal number was max(seq)+1 and an id counter was read and
// written back: two sessions opening accounts at once took the same journal
// number and the same account number (an upsert then overwrote the first).
TEST(PgHazards, ConcurrentCreationsTakeDistinctNumbers) {
  TwoEngines e("pvd_hazard_numbers");
  ASSERT_TRUE(e.ask_a(register_unit())["ok"].get<bool>());
  json b;
  const json a = e.interleaved(open_account("o-a", "张三", "140105199003071234"), open_account("o-b", "刘六", "140105199211200029"), b);
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  ASSERT_TRUE(b["ok"].get<bool>()) << b.dump();
  // B committed first: it took A000001; A ran again on a fresh view and took the next.
  EXPECT_EQ(b["result"]["account_no"], "A000001");
  EXPECT_EQ(a["result"]["account_no"], "A000002");
  EXPECT_GE(e.store_a.retries()[0] + e.store_a.retries()[2], 1);  // A ran again (serialization or unique)
  const json journal = e.ask_a({{"op", "journal.list"}, {"args", json::object()}});
  ASSERT_TRUE(journal["ok"].get<bool>()) << journal.dump();
  std::vector<std::string> ids;
  for (const auto& entry : journal["result"]["entries"]) ids.push_back(entry["request_id"]);
  EXPECT_EQ(ids, (std::vector<std::string>{"u1", "o-b", "o-a"}));  // journal order is commit order
  expect_verified(e);
}

// Hazard: the same request_id sent to two servers at once was journaled twice
// (or one of them failed): now one is journaled and the other replays it.
TEST(PgHazards, DuplicateRequestIdsJournalOnce) {
  TwoEngines e("pvd_hazard_duplicates");
  ASSERT_TRUE(e.ask_a(register_unit())["ok"].get<bool>());
  json b;
  const json open = open_account("o-same", "张三", "140105199003071234");
  const json a = e.interleaved(open, open, b);
  ASSERT_TRUE(b["ok"].get<bool>()) << b.dump();
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  EXPECT_EQ(b["replayed"], false);
  EXPECT_EQ(a["replayed"], true);
  EXPECT_EQ(a["result"], b["result"]);
  const json journal = e.ask_a({{"op", "journal.list"}, {"args", json::object()}});
  EXPECT_EQ(journal["result"]["entries"].size(), 2u) << journal.dump();
  // Different content under the same id: a conflict, not a second entry.
  json c;
  const json other = open_account("o-same", "刘六", "140105199211200029");
  const json d = e.interleaved(other, open_account("o-c", "王五", "140105199211200029"), c);
  EXPECT_EQ(d["error"]["code"], "REQ_ID_CONFLICT") << d.dump();
  expect_verified(e);
}

// Hazard: whole documents were written back without row locks: two sessions
// changing one account at once each wrote their own version, and one change
// was lost (the balance no longer matched the ledger).
TEST(PgHazards, ConcurrentChangesOfOneAccountLoseNothing) {
  TwoEngines e("pvd_hazard_lost_update");
  ASSERT_TRUE(e.ask_a(register_unit())["ok"].get<bool>());
  ASSERT_TRUE(e.ask_a(open_account("o1", "张三", "140105199003071234"))["ok"].get<bool>());
  const json sign = request("hpf.flex.sign", "s1", "2026-03-02T09:30:00",
                            {{"account_no", "A000001"}, {"account_name", "张三"}, {"card_no", "6222020000123456782"},
                             {"bank", "ICBC"}, {"card_class", 1}});
  const json signed_ = e.ask_a(sign);
  ASSERT_TRUE(signed_["ok"].get<bool>()) << signed_.dump();
  json b;
  const json remit_a = request("hpf.flex.remit", "r-a", "2026-03-03T10:00:00", {{"account_no", "A000001"}});
  const json remit_b = request("hpf.flex.remit", "r-b", "2026-03-03T10:00:00", {{"account_no", "A000001"}});
  const json a = e.interleaved(remit_a, remit_b, b);
  ASSERT_TRUE(b["ok"].get<bool>()) << b.dump();
  const json acct = e.ask_a({{"op", "hpf.account.get"}, {"args", {{"account_no", "A000001"}}}});
  ASSERT_TRUE(acct["ok"].get<bool>()) << acct.dump();
  // B paid March; A, run again on a fresh view, sees March paid: a denial, not a second payment.
  EXPECT_EQ(b["result"]["month"], "2026-03");
  ASSERT_FALSE(a["ok"].get<bool>()) << a.dump();
  EXPECT_EQ(a["violations"][0]["code"], "HPF_MONTH_ALREADY_PAID");
  EXPECT_EQ(acct["result"]["balance"], "600.00");
  EXPECT_EQ(acct["result"]["paid_months"], json::array({"2026-03"}));
  expect_verified(e);
}

// The ledger, the journal and the events are append-only in the database:
// triggers refuse UPDATE, DELETE and TRUNCATE to everyone (the owner too), and
// the application role of docs/postgresql.md ("Roles") has no such privilege
// at all, while the engine runs under it.
TEST(PgHazards, HistoryIsAppendOnlyInTheDatabase) {
  TwoEngines e("pvd_hazard_append_only");
  ASSERT_TRUE(e.ask_a(register_unit())["ok"].get<bool>());
  ASSERT_TRUE(e.ask_a(open_account("o1", "张三", "140105199003071234"))["ok"].get<bool>());
  for (const char* sql : {"UPDATE journal SET ok = 0", "DELETE FROM journal", "TRUNCATE journal", "DELETE FROM events",
                          "UPDATE ledger SET amount = 0", "TRUNCATE ledger"})
    EXPECT_NE(sql_error(e.uri, sql).find("append-only"), std::string::npos) << sql;
  // The roles of docs/postgresql.md: the engine works as provident_app, which cannot rewrite history.
  const std::string grants =
      "CREATE ROLE provident_app LOGIN; GRANT USAGE ON SCHEMA public TO provident_app; "
      "GRANT SELECT, INSERT, UPDATE ON units, accounts, persons, person_units, bills, cases, account_units, "
      "hpf_billed_months, sequences TO provident_app; GRANT DELETE ON person_units, hpf_billed_months TO provident_app; "
      "GRANT SELECT, INSERT ON ledger, journal, events TO provident_app; "
      "GRANT SELECT ON provident_schema_version TO provident_app; "
      "GRANT USAGE ON SEQUENCE journal_numbers, ledger_entry_id_seq TO provident_app";
  sql_error(e.uri, "DROP ROLE IF EXISTS provident_app");
  ASSERT_EQ(sql_error(e.uri, grants), "");
  const std::string app = e.uri.substr(0, e.uri.find("&user=")) + "&user=provident_app";
  {
    pvd::store::PgStore store(app, false);
    pvd::engine::Dispatcher d(e.profiles, &store);
    const json sign = json::parse(d.execute(request("hpf.flex.sign", "s1", "2026-03-02T09:30:00",
                                                    {{"account_no", "A000001"}, {"account_name", "张三"},
                                                     {"card_no", "6222020000123456782"}, {"bank", "ICBC"}, {"card_class", 1}})
                                                .dump()));
    EXPECT_TRUE(sign["ok"].get<bool>()) << sign.dump();
    const json remit = json::parse(
        d.execute(request("hpf.flex.remit", "r1", "2026-03-03T10:00:00", {{"account_no", "A000001"}}).dump()));
    EXPECT_EQ(remit["result"]["balance"], "600.00") << remit.dump();
  }
  for (const char* sql : {"UPDATE ledger SET amount = 0", "DELETE FROM journal", "TRUNCATE events"})
    EXPECT_NE(sql_error(app, sql).find("permission denied"), std::string::npos) << sql;
  expect_verified(e);
  sql_error(e.uri, "DROP OWNED BY provident_app; DROP ROLE provident_app");
}

}  // namespace
