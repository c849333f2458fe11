#include "si/ops.hpp"

namespace pvd::si {

void register_ops(protocol::Registry& reg) {
  register_calculator_ops(reg);
  register_unit_ops(reg);
  register_people_ops(reg);
  register_money_ops(reg);
}

}  // namespace pvd::si
