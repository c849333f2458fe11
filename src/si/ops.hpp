// The SI operations: one handler each (protocol::Handler), registered from one
// table in ops.cpp. Each handler decodes its arguments, loads its subjects,
// checks the rules (src/si/rules/), and when none is violated applies the
// change and emits the events (src/si/ops_common.hpp says how).
#pragma once

#include "protocol/registry.hpp"

namespace pvd::si {

/// Registers every SI operation (ops.cpp).
void register_ops(protocol::Registry& reg);

namespace ops {

/// A handler: protocol::Handler's signature.
using Handler = void(protocol::OpContext& ctx, protocol::ArgReader& a, protocol::OpResult& r);

Handler base_limits, contribution, late_fee, provisional_difference;  // ops_calculators.cpp (protocol.md §1.4)
Handler unit_register, unit_set_status;                               // ops_units.cpp
Handler enroll;                                                       // ops_enroll.cpp
Handler stop, stop_batch;                                             // ops_stop.cpp
Handler declare_wage;                                                 // ops_wages.cpp
Handler back_pay;                                                     // ops_back_pay.cpp
Handler settle;                                                       // ops_settle.cpp
Handler pay;                                                          // ops_pay.cpp
Handler flex_verify, flex_rollback;                                   // ops_flex.cpp
Handler flex_register, flex_end;                                      // ops_flex_register.cpp (issue 18)
Handler refund;                                                       // ops_refund.cpp (issue 18)
Handler bill_withdraw;                                                // ops_bill_withdraw.cpp (issue 18)
Handler settle_reverse;                                               // ops_settle_reverse.cpp (issue 18)
Handler person_change, person_lock, person_unlock;                    // ops_person_change.cpp (issue 18)
Handler unit_change;                                                  // ops_unit_change.cpp (issue 18)
Handler declare_wage_monthly;                                         // ops_wages_monthly.cpp (issue 18)

}  // namespace ops
}  // namespace pvd::si
