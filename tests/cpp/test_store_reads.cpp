// How the store's World reads (issue 21): the bills paying a month of a
// unit's accounts come from one read of the unit's rows, with the same
// answers as a point query per account; the connection's cached statements
// are reused.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "provident/engine.hpp"
#include "store/db.hpp"
#include "store/sqlite.hpp"
#include "store/table_world.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

struct TempDir {
  fs::path dir = fs::temp_directory_path() / ("provident-reads-" + std::to_string(::getpid()) + "-" + std::to_string(rand()));
  TempDir() { fs::create_directories(dir); }
  ~TempDir() { fs::remove_all(dir); }
  std::string file() const { return (dir / "store.sqlite").string(); }
};

json must(pvd::Engine& e, const json& req) {
  json r = json::parse(e.execute(req.dump()));
  EXPECT_EQ(r["ok"], true) << r.dump();
  return r;
}

json unit(const std::string& code, const std::string& id) {
  return {{"op", "hpf.unit.register"}, {"request_id", id}, {"as_of", "2025-07-05T09:00:00"},
          {"args", {{"unit_code", code}, {"name", "太原某实业有限公司"}, {"credit_code", "91140100MA0K12345Y"}, {"bank", "ICBC"},
                    {"kind", "employer"}, {"employer_rate", "10%"}, {"employee_rate", "10%"}}}};
}

json open(const std::string& code, const std::string& id, const std::string& as_of, const std::string& name, const std::string& id_number) {
  return {{"op", "hpf.unit.open_accounts"}, {"request_id", id}, {"as_of", as_of},
          {"args", {{"unit_code", code}, {"rows", json::array({{{"name", name}, {"id_number", id_number}, {"base", "5000.00"}}})}}}};
}

json verify(const std::string& code, const std::string& id, const std::string& month, const std::string& as_of = "2025-08-01T10:00:00") {
  return {{"op", "hpf.unit.verify_remittance"}, {"request_id", id}, {"as_of", as_of},
          {"args", {{"unit_code", code}, {"month", month}}}};
}

// Counts the statements run on a connection that read hpf_billed_months.
int trace(unsigned, void* count, void*, void* sql) {
  if (std::string(static_cast<const char*>(sql)).find("hpf_billed_months") != std::string::npos) ++*static_cast<int*>(count);
  return 0;
}

/// A store with unit TY-E01: A000001 and A000002 opened in July 2025 and
/// billed for 2025-07 by B000001; A000004 opened in August (after July was
/// verified). Unit TY-E02: A000003, billed for 2025-07 by B000002.
void make_store(const std::string& file) {
  pvd::Engine e(pvd::EngineOptions{.policy = "taiyuan", .db_path = file});
  must(e, unit("TY-E01", "r-1"));
  must(e, unit("TY-E02", "r-2"));
  must(e, open("TY-E01", "r-3", "2025-07-05T10:00:00", "张三", "110101199003070011"));
  must(e, open("TY-E01", "r-4", "2025-07-05T10:00:00", "李四", "110101199003070038"));
  must(e, open("TY-E02", "r-5", "2025-07-05T10:00:00", "王五", "140105199211200029"));
  EXPECT_EQ(must(e, verify("TY-E01", "r-6", "2025-07"))["result"]["bill_id"], "B000001");
  EXPECT_EQ(must(e, verify("TY-E02", "r-7", "2025-07"))["result"]["bill_id"], "B000002");
  must(e, open("TY-E01", "r-8", "2025-08-05T10:00:00", "赵六", "110101199003070054"));
}

}  // namespace

TEST(StoreReads, BillsPayingAMonthOfAUnitsAccountsAreReadOnceForTheUnit) {
  TempDir d;
  make_store(d.file());
  pvd::store::SqliteDb db(d.file(), true);
  int reads = 0;
  sqlite3_trace_v2(db.handle(), SQLITE_TRACE_STMT, trace, &reads);
  db.begin_read();
  pvd::store::TableWorld w(db, false);
  const auto accounts = w.accounts_with_stint_at("TY-E01");
  ASSERT_EQ(accounts.size(), 3u);
  std::vector<std::string> nos;
  for (const auto* a : accounts) nos.push_back(a->account_no);
  EXPECT_EQ(nos, (std::vector<std::string>{"A000001", "A000002", "A000004"}));
  EXPECT_EQ(reads, 0);

  const auto july = pvd::YearMonth::of(2025, 7), august = pvd::YearMonth::of(2025, 8);
  EXPECT_EQ(w.bill_paying("A000001", july), std::optional<std::string>("B000001"));
  EXPECT_EQ(reads, 1);  // the unit's rows for July, at once
  EXPECT_EQ(w.bill_paying("A000002", july), std::optional<std::string>("B000001"));
  EXPECT_EQ(w.bill_paying("A000004", july), std::nullopt);
  EXPECT_EQ(reads, 1);
  for (const auto& no : nos) EXPECT_EQ(w.bill_paying(no, august), std::nullopt) << no;
  EXPECT_EQ(reads, 2);  // and for August

  // An account this world holds by itself (not with its unit's): a point query, the same answer.
  EXPECT_EQ(w.account("A000003")->unit_code, "TY-E02");
  EXPECT_EQ(w.bill_paying("A000003", july), std::optional<std::string>("B000002"));
  EXPECT_EQ(reads, 3);
  EXPECT_EQ(w.bill_paying("A000003", august), std::nullopt);
  EXPECT_EQ(reads, 4);
  db.exec("COMMIT");
}

