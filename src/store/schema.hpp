// The store's schema and its migrations (protocol.md §5): STRICT tables, money
// as INTEGER fen, entities as their state.md JSON documents beside the columns
// the store searches on, an append-only ledger, the journal.
#pragma once

#include "store/sqlite.hpp"

namespace pvd::store {

/// The schema version this engine writes.
inline constexpr std::int64_t kSchemaVersion = 2;

/// Creates the schema or migrates an older one; refuses a newer one.
void migrate(Db& db);

}  // namespace pvd::store
