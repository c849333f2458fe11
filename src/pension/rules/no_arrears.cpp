// Rule: a claim is not taken while contributions are owed
// Source: 001 7.1.3 (3)
// Codes: PENSION_HAS_ARREARS
// Policy: -
//
// 001 7.1.3 (3): 「存在应缴未缴记录无法办理该业务」. pension.check_claim takes has_arrears from the
// request; pension.claim reads the person's arrears at any unit (rules.md §4 Billing).
#include "pension/rules/rules.hpp"
#include "provident/rules/codes.hpp"

namespace pvd::pension {

void check_no_arrears(Violations& v, bool has_arrears, const std::string& field) {
  if (has_arrears) v.add(code::PENSION_HAS_ARREARS, field);
}

}  // namespace pvd::pension
