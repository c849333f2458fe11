// Rule: whether an enrollment back-pays the months before the settlement period, and which
// Source: 004 §2.1.1 第二步; 004 §2.1.1 重点项目说明; rules.md §4
// Codes: SI_BACK_PAY_FLAG_INCONSISTENT
// Policy: -
//
// 004 §2.1.1 第二步: 「参保时间早于结算期时，是否补收标志自动置为是」 — the flag defaults to yes
// for an enrollment month before the unit's settlement period; 「所有险种补收是与否必须一致」 —
// one flag for every type enrolled at once. The 补收 months run from the enrollment month to
// the month before the settlement period; they are billed in the next settlement (rules.md §4).
// Decision: a type the request leaves out of a per-type flag takes the default.
#include "si/rules/rules.hpp"
#include "provident/rules/codes.hpp"

namespace pvd::si {

bool default_back_pay(YearMonth enroll_month, YearMonth settlement_period) {
  // 「参保时间早于结算期时，是否补收标志自动置为是」.
  return enroll_month < settlement_period;
}

std::optional<bool> resolve_back_pay(Violations& v, const std::map<std::string, bool>& given,
                                     std::span<const std::string> types, bool default_flag, const std::string& field) {
  // 「所有险种补收是与否必须一致」.
  std::optional<bool> flag;
  bool consistent = true;
  for (const auto& t : types) {
    auto it = given.find(t);
    const bool f = it == given.end() ? default_flag : it->second;
    if (flag && *flag != f) consistent = false;
    flag = f;
  }
  if (!consistent) {
    v.add(code::SI_BACK_PAY_FLAG_INCONSISTENT, field);
    return std::nullopt;
  }
  return flag.value_or(default_flag);
}

std::vector<YearMonth> back_pay_months(YearMonth enroll_month, YearMonth settlement_period, bool flag) {
  // The 补收 months: from the enrollment month to the month before the settlement period.
  std::vector<YearMonth> out;
  if (!flag) return out;
  for (YearMonth m = enroll_month; m < settlement_period; ++m) out.push_back(m);
  return out;
}

}  // namespace pvd::si
