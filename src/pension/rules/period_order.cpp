// Rule: a claim's period runs forward
// Source: 001 7.1.3 (2); arithmetic.md §3.7
// Codes: PENSION_PERIOD_INVERTED
// Policy: -
//
// 001 7.1.3 (2) gives each adjustment a 开始年月 and a 结束年月; arithmetic.md §3.7 counts the
// months of periods from ≤ to. A contribution period or an adjustment that runs backwards is
// refused (and its months are not checked further).
#include "pension/rules/rules.hpp"
#include "provident/rules/codes.hpp"

namespace pvd::pension {

void check_period_order(Violations& v, const MonthPeriod& p, const std::string& field) {
  if (p.inverted()) v.add(code::PENSION_PERIOD_INVERTED, field);
}

}  // namespace pvd::pension
