#include "store/pg_store.hpp"

#include "store/pg_schema.hpp"

namespace pvd::store {

PgStore::PgStore(const std::string& uri, bool readonly) : readonly_(readonly), db_(uri, readonly) {
  migrate_pg(db_, readonly_);
}

std::int64_t PgStore::take_journal_seq() {
  Stmt lock(db_, "SELECT pg_advisory_xact_lock(" + std::to_string(kJournalLockKey) + ")", Stmt::cached);
  lock.run();
  Stmt s(db_, "SELECT nextval('journal_numbers')", Stmt::cached);
  s.step();
  return s.int64(0);
}

}  // namespace pvd::store
