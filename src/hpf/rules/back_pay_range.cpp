// Rule: which months a flexible depositor's back-pay covers
// Source: 002 三.2; decision
// Codes: HPF_BACK_PAY_FUTURE_MONTH, HPF_BACK_PAY_BEFORE_START, HPF_BACK_PAY_TOO_FAR, HPF_NOTHING_TO_BACK_PAY
// Policy: hpf.back_pay.max_months
//
// 002 三.2 (补缴: 「选择补缴结束年月」): every unpaid month from the first payable month of the
// current stint through the end month chosen, which lies before the current month (the current
// month is remitted). With hpf.back_pay.max_months = N (read at as_of; 0 = no limit), months
// before (as_of month − N) have lapsed and are skipped.
// Decision: HPF_NOTHING_TO_BACK_PAY is judged only when the end month itself passed its checks
// (otherwise the range is already refused).
#include "hpf/rules/back_pay_range.hpp"
#include "provident/rules/codes.hpp"

#include "hpf/account.hpp"

namespace pvd::hpf::rules {

using policy::Key;

BackPayPlan plan_flex_back_pay(Violations& v, const Policy& p, Trace* t, LocalDateTime as_of, const state::Account& a,
                               YearMonth end, const std::string& field) {
  BackPayPlan plan;
  const YearMonth now = as_of.year_month();
  const auto max_months = p.get<std::int64_t>(Key::hpf_back_pay_max_months, as_of.date(), t);
  if (max_months > 0) plan.lapse_limit = now - static_cast<int>(max_months);
  const YearMonth start = a.payable_from.value_or(now);
  bool ok = true;
  // 「补缴结束年月」 before the current month: the current month is remitted.
  if (!(end < now)) {
    v.add(code::HPF_BACK_PAY_FUTURE_MONTH, field);
    ok = false;
  }
  if (end < start) {
    v.add(code::HPF_BACK_PAY_BEFORE_START, field, {{"start", start.to_string()}});
    ok = false;
  }
  if (plan.lapse_limit && end < *plan.lapse_limit) {
    v.add(code::HPF_BACK_PAY_TOO_FAR, field, {{"max_months", std::to_string(max_months)}, {"limit", plan.lapse_limit->to_string()}});
    ok = false;
  }
  if (!ok) return plan;
  YearMonth first = start;
  if (plan.lapse_limit && first < *plan.lapse_limit) first = *plan.lapse_limit;
  for (YearMonth m = first; !(end < m); ++m)
    if (!is_paid(a, m)) plan.months.push_back(m);
  if (plan.months.empty()) {
    v.add(code::HPF_NOTHING_TO_BACK_PAY, field);
    return plan;
  }
  plan.range_ok = true;
  return plan;
}

}  // namespace pvd::hpf::rules
