// check_claim: every rule of a pension claim (pension/rules/) over its facts, in
// the order they are reported, and the claim report — the months counted as a
// set within [work start month, retirement month] (arithmetic.md §3.7).
#include "pension/claim.hpp"

#include <algorithm>

#include "id/checks.hpp"

namespace pvd::pension {

void use_recorded_identity(ClaimInput& in, const state::Person& p) {
  in.id_number = p.id_number;
  if (state::recorded_document(p.identity)) in.recorded = state::birth_and_gender(p, Date::of(9999, 12, 31));
}

ClaimReport check_claim(const policy::Policy& p, policy::Trace* t, Date today, const ClaimInput& in, Violations& v) {
  ClaimReport rep;
  // Identity: the ID gives birth and gender (15 digits accepted, rules.md §7).
  std::optional<bool> id_female;
  if (in.recorded) {
    rep.id_number = in.id_number;
    rep.birth_date = in.recorded->birth_date;
    id_female = in.recorded->gender == id::Gender::female;
  } else if (in.id_number) {
    if (auto id = id::check_citizen_id(v, *in.id_number, today, true, "args.id_number")) {
      rep.id_number = id->number;
      rep.birth_date = id->birth_date;
      id_female = id->gender == id::Gender::female;
    }
  } else {
    rep.birth_date = in.birth_date;
  }
  if (id_female) check_category_gender(v, *id_female, in.category);

  check_work_years(v, p, t, today, in.declared_work_months);

  const MonthPeriod window{in.work_start.year_month(), in.retirement_date.year_month()};
  const std::int64_t span = window.inverted() ? 0 : month_count(window);
  check_work_years_fit_span(v, in.declared_work_months, span);
  // Periods: order, adjustments within the window, overlaps.
  // The field is named only for a period the rule refuses (up to 1,000 periods per claim).
  if (!in.periods_from_records)
    for (std::size_t i = 0; i < in.contribution_periods.size(); ++i) {
      const std::string field = "args.contribution_periods[" + std::to_string(i) + "]";
      if (in.contribution_periods[i].inverted()) check_period_order(v, in.contribution_periods[i], field);
      else check_contribution_period_in_span(v, in.contribution_periods[i], window, field);
    }
  std::vector<MonthPeriod> added, reduced;
  for (std::size_t i = 0; i < in.adjustments.size(); ++i) {
    const auto& a = in.adjustments[i];
    const std::string field = "args.adjustments[" + std::to_string(i) + "]";
    check_period_order(v, a.period, field);
    if (!a.period.inverted()) check_adjustment_in_range(v, a.period, window, field);
    (a.add ? added : reduced).push_back(a.period);
  }
  rep.adjustment_overlaps = check_adjustment_overlaps(v, in.adjustments);

  // Counted months as a set within the window (arithmetic.md §3.7).
  const MonthSet add_set = MonthSet::of(added).clipped(window);
  const MonthSet reduce_set = MonthSet::of(reduced).clipped(window);
  if (in.contribution_count) {
    check_contribution_fits_span(v, *in.contribution_count, span);
    rep.counted_months = std::max<std::int64_t>(0, *in.contribution_count + add_set.count() - reduce_set.count());
  } else {
    const MonthCoverage cov = cover(in.contribution_periods);
    rep.counted_months = cov.covered.clipped(window).united(add_set).minus(reduce_set).count();
    rep.paid_twice = cov.twice.clipped(window);
  }
  rep.min_months = min_contribution_months(p, t, in.retirement_date.year_month());
  check_contribution_months(v, rep.counted_months, rep.min_months,
                            in.contribution_count ? "args.contribution_months"
                            : in.periods_from_records ? "contributions" : "args.contribution_periods");

  check_no_arrears(v, in.has_arrears, in.periods_from_records ? "contributions" : "args.has_arrears");

  for (std::size_t i = 0; i < in.special_jobs.size(); ++i)
    check_special_job(v, in.special_jobs[i], in.work_start, in.retirement_date, "args.special_jobs[" + std::to_string(i) + "]");

  check_promotion_dates(v, in.promotions, in.retirement_date);
  rep.promotion_overlaps = check_promotion_overlaps(v, promotion_ranges(in.promotions, in.retirement_date));
  check_promotions_once_a_year(v, p, t, today, in.promotions);

  // Retirement age. decision: the retirement rules are read on the later of as_of and the
  // retirement date, so that a claim prepared before 2025 for a retirement under the reform
  // uses the reform (a retirement before 2025 gets no delay either way: k < 0).
  if (rep.birth_date) {
    const Date rules_on = std::max(today, in.retirement_date);
    rep.retirement = statutory_retirement(p, t, rules_on, rep.birth_date->year_month(), in.category);
    rep.earliest_month = earliest_allowed(*rep.retirement, rep.counted_months >= rep.min_months);
    check_retirement_age(v, p, t, today, in.retirement_date.year_month(), *rep.earliest_month);
  }
  return rep;
}

}  // namespace pvd::pension
