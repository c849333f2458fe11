// Rule: the grounds on which a depositor withdraws the whole balance, and what each needs
// Source: HPF Regs Art. 24; HPF Regs Art. 15; 2024 Decision; 001 7.1
// Codes: HPF_WITHDRAW_BEFORE_RETIREMENT, HPF_WITHDRAW_RETIREMENT_UNKNOWN, HPF_WITHDRAW_NOT_SEALED, HPF_WITHDRAW_SEALED_TOO_SHORT, HPF_WITHDRAW_HEIR_REQUIRED
// Policy: hpf.withdraw.leave_city.min_sealed_months, hpf.flex.female_category
//
// HPF Regs Art. 24: an employee may withdraw the balance on retirement (2), on permanent and
// complete incapacity with the employment ended (3), on settling abroad (4); withdrawals on (2)–(4)
// close the account at the same time; para. 3: on death the heirs or legatees withdraw it.
// Retirement is the statutory retirement month (2024 Decision; pension::statutory_retirement) or
// an earlier month from which an approved pension claim (001 7.1, flexible early retirement)
// retired the person. HPF Regs Art. 15: the unit seals the account when the employment ends.
// Decision: incapacity needs an employer account sealed (HPF Regs Art. 24 (3) "与单位终止劳动关系");
// a flexible account has no employment to end. Decision: leaving the city of deposit
// (leave_city, 离开缴存城市) is not an HPF Regs Art. 24 ground; the centres that allow it require the
// employment ended and the account sealed for a period — an account sealed (employer or
// flexible) for hpf.withdraw.leave_city.min_sealed_months completed months (completed_months of
// exit_conditions.cpp). Decision: settling abroad and death need no seal (HPF Regs Art. 24 states none).
// Decision: all five are withdrawals of the whole balance (no seed or regulation provides a
// partial one), so the account is closed (withdrawal_account.cpp).
#include "hpf/rules/withdrawal_grounds.hpp"
#include "provident/rules/codes.hpp"

#include "hpf/rules/depositor_age.hpp"
#include "hpf/rules/exit_conditions.hpp"
#include "state/identity.hpp"

namespace pvd::hpf::rules {

using policy::Key;

const std::vector<std::string>& withdrawal_reason_names() {
  static const std::vector<std::string> names{"retirement", "leave_city", "leave_country", "incapacity", "death"};
  return names;
}

WithdrawalReason parse_withdrawal_reason(std::string_view name) {
  const auto& names = withdrawal_reason_names();
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return static_cast<WithdrawalReason>(i);
  return WithdrawalReason::retirement;
}

std::string_view to_string(WithdrawalReason r) noexcept {
  return withdrawal_reason_names()[static_cast<std::size_t>(r)];
}

namespace {

// The ground as the messages name it (HPF Regs Art. 24's words).
MessageParam reason_param(WithdrawalReason r) {
  switch (r) {
    case WithdrawalReason::retirement: return {"reason", "退休", "of retirement"};
    case WithdrawalReason::leave_city: return {"reason", "离开缴存城市", "of leaving the city"};
    case WithdrawalReason::leave_country: return {"reason", "出境定居", "of settling abroad"};
    case WithdrawalReason::incapacity: return {"reason", "完全丧失劳动能力", "of incapacity"};
    case WithdrawalReason::death: return {"reason", "死亡", "of death"};
  }
  return {"reason", std::string(to_string(r))};
}

}  // namespace

// HPF Regs Art. 24 (2); 2024 Decision; 001 7.1 (an approved claim's retirement month).
bool check_retired(Violations& v, const Policy& p, Trace* t, LocalDateTime as_of, const state::PersonRef& person,
                   std::optional<YearMonth> retired_from, const std::string& field) {
  const YearMonth now = as_of.year_month();
  if (retired_from && !(now < *retired_from)) return true;
  const auto birth = state::birth_and_gender(person, as_of.date());
  if (!birth) {
    v.add(code::HPF_WITHDRAW_RETIREMENT_UNKNOWN, field);
    return false;
  }
  const YearMonth ret = retirement_month(p, t, as_of.date(), *birth, person.category);
  if (!(now < ret)) return true;
  v.add(code::HPF_WITHDRAW_BEFORE_RETIREMENT, field, {{"retirement_month", ret.to_string()}});
  return false;
}

// HPF Regs Art. 24 (3), Art. 15; leave_city: a centre's rule (provisional period).
bool check_sealed_for(Violations& v, const Policy& p, Trace* t, Date on, WithdrawalReason reason, const state::Account& a,
                      bool employer_account, const std::string& field) {
  const bool leaving = reason == WithdrawalReason::leave_city;
  const bool needs_seal = leaving || (reason == WithdrawalReason::incapacity && employer_account);
  if (!needs_seal) return true;
  if (a.status != state::AccountStatus::sealed) {
    v.add(code::HPF_WITHDRAW_NOT_SEALED, field, {reason_param(reason)});
    return false;
  }
  if (!leaving) return true;
  const auto min = p.get<std::int64_t>(Key::hpf_withdraw_leave_city_min_sealed_months, on, t);
  if (min <= 0 || (a.sealed_on && completed_months(*a.sealed_on, on) >= min)) return true;
  v.add(code::HPF_WITHDRAW_SEALED_TOO_SHORT, field, {{"months", std::to_string(min)}});
  return false;
}

// HPF Regs Art. 24 para. 3: "职工的继承人、受遗赠人可以提取".
bool check_heir(Violations& v, WithdrawalReason reason, bool heir_given, const std::string& heir_field) {
  if (reason != WithdrawalReason::death || heir_given) return true;
  v.add(code::HPF_WITHDRAW_HEIR_REQUIRED, heir_field);
  return false;
}

}  // namespace pvd::hpf::rules
