// The store's database connection, whatever the database (protocol.md §5):
// prepared statements with bound parameters (never string-built SQL), rows
// read by column, errors as exceptions. The SQLite adapter (sqlite.hpp) and
// the PostgreSQL adapter (pg.hpp) implement it; the World over the store's
// tables (table_world.hpp), the journal (journaled_store.hpp) and
// store.verify are written once against it.
//
// SQL is written in the dialect both databases share: `?` and `?N`
// parameters (the PostgreSQL adapter numbers them $N), `ON CONFLICT`, CASE
// instead of two-argument max(). What differs is asked of dialect().
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "protocol/json.hpp"

namespace pvd::store {

/// Why a store operation failed. `retryable()`: the database refused the
/// transaction because of another one (deadlock, serialization failure, a
/// key taken meanwhile); the whole decision may run again on a fresh view.
class StoreError : public std::runtime_error {
 public:
  /// `code`: the database's own code (SQLite's result code; 0 for PostgreSQL,
  /// whose SQLSTATE is in `state`).
  StoreError(int code, const std::string& what, std::string state = {}, bool retryable = false)
      : std::runtime_error(what), code_(code), state_(std::move(state)), retryable_(retryable) {}
  int code() const noexcept { return code_; }
  const std::string& state() const noexcept { return state_; }
  bool retryable() const noexcept { return retryable_; }

 private:
  int code_;
  std::string state_;
  bool retryable_;
};

/// A stored document that cannot be what the engine wrote (SQLite's
/// SQLITE_CORRUPT, whichever the database).
inline constexpr int kCorruptCode = 11;

/// A JSON document read back from the store: refused (kCorruptCode, naming
/// `what`) when it nests deeper than kMaxStoredDepth or does not parse — a
/// database may have been written by someone else (issue 13).
inline constexpr int kMaxStoredDepth = 64;
template <class J>
J parse_stored(const std::string& text, const char* what);

/// A stored entity (Unit, Account, Person, Bill, Case) decoded from its
/// document's text: without a document when the tape's reader takes it all
/// (src/json/tape.hpp), otherwise by `decode` on parse_stored's document —
/// the same entity, or the same error naming `path`.
template <class T>
T decode_stored(const std::string& text, const char* what, T (*decode)(const protocol::json&, const std::string&),
                const std::string& path);

enum class Dialect { sqlite, postgresql };

/// One prepared statement's execution: parameters from 1, columns from 0.
class Cursor {
 public:
  virtual ~Cursor() = default;
  virtual void bind_int64(int i, std::int64_t v) = 0;
  virtual void bind_text(int i, std::string_view v) = 0;
  virtual void bind_null(int i) = 0;
  /// Steps once: true while a row is available.
  virtual bool step() = 0;
  /// Ready to run again; parameters unbound.
  virtual void reset() = 0;
  virtual std::int64_t int64(int col) const = 0;
  virtual std::string text(int col) const = 0;
  virtual bool is_null(int col) const = 0;
};

class Db {
 public:
  virtual ~Db() = default;
  virtual Dialect dialect() const noexcept = 0;
  /// Runs SQL without parameters or rows (one or several statements).
  virtual void exec(std::string_view sql) = 0;
  /// A statement for `sql`. `reuse`: taken from the connection's cache of
  /// prepared statements (for those run once per row or per request).
  virtual std::unique_ptr<Cursor> prepare(std::string_view sql, bool reuse) = 0;
  /// Starts a transaction that will write: it sees a consistent view and
  /// conflicts with concurrent writers are detected (SQLite: BEGIN IMMEDIATE,
  /// one writer; PostgreSQL: SERIALIZABLE).
  virtual void begin_write() = 0;
  /// Starts a transaction that will write and runs while no other writing
  /// transaction does: for a command that lost to others too often (a
  /// database that runs writers side by side; else begin_write()).
  virtual void begin_write_alone() { begin_write(); }
  /// Starts a read-only transaction on one consistent snapshot.
  virtual void begin_read() = 0;
  /// A new request: its budget of work is renewed (SQLite: a number of
  /// virtual-machine steps; issue 13).
  virtual void renew_budget() noexcept {}
  /// " FOR UPDATE" (" FOR UPDATE OF <alias>" with an alias) where rows a
  /// command reads are locked until it ends; "" where the database locks the
  /// whole store for a writer (SQLite).
  virtual std::string lock_clause(std::string_view alias) const { return {}; }
};

class Stmt {
 public:
  Stmt(Db& db, std::string_view sql) : c_(db.prepare(sql, false)) {}
  enum Reuse { cached };
  Stmt(Db& db, std::string_view sql, Reuse) : c_(db.prepare(sql, true)) {}

  Stmt& bind(int i, std::int64_t v) { return c_->bind_int64(i, v), *this; }
  Stmt& bind(int i, std::string_view v) { return c_->bind_text(i, v), *this; }
  Stmt& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
  Stmt& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
  Stmt& bind_null(int i) { return c_->bind_null(i), *this; }
  template <class T>
  Stmt& bind(int i, const std::optional<T>& v) {
    return v ? bind(i, *v) : bind_null(i);
  }
  bool step() { return c_->step(); }
  /// Runs to completion (statements without rows).
  void run() {
    while (step()) {
    }
  }
  void reset() { c_->reset(); }
  std::int64_t int64(int col) const { return c_->int64(col); }
  std::string text(int col) const { return c_->text(col); }
  bool is_null(int col) const { return c_->is_null(col); }

 private:
  std::unique_ptr<Cursor> c_;
};

/// A writing transaction: begun on construction, rolled back unless commit().
class Transaction {
 public:
  /// `alone`: Db::begin_write_alone().
  explicit Transaction(Db& db, bool alone = false) : db_(db) { alone ? db_.begin_write_alone() : db_.begin_write(); }
  ~Transaction() {
    if (!done_) {
      try {
        db_.exec("ROLLBACK");
      } catch (...) {
      }
    }
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit() {
    db_.exec("COMMIT");
    done_ = true;
  }

 private:
  Db& db_;
  bool done_ = false;
};

}  // namespace pvd::store
