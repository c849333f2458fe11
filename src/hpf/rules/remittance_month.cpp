// Rule: which month an employer's remittance verification (汇缴核定) may be for
// Source: 003 5; decision
// Codes: HPF_REMIT_FUTURE_MONTH, HPF_REMIT_ALREADY_VERIFIED, HPF_REMIT_MONTH_GAP
// Policy: -
//
// 003 5 (汇缴核定): 「选择核定月份后，页面会自动显示月缴存额、暂存款余额、核定总金额」. Months are
// verified in order, once each, from the unit's first month (the month of its first account
// opening or transfer in), and never a month after the current one.
// Decisions: facts without a first month take the month of the earliest opening among the unit's
// accounts; a unit that never opened an account has no month to verify.
#include "hpf/rules/remittance_month.hpp"
#include "provident/rules/codes.hpp"

#include "hpf/account.hpp"

namespace pvd::hpf::rules {

std::optional<YearMonth> first_month_of(const state::Unit& u, const std::vector<const state::Account*>& accounts) {
  std::optional<YearMonth> first = u.first_month;
  if (!first)
    for (const auto* acc : accounts)
      if (!first || acc->opened_on.year_month() < *first) first = acc->opened_on.year_month();
  return first;
}

bool check_remittance_month(Violations& v, const state::Unit& u, std::optional<YearMonth> first, YearMonth month, YearMonth now,
                            const std::string& field) {
  bool ok = true;
  if (now < month) {
    v.add(code::HPF_REMIT_FUTURE_MONTH, field);
    ok = false;
  }
  if (contains_month(u.verified_months, month)) {
    v.add(code::HPF_REMIT_ALREADY_VERIFIED, field, {{"month", month.to_string()}});
    return false;
  }
  if (!first) {
    // Decision: a unit that never opened an account has no month to verify.
    v.add(code::HPF_REMIT_MONTH_GAP, field, {{"expected", "（尚无开户）", "(no account opened yet)"}});
    return false;
  }
  // 003 5: in order — the month after the last verified one.
  const YearMonth expected = u.verified_months.empty() ? *first : u.verified_months.back() + 1;
  if (month == expected) return ok;
  v.add(code::HPF_REMIT_MONTH_GAP, field, {{"expected", expected.to_string()}});
  return false;
}

}  // namespace pvd::hpf::rules
