// Rule: a pension's bank account and qualification belong to a retired person
// Source: 001 7.1; decision
// Codes: PENSION_NOT_RETIRED
// Policy: -
//
// 001 7.1 (养老金申领) collects the bank account (7.1.6) with the claim; the annual qualification
// (待遇资格认证) confirms a pensioner's entitlement. Decision (issue 18): both are recorded for a
// person an approved claim retired (retired_from set); for anyone else they are refused.
#include "pension/rules/after_retirement.hpp"
#include "provident/rules/codes.hpp"

namespace pvd::pension {

bool check_retired(Violations& v, const state::Person& p, std::string_view what_zh, std::string_view what_en,
                   const std::string& field) {
  if (p.retired_from) return true;
  v.add(code::PENSION_NOT_RETIRED, field, {MessageParam("what", std::string(what_zh), std::string(what_en))});
  return false;
}

}  // namespace pvd::pension
