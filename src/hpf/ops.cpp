#include "hpf/ops.hpp"

namespace pvd::hpf {

void register_ops(protocol::Registry& reg) {
  register_calculator_ops(reg);
}

}  // namespace pvd::hpf
