// A thin RAII layer over the SQLite C API: a connection, prepared statements
// with bound parameters (never string-built SQL), and errors as exceptions.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

namespace pvd::store {

class SqliteError : public std::runtime_error {
 public:
  SqliteError(int code, const std::string& what) : std::runtime_error(what), code_(code) {}
  int code() const noexcept { return code_; }

 private:
  int code_;
};

class Db;

/// A JSON document read back from the store: refused (SQLITE_CORRUPT, naming
/// `what`) when it nests deeper than kMaxStoredDepth or does not parse — a
/// file may have been written by someone else (issue 13).
inline constexpr int kMaxStoredDepth = 64;
template <class J>
J parse_stored(const std::string& text, const char* what);

class Stmt {
 public:
  /// Prepares `sql` for this statement alone (finalized by the destructor).
  Stmt(Db& db, std::string_view sql);
  /// Takes `sql` from the connection's cache of prepared statements: prepared
  /// on first use, reset and unbound by the destructor for the next use. For
  /// the statements run once per row or per request (preparing is SQLite's
  /// parser and planner: far dearer than running a one-row statement). A
  /// statement already in use is prepared afresh instead.
  enum Reuse { cached };
  Stmt(Db& db, std::string_view sql, Reuse);
  ~Stmt();
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  Stmt& bind(int i, std::int64_t v);
  Stmt& bind(int i, std::string_view v);
  Stmt& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
  Stmt& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
  Stmt& bind_null(int i);
  template <class T>
  Stmt& bind(int i, const std::optional<T>& v) {
    return v ? bind(i, *v) : bind_null(i);
  }

  /// Steps once: true while a row is available.
  bool step();
  /// Runs to completion (statements without rows).
  void run();
  void reset();

  std::int64_t int64(int col) const;
  std::string text(int col) const;
  bool is_null(int col) const;

 private:
  Db& db_;
  sqlite3_stmt* s_ = nullptr;
  bool from_cache_ = false;
};

class Db {
 public:
  /// Opens (creating if needed) a database file, or ":memory:".
  Db(const std::string& path, bool readonly);

  /// Every request gets a budget of SQLite virtual-machine steps (kStepBudget
  /// thousands): a statement that runs away — nothing the engine writes
  /// should, but a file may hold what no one expected — is interrupted and
  /// the request answers STORE_ERROR instead of hanging (issue 13).
  static constexpr std::int64_t kStepBudget = 20'000'000;  // × 1,000 steps: minutes of work, never a legitimate request
  void renew_budget() noexcept { steps_left_ = kStepBudget; }
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  sqlite3* handle() const noexcept { return db_; }
  void exec(std::string_view sql);
  [[noreturn]] void fail(int rc, const std::string& context) const;
  std::int64_t changes() const noexcept { return sqlite3_changes64(db_); }

 private:
  friend class Stmt;
  /// The cached statement for `sql` marked in use, or nullptr when it is in
  /// use already (the caller prepares its own).
  sqlite3_stmt* acquire(std::string_view sql);
  void release(sqlite3_stmt* s) noexcept;
  struct Cached {
    sqlite3_stmt* stmt = nullptr;
    bool busy = false;
  };
  sqlite3* db_ = nullptr;
  std::int64_t steps_left_ = kStepBudget;
  std::unordered_map<std::string, Cached> cache_;
};

/// A transaction: BEGIN IMMEDIATE on construction, ROLLBACK unless commit().
class Transaction {
 public:
  explicit Transaction(Db& db);
  ~Transaction();
  void commit();

 private:
  Db& db_;
  bool done_ = false;
};

}  // namespace pvd::store
