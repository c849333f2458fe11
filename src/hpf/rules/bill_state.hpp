// Which bill a unit may pay or withdraw. See bill_state.cpp.
#pragma once

#include "hpf/rules/common.hpp"

namespace pvd::hpf::rules {

/// 003 5: an open HPF bill of the unit (`ours`) is payable.
bool check_bill_payable(Violations& v, const state::Bill& b, bool ours);
/// 003 5: a payment covers the bill's amount due.
bool check_payment_covers(Violations& v, const state::Bill& b, Money amount);
/// state.md §4 at the moment of payment: each item's account is not closed and
/// a month its item pays is still unpaid.
bool check_bill_item_payable(Violations& v, const state::Account& a, const state::BillItem& item);
/// rules.md §3: an open bill of the unit (`ours`); a remittance bill only while
/// its month is the unit's last verified month.
bool check_bill_withdrawable(Violations& v, const state::Bill& b, bool ours, const state::Unit& u);

}  // namespace pvd::hpf::rules
