// The SQLite store's guarantees that one process can check (protocol.md §5):
// owner-only files, WAL with synchronous=FULL, STRICT tables with a schema
// version, an append-only ledger and journal, idempotent retries, request-id
// conflicts, read-only opening, and refusing a newer schema.
#include <algorithm>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "provident/engine.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

struct TempDb {
  fs::path dir = fs::temp_directory_path() / ("provident-test-" + std::to_string(::getpid()) + "-" + std::to_string(rand()));
  TempDb() { fs::create_directories(dir); }
  ~TempDb() { fs::remove_all(dir); }
  std::string file() const { return (dir / "store.sqlite").string(); }
};

json run(pvd::Engine& e, const json& request) { return json::parse(e.execute(request.dump())); }

json draft(const std::string& id, const std::string& as_of = "2026-01-01T10:00:00") {
  return {{"op", "case.save_draft"}, {"request_id", id}, {"as_of", as_of},
          {"args", {{"op", "hpf.seal"}, {"args", {{"account_no", "A1"}}}}}};
}

std::string sql_one(const std::string& file, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr);
  sqlite3_stmt* s = nullptr;
  std::string out;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW) {
    const auto* t = sqlite3_column_text(s, 0);
    out = t ? reinterpret_cast<const char*>(t) : "";
  }
  sqlite3_finalize(s);
  sqlite3_close(db);
  return out;
}

std::string sql_error(const std::string& file, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr);
  char* err = nullptr;
  sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  std::string out = err ? err : "";
  sqlite3_free(err);
  sqlite3_close(db);
  return out;
}

}  // namespace

