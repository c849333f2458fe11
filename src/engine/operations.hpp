// Every operation the engine answers: the domains' and the engine's own (the
// case operations of review). The dispatcher looks operations up here; the
// CLI lists them (`provident ops`).
#pragma once

#include "protocol/registry.hpp"

namespace pvd::engine {

/// Every operation of every domain, built once.
const protocol::Registry& operations();

}  // namespace pvd::engine
