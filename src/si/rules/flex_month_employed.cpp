// Rule: a month insured for pension as an employee is not a flexible month
// Source: 004 §2.5.5; decision
// Codes: SI_FLEX_MONTH_EMPLOYED
// Policy: -
//
// 004 §2.5.5 灵活就业人员缴费核定 (heading only). Decision (issue 12): a month in which the person
// is insured for pension as an employee — an enrollment at a unit covering a day of it, or a
// pension contribution at a unit — is not verified as a flexible month; the months are reported
// per unit, one violation per run.
#include <map>
#include "provident/rules/codes.hpp"
#include <vector>

#include "si/messages.hpp"
#include "si/rules/rules.hpp"

namespace pvd::si {

void check_flex_not_employed(Violations& v, const state::Person& p, const MonthPeriod& period, const std::string& field) {
  std::map<std::string, std::set<YearMonth>> at;  // unit → months
  for (const auto& e : p.enrollments) {
    if (e.type != "pension" || e.unit_code.empty()) continue;
    const YearMonth from = std::max(period.from, e.from.year_month());
    const YearMonth to = e.to ? std::min(period.to, e.to->year_month()) : period.to;
    for (YearMonth m = from; m <= to; ++m) at[e.unit_code].insert(m);
  }
  for (const auto& c : p.contributions)
    if (c.type == "pension" && !c.unit_code.empty() && period.contains(c.month)) at[c.unit_code].insert(c.month);
  for (const auto& [unit, months] : at) {
    const std::vector<YearMonth> ms(months.begin(), months.end());
    for (const auto& run : month_runs(ms)) v.add(code::SI_FLEX_MONTH_EMPLOYED, field, {month_range_param(run), {"unit", unit}});
  }
}

}  // namespace pvd::si
