// The reference SQLite store (protocol.md §5): not implemented yet.
#include "protocol/registry.hpp"
#include "store/store.hpp"

namespace pvd::store {

std::unique_ptr<Store> open_sqlite_store(const std::optional<std::string>&, bool) { return nullptr; }

void register_query_ops(protocol::Registry&) {}

}  // namespace pvd::store
