#include "store/sqlite.hpp"

#include "protocol/json.hpp"

#include <fcntl.h>
#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

namespace pvd::store {

namespace {

std::string errno_text(int e) { return std::strerror(e); }

/// A file the store opens must be a regular file reached without a symbolic
/// link (a FIFO would block the open, a link could point anywhere); one the
/// store writes is its owner's alone: group and other bits are taken away
/// (quality.md §3), and a file that cannot be tightened is refused.
void check_file(const std::string& path, bool readonly, bool must_exist) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno == ENOENT && !must_exist) return;
    throw SqliteError(SQLITE_CANTOPEN, "cannot open the database file " + path + ": " + errno_text(errno));
  }
  if (S_ISLNK(st.st_mode)) throw SqliteError(SQLITE_CANTOPEN, "the database file " + path + " is a symbolic link: name the file itself");
  if (!S_ISREG(st.st_mode)) throw SqliteError(SQLITE_CANTOPEN, "the database file " + path + " is not a regular file");
  if (!readonly && (st.st_mode & 077) != 0 && ::chmod(path.c_str(), st.st_mode & 0700) != 0)
    throw SqliteError(SQLITE_CANTOPEN, "the database file " + path + " is readable by others and cannot be made owner-only: " +
                                           errno_text(errno));
}

}  // namespace

Db::Db(const std::string& path, bool readonly) {
  // A database name is a file name, never an SQLite URI ("file:…"): a
  // relative name is opened as "./name" so that SQLite cannot read it as one.
  const bool memory = path == ":memory:";
  const std::string file = memory || path.empty() || path[0] == '/' ? path : "./" + path;
  if (!memory) {
    check_file(path, readonly, readonly);
    for (const char* suffix : {"-wal", "-shm", "-journal"}) check_file(path + suffix, readonly, false);
  }
  if (!memory && !readonly) {
    // Database files are readable by their owner only (quality.md §3); SQLite
    // gives the -wal and -shm files the same permissions.
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) throw SqliteError(SQLITE_CANTOPEN, "cannot create the database file " + path + ": " + errno_text(errno));
    ::close(fd);
  }
  const int flags = (readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX |
                    SQLITE_OPEN_NOFOLLOW;
  const int rc = sqlite3_open_v2(file.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    const std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw SqliteError(rc, "cannot open the database " + path + ": " + msg);
  }
  sqlite3_extended_result_codes(db_, 1);
  // Nothing in a file runs what the engine did not write: no schema object
  // may call functions with side effects, the schema cannot be written
  // directly, and temporary data stays in memory (no temporary files).
  sqlite3_db_config(db_, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
  sqlite3_db_config(db_, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
  sqlite3_db_config(db_, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, nullptr);
  char* err = nullptr;
  sqlite3_exec(db_, "PRAGMA temp_store = MEMORY", nullptr, nullptr, &err);
  sqlite3_free(err);
  sqlite3_progress_handler(
      db_, 1000, [](void* left) { return --*static_cast<std::int64_t*>(left) < 0 ? 1 : 0; }, &steps_left_);
}

template <class J>
J parse_stored(const std::string& text, const char* what) {
  if (!protocol::nesting_within(text, kMaxStoredDepth))
    throw SqliteError(SQLITE_CORRUPT, std::string("a stored ") + what + " nests deeper than " + std::to_string(kMaxStoredDepth) + " levels");
  try {
    return J::parse(text);
  } catch (const std::exception&) {
    throw SqliteError(SQLITE_CORRUPT, std::string("a stored ") + what + " is not valid JSON");
  }
}
template protocol::json parse_stored<protocol::json>(const std::string&, const char*);
template protocol::ojson parse_stored<protocol::ojson>(const std::string&, const char*);

Db::~Db() {
  for (auto& [sql, c] : cache_) sqlite3_finalize(c.stmt);
  sqlite3_close_v2(db_);
}

sqlite3_stmt* Db::acquire(std::string_view sql) {
  auto it = cache_.find(std::string(sql));
  if (it == cache_.end()) {
    sqlite3_stmt* s = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &s, nullptr);
    if (rc != SQLITE_OK) fail(rc, "prepare");
    it = cache_.emplace(std::string(sql), Cached{s, false}).first;
  }
  if (it->second.busy) return nullptr;
  it->second.busy = true;
  return it->second.stmt;
}

void Db::release(sqlite3_stmt* s) noexcept {
  sqlite3_reset(s);
  sqlite3_clear_bindings(s);
  for (auto& [sql, c] : cache_)
    if (c.stmt == s) {
      c.busy = false;
      return;
    }
}

void Db::exec(std::string_view sql) {
  char* err = nullptr;
  const int rc = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errmsg(db_);
    sqlite3_free(err);
    throw SqliteError(rc, msg);
  }
}

void Db::fail(int rc, const std::string& context) const {
  throw SqliteError(rc, context + ": " + sqlite3_errmsg(db_));
}

Stmt::Stmt(Db& db, std::string_view sql) : db_(db) {
  const int rc = sqlite3_prepare_v2(db.handle(), sql.data(), static_cast<int>(sql.size()), &s_, nullptr);
  if (rc != SQLITE_OK) db.fail(rc, "prepare");
}

Stmt::Stmt(Db& db, std::string_view sql, Reuse) : db_(db) {
  s_ = db.acquire(sql);
  if (s_) {
    from_cache_ = true;
    return;
  }
  const int rc = sqlite3_prepare_v2(db.handle(), sql.data(), static_cast<int>(sql.size()), &s_, nullptr);
  if (rc != SQLITE_OK) db.fail(rc, "prepare");
}

Stmt::~Stmt() {
  if (from_cache_) db_.release(s_);
  else sqlite3_finalize(s_);
}

Stmt& Stmt::bind(int i, std::int64_t v) {
  if (const int rc = sqlite3_bind_int64(s_, i, v); rc != SQLITE_OK) db_.fail(rc, "bind");
  return *this;
}

Stmt& Stmt::bind(int i, std::string_view v) {
  if (const int rc = sqlite3_bind_text64(s_, i, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8); rc != SQLITE_OK)
    db_.fail(rc, "bind");
  return *this;
}

Stmt& Stmt::bind_null(int i) {
  if (const int rc = sqlite3_bind_null(s_, i); rc != SQLITE_OK) db_.fail(rc, "bind");
  return *this;
}

bool Stmt::step() {
  const int rc = sqlite3_step(s_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  db_.fail(rc, "step");
}

void Stmt::run() {
  while (step()) {
  }
}

void Stmt::reset() {
  sqlite3_reset(s_);
  sqlite3_clear_bindings(s_);
}

std::int64_t Stmt::int64(int col) const { return sqlite3_column_int64(s_, col); }

std::string Stmt::text(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s_, col));
  return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(s_, col))) : std::string();
}

bool Stmt::is_null(int col) const { return sqlite3_column_type(s_, col) == SQLITE_NULL; }

Transaction::Transaction(Db& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
  if (!done_) {
    try {
      db_.exec("ROLLBACK");
    } catch (...) {
    }
  }
}

void Transaction::commit() {
  db_.exec("COMMIT");
  done_ = true;
}

}  // namespace pvd::store
