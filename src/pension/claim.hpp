// Pension claim (养老金申领), seed 001 §7.1; rules.md §5. The rules are small
// functions over the claim's facts; check_claim runs all of them and reports
// every violation at once with the claim report (statutory month and age,
// earliest month, minimum and counted months, months paid twice, overlapping
// pairs).
//
// Counting (arithmetic.md §3.7): counted = |(P ∪ A) \ R| within [work start
// month, retirement month]; with a count c instead of periods, c + |A| − |R|.
// Overlaps are found by sorting and sweeping (core/period.hpp): O(n log n + k).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pension/retirement.hpp"
#include "provident/core/period.hpp"
#include "provident/policy/policy.hpp"
#include "provident/rules/violation.hpp"

namespace pvd::pension {

struct Adjustment {
  bool add = true;  // 核增 add | 核减 reduce
  MonthPeriod period;
};

struct Promotion {
  Date from;
  std::optional<Date> to;
};

struct ClaimInput {
  std::optional<std::string> id_number;  // as given (15 or 18 characters)
  std::optional<Date> birth_date;        // instead of an ID number
  Category category = Category::M60;
  Date work_start, retirement_date;
  int declared_work_months = 0;  // work_years {years, months}
  std::optional<std::int64_t> contribution_count;  // contribution_months
  std::vector<MonthPeriod> contribution_periods;   // paid months (periods)
  bool periods_from_records = false;  // pension.claim: one-month periods from the person's records
  std::vector<Adjustment> adjustments;
  std::vector<DatePeriod> special_jobs;
  std::vector<Promotion> promotions;
  bool has_arrears = false;
};

struct ClaimReport {
  std::optional<std::string> id_number;  // the 18-character form
  std::optional<Date> birth_date;
  std::optional<Retirement> retirement;
  std::optional<YearMonth> earliest_month;  // the earliest month this claim may retire in
  int min_months = 0;
  std::int64_t counted_months = 0;
  MonthSet paid_twice;
  OverlapReport<YearMonth> adjustment_overlaps;  // bounded (kMaxOverlapOthers, kMaxOverlapPairs)
  OverlapReport<Date> promotion_overlaps;
};

/// Runs every rule of rules.md §5. `today` is the as_of date (admissibility
/// lookups); the minimum is read on day 1 of the retirement month.
ClaimReport check_claim(const policy::Policy& p, policy::Trace* t, Date today, const ClaimInput& in, Violations& v);

// ------------------------------------------------------------------ the rules

/// decision: M60 is a man's category, F55 and F50 a woman's (ID sequence digit).
void check_category_gender(Violations& v, bool id_female, Category c);
/// 001 7.1.3 业务规则 (1): "工作年限不能小于15年" (pension.min_work_months).
void check_work_years(Violations& v, int declared_months, int min_months);
/// 001 7.1.3 (1) "累计缴费月数不能小于180个月"; SI Law Art. 16; Measures Art. 2 (the
/// minimum of the retirement year).
void check_contribution_months(Violations& v, std::int64_t counted, int min_months, const std::string& field);
/// 001 7.1.3 (decision, issue 12): declared work time fits between the work start
/// and the retirement — at most the months of [work start month, retirement month].
void check_work_years_fit_span(Violations& v, int declared_months, std::int64_t span_months);
/// 001 7.1.3 (decision, issue 12): a contribution count fits in the same window.
void check_contribution_fits_span(Violations& v, std::int64_t count, std::int64_t span_months);
/// 001 7.1.3 (decision, issue 12): a given contribution period lies in the same window.
void check_contribution_period_in_span(Violations& v, const MonthPeriod& p, const MonthPeriod& window,
                                       const std::string& field);
/// arithmetic.md §3.7: each period has from ≤ to.
void check_period_order(Violations& v, const MonthPeriod& p, const std::string& field);
/// 001 7.1.3 (2): "核增、核减开始年月不能大于退休日期或小于参加工作日期，结束年月…".
void check_adjustment_in_range(Violations& v, const MonthPeriod& p, const MonthPeriod& window, const std::string& field);
/// How much of the overlaps a claim check reports (issue 13: n entries can
/// make n(n−1)/2 pairs): per entry up to kMaxOverlapOthers of the entries it
/// overlaps, and up to kMaxOverlapPairs pairs in the result besides the count
/// of all.
inline constexpr std::size_t kMaxOverlapOthers = 5;
inline constexpr std::size_t kMaxOverlapPairs = 100;

/// 001 7.1.3 (2): "时间段不能重复" — one violation per entry that overlaps entries
/// starting before it, naming up to kMaxOverlapOthers of them; O(n log n).
OverlapReport<YearMonth> check_adjustment_overlaps(Violations& v, const std::vector<Adjustment>& adjustments);
/// 001 7.1.3 (3): "存在应缴未缴记录无法办理该业务".
void check_no_arrears(Violations& v, bool has_arrears, const std::string& field);
/// 001 7.1.4: "开始日期、结束日期都不能小于参加工作日期、不能大于退休日期".
void check_special_job(Violations& v, const DatePeriod& job, Date work_start, Date retirement, const std::string& field);
/// The date range each promotion record lasts: a closed record its own; an open
/// record until the day before the next record's `from` (never before its own
/// `from`), the last one until the retirement date (rules.md §5).
std::vector<DatePeriod> promotion_ranges(const std::vector<Promotion>& records, Date retirement);
/// 001 7.1.5 (1): "升降日期不能大于离退休日期"; a closed record has from ≤ to.
void check_promotion_dates(Violations& v, const std::vector<Promotion>& records, Date retirement);
/// 001 7.1.5 (2): "职务升降时间段不能重复" — as the adjustments, one violation per entry.
OverlapReport<Date> check_promotion_overlaps(Violations& v, const std::vector<DatePeriod>& ranges);
/// 001 7.1.5 (3): "填写2014-2024年的升降信息，对应年度最多只能一次升降".
void check_promotions_once_a_year(Violations& v, const std::vector<Promotion>& records, const policy::YearRange& years);
/// The earliest month a claim may retire in (2024 Decision; Measures Art. 1, 3):
/// the statutory month, or with the minimum met the flexible early month (never
/// before the original age).
YearMonth earliest_allowed(const Retirement& r, bool minimum_met);
/// decision on the 2024 Decision, Measures Art. 1, 3: not before the earliest month.
void check_retirement_age(Violations& v, YearMonth retirement, YearMonth earliest);

}  // namespace pvd::pension
