// Rule: a correction of a person's data says why, changes something, concerns an insured person and keeps the enrollments after the work start
// Source: 004 §2.2.1; 004 §2.2.2; 004 §2.1.1 重点项目说明 (2)
// Codes: CHANGE_REASON_REQUIRED, CHANGE_NOTHING, SI_PERSON_NOT_INSURED, SI_ENROLL_BEFORE_WORK_START, ADDRESS_INVALID
// Policy: -
//
// 004 §2.2.1 办理条件 (1): 「人员在单位中正常参保」 — the person has an enrollment at a unit that has
// not ended by today. 第二步: 「将需要修改的信息填入变更后」; 第三步: 「修改关键信息需要提供材料」.
// 004 §2.1.1 重点项目说明 (2): 「本次参保时间必须晚于参加工作日期」 — still true after the work start
// date is corrected, so a date not strictly before every enrollment is refused with the
// enrollment rule's code.
// Decision: the reason stands in for the materials (材料) and is required for every correction;
// it is kept in the history beside the old value.
// Decision: a request whose every value equals the recorded one is refused (CHANGE_NOTHING):
// it would write a history entry that changes nothing.
// Decision: an address is free text (the seed shows no format); only a blank one is refused.
#include "si/rules/person_rules.hpp"

#include <algorithm>

#include "provident/id/identifiers.hpp"
#include "provident/rules/codes.hpp"
#include "si/rules/rules.hpp"

namespace pvd::si {

void check_change_reason(Violations& v, std::string_view reason, const std::string& field) {
  if (id::name_is_blank(reason)) v.add(code::CHANGE_REASON_REQUIRED, field);
}

void check_something_changes(Violations& v, const std::vector<FieldEdit>& edits, const std::string& field) {
  if (edits.empty()) v.add(code::CHANGE_NOTHING, field);
}

void check_person_insured(Violations& v, const state::Person& p, Date today, const std::string& field) {
  // 「人员在单位中正常参保」: an enrollment begun and not ended before today.
  const bool insured = std::any_of(p.enrollments.begin(), p.enrollments.end(), [&](const state::Enrollment& e) {
    return !(today < e.from) && (!e.to || !(*e.to < today));
  });
  if (!insured) v.add(code::SI_PERSON_NOT_INSURED, field);
}

void check_work_start_before_enrollments(Violations& v, const state::Person& p, Date work_start,
                                         const std::string& field) {
  if (p.enrollments.empty()) return;
  const auto earliest = std::min_element(p.enrollments.begin(), p.enrollments.end(),
                                         [](const auto& a, const auto& b) { return a.from < b.from; });
  check_enroll_after_work_start(v, earliest->from, work_start, field);
}

void check_address(Violations& v, std::string_view address, const std::string& field) {
  if (id::name_is_blank(address)) v.add(code::ADDRESS_INVALID, field);
}

}  // namespace pvd::si
