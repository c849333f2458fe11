// Rule: which month an employer's rate change or base adjustment may take effect in
// Source: 003 7; 003 8; decision
// Codes: HPF_EFFECTIVE_MONTH_INVALID
// Policy: -
//
// 003 7 (缴存比例调整): a rate change may name the month it takes effect in; it is not before the
// current month (the as_of month). 003 8 (缴存基数批量调整): the adjustment names its effective
// month, which the seed does not bound. Decision: the current or the next month.
#include "hpf/rules/effective_month.hpp"
#include "provident/rules/codes.hpp"

namespace pvd::hpf::rules {

bool check_rate_effective_month(Violations& v, std::optional<YearMonth> effective, YearMonth now, const std::string& field) {
  if (!effective || !(*effective < now)) return true;
  v.add(code::HPF_EFFECTIVE_MONTH_INVALID, field, {{"rule", "不得早于当月", "must not be before the current month"}}, "003 7");
  return false;
}

// The new base takes effect in the current or the next month (decision on 003 8).
bool check_base_effective_month(Violations& v, YearMonth effective, YearMonth now, const std::string& field) {
  if (effective == now || effective == now + 1) return true;
  v.add(code::HPF_EFFECTIVE_MONTH_INVALID, field, {{"rule", "须为当月或下月", "must be the current or the next month"}}, "003 8");
  return false;
}

}  // namespace pvd::hpf::rules
