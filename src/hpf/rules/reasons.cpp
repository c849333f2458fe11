// Rule: which reason an employer may give for a seal, an unseal or a back-pay
// Source: 003 3; 003 4; 003 6
// Codes: HPF_REASON_UNKNOWN
// Policy: hpf.seal.reasons, hpf.unseal.reasons, hpf.back_pay.reasons
//
// 003 3 (封存: 「选择封存原因」), 003 4 (启封: 「选择启封原因」), 003 6 (补缴核定: 「选择补缴原因」): the
// reason is chosen from the centre's list — hpf.seal.reasons, hpf.unseal.reasons,
// hpf.back_pay.reasons, read on the day of the request (the operation names its list). A
// back-pay reason also says whether it pays a missed month (补缴) or a difference (补缴差额).
#include "hpf/rules/reasons.hpp"
#include "provident/rules/codes.hpp"

namespace pvd::hpf::rules {

using policy::Key;

// 003 3, 4 (选择封存/启封原因), 6 (选择补缴原因): a code of the centre's list.
const policy::ReasonList& reason_list(const Policy& p, Trace* t, Date on, ReasonFor what) {
  const Key key = what == ReasonFor::seal     ? Key::hpf_seal_reasons
                  : what == ReasonFor::unseal ? Key::hpf_unseal_reasons
                                              : Key::hpf_back_pay_reasons;
  return p.get<policy::ReasonList>(key, on, t);
}

const policy::Reason* check_reason(Violations& v, const policy::ReasonList& list, const std::string& code,
                                   const std::string& field, Row row, std::string_view source) {
  for (const auto& r : list)
    if (r.code == code) return &r;
  v.add(violation_at(row, code::HPF_REASON_UNKNOWN, field, {{"reason", code}}, source));
  return nullptr;
}

}  // namespace pvd::hpf::rules
