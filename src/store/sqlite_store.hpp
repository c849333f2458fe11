// The reference SQLite store (protocol.md §5): the engine's Store interface
// over one SQLite file (or memory).
#pragma once

#include <optional>
#include <string>

#include "store/journaled_store.hpp"
#include "store/sqlite.hpp"

namespace pvd::store {

class SqliteStore final : public JournaledStore {
 public:
  /// Opens the store on a file, or in memory when `path` is nullopt; throws
  /// (SqliteError, std::runtime_error) when it cannot.
  SqliteStore(const std::optional<std::string>& path, bool readonly);
  SqliteDb& db() noexcept override { return db_; }
  bool readonly() const noexcept override { return readonly_; }
  const std::string& path() const noexcept { return path_; }

 protected:
  /// One writer at a time holds the file (BEGIN IMMEDIATE): the next number
  /// after the last.
  std::int64_t take_journal_seq() override;

 private:
  std::string path_;
  bool readonly_;
  SqliteDb db_;
};

}  // namespace pvd::store
