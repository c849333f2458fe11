// A database file may be hostile (issue 13): the store refuses, before it runs
// or writes anything, a file it did not write — a foreign trigger or view, a
// damaged or newer schema version, another application's file — and opens
// only regular files reached without a symbolic link, by name (never as an
// SQLite URI), owner-only. Each file here is crafted by the test.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "provident/engine.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

struct TempDir {
  fs::path dir = fs::temp_directory_path() / ("provident-hostile-" + std::to_string(::getpid()) + "-" + std::to_string(rand()));
  TempDir() { fs::create_directories(dir); }
  ~TempDir() { fs::remove_all(dir); }
  std::string path(const std::string& name) const { return (dir / name).string(); }
};

std::string exec_sql(const std::string& file, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  char* err = nullptr;
  sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  std::string out = err ? err : "";
  sqlite3_free(err);
  sqlite3_close(db);
  return out;
}

std::string bytes_of(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// A store made by the engine, with one journaled request.
void make_store(const std::string& file) {
  pvd::Engine e({.db_path = file});
  const json r = json::parse(e.execute(R"({"op":"case.save_draft","request_id":"r1","as_of":"2026-01-01T10:00:00",)"
                                       R"("args":{"op":"hpf.seal","args":{"account_no":"A1"}}})"));
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump();
}

/// Opening `file` fails with a store error whose message contains `expected`;
/// the file's bytes are the same afterwards.
void refused_untouched(const std::string& file, const std::string& expected, bool readonly = false) {
  const std::string before = bytes_of(file);
  try {
    pvd::Engine e({.db_path = file, .readonly = readonly});
    ADD_FAILURE() << "opened " << file;
  } catch (const pvd::EngineError& err) {
    EXPECT_EQ(err.kind(), "store");
    EXPECT_NE(std::string(err.what()).find(expected), std::string::npos) << err.what();
  }
  EXPECT_EQ(bytes_of(file), before) << "the refused file was changed";
  EXPECT_FALSE(fs::exists(file + "-wal") && fs::file_size(file + "-wal") > 0);
}

}  // namespace

TEST(StoreHostile, AForeignTriggerIsRefusedBeforeItRuns) {
  TempDir t;
  const std::string f = t.path("store.sqlite");
  make_store(f);
  // The trigger of the report: copy every request into a side table.
  EXPECT_EQ(exec_sql(f, "PRAGMA journal_mode = DELETE; CREATE TABLE loot (request TEXT); "
                        "CREATE TRIGGER steal AFTER INSERT ON journal BEGIN INSERT INTO loot VALUES (new.request); END;"),
            "");
  refused_untouched(f, "this engine did not create or does not know (table loot)");
  EXPECT_EQ(exec_sql(f, "DROP TABLE loot;"), "");
  refused_untouched(f, "(trigger steal)");
}

TEST(StoreHostile, AChangedTriggerOrARecursiveViewIsRefused) {
  TempDir t;
  const std::string f = t.path("store.sqlite");
  make_store(f);
  EXPECT_EQ(exec_sql(f, "PRAGMA journal_mode = DELETE; DROP TRIGGER ledger_no_update; "
                        "CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger BEGIN SELECT 1; END;"),
            "");
  refused_untouched(f, "trigger ledger_no_update");
  TempDir t2;
  const std::string g = t2.path("store.sqlite");
  make_store(g);
  EXPECT_EQ(exec_sql(g, "PRAGMA journal_mode = DELETE; CREATE VIEW units_loop AS WITH RECURSIVE r(n) AS "
                        "(SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT n FROM r;"),
            "");
  refused_untouched(g, "(view units_loop)");
}

TEST(StoreHostile, ADamagedOrNewerVersionIsRefusedNotCrashed) {
  TempDir t;
  const std::string f = t.path("store.sqlite");
  make_store(f);
  EXPECT_EQ(exec_sql(f, "PRAGMA journal_mode = DELETE; UPDATE schema_version SET version = -1;"), "");
  refused_untouched(f, "damaged schema version (1 rows, -1)");
  EXPECT_EQ(exec_sql(f, "INSERT INTO schema_version VALUES (2);"), "");
  refused_untouched(f, "damaged schema version (2 rows");
  EXPECT_EQ(exec_sql(f, "DELETE FROM schema_version; INSERT INTO schema_version VALUES (4);"), "");
  refused_untouched(f, "schema version 4, newer than this engine understands (3)");
  refused_untouched(f, "newer", true);
}

TEST(StoreHostile, AForeignFileGetsNoTablesAndNoWal) {
  TempDir t;
  const std::string f = t.path("other.sqlite");
  EXPECT_EQ(exec_sql(f, "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers VALUES (1, 'x');"), "");
  refused_untouched(f, "is not a provident store (its tables: customers)");
  refused_untouched(f, "is not a provident store", true);
  // Another application's (empty) file is refused by its application_id.
  const std::string g = t.path("app.sqlite");
  EXPECT_EQ(exec_sql(g, "PRAGMA application_id = 42;"), "");
  refused_untouched(g, "belongs to another application (application_id 42)");
}

