// Rule: only an unpaid flexible verification is rolled back, once
// Source: 004 §2.5.6; decision
// Codes: SI_FLEX_ROLLBACK_PAID, SI_FLEX_ROLLED_BACK
// Policy: -
//
// 004 §2.5.6 核定回退 gives the heading only. Decision: an unpaid verification is withdrawn and
// its months may be verified again; a paid one is not rolled back, and one already withdrawn is
// not withdrawn twice.
#include "si/rules/rules.hpp"
#include "provident/rules/codes.hpp"

namespace pvd::si {

void check_flex_rollback(Violations& v, const state::Bill& verification, const std::string& field) {
  // A paid verification stands; one rolled back already is gone.
  if (verification.status == state::BillStatus::paid) v.add(code::SI_FLEX_ROLLBACK_PAID, field);
  if (verification.status == state::BillStatus::withdrawn) v.add(code::SI_FLEX_ROLLED_BACK, field);
}

}  // namespace pvd::si
