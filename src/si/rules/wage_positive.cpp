// Rule: a declared wage is positive
// Source: decision
// Codes: AMOUNT_NOT_POSITIVE
// Policy: -
//
// The wage an enrollment, a back-pay or a yearly declaration states (申报工资: 004 §2.1.1,
// 《单位职工核定基数补缴申报指南》, §2.3.1) is what the base is clamped from (arithmetic.md §3.2).
// Decision: the manuals say nothing of a zero or negative wage; it is refused, not clamped.
#include "si/rules/rules.hpp"
#include "provident/rules/codes.hpp"

namespace pvd::si {

void check_wage_positive(Violations& v, Money wage, const std::string& field) {
  if (!wage.is_positive()) v.add(code::AMOUNT_NOT_POSITIVE, field);
}

}  // namespace pvd::si
