// Rule: a special job period runs forward, between the work start and the retirement
// Source: 001 7.1.4
// Codes: PENSION_SPECIAL_JOB_INVERTED, PENSION_SPECIAL_JOB_OUT_OF_RANGE
// Policy: -
//
// 001 7.1.4 (1) (特殊工种): 「开始日期、结束日期都不能小于参加工作日期、不能大于退休日期」 — both
// dates within [work start date, retirement date]; a period whose end is before its start is
// refused as well.
#include "pension/rules/rules.hpp"
#include "provident/rules/codes.hpp"

namespace pvd::pension {

void check_special_job(Violations& v, const DatePeriod& job, Date work_start, Date retirement, const std::string& field) {
  // The period runs forward.
  if (job.inverted()) v.add(code::PENSION_SPECIAL_JOB_INVERTED, field);
  // 「开始日期、结束日期都不能小于参加工作日期、不能大于退休日期」.
  const DatePeriod window{work_start, retirement};
  if (!window.contains(job.from) || !window.contains(job.to)) v.add(code::PENSION_SPECIAL_JOB_OUT_OF_RANGE, field);
}

}  // namespace pvd::pension
