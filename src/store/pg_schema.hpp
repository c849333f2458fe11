// The PostgreSQL store's schema and its migrations (issue 20;
// docs/postgresql.md): the SQLite store's tables (schema.cpp) with text keys
// in byte order (COLLATE "C", as SQLite's BINARY: pages and listings come in
// the same order on both), money as bigint fen, the ledger, journal and
// events append-only by trigger, journal numbers from a sequence.
#pragma once

#include <cstdint>

#include "store/pg.hpp"

namespace pvd::store {

/// The PostgreSQL schema version this engine writes.
inline constexpr std::int64_t kPgSchemaVersion = 1;

/// Creates the schema in the connection's current schema (search_path), or
/// migrates an older one, under an advisory lock (several engines starting
/// at once migrate once); refuses a newer one, and a schema holding tables of
/// the store's names that it did not create. A read-only connection only
/// checks the version.
void migrate_pg(PgDb& db, bool readonly);

/// The advisory lock keys (pg_advisory_lock): the schema's migrations, and
/// the journal's tail (JournaledStore::take_journal_seq).
inline constexpr std::int64_t kSchemaLockKey = 0x5056440001;  // "PVD" 1
inline constexpr std::int64_t kJournalLockKey = 0x5056440002;

}  // namespace pvd::store
