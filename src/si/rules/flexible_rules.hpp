// The rules of flexible SI workers' insurance (issue 18; seed 004 §2.5.5–§2.5.6):
// registration (si.flex.register), its months (si.flex.verify) and its end
// (si.flex.end, and si.enroll at a unit). A flexible worker's insurance is an
// enrollment whose unit_code is "" (kFlexibleUnit), the marker ChargeIndex already
// uses for a flexible charge. One small file each: flexible_*.cpp.
#pragma once

#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "provident/core/period.hpp"
#include "provident/policy/policy.hpp"
#include "provident/rules/violation.hpp"
#include "state/entities.hpp"

namespace pvd::si {

/// The unit_code of a flexible worker's enrollment (docs/protocol.md, flexible workers).
inline constexpr std::string_view kFlexibleUnit = "";
/// Whether an enrollment is a flexible worker's.
inline bool is_flexible(const state::Enrollment& e) { return e.unit_code.empty(); }
/// The person's open flexible enrollment of `type`, if any.
const state::Enrollment* open_flexible(const state::Person& p, std::string_view type);

// flexible_types.cpp
/// SI Law Art. 10, 23 and si.flex.types: a flexible worker registers for the types the
/// profile lists (SI_FLEX_TYPE_NOT_ALLOWED, per type).
void check_flex_types_allowed(Violations& v, const policy::Policy& p, policy::Trace* t, Date on,
                              std::span<const std::string> types, const std::string& field);

// flexible_registration.cpp
/// decision (004 §2.1.1 重点项目说明 (2) by analogy): the first flexible month is not
/// before the work start month (SI_FLEX_BEFORE_WORK_START).
void check_flex_after_work_start(Violations& v, YearMonth from, Date work_start, const std::string& field);
/// decision: no enrollment at a unit of a requested type covers `from` or a later month
/// (SI_FLEX_ENROLLED_AT_UNIT, per unit and type): a unit's employee is insured there.
void check_flex_not_at_unit(Violations& v, const state::Person& p, std::span<const std::string> types, YearMonth from,
                            const std::string& field);
/// decision: no flexible enrollment of a requested type covers `from` or a later month
/// (SI_FLEX_ALREADY_REGISTERED, per type).
void check_flex_not_registered(Violations& v, const state::Person& p, std::span<const std::string> types,
                               YearMonth from, const std::string& field);

// flexible_months.cpp
/// decision: a registered flexible worker's verified months lie in the flexible pension
/// enrollment (SI_FLEX_MONTH_NOT_REGISTERED, per run). A person with no flexible
/// enrollment (verified before registration existed) is not checked.
void check_flex_months_registered(Violations& v, const state::Person& p, const MonthPeriod& period,
                                  const std::string& field);

// flexible_end.cpp
/// decision: each type ended has an open flexible enrollment (SI_FLEX_NOT_REGISTERED, per type).
void check_flex_open(Violations& v, const state::Person& p, std::span<const std::string> types, const std::string& field);
/// decision: the last flexible month is not before the first (SI_FLEX_END_BEFORE_START).
void check_flex_end_after_start(Violations& v, const state::Person& p, std::span<const std::string> types, YearMonth to,
                                const std::string& field);
/// 004 §2.5.6 and decision: months verified (standing) after the last month refuse the end
/// — roll them back first (SI_FLEX_END_INTO_VERIFIED, per run).
void check_flex_end_not_into_verified(Violations& v, const std::set<YearMonth>& verified, YearMonth to,
                                      const std::string& field);
/// decision (issue 18): the last flexible month when a unit enrolls the person in
/// `enroll_month` — the month before, or the last month verified as flexible (standing)
/// when later: a verified month stays flexible and the unit's settlement skips it
/// (charged elsewhere, protocol.md "One contribution history"), so no month is charged twice.
YearMonth flex_end_for_enrollment(YearMonth enroll_month, const std::set<YearMonth>& verified);

}  // namespace pvd::si
