// Registration of the HPF operations, one function per group of operations.
#pragma once

#include "protocol/registry.hpp"

namespace pvd::hpf {

void register_ops(protocol::Registry& reg);
void register_calculator_ops(protocol::Registry& reg);

}  // namespace pvd::hpf
