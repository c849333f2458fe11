// The pension calculators over a population (batches.hpp): pension.count_months
// on periods in CSR form (core/period.hpp's cover, as the JSON calculator) and
// pension.check_claim on a claim's numeric facts (pension::check_claim, every
// rule of rules.md §5, its violations as bits).
#include <string_view>
#include <vector>

#include "fastpath/args.hpp"
#include "fastpath/batches.hpp"
#include "fastpath/error.hpp"
#include "pension/claim.hpp"
#include "provident/core/period.hpp"
#include "provident/rules/codes.hpp"

namespace pvd::fastpath {

const Code kClaimCodes[6] = {code::PENSION_WORK_YEARS_SHORT,          code::PENSION_WORK_YEARS_EXCEED_SPAN,
                             code::PENSION_CONTRIBUTION_EXCEEDS_SPAN, code::PENSION_CONTRIBUTION_SHORT,
                             code::PENSION_HAS_ARREARS,               code::PENSION_BEFORE_RETIREMENT_AGE};

namespace {

constexpr Range kWorkMonths{0, 100 * 12 + 11, "须在0至1211之间（年×12+月）", "is not within 0 … 1211 (years × 12 + months)"};
constexpr Range kContributionMonths{0, 100 * 12, "须在0至1200之间", "is not within 0 … 1200"};
constexpr Range kFlag{0, 1, "须为0或1", "is not 0 or 1"};

std::int64_t claim_bits(const Violations& v) noexcept {
  std::int64_t bits = 0;
  for (const auto& x : v.list()) {
    std::int64_t bit = kClaimOther;
    for (std::size_t k = 0; k < std::size(kClaimCodes); ++k)
      if (x.code == kClaimCodes[k].text) bit = std::int64_t{1} << k;
    bits |= bit;
  }
  return bits;
}

void check_claim_row(std::size_t i, const ClaimColumns& in) {
  check_row(kBirthDate, i, in.birth_date[i], "birth_date");
  check_row(kCategoryCode, i, in.category[i], "category");
  check_row(kDaySerial, i, in.work_start_date[i], "work_start_date");
  check_row(kDaySerial, i, in.retirement_date[i], "retirement_date");
  check_row(kWorkMonths, i, in.work_months[i], "work_months");
  check_row(kContributionMonths, i, in.contribution_months[i], "contribution_months");
  if (in.has_arrears) check_row(kFlag, i, in.has_arrears[i], "has_arrears");
}

pension::ClaimInput claim_of(std::size_t i, const ClaimColumns& in) {
  pension::ClaimInput c;
  c.birth_date = Date::from_days(static_cast<std::int32_t>(in.birth_date[i]));
  c.category = category_of(in.category[i]);
  c.work_start = Date::from_days(static_cast<std::int32_t>(in.work_start_date[i]));
  c.retirement_date = Date::from_days(static_cast<std::int32_t>(in.retirement_date[i]));
  c.declared_work_months = static_cast<int>(in.work_months[i]);
  c.contribution_count = in.contribution_months[i];
  c.has_arrears = in.has_arrears && in.has_arrears[i] != 0;
  return c;
}

}  // namespace

void count_months_batch(std::size_t n, Periods periods, std::int64_t* out_months, std::int64_t* out_paid_twice) {
  check_offsets(n, periods.offsets, "offsets");
  for (std::size_t i = 0; i < n; ++i)
    for (std::int64_t j = periods.offsets[i]; j < periods.offsets[i + 1]; ++j) {
      check_row(kMonthSerial, i, periods.from[j], "from");
      check_row(kMonthSerial, i, periods.to[j], "to");
      if (periods.to[j] < periods.from[j])
        bad_row(i, "to", "时间段的结束年月早于开始年月（PERIOD_INVERTED）", "a period ends before it starts (PERIOD_INVERTED)");
    }
  std::vector<MonthPeriod> row;
  for (std::size_t i = 0; i < n; ++i) {
    row.clear();
    for (std::int64_t j = periods.offsets[i]; j < periods.offsets[i + 1]; ++j)
      row.push_back({YearMonth::from_serial(static_cast<std::int32_t>(periods.from[j])),
                     YearMonth::from_serial(static_cast<std::int32_t>(periods.to[j]))});
    const MonthCoverage cov = cover(row);
    out_months[i] = cov.covered.count();
    put(out_paid_twice, i, cov.twice.count());
  }
}

void check_claim_batch(const Policy& p, Date as_of, std::size_t n, ClaimColumns in, ClaimOutputs out) {
  for (std::size_t i = 0; i < n; ++i) check_claim_row(i, in);
  for (std::size_t i = 0; i < n; ++i) {
    Violations v;
    try {
      const pension::ClaimReport rep = pension::check_claim(p, nullptr, as_of, claim_of(i, in), v);
      out.violations[i] = claim_bits(v);
      put(out.counted_months, i, rep.counted_months);
      put(out.min_months, i, rep.min_months);
      put(out.earliest_month, i, rep.earliest_month ? rep.earliest_month->serial() : 0);
    } catch (const RequestError& e) {
      failed_at_row(i, e);
    }
  }
}

}  // namespace pvd::fastpath
