// Rule: when a flexible depositor's remittance and back-pay are accepted
// Source: 002 三.1 注; 002 三.2 注; policy.md §2
// Codes: HPF_OUTSIDE_PAYMENT_WINDOW
// Policy: hpf.payment_window
//
// 002 三.1 注 (汇缴), 三.2 注 (补缴): 「每月汇缴日为 1-25 日的 8:00-17:00」. The days and hours are
// policy (hpf.payment_window at as_of). Decision (policy.md §2): the end is exclusive, so 16:59:59
// is inside and 17:00:00 is not.
#include "hpf/rules/payment_window.hpp"
#include "provident/rules/codes.hpp"

namespace pvd::hpf::rules {

using policy::Key;

bool payment_window_open(const Policy& p, Trace* t, LocalDateTime as_of) {
  return p.get<policy::Window>(Key::hpf_payment_window, as_of.date(), t).contains(as_of);
}

bool check_payment_window(Violations& v, const Policy& p, Trace* t, LocalDateTime as_of, std::string_view source) {
  if (payment_window_open(p, t, as_of)) return true;
  const auto& w = p.get<policy::Window>(Key::hpf_payment_window, as_of.date(), t);
  v.add(code::HPF_OUTSIDE_PAYMENT_WINDOW, "as_of",
        {{"first", std::to_string(w.first_day)}, {"last", std::to_string(w.last_day)}, {"from", w.from_text()}, {"to", w.to_text()}},
        source);
  return false;
}

}  // namespace pvd::hpf::rules
