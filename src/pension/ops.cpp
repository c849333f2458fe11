#include "pension/ops.hpp"

namespace pvd::pension {

void register_ops(protocol::Registry& reg) {
  register_calculator_ops(reg);
  register_claim_ops(reg);
}

}  // namespace pvd::pension
