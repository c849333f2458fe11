// Registration of the pension operations.
#pragma once

#include "protocol/registry.hpp"

namespace pvd::pension {

void register_ops(protocol::Registry& reg);
void register_calculator_ops(protocol::Registry& reg);
/// pension.check_claim, pension.claim (ops_claim.cpp).
void register_claim_ops(protocol::Registry& reg);

}  // namespace pvd::pension
