// The SQLite connection (the reference store's, protocol.md §5): the store's
// Db over the SQLite C API, hardened against hostile files (issue 13).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "store/db.hpp"

namespace pvd::store {

/// An SQLite failure: StoreError with SQLite's (extended) result code.
class SqliteError : public StoreError {
 public:
  SqliteError(int code, const std::string& what) : StoreError(code, what, {}, false) {}
};

class SqliteDb final : public Db {
 public:
  /// Opens (creating if needed) a database file, or ":memory:".
  SqliteDb(const std::string& path, bool readonly);
  ~SqliteDb() override;
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  /// Every request gets a budget of SQLite virtual-machine steps (kStepBudget
  /// thousands): a statement that runs away — nothing the engine writes
  /// should, but a file may hold what no one expected — is interrupted and
  /// the request answers STORE_ERROR instead of hanging (issue 13).
  static constexpr std::int64_t kStepBudget = 20'000'000;  // × 1,000 steps: minutes of work, never a legitimate request
  void renew_budget() noexcept override { steps_left_ = kStepBudget; }

  Dialect dialect() const noexcept override { return Dialect::sqlite; }
  void exec(std::string_view sql) override;
  std::unique_ptr<Cursor> prepare(std::string_view sql, bool reuse) override;
  void begin_write() override { exec("BEGIN IMMEDIATE"); }
  void begin_read() override { exec("BEGIN"); }

  sqlite3* handle() const noexcept { return db_; }
  [[noreturn]] void fail(int rc, const std::string& context) const;

 private:
  friend class SqliteCursor;
  /// The cached statement for `sql` marked in use, or nullptr when it is in
  /// use already (the caller prepares its own).
  struct Cached {
    sqlite3_stmt* stmt = nullptr;
    bool busy = false;
  };
  /// The cache's entry for `sql`, marked in use, or nullptr when it is in use
  /// already (the caller prepares its own). Found without copying `sql`.
  Cached* acquire(std::string_view sql);
  /// Resets and unbinds the statement and frees its entry (no search: a
  /// command runs some dozens of cached statements, each several times).
  void release(Cached& c) noexcept;
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  sqlite3* db_ = nullptr;
  std::int64_t steps_left_ = kStepBudget;
  std::unordered_map<std::string, Cached, Hash, std::equal_to<>> cache_;
};

}  // namespace pvd::store
