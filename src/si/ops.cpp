#include "si/ops.hpp"

namespace pvd::si {

void register_ops(protocol::Registry& reg) {
  register_calculator_ops(reg);
}

}  // namespace pvd::si
