// Case operations (rules.md §6): registered by the store work.
#include "protocol/registry.hpp"

namespace pvd::cases {

void register_ops(protocol::Registry&) {}

}  // namespace pvd::cases
