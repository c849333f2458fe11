// Rule: when a flexible worker's insurance ends
// Source: 004 §2.5.5; 004 §2.5.6; decision
// Codes: SI_FLEX_NOT_REGISTERED, SI_FLEX_END_BEFORE_START, SI_FLEX_END_INTO_VERIFIED
// Policy: -
//
// 004 §2.5.5–§2.5.6 (headings only). Decisions (issue 18): si.flex.end ends an open flexible
// enrollment with its last month, not before its first; a month verified as flexible (open or
// paid) after the last month refuses the end — it is rolled back first (004 §2.5.6), so that no
// verified month stands outside the insurance. When a unit enrolls the person (si.enroll), the
// flexible insurance of the enrolled types ends with the month before the enrollment's month, or
// with the last month already verified as flexible when that is later: a month verified stays
// flexible, and the unit's settlement skips it as charged elsewhere (protocol.md, "One
// contribution history") — a month is never charged twice.
#include <vector>

#include "provident/rules/codes.hpp"
#include "si/messages.hpp"
#include "si/rules/flexible_rules.hpp"

namespace pvd::si {

void check_flex_open(Violations& v, const state::Person& p, std::span<const std::string> types, const std::string& field) {
  for (const auto& type : types)
    if (!open_flexible(p, type)) v.add(code::SI_FLEX_NOT_REGISTERED, field, {type_zh_param(type), type_en_param(type)});
}

void check_flex_end_after_start(Violations& v, const state::Person& p, std::span<const std::string> types, YearMonth to,
                                const std::string& field) {
  for (const auto& type : types)
    if (const auto* e = open_flexible(p, type); e && to < e->from.year_month()) {
      v.add(code::SI_FLEX_END_BEFORE_START, field,
            {{"month", to.to_string()}, {"from", e->from.year_month().to_string()}});
      return;
    }
}

void check_flex_end_not_into_verified(Violations& v, const std::set<YearMonth>& verified, YearMonth to,
                                      const std::string& field) {
  std::vector<YearMonth> after(verified.upper_bound(to), verified.end());
  for (const auto& run : month_runs(after)) v.add(code::SI_FLEX_END_INTO_VERIFIED, field, {month_range_param(run)});
}

YearMonth flex_end_for_enrollment(YearMonth enroll_month, const std::set<YearMonth>& verified) {
  YearMonth last = enroll_month - 1;
  if (!verified.empty() && last < *verified.rbegin()) last = *verified.rbegin();
  return last;
}

}  // namespace pvd::si
