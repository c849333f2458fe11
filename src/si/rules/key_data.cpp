// Rule: an enrollment keeps a known person's name and work start date
// Source: 004 §2.1.1; 004 §2.2
// Codes: SI_KEY_DATA_MISMATCH
// Policy: -
//
// 004 §2.1.1: the system looks the person up by ID number (「系统会进行查询 … 人员基本信息」) and
// keeps one record of them; §2.2 关键信息变更 is where a name or a work start date changes — not
// an enrollment. An enrollment giving others is refused, one violation per field, so that the
// clerk corrects the key data first. A value the record lacks is filled in by the enrollment
// (the handler does it).
#include "si/rules/rules.hpp"
#include "provident/rules/codes.hpp"

namespace pvd::si {

void check_key_data_matches(Violations& v, const state::Person& p, std::string_view name, Date work_start,
                            const std::string& name_field, const std::string& work_start_field) {
  // The recorded name, and the recorded work start date, stand (§2.2 changes them).
  if (!p.name.empty() && p.name != name) v.add(code::SI_KEY_DATA_MISMATCH, name_field, {{"what", "姓名", "name"}});
  if (p.work_start_date && *p.work_start_date != work_start)
    v.add(code::SI_KEY_DATA_MISMATCH, work_start_field, {{"what", "参加工作日期", "work start date"}});
}

}  // namespace pvd::si
