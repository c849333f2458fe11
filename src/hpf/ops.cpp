#include "hpf/ops.hpp"

namespace pvd::hpf {

void register_ops(protocol::Registry& reg) {
  register_calculator_ops(reg);
  register_flex_account_ops(reg);
  register_flex_money_ops(reg);
  register_unit_account_ops(reg);
  register_unit_bill_ops(reg);
  register_unit_rate_ops(reg);
  register_interest_ops(reg);
  register_withdraw_ops(reg);
  register_ledger_ops(reg);
  register_account_change_ops(reg);  // issue 18
}

}  // namespace pvd::hpf
