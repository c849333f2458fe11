// Rule: a person is retired once
// Source: 001 7.1; decision
// Codes: PENSION_ALREADY_RETIRED
// Policy: -
//
// 001 7.1 (养老金申领). Decision (issue 12): an approved claim retires the person from its
// retirement month; a second claim would end enrollments again and move the retirement under
// the first claim's figures, so it is refused, naming the month.
#include "pension/rules/rules.hpp"
#include "provident/rules/codes.hpp"

namespace pvd::pension {

void check_not_retired(Violations& v, const state::Person& p, const std::string& field) {
  if (p.retired_from) v.add(code::PENSION_ALREADY_RETIRED, field, {{"month", p.retired_from->to_string()}});
}

}  // namespace pvd::pension
