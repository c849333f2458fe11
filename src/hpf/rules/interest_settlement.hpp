// Which interest year may be settled, and for which accounts. See interest_settlement.cpp.
#pragma once

#include <vector>

#include "hpf/rules/common.hpp"

namespace pvd::hpf::rules {

/// arithmetic.md §3.4: interest is settled on 30 June — not before the end of the year.
bool check_interest_year_ended(Violations& v, Date today, int year);
/// The accounts the settlement of interest year `year` credits: not closed,
/// with a year through `year` not yet credited; `some_settled` when another
/// open account is settled through `year` already.
struct SettlementDue {
  std::vector<const state::Account*> due;
  bool some_settled = false;
};
SettlementDue accounts_due(const std::vector<const state::Account*>& accounts, int year);
/// arithmetic.md §3.4: a year already settled (no account due, some settled through it) is refused.
bool check_not_settled(Violations& v, const SettlementDue& s, int year);

}  // namespace pvd::hpf::rules