TEST(StoreReads, AWithdrawnBillPaysNoMonthReadWithTheUnit) {
  TempDir d;
  make_store(d.file());
  {
    pvd::Engine e(pvd::EngineOptions{.policy = "taiyuan", .db_path = d.file()});
    must(e, {{"op", "hpf.unit.withdraw_bill"}, {"request_id", "r-9"}, {"as_of", "2025-09-01T11:00:00"},
             {"args", {{"unit_code", "TY-E01"}, {"bill_id", "B000001"}}}});
    // Verified again: July's rows are A000001's and A000002's (A000004 owes from August).
    const json r = must(e, verify("TY-E01", "r-10", "2025-07", "2025-09-01T12:00:00"));
    EXPECT_EQ(r["result"]["bill_id"], "B000003");
    EXPECT_EQ(r["result"]["rows"].size(), 2u) << r.dump();
  }
  pvd::store::SqliteDb db(d.file(), true);
  db.begin_read();
  pvd::store::TableWorld w(db, false);
  ASSERT_EQ(w.accounts_with_stint_at("TY-E01").size(), 3u);
  EXPECT_EQ(w.bill_paying("A000001", pvd::YearMonth::of(2025, 7)), std::optional<std::string>("B000003"));
  EXPECT_EQ(w.bill_paying("A000002", pvd::YearMonth::of(2025, 7)), std::optional<std::string>("B000003"));
  EXPECT_EQ(w.bill_paying("A000004", pvd::YearMonth::of(2025, 7)), std::nullopt);
  db.exec("COMMIT");
}

namespace {

// The statements run on a connection that write the accounts table.
int trace_writes(unsigned, void* out, void*, void* sql) {
  const std::string text(static_cast<const char*>(sql));
  if (text.rfind("UPDATE accounts", 0) == 0 || text.rfind("INSERT INTO accounts", 0) == 0)
    static_cast<std::vector<std::string>*>(out)->push_back(text);
  return 0;
}

/// The store of make_store(), on a connection whose writes of the accounts
/// table are traced into `writes`.
struct TracedStore {
  TempDir d;
  pvd::store::SqliteDb db;
  std::vector<std::string> writes;
  TracedStore() : db((make_store(d.file()), d.file()), false) {
    sqlite3_trace_v2(db.handle(), SQLITE_TRACE_STMT, trace_writes, &writes);
  }
};

std::string column(pvd::store::SqliteDb& db, const std::string& sql) {
  pvd::store::Stmt s(db, sql);
  return s.step() ? s.text(0) : std::string("(no row)");
}

}  // namespace

