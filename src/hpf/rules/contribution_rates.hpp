// Which contribution rates an employer may set, and when it may change them. See contribution_rates.cpp.
#pragma once

#include <vector>

#include "hpf/rules/common.hpp"

namespace pvd::hpf::rules {

/// HPF Regs Art. 18; policy flags: each rate within [hpf.rate.min, hpf.rate.max],
/// whole percentages when hpf.rate.whole_percent, the employee rate not below
/// the employer rate when hpf.rate.employee_not_below_employer.
bool check_rates(Violations& v, const Policy& p, Trace* t, Date on, const Rate& er, const Rate& ee, const std::string& er_field,
                 const std::string& ee_field);

/// 003 7: one rate change at a time — none submitted or approved but not yet used (`pending`).
bool check_no_rate_change_pending(Violations& v, bool pending, const std::string& field);

/// 003 7: whether the unit's approved rate change is used by a base
/// adjustment effective in `effective` (decision: once its own effective
/// month, if any, has come).
bool rate_change_due(const state::Unit& u, YearMonth effective);

/// 003 7: whether a rate change of the unit is submitted or approved and not yet used.
bool rate_change_waiting(const state::Unit& u);

/// 003 7: the change an hpf.unit.adjust_rate case asks for (state submitted,
/// its case_id), or nullopt for another case or arguments that do not decode.
std::optional<state::RateChange> rate_change_asked(const state::Case& c);

/// 003 7: the approved hpf.unit.adjust_rate case, among the unit's `cases`, that
/// the unit's change came from: approved, not yet used, with the change's
/// rates and effective month (the last such case); nullptr when the change was
/// not reviewed.
const state::Case* case_of_rate_change(const std::vector<const state::Case*>& cases, const state::RateChange& change);

/// "5%", "7.5%": a rate as a percentage for messages.
std::string percent_text(const Rate& r);

}  // namespace pvd::hpf::rules
