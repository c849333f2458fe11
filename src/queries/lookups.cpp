// docs/queries.md: to be written (issue 17).
#include "queries/queries.hpp"

namespace pvd::queries {

void register_lookup_queries(protocol::Registry&) {}

}  // namespace pvd::queries
