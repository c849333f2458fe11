// Fuzz target: database files (issue 13) — a store file the engine wrote,
// tampered with by someone else, then opened by the engine.
//
// Input: the first byte chooses the mode. Even: the rest is SQL that a
// foreign writer runs on a valid store (triggers, views, changed rows and
// documents, a damaged schema version, …) with plain SQLite. Odd: the rest
// replaces the file's bytes from the offset the next two bytes give (a
// damaged page, a foreign header).
//
// Properties:
//  - opening either throws pvd::EngineError of kind "store" or gives an
//    engine; nothing else escapes, nothing crashes or hangs;
//  - an open engine answers every request (queries, store.verify without the
//    replay, a command) with one JSON object that has `ok` and, when not ok,
//    an error code or violations — never a crash or a hang.
#include <sqlite3.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>

#include "fuzz_check.hpp"
#include "provident/engine.hpp"

using pvd_fuzz::show;

namespace {

namespace fs = std::filesystem;

fs::path work_dir() {
  static const fs::path d = [] {
    fs::path p = fs::temp_directory_path() / ("provident-fuzz-store-" + std::to_string(::getpid()));
    fs::create_directories(p);
    return p;
  }();
  return d;
}

/// A store made by the engine once: a flexible unit, an account with a
/// payment, a bill and a case; journal mode DELETE so that the file alone is
/// the database.
const std::string& template_bytes() {
  static const std::string bytes = [] {
    const fs::path f = work_dir() / "template.sqlite";
    fs::remove(f);
    {
      pvd::Engine e({.policy = "taiyuan", .db_path = f.string()});
      for (const char* r : {
               R"({"op":"hpf.unit.register","request_id":"t1","as_of":"2025-09-01T09:00:00","args":{"unit_code":"F1","name":"个人","credit_code":"91140100MA0K12345Y","bank":"ICBC","kind":"flexible"}})",
               R"({"op":"hpf.unit.register","request_id":"t2","as_of":"2025-09-01T09:05:00","args":{"unit_code":"E1","name":"某公司","credit_code":"91410200MA4F234563","bank":"CCB","kind":"employer","employer_rate":"12%","employee_rate":"12%"}})",
               R"({"op":"hpf.unit.open_accounts","request_id":"t3","as_of":"2025-09-02T09:00:00","args":{"unit_code":"E1","rows":[{"name":"张三","id_number":"140105199003071234","base":"5000.00"}]}})",
               R"({"op":"hpf.unit.verify_remittance","request_id":"t4","as_of":"2025-09-10T09:00:00","args":{"unit_code":"E1","month":"2025-09"}})",
               R"({"op":"case.save_draft","request_id":"t5","as_of":"2025-09-10T10:00:00","args":{"op":"hpf.seal","args":{"account_no":"A000001"}}})"})
        (void)e.execute(r);
    }
    sqlite3* db = nullptr;
    sqlite3_open(f.c_str(), &db);
    sqlite3_exec(db, "PRAGMA journal_mode = DELETE", nullptr, nullptr, nullptr);
    sqlite3_close(db);
    std::ifstream in(f, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }();
  return bytes;
}

void check_response(const std::string& request, const std::string& text) {
  nlohmann::json r;
  try {
    r = nlohmann::json::parse(text);
  } catch (const std::exception& e) {
    PVD_FUZZ_CHECK(false, "not JSON: " + show(text) + " for " + request);
  }
  PVD_FUZZ_CHECK(r.is_object() && r.contains("ok") && r["ok"].is_boolean(), "no ok: " + show(text));
  if (!r["ok"].get<bool>())
    PVD_FUZZ_CHECK((r["error"].is_object() && r["error"]["code"].is_string()) || (r["violations"].is_array() && !r["violations"].empty()),
                   "a refusal without a reason: " + show(text));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::string& base = template_bytes();
  const fs::path f = work_dir() / "store.sqlite";
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(f.string() + suffix);
  const std::string rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] % 2 == 0) {
    { std::ofstream(f, std::ios::binary) << base; }
    sqlite3* db = nullptr;
    sqlite3_open(f.c_str(), &db);
    sqlite3_busy_timeout(db, 100);
    // Bound the foreign writer itself (its own recursive CTEs are not the engine's concern).
    int ticks = 0;
    sqlite3_progress_handler(db, 10000, [](void* n) { return ++*static_cast<int*>(n) > 1000 ? 1 : 0; }, &ticks);
    sqlite3_exec(db, rest.c_str(), nullptr, nullptr, nullptr);
    sqlite3_close(db);
  } else {
    std::string bytes = base;
    const std::size_t at = rest.size() >= 2 ? (static_cast<unsigned char>(rest[0]) | static_cast<unsigned char>(rest[1]) << 8) * 16 : 0;
    const std::string patch = rest.size() >= 2 ? rest.substr(2) : rest;
    if (at < bytes.size()) bytes.replace(at, std::min(patch.size(), bytes.size() - at), patch.substr(0, bytes.size() - at));
    std::ofstream(f, std::ios::binary) << bytes;
  }
  std::unique_ptr<pvd::Engine> e;
  try {
    e = std::make_unique<pvd::Engine>(pvd::EngineOptions{.policy = "taiyuan", .db_path = f.string()});
  } catch (const pvd::EngineError& err) {
    PVD_FUZZ_CHECK(err.kind() == "store", std::string("open threw ") + err.kind() + ": " + err.what());
    return 0;
  }
  for (const char* r : {R"({"op":"journal.list"})", R"({"op":"store.verify","args":{"replay":false}})",
                        R"({"op":"hpf.account.get","args":{"account_no":"A000001"}})", R"({"op":"case.list","args":{}})",
                        R"({"op":"hpf.unit.roster","as_of":"2025-09-11T09:00:00","args":{"unit_code":"E1"}})",
                        R"({"op":"hpf.change_phone","request_id":"f1","as_of":"2025-09-11T09:00:00","args":{"account_no":"A000001","phone":"13912345678"}})",
                        R"({"op":"hpf.unit.verify_remittance","request_id":"f2","as_of":"2025-10-10T09:00:00","args":{"unit_code":"E1","month":"2025-10"}})"})
    check_response(r, e->execute(r));
  return 0;
}
