#include "store/sqlite_store.hpp"

#include "store/schema.hpp"

namespace pvd::store {

SqliteStore::SqliteStore(const std::optional<std::string>& path, bool readonly)
    : path_(path.value_or(":memory:")), readonly_(readonly && path.has_value()), db_(path_, readonly_) {
  sqlite3_busy_timeout(db_.handle(), 10000);
  // The file is checked before anything is written to it (not even WAL mode):
  // a foreign, tampered, damaged or newer file is refused untouched.
  const std::int64_t version = check_schema(db_, path_);
  if (readonly_ && version != kSchemaVersion)
    throw SqliteError(SQLITE_CANTOPEN, "the database " + path_ + " has schema version " + std::to_string(version) + ", not " +
                                           std::to_string(kSchemaVersion) + ": open it once read-write to migrate it");
  if (path_ != ":memory:" && !readonly_) {
    // Switching to WAL takes the file for a moment and does not wait in the
    // busy handler: processes opening a new file together retry (10 s at most).
    for (int attempt = 0;; ++attempt) {
      try {
        db_.exec("PRAGMA journal_mode = WAL");
        break;
      } catch (const SqliteError& e) {
        if ((e.code() & 0xff) != SQLITE_BUSY || attempt >= 1000) throw;
        sqlite3_sleep(10);
      }
    }
  }
  db_.exec("PRAGMA synchronous = FULL");
  db_.exec("PRAGMA foreign_keys = ON");
  if (!readonly_) migrate(db_);
}

std::int64_t SqliteStore::take_journal_seq() {
  Stmt s(db_, "SELECT coalesce(max(seq), 0) + 1 FROM journal", Stmt::cached);
  s.step();
  return s.int64(0);
}

}  // namespace pvd::store
