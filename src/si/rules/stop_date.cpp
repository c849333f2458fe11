// Rule: a stop date is not in the future and not before the last change at the unit
// Source: 004 §2.1.2 重点项目说明; rules.md §4
// Codes: SI_STOP_DATE_IN_FUTURE, SI_STOP_BEFORE_LAST_CHANGE
// Policy: -
//
// 004 §2.1.2 重点项目说明: 「停保时间不能晚于当前时间，不能早于上次变更时间」. The last change at
// the unit is the latest effective date of an enrollment, stop or transfer there (rules.md §4):
// the recorded last change date, or else the latest enrollment start or end at the unit.
// A stop on the day of the last change is allowed (不能早于: not earlier).
#include "si/rules/rules.hpp"
#include "provident/rules/codes.hpp"

namespace pvd::si {

void check_stop_not_future(Violations& v, Date stop, Date today, const std::string& field) {
  // 「停保时间不能晚于当前时间」.
  if (today < stop) v.add(code::SI_STOP_DATE_IN_FUTURE, field);
}

void check_stop_not_before_last_change(Violations& v, const state::Person& p, std::string_view unit, Date stop,
                                       const std::string& field) {
  // 「不能早于上次变更时间」.
  std::optional<Date> last;
  if (auto it = p.last_change_date.find(std::string(unit)); it != p.last_change_date.end()) {
    last = it->second;
  } else {
    for (const auto& e : p.enrollments) {
      if (e.unit_code != unit) continue;
      if (!last || *last < e.from) last = e.from;
      if (e.to && *last < *e.to) last = *e.to;
    }
  }
  if (last && stop < *last) v.add(code::SI_STOP_BEFORE_LAST_CHANGE, field, {{"last_change", last->to_string()}});
}

}  // namespace pvd::si
