#include "hpf/ops.hpp"

namespace pvd::hpf {

void register_ops(protocol::Registry& reg) {
  register_calculator_ops(reg);
  register_flex_ops(reg);
  register_unit_ops(reg);
  register_interest_ops(reg);
}

}  // namespace pvd::hpf
