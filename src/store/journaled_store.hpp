// The database-neutral part of a store (protocol.md §5): one request in one
// transaction — the journal lookup (a known request_id replays, other content
// conflicts), the decision on a World over the store's tables, "time goes
// forward", the journal and events written with personal data masked, and
// the whole decision run again on a fresh view when the database refuses the
// transaction because of another one. An adapter (SqliteStore, PgStore)
// opens its connection, keeps its schema, and says how a journal number is
// taken.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "engine/store.hpp"
#include "store/db.hpp"

namespace pvd::store {

/// Why a transaction was run again (docs/postgresql.md, "Retries").
enum class RetryCause { serialization, deadlock, unique, other /* a lost connection */ };
inline constexpr std::size_t kRetryCauses = 4;

class JournaledStore : public engine::Store {
 public:
  engine::Answer run(const engine::RequestInfo& info,
                     const std::function<engine::Outcome(state::World&)>& decide) override;
  virtual Db& db() noexcept = 0;
  virtual bool readonly() const noexcept = 0;
  /// The transactions run again so far, by cause.
  const std::array<std::int64_t, kRetryCauses>& retries() const noexcept { return retries_; }

  /// At most this many runs of one request's decision (the first and the
  /// retries, with growing pauses between them: at most about 6 s in all for
  /// conflicts, about 45 s for a lost connection); then the
  /// request answers STORE_ERROR saying how often it was tried.
  static constexpr int kMaxAttempts = 100;
  /// From this attempt on, a command runs alone: it cannot lose again, so a
  /// big command on busy rows is never starved by small ones.
  static constexpr int kAloneFromAttempt = 32;

 protected:
  /// The next journal number, inside the writing transaction. Journal order
  /// must be commit order: a reader that has seen entry N has seen every
  /// entry below N that will ever commit.
  virtual std::int64_t take_journal_seq() = 0;

 private:
  engine::Answer run_query(const engine::RequestInfo& info, const std::function<engine::Outcome(state::World&)>& decide);
  /// `alone`: the transaction runs while no other writer does (Db::begin_write_alone()).
  engine::Answer run_command(const engine::RequestInfo& info, const std::function<engine::Outcome(state::World&)>& decide,
                              bool alone);
  std::array<std::int64_t, kRetryCauses> retries_{};
};

/// FNV-1a 64-bit, as 16 hex digits: the stable hash of a canonical request.
std::string stable_hash(std::string_view text);

/// The request with personal data masked (id_number, card_no, phone and
/// account_name values), for the journal's human-readable summary.
protocol::json mask_personal_data(const protocol::json& j);
/// An event as the events table keeps it: mask_personal_data(json(e)).dump(),
/// written straight from the response's document (a settlement has one event
/// per account).
std::string masked_text(const protocol::ojson& e);

}  // namespace pvd::store
