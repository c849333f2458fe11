// Rule: a work-time adjustment lies between the work start and the retirement
// Source: 001 7.1.3 (2)
// Codes: PENSION_ADJUSTMENT_OUT_OF_RANGE
// Policy: -
//
// 001 7.1.3 (2): 「核增、核减开始年月不能大于退休日期或小于参加工作日期，结束年月不能大于退休日期
// 或者小于参加工作日期」 — both ends of an addition (核增) or a reduction (核减) within
// [work start month, retirement month].
#include "pension/rules/rules.hpp"
#include "provident/rules/codes.hpp"

namespace pvd::pension {

void check_adjustment_in_range(Violations& v, const MonthPeriod& p, const MonthPeriod& window, const std::string& field) {
  const bool from_ok = window.contains(p.from);
  const bool to_ok = window.contains(p.to);
  if (!from_ok || !to_ok) v.add(code::PENSION_ADJUSTMENT_OUT_OF_RANGE, field);
}

}  // namespace pvd::pension