TEST(StoreHostile, FilesAreRegularReachedWithoutALinkAndOwnerOnly) {
  TempDir t;
  const std::string f = t.path("store.sqlite");
  make_store(f);
  // A symbolic link to a store, and a dangling one: refused.
  fs::create_symlink(f, t.path("link.sqlite"));
  refused_untouched(t.path("link.sqlite"), "is a symbolic link");
  fs::create_symlink(t.path("nowhere.sqlite"), t.path("dangling.sqlite"));
  try {
    pvd::Engine e({.db_path = t.path("dangling.sqlite")});
    ADD_FAILURE() << "opened a dangling link";
  } catch (const pvd::EngineError& err) {
    EXPECT_NE(std::string(err.what()).find("is a symbolic link"), std::string::npos) << err.what();
  }
  EXPECT_FALSE(fs::exists(t.path("nowhere.sqlite")));
  // A FIFO would block an open: refused, also read-only.
  ASSERT_EQ(::mkfifo(t.path("fifo").c_str(), 0600), 0);
  for (bool ro : {false, true}) {
    try {
      pvd::Engine e({.db_path = t.path("fifo"), .readonly = ro});
      ADD_FAILURE() << "opened a FIFO";
    } catch (const pvd::EngineError& err) {
      EXPECT_NE(std::string(err.what()).find("is not a regular file"), std::string::npos) << err.what();
    }
  }
  // A directory: the reason, with the name.
  try {
    pvd::Engine e({.db_path = t.dir.string()});
    ADD_FAILURE() << "opened a directory";
  } catch (const pvd::EngineError& err) {
    EXPECT_NE(std::string(err.what()).find(t.dir.string() + " is not a regular file"), std::string::npos) << err.what();
  }
  // An existing store readable by others is tightened to its owner.
  ASSERT_EQ(::chmod(f.c_str(), 0644), 0);
  { pvd::Engine e({.db_path = f}); }
  struct stat st {};
  ASSERT_EQ(::stat(f.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
}

TEST(StoreHostile, ANameIsAFileNameNeverAnSqliteUri) {
  TempDir t;
  const fs::path old = fs::current_path();
  fs::current_path(t.dir);
  {
    pvd::Engine e({.db_path = "file:uri.db?mode=memory"});
    const json r = json::parse(e.execute(R"({"op":"case.save_draft","request_id":"r1","as_of":"2026-01-01T10:00:00",)"
                                         R"("args":{"op":"hpf.seal","args":{"account_no":"A1"}}})"));
    EXPECT_TRUE(r["ok"].get<bool>()) << r.dump();
  }
  // The file is named as given (durable, owner-only), and no uri.db appeared.
  EXPECT_TRUE(fs::is_regular_file(t.dir / "file:uri.db?mode=memory"));
  EXPECT_FALSE(fs::exists(t.dir / "uri.db"));
  struct stat st {};
  ASSERT_EQ(::stat((t.dir / "file:uri.db?mode=memory").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  fs::current_path(old);
}

TEST(StoreHostile, ADocumentNested200000DeepIsRefusedNotACrash) {
  TempDir t;
  const std::string f = t.path("store.sqlite");
  make_store(f);
  // The journal is append-only, but a foreign writer can append: a summary nested 200,000 deep.
  const std::string deep = std::string(200000, '[') + std::string(200000, ']');
  EXPECT_EQ(exec_sql(f, "INSERT INTO journal SELECT 2, 'r2', op, as_of, profile, canonical, canonical_hash, raw_hash, request, '" + deep +
                            "', response, ok, engine_version, parameters FROM journal WHERE seq = 1;"),
            "");
  pvd::Engine e({.db_path = f});
  const json r = json::parse(e.execute(R"({"op":"journal.list"})"));
  EXPECT_EQ(r["error"]["code"], "STORE_ERROR") << r.dump().substr(0, 300);
  EXPECT_NE(r["error"]["message_en"].get<std::string>().find("a stored journal summary nests deeper than 64 levels"), std::string::npos)
      << r.dump().substr(0, 300);
}

// Issue 19 (3): a session of calculators that names a store file leaves no
// file behind; the first query or command creates it; a file that cannot be
// created is refused at open with errno's text and the name.
TEST(StoreHostile, ACalculatorSessionCreatesNoFile) {
  TempDir t;
  const std::string f = t.path("new.sqlite");
  {
    pvd::Engine e({.db_path = f});
    const json r = json::parse(e.execute(R"({"op":"hpf.deposit","as_of":"2025-01-01T10:00:00",)"
                                         R"("args":{"base":"5000","employer_rate":"7%","employee_rate":"7%"}})"));
    EXPECT_TRUE(r["ok"].get<bool>()) << r.dump();
    EXPECT_EQ(r["result"]["monthly_deposit"], "700.00");
    EXPECT_FALSE(fs::exists(f)) << "a calculator created the store file";
    const json q = json::parse(e.execute(R"({"op":"si.unit.get","args":{"unit_code":"U1"}})"));
    EXPECT_EQ(q["error"]["code"], "REQ_NOT_FOUND") << q.dump();
    EXPECT_TRUE(fs::exists(f)) << "the first query did not create the store";
  }
  EXPECT_EQ(exec_sql(f, "SELECT 1 FROM schema_version"), "");  // a provident store, opened again as one
  { pvd::Engine again({.db_path = f}); }
  try {
    pvd::Engine e({.db_path = t.path("missing/new.sqlite")});
    ADD_FAILURE() << "opened a file in a missing folder";
  } catch (const pvd::EngineError& err) {
    EXPECT_EQ(err.kind(), "store");
    EXPECT_EQ(std::string(err.what()), "cannot create the database file " + t.path("missing/new.sqlite") + " in " +
                                           t.path("missing") + ": No such file or directory");
  }
}
