// The pension claim rules (rules.md §5; seed 001 §7.1), one small file each
// under src/pension/rules/, named after what it decides; each file opens with
// the clause it implements. A rule is a pure function of (policy, as_of, the
// claim's facts): it appends violations under the field it is given and never
// stops at the first — check_claim (claim.cpp) runs all of them and reports
// every violation at once.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "pension/retirement.hpp"
#include "provident/core/period.hpp"
#include "provident/policy/policy.hpp"
#include "provident/rules/violation.hpp"
#include "state/entities.hpp"

namespace pvd::pension {

/// A work-time adjustment of a claim: 核增 (add) or 核减 (reduce) a period.
struct Adjustment {
  bool add = true;
  MonthPeriod period;
};

/// A promotion record (职务升降): from, and to when closed.
struct Promotion {
  Date from;
  std::optional<Date> to;
};

// category_gender.cpp
/// decision: M60 is a man's category, F55 and F50 a woman's (ID sequence digit)
/// (PENSION_CATEGORY_MISMATCH).
void check_category_gender(Violations& v, bool id_female, Category c);

// work_years.cpp
/// 001 7.1.3 业务规则 (1): "工作年限不能小于15年" — pension.min_work_months, read at
/// `today` (PENSION_WORK_YEARS_SHORT).
void check_work_years(Violations& v, const policy::Policy& p, policy::Trace* t, Date today, int declared_months);

// minimum_months.cpp (with min_contribution_months, declared in retirement.hpp)
/// 001 7.1.3 (1) "累计缴费月数不能小于180个月"; SI Law Art. 16; Measures Art. 2: the
/// counted months reach the minimum of the retirement month (PENSION_CONTRIBUTION_SHORT).
void check_contribution_months(Violations& v, std::int64_t counted, int min_months, const std::string& field);

// claim_plausibility.cpp
/// 001 7.1.3 (decision, issue 12): declared work time fits between the work start
/// and the retirement — at most the months of [work start month, retirement month]
/// (PENSION_WORK_YEARS_EXCEED_SPAN).
void check_work_years_fit_span(Violations& v, int declared_months, std::int64_t span_months);
/// 001 7.1.3 (decision, issue 12): a contribution count fits in the same window
/// (PENSION_CONTRIBUTION_EXCEEDS_SPAN).
void check_contribution_fits_span(Violations& v, std::int64_t count, std::int64_t span_months);
/// 001 7.1.3 (decision, issue 12): a given contribution period lies in the same window
/// (PENSION_CONTRIBUTION_OUTSIDE_SPAN).
void check_contribution_period_in_span(Violations& v, const MonthPeriod& p, const MonthPeriod& window,
                                       const std::string& field);

// period_order.cpp
/// 001 7.1.3 (2); arithmetic.md §3.7: each period has from ≤ to (PENSION_PERIOD_INVERTED).
void check_period_order(Violations& v, const MonthPeriod& p, const std::string& field);

// adjustments.cpp
/// 001 7.1.3 (2): "核增、核减开始年月不能大于退休日期或小于参加工作日期，结束年月…"
/// (PENSION_ADJUSTMENT_OUT_OF_RANGE).
void check_adjustment_in_range(Violations& v, const MonthPeriod& p, const MonthPeriod& window, const std::string& field);

// overlaps.cpp
/// How much of the overlaps a claim check reports (issue 13: n entries can
/// make n(n−1)/2 pairs): per entry up to kMaxOverlapOthers of the entries it
/// overlaps, and up to kMaxOverlapPairs pairs in the result besides the count
/// of all.
inline constexpr std::size_t kMaxOverlapOthers = 5;
inline constexpr std::size_t kMaxOverlapPairs = 100;
/// 001 7.1.3 (2): "时间段不能重复" — one violation per entry that overlaps entries
/// starting before it, naming up to kMaxOverlapOthers of them; O(n log n)
/// (PENSION_ADJUSTMENT_OVERLAP).
OverlapReport<YearMonth> check_adjustment_overlaps(Violations& v, const std::vector<Adjustment>& adjustments);
/// 001 7.1.5 (2): "职务升降时间段不能重复" — as the adjustments, one violation per entry
/// (PENSION_PROMOTION_OVERLAP).
OverlapReport<Date> check_promotion_overlaps(Violations& v, const std::vector<DatePeriod>& ranges);

// no_arrears.cpp
/// 001 7.1.3 (3): "存在应缴未缴记录无法办理该业务" (PENSION_HAS_ARREARS).
void check_no_arrears(Violations& v, bool has_arrears, const std::string& field);

// special_jobs.cpp
/// 001 7.1.4: "开始日期、结束日期都不能小于参加工作日期、不能大于退休日期"
/// (PENSION_SPECIAL_JOB_INVERTED, PENSION_SPECIAL_JOB_OUT_OF_RANGE).
void check_special_job(Violations& v, const DatePeriod& job, Date work_start, Date retirement, const std::string& field);

// promotions.cpp
/// The date range each promotion record lasts: a closed record its own; an open
/// record until the day before the next record's `from` (never before its own
/// `from`), the last one until the retirement date (rules.md §5).
std::vector<DatePeriod> promotion_ranges(const std::vector<Promotion>& records, Date retirement);
/// 001 7.1.5 (1): "升降日期不能大于离退休日期"; a closed record has from ≤ to
/// (PENSION_PROMOTION_AFTER_RETIREMENT, PENSION_PROMOTION_INVERTED).
void check_promotion_dates(Violations& v, const std::vector<Promotion>& records, Date retirement);
/// 001 7.1.5 (3): "填写2014-2024年的升降信息，对应年度最多只能一次升降" — the years are
/// pension.promotion_once_per_year, read at `today` (PENSION_PROMOTION_TWICE_IN_YEAR).
void check_promotions_once_a_year(Violations& v, const policy::Policy& p, policy::Trace* t, Date today,
                                  const std::vector<Promotion>& records);

// retirement_age.cpp
/// The earliest month a claim may retire in (2024 Decision; Measures Art. 1, 3):
/// the statutory month, or with the minimum met the flexible early month (never
/// before the original age).
YearMonth earliest_allowed(const Retirement& r, bool minimum_met);
/// decision on the 2024 Decision, Measures Art. 1, 3: not before the earliest month,
/// where pension.check_retirement_age (read at `today`) says so (PENSION_BEFORE_RETIREMENT_AGE).
void check_retirement_age(Violations& v, const policy::Policy& p, policy::Trace* t, Date today, YearMonth retirement,
                          YearMonth earliest);

// already_retired.cpp
/// 001 7.1 (decision): a person is retired once (PENSION_ALREADY_RETIRED names the month).
void check_not_retired(Violations& v, const state::Person& p, const std::string& field);

}  // namespace pvd::pension
