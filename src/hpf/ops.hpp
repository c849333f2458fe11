// Registration of the HPF operations, one function per group of operations.
#pragma once

#include "protocol/registry.hpp"

namespace pvd::hpf {

void register_ops(protocol::Registry& reg);
void register_calculator_ops(protocol::Registry& reg);
void register_flex_ops(protocol::Registry& reg);       // ops_flex.cpp: rules.md §2
void register_unit_ops(protocol::Registry& reg);       // ops_unit.cpp: rules.md §3
void register_interest_ops(protocol::Registry& reg);   // ops_interest.cpp: hpf.settle_interest

}  // namespace pvd::hpf
