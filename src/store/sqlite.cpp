#include "store/sqlite.hpp"


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

SqliteDb::SqliteDb(const std::string& path, bool readonly) {
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


SqliteDb::~SqliteDb() {
  for (auto& [sql, c] : cache_) sqlite3_finalize(c.stmt);
  sqlite3_close_v2(db_);
}

SqliteDb::Cached* SqliteDb::acquire(std::string_view sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    sqlite3_stmt* s = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &s, nullptr);
    if (rc != SQLITE_OK) fail(rc, "prepare");
    it = cache_.emplace(std::string(sql), Cached{s, false}).first;
  }
  if (it->second.busy) return nullptr;
  it->second.busy = true;
  return &it->second;  // an unordered_map's entries stay where they are
}

void SqliteDb::release(Cached& c) noexcept {
  sqlite3_reset(c.stmt);
  sqlite3_clear_bindings(c.stmt);
  c.busy = false;
}

void SqliteDb::exec(std::string_view sql) {
  char* err = nullptr;
  const int rc = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errmsg(db_);
    sqlite3_free(err);
    throw SqliteError(rc, msg);
  }
}

void SqliteDb::fail(int rc, const std::string& context) const {
  throw SqliteError(rc, context + ": " + sqlite3_errmsg(db_));
}

// One statement: its own (finalized at the end) or the connection's cached
// one (reset and unbound at the end, for the next use).
class SqliteCursor final : public Cursor {
 public:
  SqliteCursor(SqliteDb& db, std::string_view sql, bool reuse) : db_(db) {
    if (reuse && (cached_ = db.acquire(sql))) {
      s_ = cached_->stmt;
      return;
    }
    const int rc = sqlite3_prepare_v2(db.handle(), sql.data(), static_cast<int>(sql.size()), &s_, nullptr);
    if (rc != SQLITE_OK) db.fail(rc, "prepare");
  }
  ~SqliteCursor() override {
    if (cached_) db_.release(*cached_);
    else sqlite3_finalize(s_);
  }
  void bind_int64(int i, std::int64_t v) override { check(sqlite3_bind_int64(s_, i, v)); }
  void bind_text(int i, std::string_view v) override {
    check(sqlite3_bind_text64(s_, i, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
  }
  void bind_null(int i) override { check(sqlite3_bind_null(s_, i)); }
  bool step() override {
    const int rc = sqlite3_step(s_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    db_.fail(rc, "step");
  }
  void reset() override {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }
  std::int64_t int64(int col) const override { return sqlite3_column_int64(s_, col); }
  std::string text(int col) const override {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s_, col));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(s_, col))) : std::string();
  }
  bool is_null(int col) const override { return sqlite3_column_type(s_, col) == SQLITE_NULL; }

 private:
  void check(int rc) const {
    if (rc != SQLITE_OK) db_.fail(rc, "bind");
  }
  SqliteDb& db_;
  sqlite3_stmt* s_ = nullptr;
  SqliteDb::Cached* cached_ = nullptr;  // the connection's entry, or none (s_ is our own)
};

std::unique_ptr<Cursor> SqliteDb::prepare(std::string_view sql, bool reuse) {
  return std::make_unique<SqliteCursor>(*this, sql, reuse);
}

}  // namespace pvd::store
