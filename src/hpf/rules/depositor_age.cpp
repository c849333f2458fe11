// Rule: who is old enough to open a flexible account, and who is too old to start or restart deposits
// Source: 002 一; 000 一; HPF Regs Art. 13; HPF Regs Art. 24 (2); Shanghai 2025 flexible-employment measures; arithmetic.md §3.5
// Codes: HPF_FLEX_AGE, HPF_PAST_RETIREMENT
// Policy: hpf.flex.min_age, hpf.flex.female_category
//
// 002 一; HPF Regs Art. 13; Shanghai 2025 flexible-employment measures (age): a flexible account
// is opened by a person of at least hpf.flex.min_age completed years at as_of (a 29 February
// birthday counts from 1 March: completed_years) whose as_of month is before the statutory
// retirement month of the category (given, else M60 for men and hpf.flex.female_category for
// women), under the retirement rules in force at as_of (arithmetic.md §3.5; the ages themselves
// are the retirement rule's, pension::statutory_retirement). The birth date and gender are the
// number's, or those recorded for a document that carries none (issue 18 (6): state::birth_and_gender).
// 000 一, 002 一; HPF Regs Art. 24 (2) (retirement ends deposits: the fund is withdrawn): nobody at
// or past the statutory retirement month starts or restarts deposits — opening, transfer in,
// unsealing, internal transfer.
#include "hpf/rules/depositor_age.hpp"
#include "provident/rules/codes.hpp"

#include "pension/retirement.hpp"

namespace pvd::hpf::rules {

using policy::Key;

bool check_flex_age(Violations& v, const Policy& p, Trace* t, LocalDateTime as_of, const state::BirthAndGender& id,
                    const std::optional<std::string>& category, const std::string& field) {
  const Date today = as_of.date();
  const auto min_age = p.get<std::int64_t>(Key::hpf_flex_min_age, today, t);
  const YearMonth ret = retirement_month(p, t, today, id, category);
  const bool old_enough = completed_years(id.birth_date, today) >= min_age;
  const bool before_retirement = as_of.year_month() < ret;
  if (old_enough && before_retirement) return true;
  v.add(code::HPF_FLEX_AGE, field, {{"min_age", std::to_string(min_age)}, {"retirement_month", ret.to_string()}});
  return false;
}

YearMonth retirement_month(const Policy& p, Trace* t, Date on, const state::BirthAndGender& id,
                           const std::optional<std::string>& category) {
  const std::string cat = category ? *category
                          : id.gender == id::Gender::male ? std::string("M60")
                                                          : p.get<std::string>(Key::hpf_flex_female_category, on, t);
  return pension::statutory_retirement(p, t, on, id.birth_date.year_month(), *pension::parse_category(cat)).statutory_month;
}

bool check_not_past_retirement(Violations& v, const Policy& p, Trace* t, LocalDateTime as_of,
                               const std::optional<state::BirthAndGender>& birth, const std::optional<std::string>& category,
                               const std::string& field, Row row) {
  if (!birth) return true;
  const YearMonth ret = retirement_month(p, t, as_of.date(), *birth, category);
  if (as_of.year_month() < ret) return true;
  v.add(violation_at(row, code::HPF_PAST_RETIREMENT, field, {{"retirement_month", ret.to_string()}}));
  return false;
}

bool check_not_past_retirement(Violations& v, const Policy& p, Trace* t, LocalDateTime as_of, const state::PersonRef& person,
                               const std::string& field, Row row) {
  return check_not_past_retirement(v, p, t, as_of, state::birth_and_gender(person, as_of.date()), person.category, field, row);
}

}  // namespace pvd::hpf::rules
