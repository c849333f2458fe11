// Withdrawing an SI settlement bill (issue 18): what si.bill.withdraw and
// si.settle.reverse share (ops_bill_withdraw.cpp).
#pragma once

#include "si/ops_common.hpp"

namespace pvd::si {

/// Withdraws the open settlement bill `bill`: its status becomes withdrawn, every
/// record it billed becomes a declared, unbilled record again (billed by the unit's
/// next settlement, late fees from its own due date), suspense it used is released,
/// and bill.withdrawn is emitted. Puts bill_id, status and records_released in the result.
void withdraw_settlement_bill(OpContext& ctx, OpResult& r, const state::Bill& bill);

}  // namespace pvd::si