TEST(Store, FilesAreOwnerOnlyWalAndVersioned) {
  TempDb t;
  {
    pvd::Engine e({.db_path = t.file()});
    EXPECT_TRUE(run(e, draft("r1"))["ok"].get<bool>());
  }
  struct stat st {};
  ASSERT_EQ(::stat(t.file().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  EXPECT_EQ(sql_one(t.file(), "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(sql_one(t.file(), "SELECT version FROM schema_version"), "3");
  EXPECT_EQ(sql_one(t.file(), "SELECT count(*) FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%' AND strict = 0"), "0");
}

TEST(Store, LedgerAndJournalAreAppendOnly) {
  TempDb t;
  {
    pvd::Engine e({.db_path = t.file()});
    run(e, draft("r1"));
  }
  EXPECT_EQ(sql_error(t.file(),
                      "INSERT INTO ledger (account_no, kind, month, date, amount, journal_seq, engine_version, parameters) "
                      "VALUES ('A1', 'regular', '2026-01', '2026-01-05', 60000, 1, 'test', '[]')"),
            "");
  EXPECT_NE(sql_error(t.file(), "UPDATE ledger SET amount = 1").find("append-only"), std::string::npos);
  EXPECT_NE(sql_error(t.file(), "DELETE FROM ledger").find("append-only"), std::string::npos);
  EXPECT_NE(sql_error(t.file(), "DELETE FROM journal").find("append-only"), std::string::npos);
  // A month is paid at most once per account by regular or back-pay entries.
  EXPECT_NE(sql_error(t.file(),
                      "INSERT INTO ledger (account_no, kind, month, date, amount, journal_seq, engine_version, parameters) "
                      "VALUES ('A1', 'back_pay', '2026-01', '2026-02-05', 60000, 1, 'test', '[]')")
                .find("UNIQUE"),
            std::string::npos);
  // Money is INTEGER fen in a STRICT table: text is refused.
  EXPECT_NE(sql_error(t.file(),
                      "INSERT INTO ledger (account_no, kind, month, date, amount, journal_seq, engine_version, parameters) "
                      "VALUES ('A1', 'interest', NULL, '2026-06-30', '12.5', 1, 'test', '[]')"),
            "");
}

TEST(Store, RetriesReplayAndOtherContentConflicts) {
  pvd::Engine e;  // in-memory store
  const json first = run(e, draft("r1"));
  ASSERT_TRUE(first["ok"].get<bool>()) << first.dump();
  EXPECT_FALSE(first["replayed"].get<bool>());
  json again = run(e, draft("r1"));
  EXPECT_TRUE(again["replayed"].get<bool>());
  again["replayed"] = false;
  EXPECT_EQ(again, first);
  // Same content written differently (as_of with +08:00) is the same request.
  json same = draft("r1", "2026-01-01T10:00:00+08:00");
  EXPECT_TRUE(run(e, same)["replayed"].get<bool>());
  const json conflict = run(e, draft("r1", "2026-01-02T10:00:00"));
  EXPECT_EQ(conflict["error"]["code"], "REQ_ID_CONFLICT");
  EXPECT_EQ(run(e, json{{"op", "case.list"}, {"args", json::object()}})["result"]["cases"].size(), 1u);
  EXPECT_EQ(run(e, json{{"op", "journal.list"}, {"args", json::object()}})["result"]["entries"].size(), 1u);
}

TEST(Store, CommandsNeedARequestIdAndErrorsAreNotJournaled) {
  pvd::Engine e;
  json no_id = draft("x");
  no_id.erase("request_id");
  EXPECT_EQ(run(e, no_id)["error"]["code"], "REQ_MISSING_FIELD");
  json bad = draft("r2");
  bad["args"]["op"] = "no.such.op";
  EXPECT_EQ(run(e, bad)["error"]["code"], "REQ_BAD_VALUE");
  EXPECT_EQ(run(e, json{{"op", "journal.list"}, {"args", json::object()}})["result"]["entries"].size(), 0u);
  // The id of a request that ended in an error is still free.
  EXPECT_TRUE(run(e, draft("r2"))["ok"].get<bool>());
}

TEST(Store, ReadOnlyOpeningRefusesChanges) {
  TempDb t;
  { pvd::Engine e({.db_path = t.file()}); run(e, draft("r1")); }
  pvd::Engine ro({.db_path = t.file(), .readonly = true});
  EXPECT_EQ(run(ro, draft("r2"))["error"]["code"], "STORE_ERROR");
  EXPECT_EQ(run(ro, json{{"op", "case.list"}, {"args", json::object()}})["result"]["cases"].size(), 1u);
}

TEST(Store, ANewerSchemaIsRefused) {
  TempDb t;
  {
    pvd::Engine e({.db_path = t.file()});
    run(e, json{{"op", "case.list"}, {"args", json::object()}});  // the first query creates the file
  }
  sql_error(t.file(), "UPDATE schema_version SET version = 99");
  try {
    pvd::Engine e({.db_path = t.file()});
    FAIL() << "opened a newer schema";
  } catch (const pvd::EngineError& err) {
    EXPECT_EQ(err.kind(), "store");
    EXPECT_NE(std::string(err.what()).find("newer"), std::string::npos);
  }
}

TEST(Store, SurvivesRestartsAndVerifies) {
  TempDb t;
  {
    pvd::Engine e({.db_path = t.file()});
    for (int i = 0; i < 5; ++i) run(e, draft("r" + std::to_string(i)));
  }
  pvd::Engine again({.db_path = t.file()});
  EXPECT_EQ(run(again, json{{"op", "case.list"}, {"args", json::object()}})["result"]["cases"].size(), 5u);
  const json v = run(again, json{{"op", "store.verify"}});
  EXPECT_TRUE(v["result"]["ok"].get<bool>()) << v.dump();
  const json& checks = v["result"]["checks"];
  const auto replay = std::find_if(checks.begin(), checks.end(), [](const json& c) { return c["name"] == "state equals a replay of the journal"; });
  ASSERT_NE(replay, checks.end()) << v.dump();
  EXPECT_EQ((*replay)["detail"], "5 requests replayed");
}

TEST(Store, StoreOnlyQueriesRefuseFacts) {
  pvd::Engine e;
  const json r = run(e, json{{"op", "journal.list"}, {"args", json::object()}, {"facts", json::object()}});
  EXPECT_EQ(r["error"]["code"], "REQ_BAD_VALUE");
  EXPECT_EQ(r["error"]["field"], "facts");
}

TEST(Cases, DraftSubmitRejectAmendWithdraw) {
  pvd::Engine e;
  const json d = run(e, draft("d1"));
  const std::string id = d["result"]["case_id"];
  EXPECT_EQ(d["result"]["status"], "draft");
  // Approving a draft is a wrong transition.
  const json bad = run(e, json{{"op", "case.approve"}, {"request_id", "a0"}, {"as_of", "2026-01-02T10:00:00"}, {"args", {{"case_id", id}}}});
  EXPECT_EQ(bad["violations"][0]["code"], "CASE_WRONG_STATE");
  const json w = run(e, json{{"op", "case.withdraw"}, {"request_id", "w1"}, {"as_of", "2026-01-02T10:00:00"}, {"args", {{"case_id", id}}}});
  EXPECT_EQ(w["result"]["status"], "withdrawn");
  const json again = run(e, json{{"op", "case.withdraw"}, {"request_id", "w2"}, {"as_of", "2026-01-03T10:00:00"}, {"args", {{"case_id", id}}}});
  EXPECT_EQ(again["violations"][0]["code"], "CASE_WRONG_STATE");
  const json unknown = run(e, json{{"op", "case.get"}, {"args", {{"case_id", "C999"}}}});
  EXPECT_EQ(unknown["error"]["code"], "REQ_NOT_FOUND");
  EXPECT_EQ(unknown["error"]["field"], "args.case_id");
}

namespace {

/// The check of a store.verify answer named `name`.
json verify_check(const json& v, const std::string& name) {
  for (const auto& c : v["result"]["checks"])
    if (c["name"] == name) return c;
  return nullptr;
}

/// A Kaifeng employer with one account (A000001, 1,200.00 a month from 2025-09)
/// and September verified (bill B000001, open).
void employer_with_a_verified_month(const std::string& file) {
  pvd::Engine e({.policy = "kaifeng", .db_path = file});
  auto ok = [&](const json& r) { ASSERT_TRUE(run(e, r)["ok"].get<bool>()) << r.dump(); };
  ok({{"op", "hpf.unit.register"}, {"request_id", "r1"}, {"as_of", "2025-09-01T09:00:00"},
      {"args", {{"unit_code", "KF-E01"}, {"name", "开封某实业有限公司"}, {"credit_code", "91410200MA4F234563"}, {"bank", "ICBC"},
                {"kind", "employer"}, {"employer_rate", "10%"}, {"employee_rate", "10%"}}}});
  ok({{"op", "hpf.unit.open_accounts"}, {"request_id", "r2"}, {"as_of", "2025-09-02T09:00:00"},
      {"args", {{"unit_code", "KF-E01"}, {"rows", json::array({{{"name", "周五"}, {"id_number", "410202198808153314"}, {"base", "6000.00"}}})}}}});
  ok({{"op", "case.approve"}, {"request_id", "r3"}, {"as_of", "2025-09-03T09:00:00"}, {"args", {{"case_id", "C000001"}}}});
  ok({{"op", "hpf.unit.verify_remittance"}, {"request_id", "r4"}, {"as_of", "2025-09-10T09:00:00"},
      {"args", {{"unit_code", "KF-E01"}, {"month", "2025-09"}}}});
}

}  // namespace

// docs/history.md: store.verify reads the history from the documents, so a
// double charge or a lost month planted in the file is caught.
TEST(Store, VerifyCatchesADoubleChargeAndALostMonthPlantedInTheFile) {
  TempDb t;
  employer_with_a_verified_month(t.file());
  {
    pvd::Engine e({.db_path = t.file()});
    const json v = run(e, json{{"op", "store.verify"}});
    ASSERT_TRUE(v["result"]["ok"].get<bool>()) << v.dump();
    EXPECT_EQ(verify_check(v, "every owed and verified HPF month is billed once")["detail"], "1 account-months");
  }
  // A second bill for the same account-month, as a foreign writer would add it.
  EXPECT_EQ(sql_error(t.file(),
                      "INSERT INTO bills SELECT 'B000009', unit_code, id_number, status, amount_due, json_set(doc, '$.bill_id', 'B000009'), "
                      "journal_seq, engine_version, parameters FROM bills WHERE bill_id = 'B000001';"
                      "INSERT INTO hpf_billed_months VALUES ('A000001', '2025-09', 'B000009');"),
            "");
  {
    pvd::Engine e({.db_path = t.file()});
    const json v = run(e, json{{"op", "store.verify"}, {"args", {{"replay", false}}}});
    EXPECT_FALSE(v["result"]["ok"].get<bool>());
    const json c = verify_check(v, "no HPF month charged twice");
    EXPECT_FALSE(c["ok"].get<bool>());
    EXPECT_EQ(c["detail"], "A000001 2025-09 on B000001 and B000009");
    EXPECT_TRUE(verify_check(v, "the index of billed months equals the bills")["ok"].get<bool>());
  }
  // Both bills gone (and the index with them): September is owed and verified but billed nowhere.
  EXPECT_EQ(sql_error(t.file(), "DELETE FROM bills; DELETE FROM hpf_billed_months;"), "");
  {
    pvd::Engine e({.db_path = t.file()});
    const json v = run(e, json{{"op", "store.verify"}, {"args", {{"replay", false}}}});
    EXPECT_FALSE(v["result"]["ok"].get<bool>());
    const json c = verify_check(v, "every owed and verified HPF month is billed once");
    EXPECT_FALSE(c["ok"].get<bool>());
    EXPECT_EQ(c["detail"], "A000001 2025-09 verified at KF-E01 but never billed");
    EXPECT_TRUE(verify_check(v, "no HPF month charged twice")["ok"].get<bool>());
  }
  // The index alone out of step with the bills is caught too.
  EXPECT_EQ(sql_error(t.file(), "INSERT INTO hpf_billed_months VALUES ('A000001', '2025-10', 'B000001');"), "");
  {
    pvd::Engine e({.db_path = t.file()});
    const json v = run(e, json{{"op", "store.verify"}, {"args", {{"replay", false}}}});
    const json c = verify_check(v, "the index of billed months equals the bills");
    EXPECT_FALSE(c["ok"].get<bool>());
    EXPECT_EQ(c["detail"], "A000001 2025-10 indexed on B000001 but not billed there");
  }
}

// Issue 12: store.verify's SI checks (store/verify_si.cpp). A person whose January pension is
// paid at a unit verifies; a flexible record of the same month and a record at a unit without
// an enrollment, planted directly in the SQLite file, are caught and named.
TEST(Store, VerifyCatchesAnSiMonthChargedTwiceOrOutsideAnEnrollment) {
  TempDb t;
  auto req = [](const std::string& op, const std::string& id, const std::string& as_of, json args) {
    return json{{"op", op}, {"request_id", id}, {"as_of", as_of}, {"args", std::move(args)}};
  };
  const std::string person = "610103199505056624";
  {
    pvd::Engine e({.policy = "xian", .db_path = t.file()});
    ASSERT_TRUE(run(e, req("si.unit.register", "v1", "2025-01-02T09:00:00",
                           {{"unit_code", "6101030001"}, {"name", "西安市示例软件有限公司"}, {"credit_code", "91110000600037341L"},
                            {"kind", "enterprise"}, {"settlement_period", "2025-01"}}))["ok"]);
    ASSERT_TRUE(run(e, req("si.enroll", "v2", "2025-01-02T09:10:00",
                           {{"unit_code", "6101030001"}, {"id_number", person}, {"name", "赵敏"}, {"work_start_date", "2017-07-01"},
                            {"enroll_date", "2025-01-02"}, {"types", {"pension"}}, {"wage", "5000.00"}}))["ok"]);
    ASSERT_TRUE(run(e, req("si.settle", "v3", "2025-01-20T09:00:00",
                           {{"unit_code", "6101030001"}, {"period", "2025-01"}, {"kind", "with_change"}}))["ok"]);
    ASSERT_TRUE(run(e, req("si.pay", "v4", "2025-01-20T10:00:00",
                           {{"unit_code", "6101030001"}, {"bill_id", "B000001"}, {"amount", "1200.00"}, {"paid_date", "2025-01-20"}}))["ok"]);
    const json v = run(e, json{{"op", "store.verify"}});
    ASSERT_TRUE(v["result"]["ok"].get<bool>()) << v.dump();
    EXPECT_EQ(verify_check(v, "no SI month charged twice"), (json{{"name", "no SI month charged twice"}, {"ok", true}, {"detail", "1 persons, 1 contribution records"}}));
    EXPECT_EQ(verify_check(v, "no SI month charged outside an enrollment"), (json{{"name", "no SI month charged outside an enrollment"}, {"ok", true}, {"detail", "ok"}}));
  }
  // Planted: January pension again as a flexible worker, and May at another unit where he was never enrolled.
  EXPECT_EQ(sql_error(t.file(),
                      "UPDATE persons SET doc = json_insert(json_insert(doc, '$.contributions[#]', json('{\"unit_code\": \"\", "
                      "\"type\": \"pension\", \"month\": \"2025-01\", \"base\": \"5000.00\", \"employer\": \"0.00\", \"employee\": "
                      "\"1000.00\", \"bill_id\": null, \"paid\": true}')), '$.contributions[#]', json('{\"unit_code\": "
                      "\"6101030009\", \"type\": \"pension\", \"month\": \"2025-05\", \"base\": \"5000.00\", \"employer\": "
                      "\"800.00\", \"employee\": \"400.00\", \"bill_id\": null, \"paid\": true}')) WHERE id_number = '" + person + "'"),
            "");
  pvd::Engine again({.policy = "xian", .db_path = t.file()});
  const json v = run(again, json{{"op", "store.verify"}});
  EXPECT_FALSE(v["result"]["ok"].get<bool>());
  const json twice = verify_check(v, "no SI month charged twice");
  EXPECT_EQ(twice["name"], "no SI month charged twice");
  EXPECT_FALSE(twice["ok"].get<bool>());
  EXPECT_NE(twice["detail"].get<std::string>().find("pension 2025-01 charged at 6101030001, flexible"), std::string::npos) << twice.dump();
  const json outside = verify_check(v, "no SI month charged outside an enrollment");
  EXPECT_EQ(outside["name"], "no SI month charged outside an enrollment");
  EXPECT_FALSE(outside["ok"].get<bool>());
  EXPECT_NE(outside["detail"].get<std::string>().find("pension 2025-05 at 6101030009 without an enrollment"), std::string::npos)
      << outside.dump();
  // The masked ID number names the person, never the number itself.
  EXPECT_EQ(twice["detail"].get<std::string>().find(person), std::string::npos);
}

// The queries' pages read rows by their key columns (docs/queries.md §1.2):
// store.verify checks every column against its document, so a row changed
// behind the engine's back is found, not silently paged over.
namespace {

const std::string kKeyColumns = "every row's key columns equal its document";

// The store of employer_with_a_verified_month, its key-column check holding.
void employer_whose_key_columns_hold(const std::string& file) {
  employer_with_a_verified_month(file);
  pvd::Engine e({.db_path = file});
  const json v = run(e, json{{"op", "store.verify"}, {"args", {{"replay", false}}}});
  ASSERT_TRUE(verify_check(v, kKeyColumns)["ok"].get<bool>()) << v.dump();
}

}  // namespace

TEST(Store, VerifyCatchesAKeyColumnThatDisagreesWithItsDocument) {
  TempDb t;
  ASSERT_NO_FATAL_FAILURE(employer_whose_key_columns_hold(t.file()));
  const std::string& name = kKeyColumns;
  // The name column (schema version 3) was written with the document.
  EXPECT_EQ(sql_one(t.file(), "SELECT name FROM accounts WHERE account_no = 'A000001'"), "周五");
  EXPECT_EQ(sql_error(t.file(), "UPDATE accounts SET name = '周六', balance = balance + 1 WHERE account_no = 'A000001';"
                                "UPDATE bills SET status = 'paid' WHERE bill_id = 'B000001';"
                                "INSERT INTO person_units VALUES ('410202198808153314', 'KF-E01');"),
            "");
  {
    pvd::Engine e({.db_path = t.file()});
    const json v = run(e, json{{"op", "store.verify"}, {"args", {{"replay", false}}}});
    const json c = verify_check(v, name);
    EXPECT_FALSE(c["ok"].get<bool>());
    // The rows are named by rowid: the person's row is only in person_units, not a persons row.
    EXPECT_EQ(c["detail"], "accounts row 1; bills row 1");
  }
}

// An account's links to its units (account_units) are written when its units
// change, not at every write (table_world_write.cpp): a link deleted behind
// the engine's back is reported by store.verify, and a later payment does not
// quietly put it back.
TEST(Store, VerifyCatchesAnAccountLinkDeletedBehindTheEngine) {
  TempDb t;
  ASSERT_NO_FATAL_FAILURE(employer_whose_key_columns_hold(t.file()));
  EXPECT_EQ(sql_one(t.file(), "SELECT count(*) FROM account_units WHERE account_no = 'A000001'"), "1");
  EXPECT_EQ(sql_error(t.file(), "DELETE FROM account_units WHERE account_no = 'A000001';"), "");
  {
    pvd::Engine e({.db_path = t.file()});
    // The payment edits the account (its balance and ledger), not its units: no link is written.
    const std::string due = sql_one(t.file(), "SELECT amount_due FROM bills WHERE bill_id = 'B000001'");
    ASSERT_EQ(due, "120000");
    const json paid = run(e, json{{"op", "hpf.unit.pay"}, {"request_id", "p1"}, {"as_of", "2025-09-15T09:00:00"},
                                  {"args", {{"unit_code", "KF-E01"}, {"bill_id", "B000001"}, {"amount", "1200.00"}}}});
    ASSERT_TRUE(paid["ok"].get<bool>()) << paid.dump();
    EXPECT_EQ(sql_one(t.file(), "SELECT balance FROM accounts WHERE account_no = 'A000001'"), "120000");
    EXPECT_EQ(sql_one(t.file(), "SELECT count(*) FROM account_units WHERE account_no = 'A000001'"), "0");
    const json v = run(e, json{{"op", "store.verify"}, {"args", {{"replay", false}}}});
    const json c = verify_check(v, kKeyColumns);
    EXPECT_FALSE(c["ok"].get<bool>());
    EXPECT_EQ(c["detail"], "accounts row 1: a unit it names is not linked");
  }
}
