// Who is old enough to open a flexible account and young enough to deposit. See depositor_age.cpp.
#pragma once

#include "hpf/rules/common.hpp"
#include "state/identity.hpp"

namespace pvd::hpf::rules {

/// 002 一; Shanghai 2025 flexible measures: age at as_of (completed years) ≥
/// hpf.flex.min_age and the as_of month before the statutory retirement month
/// (category given, else men M60 and women hpf.flex.female_category).
bool check_flex_age(Violations& v, const Policy& p, Trace* t, LocalDateTime as_of, const state::BirthAndGender& id,
                    const std::optional<std::string>& category, const std::string& field);

/// The statutory retirement month of a depositor (category given, else men
/// M60 and women hpf.flex.female_category), under the rules in force on `on`.
YearMonth retirement_month(const Policy& p, Trace* t, Date on, const state::BirthAndGender& id,
                           const std::optional<std::string>& category);

/// 000 一, 002 一; HPF Regs Art. 24 (2): nobody at or past the statutory
/// retirement month starts or restarts deposits — opening, transfer in,
/// unsealing, internal transfer. No birth date (an ID number that does not
/// parse) is left to the checks of identifiers.
bool check_not_past_retirement(Violations& v, const Policy& p, Trace* t, LocalDateTime as_of,
                               const std::optional<state::BirthAndGender>& birth, const std::optional<std::string>& category,
                               const std::string& field, Row row = std::nullopt);
/// The same of a depositor (state::birth_and_gender, the category recorded).
bool check_not_past_retirement(Violations& v, const Policy& p, Trace* t, LocalDateTime as_of, const state::PersonRef& person,
                               const std::string& field, Row row = std::nullopt);

}  // namespace pvd::hpf::rules
