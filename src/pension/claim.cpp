#include "pension/claim.hpp"

#include <algorithm>
#include <map>
#include <numeric>

#include "id/checks.hpp"

namespace pvd::pension {

using policy::Key;

namespace {

/// "2020-01至2020-06" / "2020-01 to 2020-06" (one month: "2020-01").
MessageParam month_period_param(const MonthPeriod& p) {
  if (p.from == p.to) return MessageParam("period", p.from.to_string());
  return MessageParam("period", p.from.to_string() + "至" + p.to.to_string(), p.from.to_string() + " to " + p.to.to_string());
}

std::string years_text(int months) {
  if (months % 12 == 0) return std::to_string(months / 12);
  // e.g. 186 months → "15.5"
  const int hundredths = months * 100 / 12;
  std::string s = std::to_string(hundredths / 100) + "." + (hundredths % 100 < 10 ? "0" : "") + std::to_string(hundredths % 100);
  while (s.back() == '0') s.pop_back();
  return s;
}

}  // namespace

void check_category_gender(Violations& v, bool id_female, Category c) {
  // decision: the category names the gender (M60 men; F55 cadres and F50 workers, women).
  if (id_female != is_female(c)) v.add("PENSION_CATEGORY_MISMATCH", "args.category");
}

void check_work_years(Violations& v, int declared_months, int min_months) {
  // 001 7.1.3 业务规则 (1): 工作年限不能小于15年.
  if (declared_months < min_months) v.add("PENSION_WORK_YEARS_SHORT", "args.work_years", {{"min_years", years_text(min_months)}});
}

void check_contribution_months(Violations& v, std::int64_t counted, int min_months, const std::string& field) {
  // 001 7.1.3 (1): 累计缴费月数不能小于180个月 — the minimum of the retirement year
  // (SI Law Art. 16; Measures Art. 2: 180 up to 2029, +6 a year from 2030).
  if (counted < min_months)
    v.add("PENSION_CONTRIBUTION_SHORT", field,
          {{"counted", std::to_string(counted)}, {"min", std::to_string(min_months)}});
}

void check_work_years_fit_span(Violations& v, int declared_months, std::int64_t span_months) {
  // 001 7.1.3 (工作年限, 参加工作日期, 退休日期): the declared work time lies between the work
  // start and the retirement. decision: measured in months of [work start month, retirement
  // month], the window 001 7.1.3 (2) gives the adjustments (arithmetic.md §3.7).
  if (declared_months > span_months)
    v.add("PENSION_WORK_YEARS_EXCEED_SPAN", "args.work_years",
          {{"declared", std::to_string(declared_months)}, {"max", std::to_string(span_months)}});
}

void check_contribution_fits_span(Violations& v, std::int64_t count, std::int64_t span_months) {
  // 001 7.1.3 (累计缴费月数): paid months lie between the work start and the retirement, so
  // a count above the months of that window cannot be true (the same window as above).
  if (count > span_months)
    v.add("PENSION_CONTRIBUTION_EXCEEDS_SPAN", "args.contribution_months",
          {{"counted", std::to_string(count)}, {"max", std::to_string(span_months)}});
}

void check_contribution_period_in_span(Violations& v, const MonthPeriod& p, const MonthPeriod& window,
                                       const std::string& field) {
  // 001 7.1.3: paid months lie between the work start and the retirement, as the count above;
  // a period reaching outside [work start month, retirement month] cannot be true.
  if (window.inverted() || p.from < window.from || window.to < p.to)
    v.add("PENSION_CONTRIBUTION_OUTSIDE_SPAN", field,
          {month_period_param(p), {"start", window.from.to_string()}, {"end", window.to.to_string()}});
}

void check_period_order(Violations& v, const MonthPeriod& p, const std::string& field) {
  if (p.inverted()) v.add("PENSION_PERIOD_INVERTED", field);
}

void check_adjustment_in_range(Violations& v, const MonthPeriod& p, const MonthPeriod& window, const std::string& field) {
  // 001 7.1.3 (2): 核增、核减开始年月不能大于退休日期或小于参加工作日期，结束年月不能大于退休
  // 日期或者小于参加工作日期 — both ends within [work start month, retirement month].
  const bool from_ok = window.contains(p.from);
  const bool to_ok = window.contains(p.to);
  if (!from_ok || !to_ok) v.add("PENSION_ADJUSTMENT_OUT_OF_RANGE", field);
}

namespace {

/// "1、2、3、4、5等另外995条" / "1, 2, 3, 4, 5 and 995 more": the entries an entry overlaps (1-based).
template <class Entry>
MessageParam others_param(const Entry& e) {
  std::string zh, en;
  for (std::size_t k = 0; k < e.others.size(); ++k) {
    zh += (k ? "、" : "") + std::to_string(e.others[k] + 1);
    en += (k ? ", " : "") + std::to_string(e.others[k] + 1);
  }
  if (e.more) {
    zh += "等另外" + std::to_string(e.more);  // the template says 条
    en += " and " + std::to_string(e.more) + " more";
  }
  return {"a_no", zh, (e.others.size() + e.more == 1 ? "entry " : "entries ") + en};
}

}  // namespace

OverlapReport<YearMonth> check_adjustment_overlaps(Violations& v, const std::vector<Adjustment>& adjustments) {
  // 001 7.1.3 (2): 时间段不能重复 — additions and reductions together.
  std::vector<MonthPeriod> ps;
  ps.reserve(adjustments.size());
  for (const auto& a : adjustments) ps.push_back(a.period);
  auto report = overlap_report<YearMonth>(ps, kMaxOverlapOthers, kMaxOverlapPairs);
  for (const auto& e : report.entries)
    v.add("PENSION_ADJUSTMENT_OVERLAP", "args.adjustments[" + std::to_string(e.index) + "]",
          {others_param(e), {"b_no", std::to_string(e.index + 1)}});
  return report;
}

void check_no_arrears(Violations& v, bool has_arrears, const std::string& field) {
  // 001 7.1.3 (3): 存在应缴未缴记录无法办理该业务.
  if (has_arrears) v.add("PENSION_HAS_ARREARS", field);
}

void check_special_job(Violations& v, const DatePeriod& job, Date work_start, Date retirement, const std::string& field) {
  // 001 7.1.4 (1): 开始日期、结束日期都不能小于参加工作日期、不能大于退休日期.
  if (job.inverted()) v.add("PENSION_SPECIAL_JOB_INVERTED", field);
  const DatePeriod window{work_start, retirement};
  if (!window.contains(job.from) || !window.contains(job.to)) v.add("PENSION_SPECIAL_JOB_OUT_OF_RANGE", field);
}

std::vector<DatePeriod> promotion_ranges(const std::vector<Promotion>& records, Date retirement) {
  std::vector<std::size_t> order(records.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return records[x].from < records[y].from; });
  std::vector<DatePeriod> out(records.size());
  for (std::size_t k = 0; k < order.size(); ++k) {
    const Promotion& r = records[order[k]];
    Date end;
    if (r.to) end = *r.to;
    else if (k + 1 < order.size()) end = std::max(r.from, records[order[k + 1]].from - 1);  // decision: at least its own day
    else end = retirement;
    out[order[k]] = {r.from, end};
  }
  return out;
}

