// Rule: every rule of a stop, in the order it is reported
// Source: rules.md §4; 004 §2.1.2 重点项目说明; 004 《单位职工减少申报指南》
// Codes: SI_NOT_ENROLLED, SI_STOP_DATE_IN_FUTURE, SI_STOP_BEFORE_LAST_CHANGE, SI_STOP_INTO_BILLED_MONTHS, SI_STOP_HAS_ARREARS, SI_REASON_UNKNOWN
// Policy: si.stop.reasons
//
// si.stop, each si.stop_batch row and the implicit stop of a transfer (004 §2.1.1 单位间转移:
// stopped at the old unit the day before the new enrollment) are one stop: 004 §2.1.2 办理条件
// (2) 「职工在本单位正常参保」; 重点项目说明 「停保时间不能晚于当前时间，不能早于上次变更时间」;
// 《单位职工减少申报指南》 「存在欠缴等特殊情况则无法在网厅办理减少操作」, 「变更原因」. The date
// rules are skipped for a batch row whose date cannot be read (BATCH_BAD_DATE says so); a
// transfer gives no reason.
#include "si/rules/rules.hpp"

namespace pvd::si {

void check_stop(Violations& v, const policy::Policy& p, policy::Trace* t, Date today, const StopInput& in,
                const StopFields& at) {
  check_active_for_types(v, in.person, in.unit_code, in.types, at.types);
  if (in.stop_date) {
    check_stop_not_future(v, *in.stop_date, today, at.stop_date);
    check_stop_not_before_last_change(v, in.person, in.unit_code, *in.stop_date, at.stop_date);
    check_stop_not_into_billed(v, in.person, in.unit_code, in.types, *in.stop_date, at.stop_date);
  }
  check_stop_without_arrears(v, in.arrears, at.person);
  if (in.reason) check_stop_reason(v, p, t, today, *in.reason, at.reason);
}

}  // namespace pvd::si
