// Rule: a pensioner is qualified once a calendar year, on a day from the retirement on
// Source: decision
// Codes: PENSION_QUALIFY_DATE_IN_FUTURE, PENSION_QUALIFY_BEFORE_RETIREMENT, PENSION_ALREADY_QUALIFIED
// Policy: -
//
// 待遇资格认证: a pensioner's entitlement is confirmed every year. No seed manual section or
// regulation in docs/sources.md gives its rules, so they are decisions (issue 18): the year is
// the calendar year of the qualification's date (no source names another year); a person is
// qualified for a year when a qualification is dated in it, and a year has one qualification;
// the date has happened (not after the as_of date) and is not before the retirement month
// (retired_from) — a qualification confirms a pension being paid.
#include <algorithm>

#include "pension/rules/after_retirement.hpp"
#include "provident/rules/codes.hpp"

namespace pvd::pension {

int qualification_year(Date d) { return d.year(); }

bool qualified_in(const state::Person& p, int year) {
  return std::any_of(p.qualifications.begin(), p.qualifications.end(),
                     [&](const state::Qualification& q) { return qualification_year(q.date) == year; });
}

void check_qualification(Violations& v, const state::Person& p, Date date, Date today, const std::string& field) {
  if (today < date) v.add(code::PENSION_QUALIFY_DATE_IN_FUTURE, field, {{"date", date.to_string()}});
  if (p.retired_from && date < p.retired_from->first_day())
    v.add(code::PENSION_QUALIFY_BEFORE_RETIREMENT, field,
          {{"date", date.to_string()}, {"month", p.retired_from->to_string()}});
  const int year = qualification_year(date);
  for (const auto& q : p.qualifications)
    if (qualification_year(q.date) == year) {
      v.add(code::PENSION_ALREADY_QUALIFIED, field, {{"year", std::to_string(year)}, {"date", q.date.to_string()}});
      break;
    }
}

}  // namespace pvd::pension
