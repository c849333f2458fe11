// Rule: the declared work years reach the minimum
// Source: 001 7.1.3 业务规则 (1)
// Codes: PENSION_WORK_YEARS_SHORT
// Policy: pension.min_work_months
//
// 001 7.1.3 业务规则 (1): 「工作年限不能小于15年」 — the declared work time (work_years: years and
// months) is at least pension.min_work_months, read on the as_of date; the message states the
// minimum in years (186 months → "15.5").
#include "pension/rules/rules.hpp"
#include "provident/rules/codes.hpp"

namespace pvd::pension {

namespace {

std::string years_text(int months) {
  if (months % 12 == 0) return std::to_string(months / 12);
  // e.g. 186 months → "15.5"
  const int hundredths = months * 100 / 12;
  std::string s = std::to_string(hundredths / 100) + "." + (hundredths % 100 < 10 ? "0" : "") + std::to_string(hundredths % 100);
  while (s.back() == '0') s.pop_back();
  return s;
}

}  // namespace

void check_work_years(Violations& v, const policy::Policy& p, policy::Trace* t, Date today, int declared_months) {
  const int min_months = static_cast<int>(p.get<std::int64_t>(policy::Key::pension_min_work_months, today, t));
  if (declared_months < min_months) v.add(code::PENSION_WORK_YEARS_SHORT, "args.work_years", {{"min_years", years_text(min_months)}});
}

}  // namespace pvd::pension
