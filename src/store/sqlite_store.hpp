// The reference SQLite store (protocol.md §5): the engine's Store interface
// over one SQLite file (or memory).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "store/sqlite.hpp"
#include "engine/store.hpp"

namespace pvd::store {

class SqliteStore : public engine::Store {
 public:
  /// Opens the store on a file, or in memory when `path` is nullopt; throws
  /// (SqliteError, std::runtime_error) when it cannot.
  SqliteStore(const std::optional<std::string>& path, bool readonly);
  protocol::ojson run(const engine::RequestInfo& info,
                      const std::function<engine::Outcome(state::World&)>& decide) override;
  Db& db() noexcept { return db_; }
  bool readonly() const noexcept { return readonly_; }
  const std::string& path() const noexcept { return path_; }

 private:
  protocol::ojson run_query(const engine::RequestInfo& info, const std::function<engine::Outcome(state::World&)>& decide);
  std::string path_;
  bool readonly_;
  Db db_;
};

/// FNV-1a 64-bit, as 16 hex digits: the stable hash of a canonical request.
std::string stable_hash(std::string_view text);

/// The request with personal data masked (id_number, card_no, phone and
/// account_name values), for the journal's human-readable summary.
protocol::json mask_personal_data(const protocol::json& j);

}  // namespace pvd::store
