// Registration of the SI operations, one function per group of operations.
#pragma once

#include "protocol/registry.hpp"

namespace pvd::si {

void register_ops(protocol::Registry& reg);
void register_calculator_ops(protocol::Registry& reg);
/// si.unit.register, si.unit.set_status (ops_units.cpp).
void register_unit_ops(protocol::Registry& reg);
/// si.enroll, si.stop, si.stop_batch, si.declare_wage (ops_people.cpp).
void register_people_ops(protocol::Registry& reg);
/// si.back_pay, si.settle, si.pay, si.flex.verify, si.flex.rollback (ops_money.cpp).
void register_money_ops(protocol::Registry& reg);

}  // namespace pvd::si
