// Rule: an SI unit code has 10 or 12 digits and names one unit
// Source: 001 5.1 注意 a; decision
// Codes: SI_UNIT_CODE_INVALID, SI_UNIT_EXISTS
// Policy: -
//
// 001 5.1 注意 a: 「单位编号为10位数的需在单位编号后加00 … 单位编号为12位数的则用户名为单位编号」 —
// the login name is built from a 10- or 12-digit unit code, so a code of any other
// form is refused. The form is the manual's, the same in every city: no policy value.
// Decision: a code names one unit of either scheme (the unit table is shared by HPF and SI).
#include <algorithm>
#include "provident/rules/codes.hpp"

#include "si/rules/rules.hpp"

namespace pvd::si {

void check_unit_code(Violations& v, std::string_view code, const std::string& field) {
  // 001 5.1 注意 a: ten or twelve digits.
  const bool digits = std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits || (code.size() != 10 && code.size() != 12)) v.add(code::SI_UNIT_CODE_INVALID, field);
}

void check_unit_code_free(Violations& v, const state::Unit* existing, std::string_view code, const std::string& field) {
  // decision: one unit per code, whatever its scheme.
  if (existing) v.add(code::SI_UNIT_EXISTS, field, {{"unit", std::string(code)}});
}

}  // namespace pvd::si
