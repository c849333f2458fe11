// Rule: a person who owes contributions at the unit is not stopped online
// Source: 004 《单位职工减少申报指南》
// Codes: SI_STOP_HAS_ARREARS
// Policy: -
//
// 004 《单位职工减少申报指南》: 「如果所要减少的职工存在欠缴等特殊情况则无法在网厅办理减少操作」.
// 欠缴 is the person's arrears at the unit on the as_of date (si::arrears, rules.md §4 Billing:
// a billed month, unpaid, whose due date has passed).
#include "si/rules/rules.hpp"
#include "provident/rules/codes.hpp"

namespace pvd::si {

void check_stop_without_arrears(Violations& v, std::span<const ArrearsMonth> arrears, const std::string& field) {
  if (!arrears.empty()) v.add(code::SI_STOP_HAS_ARREARS, field);
}

}  // namespace pvd::si
