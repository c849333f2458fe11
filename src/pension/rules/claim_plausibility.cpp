// Rule: a claim's work time and contributions fit between the work start and the retirement
// Source: 001 7.1.3; decision
// Codes: PENSION_WORK_YEARS_EXCEED_SPAN, PENSION_CONTRIBUTION_EXCEEDS_SPAN, PENSION_CONTRIBUTION_OUTSIDE_SPAN
// Policy: -
//
// 001 7.1.3 names the claim's 工作年限, 参加工作日期, 退休日期 and 累计缴费月数: work and paid
// months lie between the work start and the retirement. Decision (issue 12): measured in the
// months of [work start month, retirement month] — the window 001 7.1.3 (2) gives the
// adjustments (arithmetic.md §3.7) — declared work time, a contribution count, or a given
// contribution period reaching outside that window cannot be true, and is refused.
#include "pension/rules/rules.hpp"
#include "provident/rules/codes.hpp"

namespace pvd::pension {

namespace {

/// {period}: "2020-01至2020-06" / "2020-01 to 2020-06" (one month: "2020-01").
MessageParam month_period_param(const MonthPeriod& p) {
  if (p.from == p.to) return MessageParam("period", p.from.to_string());
  return MessageParam("period", p.from.to_string() + "至" + p.to.to_string(), p.from.to_string() + " to " + p.to.to_string());
}

}  // namespace

void check_work_years_fit_span(Violations& v, int declared_months, std::int64_t span_months) {
  // 工作年限 between 参加工作日期 and 退休日期.
  if (declared_months > span_months)
    v.add(code::PENSION_WORK_YEARS_EXCEED_SPAN, "args.work_years",
          {{"declared", std::to_string(declared_months)}, {"max", std::to_string(span_months)}});
}

void check_contribution_fits_span(Violations& v, std::int64_t count, std::int64_t span_months) {
  // 累计缴费月数: paid months lie in the same window, so a count above its months cannot be true.
  if (count > span_months)
    v.add(code::PENSION_CONTRIBUTION_EXCEEDS_SPAN, "args.contribution_months",
          {{"counted", std::to_string(count)}, {"max", std::to_string(span_months)}});
}

void check_contribution_period_in_span(Violations& v, const MonthPeriod& p, const MonthPeriod& window,
                                       const std::string& field) {
  // A paid period reaching outside [work start month, retirement month] cannot be true.
  if (window.inverted() || p.from < window.from || window.to < p.to)
    v.add(code::PENSION_CONTRIBUTION_OUTSIDE_SPAN, field,
          {month_period_param(p), {"start", window.from.to_string()}, {"end", window.to.to_string()}});
}

}  // namespace pvd::pension
