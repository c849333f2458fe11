// Rule: who registers as a flexible worker, and from which month
// Source: 004 §2.5.5; 004 §2.1.1 重点项目说明 (2); decision
// Codes: SI_FLEX_BEFORE_WORK_START, SI_FLEX_ENROLLED_AT_UNIT, SI_FLEX_ALREADY_REGISTERED
// Policy: -
//
// 004 §2.5.5 灵活人员缴费核定 (heading only) verifies the months of a flexible worker; the seeds
// give no registration screen. Decisions (issue 18): the first flexible month is not before the
// month of the work start (as an enrollment is not before the work start, 004 §2.1.1 重点项目说明
// (2)); a person insured for a type at a unit in that month or later is that unit's employee,
// not a flexible worker (the unit stops the person first); and a type is registered once — no
// flexible enrollment of it may cover that month or a later one.
#include "provident/rules/codes.hpp"
#include "si/messages.hpp"
#include "si/rules/flexible_rules.hpp"

namespace pvd::si {

namespace {

/// Whether the enrollment covers a day of `from` or of a later month.
bool reaches(const state::Enrollment& e, YearMonth from) { return !e.to || !(*e.to < from.first_day()); }

}  // namespace

void check_flex_after_work_start(Violations& v, YearMonth from, Date work_start, const std::string& field) {
  if (from < work_start.year_month())
    v.add(code::SI_FLEX_BEFORE_WORK_START, field, {{"month", from.to_string()}, {"work_start", work_start.to_string()}});
}

void check_flex_not_at_unit(Violations& v, const state::Person& p, std::span<const std::string> types, YearMonth from,
                            const std::string& field) {
  for (const auto& type : types)
    for (const auto& e : p.enrollments)
      if (!is_flexible(e) && e.type == type && reaches(e, from)) {
        v.add(code::SI_FLEX_ENROLLED_AT_UNIT, field, {{"unit", e.unit_code}, type_zh_param(type), type_en_param(type)});
        break;
      }
}

void check_flex_not_registered(Violations& v, const state::Person& p, std::span<const std::string> types,
                               YearMonth from, const std::string& field) {
  for (const auto& type : types)
    for (const auto& e : p.enrollments)
      if (is_flexible(e) && e.type == type && reaches(e, from)) {
        v.add(code::SI_FLEX_ALREADY_REGISTERED, field,
              {{"month", e.from.year_month().to_string()}, type_zh_param(type), type_en_param(type)});
        break;
      }
}

}  // namespace pvd::si
