// store.verify page by page (issue 20 (2)): a centre of millions of accounts
// checks its per-account invariants a page at a time, each page a short
// transaction, following `next`; a damaged account is found on its page and
// only there.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "provident/engine.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

json run(pvd::Engine& e, const json& request) { return json::parse(e.execute(request.dump())); }

json command(const char* op, const std::string& id, const char* as_of, json args) {
  return {{"op", op}, {"request_id", id}, {"as_of", as_of}, {"args", std::move(args)}};
}

json verify(pvd::Engine& e, json args) { return run(e, {{"op", "store.verify"}, {"args", std::move(args)}}); }

bool balance_ok(const json& r) {
  for (const auto& c : r["result"]["checks"])
    if (c["name"] == "balance equals the sum of ledger entries") return c["ok"].get<bool>();
  ADD_FAILURE() << "no balance check in " << r.dump();
  return false;
}

struct Centre {
  fs::path dir = fs::temp_directory_path() / ("provident-pages-" + std::to_string(::getpid()));
  std::string file = (dir / "store.sqlite").string();
  std::unique_ptr<pvd::Engine> engine;

  Centre() {
    fs::remove_all(dir);
    fs::create_directories(dir);
    engine = std::make_unique<pvd::Engine>(pvd::EngineOptions{.policy = "taiyuan", .db_path = file});
    auto& e = *engine;
    const auto ok = [&](const json& r) { ASSERT_TRUE(run(e, r)["ok"].get<bool>()) << r.dump(); };
    ok(command("hpf.unit.register", "u1", "2025-09-01T09:00:00",
               {{"unit_code", "TY-F01"}, {"name", "个人自愿缴存（市本级工行）"}, {"credit_code", "91140100MA0K12345Y"},
                {"bank", "ICBC"}, {"kind", "flexible"}}));
    ok(command("hpf.unit.register", "u2", "2025-09-01T09:01:00",
               {{"unit_code", "TY-F02"}, {"name", "个人自愿缴存（市本级建行）"}, {"credit_code", "91110000600037341L"},
                {"bank", "CCB"}, {"kind", "flexible"}}));
    const char* people[][3] = {{"TY-F01", "刘六", "140105199211200029"}, {"TY-F02", "张三", "140105199003071234"},
                               {"TY-F01", "王五", "140105198506124567"}};
    int n = 0;
    for (const auto& p : people)
      ok(command("hpf.flex.open", "o" + std::to_string(++n), "2025-09-01T09:10:00",
                 {{"unit_code", p[0]}, {"name", p[1]}, {"id_number", p[2]}, {"monthly_deposit", "600.00"}}));
  }
  ~Centre() {
    engine.reset();
    fs::remove_all(dir);
  }
};

TEST(StoreVerifyPages, PagesFollowNextThroughAUnit) {
  Centre c;
  auto& e = *c.engine;
  // TY-F01 holds A000001 and A000003 (A000002 is TY-F02's).
  json p1 = verify(e, {{"unit_code", "TY-F01"}, {"limit", 1}});
  ASSERT_TRUE(p1["ok"].get<bool>()) << p1.dump();
  EXPECT_EQ(p1["result"]["ok"], true);
  EXPECT_EQ(p1["result"]["accounts"], 1);
  EXPECT_EQ(p1["result"]["next"], "A000001");
  EXPECT_EQ(p1["result"]["checks"].size(), 3u);
  json p2 = verify(e, {{"unit_code", "TY-F01"}, {"after", "A000001"}, {"limit", 1}});
  EXPECT_EQ(p2["result"]["accounts"], 1);
  EXPECT_EQ(p2["result"]["next"], "A000003");
  json p3 = verify(e, {{"unit_code", "TY-F01"}, {"after", "A000003"}, {"limit", 1}});
  EXPECT_EQ(p3["result"]["accounts"], 0);
  EXPECT_TRUE(p3["result"]["next"].is_null());
  // The whole store, one page of the default size: every account, no next.
  json all = verify(e, {{"after", ""}});
  EXPECT_EQ(all["result"]["accounts"], 3);
  EXPECT_TRUE(all["result"]["next"].is_null());
}

TEST(StoreVerifyPages, ADamagedAccountIsFoundOnItsPageOnly) {
  Centre c;
  auto& e = *c.engine;
  // Someone changes a balance behind the engine's back (the ledger is append-only; the row is not).
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(c.file.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "UPDATE accounts SET balance = 100 WHERE account_no = 'A000002'", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  EXPECT_TRUE(balance_ok(verify(e, {{"unit_code", "TY-F01"}})));
  const json damaged = verify(e, {{"unit_code", "TY-F02"}});
  EXPECT_FALSE(balance_ok(damaged));
  EXPECT_EQ(damaged["result"]["ok"], false);
  EXPECT_FALSE(balance_ok(verify(e, {{"replay", false}})));  // and the full verification agrees
}

TEST(StoreVerifyPages, BadPagesAreRefused) {
  Centre c;
  auto& e = *c.engine;
  const json unknown = verify(e, {{"unit_code", "TY-NONE"}});
  EXPECT_EQ(unknown["error"]["code"], "REQ_NOT_FOUND");
  EXPECT_EQ(unknown["error"]["field"], "args.unit_code");
  const json replay = verify(e, {{"unit_code", "TY-F01"}, {"replay", true}});
  EXPECT_EQ(replay["error"]["code"], "REQ_BAD_VALUE");
  EXPECT_EQ(replay["error"]["field"], "args.replay");
  const json limit = verify(e, {{"limit", 0}});
  EXPECT_EQ(limit["error"]["field"], "args.limit");
}

}  // namespace