TEST(StoreReads, AChangedAccountRowIsUpdatedOnceWithOnlyItsChangedColumnsAndAnUnchangedOneNotAtAll) {
  TracedStore t;
  auto& db = t.db;
  auto& writes = t.writes;
  const std::string before_journal = column(db, "SELECT journal_seq FROM accounts WHERE account_no = 'A000002'");
  db.begin_write();
  {
    pvd::store::TableWorld w(db, true);
    ASSERT_EQ(w.accounts_with_stint_at("TY-E01").size(), 3u);  // A000002 and A000004 are read, not changed
    w.edit(*w.account("A000001")).phone = "13912345678";         // the document only
    w.edit(*w.account("A000004")).person.name = "赵七";            // the document and the name column
    w.write(pvd::store::Provenance{.journal_seq = 100, .engine_version = "test", .parameters = "[]", .as_of = 1'800'000'000});
  }
  db.exec("COMMIT");
  ASSERT_EQ(writes.size(), 2u);
  EXPECT_EQ(writes[0].rfind("UPDATE accounts SET doc = ?1, last_as_of = ", 0), 0u) << writes[0];
  EXPECT_EQ(writes[1].rfind("UPDATE accounts SET name = ?1, doc = ?2, last_as_of = ", 0), 0u) << writes[1];
  EXPECT_EQ(column(db, "SELECT json_extract(doc, '$.phone') || ' ' || journal_seq || ' ' || last_as_of || ' ' || name || ' ' || unit_code "
                       "FROM accounts WHERE account_no = 'A000001'"),
            "13912345678 100 1800000000 张三 TY-E01");
  EXPECT_EQ(column(db, "SELECT name || ' ' || json_extract(doc, '$.person.name') || ' ' || journal_seq FROM accounts WHERE account_no = 'A000004'"),
            "赵七 赵七 100");
  EXPECT_EQ(column(db, "SELECT journal_seq FROM accounts WHERE account_no = 'A000002'"), before_journal);

  // The latest as_of only moves forward; a later write with an earlier one keeps it.
  writes.clear();
  db.begin_write();
  {
    pvd::store::TableWorld w(db, true);
    w.edit(*w.account("A000001")).phone = "13912345679";
    w.write(pvd::store::Provenance{.journal_seq = 101, .engine_version = "test", .parameters = "[]", .as_of = 1'700'000'000});
  }
  db.exec("COMMIT");
  ASSERT_EQ(writes.size(), 1u);
  EXPECT_EQ(column(db, "SELECT json_extract(doc, '$.phone') || ' ' || journal_seq || ' ' || last_as_of FROM accounts WHERE account_no = 'A000001'"),
            "13912345679 101 1800000000");
}

// A stored document is read in one pass when the engine wrote it, and
// whatever that reader leaves is read the general way, as before: the same
// document, and a document too deep or not JSON is a corrupt store.
TEST(StoreReads, StoredDocumentsReadAsNlohmannReadsThem) {
  using pvd::store::parse_stored;
  const std::string account =
      R"({"account_no":"A1","balance":-12,"big":18446744073709551615,"months":["2026-01",null,true],"o":{}})";
  EXPECT_EQ(parse_stored<json>(account, "account"), json::parse(account));
  for (const std::string left : {R"({"rate":0.07})", R"({"a":1,"a":2})", "\xef\xbb\xbf{\"a\":1}"})
    EXPECT_EQ(parse_stored<json>(left, "account"), json::parse(left)) << left;
  EXPECT_EQ(parse_stored<json>(R"({"a":1,"a":2})", "account")["a"], 2);  // the general parser: the last one
  const auto nested = [](int levels) { return std::string(levels, '[') + std::string(levels, ']'); };
  EXPECT_EQ(parse_stored<json>(nested(64), "account"), json::parse(nested(64)));
  for (const std::string& bad : {nested(65), std::string(R"({"a":)"), std::string(R"({"a":1} x)")}) {
    try {
      parse_stored<json>(bad, "account");
      ADD_FAILURE() << "read: " << bad;
    } catch (const pvd::store::StoreError& e) {
      EXPECT_EQ(e.code(), pvd::store::kCorruptCode) << bad;
    }
  }
}

// A decision undone (World::rollback) in the store's World: an edited entity is
// read again from its row, which stays as read until the decision is written
// (no copy of each is made at edit(): a unit's settlement edits 100,000), an
// added one goes, and nothing of either is written.
TEST(StoreReads, AnUndoneEditIsReadAgainFromItsRowAndNothingIsWritten) {
  TracedStore t;
  auto& db = t.db;
  auto& writes = t.writes;
  db.begin_write();
  {
    pvd::store::TableWorld w(db, true);
    ASSERT_EQ(w.accounts_with_stint_at("TY-E01").size(), 3u);
    const pvd::state::Account* a1 = w.account("A000001");
    ASSERT_NE(a1, nullptr);
    const std::optional<std::string> phone = a1->phone;
    const pvd::Money balance = a1->balance;
    const std::size_t ledger = a1->ledger.size();
    auto& edited = w.edit(*a1);
    edited.phone = "13912345678";
    edited.balance = pvd::Money::fen(123);
    edited.ledger.clear();
    w.edit(*w.unit("TY-E01")).name = "改名";
    pvd::state::Account added = *a1;
    added.account_no = "A999999";
    w.add(added);
    w.rollback();

    const pvd::state::Account* again = w.account("A000001");
    ASSERT_EQ(again, a1);  // the same entity, put back in place
    EXPECT_EQ(again->phone, phone);
    EXPECT_EQ(again->balance, balance);
    EXPECT_EQ(again->ledger.size(), ledger);
    EXPECT_EQ(w.unit("TY-E01")->name, "太原某实业有限公司");
    EXPECT_EQ(w.account("A999999"), nullptr);
    EXPECT_EQ(w.accounts_with_stint_at("TY-E01").size(), 3u);
    EXPECT_TRUE(w.accounts().touched().empty());

    // Edited again after the undo: written as that edit says.
    w.edit(*again).phone = "13912340000";
    w.write(pvd::store::Provenance{.journal_seq = 100, .engine_version = "test", .parameters = "[]", .as_of = 1'800'000'000});
  }
  db.exec("COMMIT");
  ASSERT_EQ(writes.size(), 1u);
  EXPECT_EQ(column(db, "SELECT json_extract(doc, '$.phone') || ' ' || journal_seq FROM accounts WHERE account_no = 'A000001'"),
            "13912340000 100");
  EXPECT_EQ(column(db, "SELECT count(*) FROM accounts WHERE account_no = 'A999999'"), "0");
}
