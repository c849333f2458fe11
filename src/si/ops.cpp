// Every SI operation, in one table: its name, kind, handler, whether a centre
// may review it (review.ops), the argument naming the unit a case belongs to,
// and its summary.
#include "si/ops.hpp"

namespace pvd::si {

void register_ops(protocol::Registry& reg) {
  using protocol::OpKind;
  const protocol::OpSpec table[] = {
      {.name = "si.base_limits", .kind = OpKind::calculator, .handler = ops::base_limits, .case_unit_arg = "",
       .summary = "Contribution base limits of a year"},
      {.name = "si.contribution", .kind = OpKind::calculator, .handler = ops::contribution, .case_unit_arg = "",
       .summary = "Contributions per insurance type"},
      {.name = "si.late_fee", .kind = OpKind::calculator, .handler = ops::late_fee, .case_unit_arg = "",
       .summary = "Late fee on one principal"},
      {.name = "si.provisional_difference", .kind = OpKind::calculator, .handler = ops::provisional_difference,
       .case_unit_arg = "", .summary = "Settle months billed on a provisional figure (多退少补)"},
      {.name = "si.unit.register", .kind = OpKind::command, .handler = ops::unit_register, .reviewable = true,
       .summary = "Register an SI unit"},
      {.name = "si.unit.set_status", .kind = OpKind::command, .handler = ops::unit_set_status, .reviewable = true,
       .summary = "Suspend or reactivate an SI unit"},
      {.name = "si.enroll", .kind = OpKind::command, .handler = ops::enroll, .reviewable = true,
       .summary = "Enroll a person at an SI unit (人员参保)"},
      {.name = "si.stop", .kind = OpKind::command, .handler = ops::stop, .reviewable = true,
       .summary = "Stop a person's insurance at a unit (人员停保)"},
      {.name = "si.stop_batch", .kind = OpKind::command, .handler = ops::stop_batch, .reviewable = true,
       .summary = "Stop several persons at once (人员批量停保)"},
      {.name = "si.declare_wage", .kind = OpKind::command, .handler = ops::declare_wage, .reviewable = true,
       .summary = "Declare yearly wages (年度工资申报)"},
      {.name = "si.back_pay", .kind = OpKind::command, .handler = ops::back_pay, .reviewable = true,
       .summary = "Back-pay months at a declared wage (核定基数补缴)"},
      {.name = "si.settle", .kind = OpKind::command, .handler = ops::settle,
       .summary = "Settle the unit's period (无变动/有变动结算)"},
      {.name = "si.pay", .kind = OpKind::command, .handler = ops::pay, .summary = "Pay an SI bill or a flexible verification"},
      {.name = "si.flex.verify", .kind = OpKind::command, .handler = ops::flex_verify, .reviewable = true,
       .case_unit_arg = "", .summary = "Verify a flexible worker's months (灵活人员缴费核定)"},
      {.name = "si.flex.rollback", .kind = OpKind::command, .handler = ops::flex_rollback, .reviewable = true,
       .case_unit_arg = "", .summary = "Roll back a flexible verification (核定回退)"},
      // issue 18: flexible workers' registration and end.
      {.name = "si.flex.register", .kind = OpKind::command, .handler = ops::flex_register, .reviewable = true,
       .case_unit_arg = "", .summary = "Register a flexible worker's insurance (灵活就业人员参保登记)"},
      {.name = "si.flex.end", .kind = OpKind::command, .handler = ops::flex_end, .reviewable = true,
       .case_unit_arg = "", .summary = "End a flexible worker's insurance (灵活就业人员终止参保)"},
      // issue 18: money corrections
      {.name = "si.refund", .kind = OpKind::command, .handler = ops::refund, .reviewable = true,
       .summary = "Refund months paid and not owed (退费)"},
      {.name = "si.bill.withdraw", .kind = OpKind::command, .handler = ops::bill_withdraw,
       .summary = "Withdraw an unpaid SI settlement bill"},
      {.name = "si.settle.reverse", .kind = OpKind::command, .handler = ops::settle_reverse,
       .summary = "Reverse the unit's last settlement while its bill is unpaid"},
      // issue 18 corrections (004 §2.2)
      {.name = "si.person.change", .kind = OpKind::command, .handler = ops::person_change, .reviewable = true,
       .case_unit_arg = "", .summary = "Correct a person's key or general data (人员关键/一般信息修改)"},
      {.name = "si.person.lock", .kind = OpKind::command, .handler = ops::person_lock, .case_unit_arg = "",
       .summary = "Lock a person's data against changes (人员信息锁定)"},
      {.name = "si.person.unlock", .kind = OpKind::command, .handler = ops::person_unlock, .case_unit_arg = "",
       .summary = "Unlock a person's data (人员信息解锁)"},
      {.name = "si.unit.change", .kind = OpKind::command, .handler = ops::unit_change, .reviewable = true,
       .summary = "Correct a unit's key or general data (单位关键/一般信息修改)"},
      // issue 18 (institutions' wages, 004 §2.3.2)
      {.name = "si.declare_wage_monthly", .kind = OpKind::command, .handler = ops::declare_wage_monthly,
       .reviewable = true, .summary = "Declare an institution's monthly itemised wages (机关事业月度工资申报)"},
  };
  for (const auto& spec : table) reg.add(spec);
}

}  // namespace pvd::si
