// Rule: a flexible worker registers only for the types the profile offers flexible workers
// Source: SI Law Art. 10; SI Law Art. 23; 004 §2.5.5
// Codes: SI_FLEX_TYPE_NOT_ALLOWED
// Policy: si.flex.types
//
// SI Law Art. 10: flexible workers may join the basic pension insurance; Art. 23: the employees'
// basic medical insurance. The types a profile registers are the policy list si.flex.types
// (national: pension only, provisional — the engine prices flexible months for pension only).
#include <algorithm>

#include "provident/rules/codes.hpp"
#include "si/messages.hpp"
#include "si/rules/flexible_rules.hpp"

namespace pvd::si {

const state::Enrollment* open_flexible(const state::Person& p, std::string_view type) {
  for (const auto& e : p.enrollments)
    if (is_flexible(e) && e.type == type && !e.to) return &e;
  return nullptr;
}

void check_flex_types_allowed(Violations& v, const policy::Policy& p, policy::Trace* t, Date on,
                              std::span<const std::string> types, const std::string& field) {
  const auto& allowed = p.get<policy::ReasonList>(policy::Key::si_flex_types, on, t);
  for (const auto& type : types)
    if (std::none_of(allowed.begin(), allowed.end(), [&](const policy::Reason& r) { return r.code == type; }))
      v.add(code::SI_FLEX_TYPE_NOT_ALLOWED, field, {type_zh_param(type), type_en_param(type)});
}

}  // namespace pvd::si
