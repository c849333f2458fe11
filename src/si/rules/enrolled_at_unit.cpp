// Rule: a stop or a wage declaration names a person insured at the unit
// Source: 004 §2.1.2 办理条件 (2)
// Codes: SI_NOT_ENROLLED
// Policy: -
//
// 004 §2.1.2 办理条件 (2): 「职工在本单位正常参保」 — active at this unit (an enrollment without
// an end) for each type a stop names, one violation per type; a request naming no type
// (every type the person is active for here) needs some type active.
// Decision (004 lists §2.3.1 年度工资申报 without text): a wage is declared for a person
// active at the unit, as a stop is.
#include "si/messages.hpp"
#include "provident/rules/codes.hpp"
#include "si/rules/rules.hpp"

namespace pvd::si {

void check_active_for_types(Violations& v, const state::Person& p, std::string_view unit,
                            std::span<const std::string> types, const std::string& field) {
  // 「职工在本单位正常参保」, for each type the stop names.
  for (const auto& t : types)
    if (!active_at(p, unit, t)) v.add(code::SI_NOT_ENROLLED, field, {type_zh_param(t), type_en_param(t)});
}

void check_enrolled_at_unit(Violations& v, bool enrolled, const std::string& field) {
  // 「职工在本单位正常参保」, for some type.
  if (!enrolled) v.add(code::SI_NOT_ENROLLED, field, {any_type_zh(), any_type_en()});
}

}  // namespace pvd::si
