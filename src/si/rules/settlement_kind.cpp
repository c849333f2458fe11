// Rule: a no-change settlement needs no change since the last one; a with-change settlement none pending review
// Source: 004 《无变动结算》; 004 《有变动结算》; decision
// Codes: SI_SETTLE_HAS_CHANGES, SI_SETTLE_PENDING_REVIEW
// Policy: -
//
// 004 《无变动结算操作指南》: 「适用于当月无任何变动的参保单位」 — a change made since the last
// settlement refuses it. 《有变动结算操作指南》: the changes are 「包括人员增加、减少、补缴、工资申报等
// 业务」 (si.enroll, si.stop, si.stop_batch, si.back_pay, si.declare_wage, si.declare_wage_monthly), and 「申报之前请务必确定
// 所有变动业务已经申报完毕且审核通过」 — none may await review.
// Decision: a change awaiting review is a change, so it refuses a no-change settlement too.
#include "si/rules/rules.hpp"
#include "provident/rules/codes.hpp"

namespace pvd::si {

bool is_change_op(std::string_view op) noexcept {
  // 「包括人员增加、减少、补缴、工资申报等业务」.
  return op == "si.enroll" || op == "si.stop" || op == "si.stop_batch" || op == "si.back_pay" || op == "si.declare_wage" ||
         op == "si.declare_wage_monthly";  // issue 18: the monthly declaration (004 §2.3.2) is 工资申报 too
}

void check_settlement_kind(Violations& v, const state::Unit& unit, std::string_view kind,
                           std::span<const state::Case* const> pending, const std::string& field) {
  // 「适用于当月无任何变动的参保单位」 (decision: a pending change is a change).
  if (kind == "no_change" && (unit.changes_since_settlement > 0 || !pending.empty())) v.add(code::SI_SETTLE_HAS_CHANGES, field);
  // 「申报之前请务必确定所有变动业务已经申报完毕且审核通过」.
  if (kind == "with_change" && !pending.empty()) v.add(code::SI_SETTLE_PENDING_REVIEW, field);
}

}  // namespace pvd::si
