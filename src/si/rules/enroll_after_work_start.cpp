// Rule: the enrollment is later than the day the person started work
// Source: 004 §2.1.1 重点项目说明 (2)
// Codes: SI_ENROLL_BEFORE_WORK_START
// Policy: -
//
// 004 §2.1.1 重点项目说明 (2): 「本次参保时间必须晚于参加工作日期」.
// Decision: on the word 晚于, strictly later — an enrollment on the work start day is refused.
#include "si/rules/rules.hpp"
#include "provident/rules/codes.hpp"

namespace pvd::si {

void check_enroll_after_work_start(Violations& v, Date enroll, Date work_start, const std::string& field) {
  if (!(work_start < enroll)) v.add(code::SI_ENROLL_BEFORE_WORK_START, field);
}

}  // namespace pvd::si
