// The store's schema and its migrations (protocol.md §5): STRICT tables, money
// as INTEGER fen, entities as their state.md JSON documents beside the columns
// the store searches on, an append-only ledger, the journal.
#pragma once

#include "store/sqlite.hpp"

namespace pvd::store {

/// The schema version this engine writes.
inline constexpr std::int64_t kSchemaVersion = 3;

/// SQLite's application_id of the store's files ("PVD1"), set from schema
/// version 2 on: a file of another application is refused untouched.
inline constexpr std::int64_t kApplicationId = 0x50564431;

/// Checks a database before anything runs or is written in it: either a new
/// file (no schema objects, application_id 0) — answered 0 — or exactly the
/// objects (tables, indexes, triggers, no views) of one of this engine's schema
/// versions with its application_id and its version row — answered that
/// version. Anything else (a foreign file, an object the engine did not
/// create, a changed trigger, a damaged or out-of-range version, a newer
/// schema) throws SqliteError naming `name` and the first difference; nothing
/// is read from the file's own tables before its objects are known to be ours.
std::int64_t check_schema(SqliteDb& db, const std::string& name);

/// Creates the schema or migrates an older one; refuses a newer one.
void migrate(SqliteDb& db);

}  // namespace pvd::store
