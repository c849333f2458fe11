// Several threads writing one store: through separate engines on one file
// (separate SQLite connections), and through one shared engine (serialised
// inside it). Nothing is lost or doubled. Runs under ThreadSanitizer in CI.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "provident/engine.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

json draft(const std::string& id) {
  return {{"op", "case.save_draft"}, {"request_id", id}, {"as_of", "2026-01-01T10:00:00"},
          {"args", {{"op", "hpf.seal"}, {"args", {{"account_no", "A1"}}}}}};
}

}  // namespace

TEST(StoreThreads, SeparateEnginesOnOneFileAndOneSharedEngine) {
  const fs::path dir = fs::temp_directory_path() / ("provident-threads-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string file = (dir / "store.sqlite").string();
  constexpr int kThreads = 4, kEach = 25;
  std::atomic<int> errors{0};
  {
    pvd::Engine shared({.db_path = file});
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        pvd::Engine own({.db_path = file});
        for (int i = 0; i < kEach; ++i) {
          pvd::Engine& e = i % 2 ? shared : own;
          const std::string id = "t" + std::to_string(t) + "-" + std::to_string(i);
          const json r = json::parse(e.execute(draft(id).dump()));
          if (!r["ok"].get<bool>()) ++errors;
          // A retry from another engine replays.
          const json again = json::parse((i % 2 ? own : shared).execute(draft(id).dump()));
          if (!again["replayed"].get<bool>()) ++errors;
        }
      });
    }
    for (auto& th : threads) th.join();
    EXPECT_EQ(errors.load(), 0);
    const json list = json::parse(shared.execute(R"({"op":"case.list","args":{}})"));
    EXPECT_EQ(list["result"]["cases"].size(), std::size_t(kThreads * kEach));
    const json v = json::parse(shared.execute(R"({"op":"store.verify"})"));
    EXPECT_TRUE(v["result"]["ok"].get<bool>()) << v.dump();
  }
  fs::remove_all(dir);
}

TEST(EngineThreads, CalculatorsAndStatelessRequestsRunConcurrently) {
  pvd::Engine engine({.policy = "national"});
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 2000; ++i) {
        const json r = json::parse(engine.execute(
            R"({"op":"hpf.deposit","as_of":"2024-09-02T10:00:00","args":{"base":"2690","employer_rate":"7%","employee_rate":"7%"}})"));
        if (r["result"]["monthly_deposit"] != "376.00") ++wrong;
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(wrong.load(), 0);
}
