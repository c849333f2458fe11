// Rule: a registered flexible worker's months are verified inside the flexible insurance
// Source: 004 §2.5.5; decision
// Codes: SI_FLEX_MONTH_NOT_REGISTERED
// Policy: -
//
// 004 §2.5.5 灵活人员缴费核定 (heading only). Decision (issue 18): once a person is registered as
// a flexible worker (si.flex.register), a verified month lies in a flexible pension enrollment —
// not before its first month, not after its end (si.flex.end, or a unit's enrollment). A person
// with no flexible enrollment, verified before registration existed, keeps the earlier rules.
#include <vector>

#include "provident/rules/codes.hpp"
#include "si/billing.hpp"
#include "si/messages.hpp"
#include "si/rules/flexible_rules.hpp"

namespace pvd::si {

void check_flex_months_registered(Violations& v, const state::Person& p, const MonthPeriod& period,
                                  const std::string& field) {
  std::vector<const state::Enrollment*> flexible;
  for (const auto& e : p.enrollments)
    if (is_flexible(e) && e.type == "pension") flexible.push_back(&e);
  if (flexible.empty()) return;
  std::vector<YearMonth> outside;
  for (YearMonth m = period.from; m <= period.to; ++m) {
    bool in = false;
    for (const auto* e : flexible) in = in || covers_month(*e, m);
    if (!in) outside.push_back(m);
  }
  for (const auto& run : month_runs(outside)) v.add(code::SI_FLEX_MONTH_NOT_REGISTERED, field, {month_range_param(run)});
}

}  // namespace pvd::si
