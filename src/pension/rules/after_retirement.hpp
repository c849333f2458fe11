// The rules of a retired person's pension business (issue 18; seed 001 7.1,
// 7.1.6): the pension bank account and the annual qualification (待遇资格认证).
// Each rule is a small file under src/pension/rules/ opening with its clause.
#pragma once

#include <string>
#include <string_view>

#include "provident/core/date.hpp"
#include "provident/policy/policy.hpp"
#include "provident/rules/violation.hpp"
#include "state/entities.hpp"

namespace pvd::pension {

// retired_person.cpp
/// 001 7.1 (decision): the pension's bank account and qualification are a retired
/// person's business (PENSION_NOT_RETIRED, naming `what` — zh and en).
bool check_retired(Violations& v, const state::Person& p, std::string_view what_zh, std::string_view what_en,
                   const std::string& field);

// pension_bank.cpp
// The card and the bank are checked as every card is: id::check_card_number, id::check_bank_code.
/// 001 7.1.6 (decision): the account is in the person's own name (PENSION_BANK_NAME_MISMATCH).
void check_bank_own_name(Violations& v, const state::Person& p, const std::string& account_name, const std::string& field);
/// decision: recording the account already recorded changes nothing (PENSION_BANK_UNCHANGED).
void check_bank_changed(Violations& v, const state::Person& p, const std::string& bank, const std::string& card_no,
                        const std::string& field);

// qualification.cpp
/// decision: the qualification year of a date — its calendar year.
int qualification_year(Date d);
/// decision: whether the person has a qualification in `year`.
bool qualified_in(const state::Person& p, int year);
/// decision: a qualification is dated on a day that has happened (PENSION_QUALIFY_DATE_IN_FUTURE),
/// not before the retirement month (PENSION_QUALIFY_BEFORE_RETIREMENT), once a year
/// (PENSION_ALREADY_QUALIFIED).
void check_qualification(Violations& v, const state::Person& p, Date date, Date today, const std::string& field);

}  // namespace pvd::pension
