// Which month an employer's remittance verification may be for. See remittance_month.cpp.
#pragma once

#include <vector>

#include "hpf/rules/common.hpp"

namespace pvd::hpf::rules {

/// The unit's first month (003 5); decision: facts without one take the month
/// of the earliest opening among `accounts` (the accounts with a stint there).
std::optional<YearMonth> first_month_of(const state::Unit& u, const std::vector<const state::Account*>& accounts);

/// 003 5: `month` is not after the as_of month `now`, not verified yet, and the
/// next month in order from `first`.
bool check_remittance_month(Violations& v, const state::Unit& u, std::optional<YearMonth> first, YearMonth month, YearMonth now,
                            const std::string& field);

}  // namespace pvd::hpf::rules
