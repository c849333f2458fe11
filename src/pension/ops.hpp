// The pension operations: one handler each (protocol::Handler), registered from
// one table in ops.cpp.
#pragma once

#include "protocol/registry.hpp"

namespace pvd::pension {

/// Registers every pension operation (ops.cpp).
void register_ops(protocol::Registry& reg);

namespace ops {

/// A handler: protocol::Handler's signature.
using Handler = void(protocol::OpContext& ctx, protocol::ArgReader& a, protocol::OpResult& r);

Handler retirement, min_months, count_months;  // ops_calculators.cpp (protocol.md §1.4)
Handler check_claim, claim;                    // ops_claim.cpp
Handler bank_account, qualify;                 // ops_after.cpp (issue 18)

}  // namespace ops
}  // namespace pvd::pension
