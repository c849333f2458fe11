// Which months a flexible depositor's back-pay covers. See back_pay_range.cpp.
#pragma once

#include <vector>

#include "hpf/rules/common.hpp"

namespace pvd::hpf::rules {

/// 002 三.2: the back-pay range. `end` before the as_of month, not before the
/// first payable month, not before the lapse limit (as_of month −
/// hpf.back_pay.max_months); the months are every unpaid month from the first
/// payable, not lapsed, month through `end`.
struct BackPayPlan {
  std::vector<YearMonth> months;
  std::optional<YearMonth> lapse_limit;  // months before it have lapsed
  bool range_ok = false;
};
BackPayPlan plan_flex_back_pay(Violations& v, const Policy& p, Trace* t, LocalDateTime as_of, const state::Account& a,
                               YearMonth end, const std::string& field);

}  // namespace pvd::hpf::rules
