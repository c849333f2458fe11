// Rule: which interest year may be settled (结息), and which accounts it credits
// Source: arithmetic.md §3.4; rules.md §3; decision
// Codes: HPF_INTEREST_YEAR_NOT_ENDED, HPF_INTEREST_ALREADY_SETTLED
// Policy: -
//
// arithmetic.md §3.4; rules.md §3 "Interest": the interest year ends on 30 June and is settled on
// or after that day; it credits every account that is not closed and not yet settled through it.
// Decision: an account with earlier unsettled years has them credited first, in order (as at
// exit), so that no year is skipped; a year already settled for every account is refused.
#include "hpf/rules/interest_settlement.hpp"
#include "provident/rules/codes.hpp"

#include "hpf/account.hpp"

namespace pvd::hpf::rules {

// arithmetic.md §3.4: interest is settled on 30 June.
bool check_interest_year_ended(Violations& v, Date today, int year) {
  if (!(today < interest_year_end(year))) return true;
  v.add(code::HPF_INTEREST_YEAR_NOT_ENDED, "args.year", {{"year", std::to_string(year)}});
  return false;
}

SettlementDue accounts_due(const std::vector<const state::Account*>& accounts, int year) {
  SettlementDue s;
  for (const auto* acc : accounts) {
    if (acc->status == state::AccountStatus::closed) continue;
    if (first_unsettled_year(*acc) <= year) s.due.push_back(acc);
    else if (acc->interest_settled_through && *acc->interest_settled_through >= year) s.some_settled = true;
  }
  return s;
}

bool check_not_settled(Violations& v, const SettlementDue& s, int year) {
  if (!s.due.empty() || !s.some_settled) return true;
  v.add(code::HPF_INTEREST_ALREADY_SETTLED, "args.year", {{"year", std::to_string(year)}});
  return false;
}

}  // namespace pvd::hpf::rules