void check_promotion_dates(Violations& v, const std::vector<Promotion>& records, Date retirement) {
  for (std::size_t i = 0; i < records.size(); ++i) {
    const std::string field = "args.promotions[" + std::to_string(i) + "]";
    // 001 7.1.5 (1): 升降日期不能大于离退休日期.
    if (retirement < records[i].from) v.add("PENSION_PROMOTION_AFTER_RETIREMENT", field + ".from");
    if (records[i].to && *records[i].to < records[i].from) v.add("PENSION_PROMOTION_INVERTED", field);
  }
}

OverlapReport<Date> check_promotion_overlaps(Violations& v, const std::vector<DatePeriod>& ranges) {
  // 001 7.1.5 (2): 职务升降时间段不能重复.
  auto report = overlap_report<Date>(ranges, kMaxOverlapOthers, kMaxOverlapPairs);
  for (const auto& e : report.entries)
    v.add("PENSION_PROMOTION_OVERLAP", "args.promotions[" + std::to_string(e.index) + "]",
          {others_param(e), {"b_no", std::to_string(e.index + 1)}});
  return report;
}

void check_promotions_once_a_year(Violations& v, const std::vector<Promotion>& records, const policy::YearRange& years) {
  // 001 7.1.5 (3): 填写2014-2024年的升降信息，对应年度最多只能一次升降 — a record counts in
  // the year its `from` falls in.
  std::map<int, int> per_year;
  for (const auto& r : records)
    if (years.contains(r.from.year())) ++per_year[r.from.year()];
  for (const auto& [year, n] : per_year)
    if (n > 1) v.add("PENSION_PROMOTION_TWICE_IN_YEAR", "args.promotions", {{"year", std::to_string(year)}});
}

YearMonth earliest_allowed(const Retirement& r, bool minimum_met) {
  // Measures Art. 3: with the minimum contribution months met, up to 36 months before the
  // statutory month, never before the original age (Retirement::earliest_month).
  return minimum_met ? r.earliest_month : r.statutory_month;
}

void check_retirement_age(Violations& v, YearMonth retirement, YearMonth earliest) {
  if (retirement < earliest) v.add("PENSION_BEFORE_RETIREMENT_AGE", "args.retirement_date", {{"earliest", earliest.to_string()}});
}

ClaimReport check_claim(const policy::Policy& p, policy::Trace* t, Date today, const ClaimInput& in, Violations& v) {
  ClaimReport rep;
  // Identity: the ID gives birth and gender (15 digits accepted, rules.md §7).
  std::optional<bool> id_female;
  if (in.id_number) {
    if (auto id = id::check_citizen_id(v, *in.id_number, today, true, "args.id_number")) {
      rep.id_number = id->number;
      rep.birth_date = id->birth_date;
      id_female = id->gender == id::Gender::female;
    }
  } else {
    rep.birth_date = in.birth_date;
  }
  if (id_female) check_category_gender(v, *id_female, in.category);

  check_work_years(v, in.declared_work_months, static_cast<int>(p.get<std::int64_t>(Key::pension_min_work_months, today, t)));

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
  check_promotions_once_a_year(v, in.promotions, p.get<policy::YearRange>(Key::pension_promotion_once_per_year, today, t));

  // Retirement age. decision: the retirement rules are read on the later of as_of and the
  // retirement date, so that a claim prepared before 2025 for a retirement under the reform
  // uses the reform (a retirement before 2025 gets no delay either way: k < 0).
  if (rep.birth_date) {
    const Date rules_on = std::max(today, in.retirement_date);
    rep.retirement = statutory_retirement(p, t, rules_on, rep.birth_date->year_month(), in.category);
    rep.earliest_month = earliest_allowed(*rep.retirement, rep.counted_months >= rep.min_months);
    if (p.get<bool>(Key::pension_check_retirement_age, today, t))
      check_retirement_age(v, in.retirement_date.year_month(), *rep.earliest_month);
  }
  return rep;
}

}  // namespace pvd::pension
