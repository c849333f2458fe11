// The PostgreSQL store (issue 20; docs/postgresql.md): the engine's Store
// interface over one PostgreSQL database, for a centre whose several
// application servers share it.
#pragma once

#include <string>

#include "store/journaled_store.hpp"
#include "store/pg.hpp"

namespace pvd::store {

class PgStore final : public JournaledStore {
 public:
  /// Connects to `uri` (postgresql://…) and creates or migrates the schema;
  /// throws StoreError when it cannot.
  PgStore(const std::string& uri, bool readonly);
  PgDb& db() noexcept override { return db_; }
  bool readonly() const noexcept override { return readonly_; }

 protected:
  /// The next number of the journal's sequence, taken under an advisory lock
  /// held until the transaction ends: numbers are taken in commit order, so
  /// a reader that saw entry N has seen every entry below it that will ever
  /// commit. (A transaction that fails after taking one leaves a gap.)
  std::int64_t take_journal_seq() override;

 private:
  bool readonly_;
  PgDb db_;
};

}  // namespace pvd::store
