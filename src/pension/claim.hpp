// Pension claim (养老金申领), seed 001 §7.1; rules.md §5. The rules are small
// functions over the claim's facts, one file each under pension/rules/;
// check_claim runs all of them and reports every violation at once with the
// claim report (statutory month and age, earliest month, minimum and counted
// months, months paid twice, overlapping pairs).
//
// Counting (arithmetic.md §3.7): counted = |(P ∪ A) \ R| within [work start
// month, retirement month]; with a count c instead of periods, c + |A| − |R|.
// Overlaps are found by sorting and sweeping (core/period.hpp): O(n log n + k).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pension/retirement.hpp"
#include "pension/rules/rules.hpp"
#include "provident/core/period.hpp"
#include "provident/policy/policy.hpp"
#include "provident/rules/violation.hpp"
#include "state/identity.hpp"

namespace pvd::pension {

struct ClaimInput {
  std::optional<std::string> id_number;  // as given (15 or 18 characters)
  std::optional<Date> birth_date;        // instead of an ID number
  // issue 18 (6): the person is recorded with a document that carries no birth date and
  // gender (a passport, a 2017 permanent residence ID): those recorded, instead of the number's.
  std::optional<state::BirthAndGender> recorded;
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

/// The claim of a person recorded with a document without a birth date
/// (state::recorded_document): their number, birth date and gender as recorded.
void use_recorded_identity(ClaimInput& in, const state::Person& p);

/// Runs every rule of rules.md §5. `today` is the as_of date (admissibility
/// lookups); the minimum is read on day 1 of the retirement month.
ClaimReport check_claim(const policy::Policy& p, policy::Trace* t, Date today, const ClaimInput& in, Violations& v);

}  // namespace pvd::pension
