// Registration of the SI operations, one function per group of operations.
#pragma once

#include "protocol/registry.hpp"

namespace pvd::si {

void register_ops(protocol::Registry& reg);
void register_calculator_ops(protocol::Registry& reg);

}  // namespace pvd::si
