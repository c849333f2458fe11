// Rule: a stop gives one of the city's stop reasons
// Source: 004 §2.1.2 第三步; 004 《单位职工减少申报指南》
// Codes: SI_REASON_UNKNOWN
// Policy: si.stop.reasons
//
// 004 §2.1.2 第三步: 「录入变更原因」; 《单位职工减少申报指南》: 「变更原因选择“停缴费”」. The reason
// codes are the profile's si.stop.reasons, read on the as_of date.
#include <algorithm>
#include "provident/rules/codes.hpp"

#include "si/rules/rules.hpp"

namespace pvd::si {

void check_stop_reason(Violations& v, const policy::Policy& p, policy::Trace* t, Date today, const std::string& reason,
                       const std::string& field) {
  const auto& reasons = p.get<policy::ReasonList>(policy::Key::si_stop_reasons, today, t);
  const bool known = std::any_of(reasons.begin(), reasons.end(), [&](const policy::Reason& r) { return r.code == reason; });
  if (!known) v.add(code::SI_REASON_UNKNOWN, field, {{"reason", reason}});
}

}  // namespace pvd::si
