// Rule: back-paid months lie within the person's enrollment at the unit
// Source: 004 《单位职工核定基数补缴申报指南》
// Codes: SI_NOT_ENROLLED_IN_PERIOD
// Policy: -
//
// 004 《单位职工核定基数补缴申报指南》: 「如果该职工为首次在单位参保请先做人员增加再做核定基数补缴」 —
// a back-pay is for months the person was enrolled at the unit for the type (an open
// enrollment runs to the period's end); each run of months outside, per type, is refused, and
// a person never enrolled at the unit for any type is refused as a whole.
#include "si/messages.hpp"
#include "provident/rules/codes.hpp"
#include "si/rules/rules.hpp"

namespace pvd::si {

void check_enrolled_in_period(Violations& v, const MonthSet& gaps, const std::string& type, const std::string& field) {
  for (const auto& gap : gaps.ranges())
    v.add(code::SI_NOT_ENROLLED_IN_PERIOD, field, {month_range_param(gap), type_zh_param(type), type_en_param(type)});
}

void check_some_type_enrolled(Violations& v, std::span<const std::string> types, const MonthPeriod& period,
                              const std::string& field) {
  if (types.empty()) v.add(code::SI_NOT_ENROLLED_IN_PERIOD, field, {month_range_param(period), any_type_zh(), any_type_en()});
}

}  // namespace pvd::si
