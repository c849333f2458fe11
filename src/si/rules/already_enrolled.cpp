// Rule: a person is not enrolled again at a unit for a type they are insured for there
// Source: 004 §2.1.1 办理条件 (2)
// Codes: SI_ALREADY_ENROLLED
// Policy: -
//
// 004 §2.1.1 办理条件 (2): 「登记人员尚未在系统内参保或者在不在本单位参保」 — one violation per
// requested type the person is already active for at this unit (it names the type).
#include "si/messages.hpp"
#include "provident/rules/codes.hpp"
#include "si/rules/rules.hpp"

namespace pvd::si {

void check_not_enrolled_here(Violations& v, const state::Person& p, std::string_view unit,
                             std::span<const std::string> types, const std::string& field) {
  for (const auto& t : types)
    if (active_at(p, unit, t)) v.add(code::SI_ALREADY_ENROLLED, field, {type_zh_param(t), type_en_param(t)});
}

}  // namespace pvd::si
