// Rule: a flexible worker's month is verified once while its verification stands
// Source: 004 §2.5.5
// Codes: SI_FLEX_ALREADY_VERIFIED
// Policy: -
//
// 004 §2.5.5 灵活就业人员缴费核定: a month has one verification; a month of a verification still
// standing (open or paid; not rolled back, 004 §2.5.6) is not verified again. Reported per run.
#include <vector>
#include "provident/rules/codes.hpp"

#include "si/messages.hpp"
#include "si/rules/rules.hpp"

namespace pvd::si {

void check_flex_verified_once(Violations& v, const std::set<YearMonth>& verified, const MonthPeriod& period,
                              const std::string& field) {
  std::vector<YearMonth> again;
  for (YearMonth m = period.from; m <= period.to; ++m)
    if (verified.count(m)) again.push_back(m);
  for (const auto& run : month_runs(again)) v.add(code::SI_FLEX_ALREADY_VERIFIED, field, {month_range_param(run)});
}

}  // namespace pvd::si
