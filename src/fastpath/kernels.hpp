// The typed fast paths (protocol.md §2–3): pure rules on exact integers and
// int64 arrays, shared by the C ABI (capi/) and the Python module
// (bindings/python/src/). Each validates its rows, computes, and reports a
// failure as fastpath::Error (a bad row names its index and column) or as the
// rule's own RequestError (POLICY_NOT_IN_FORCE); the surfaces only translate.
// Scalar arguments arrive checked (fastpath/args.hpp); batch kernels check
// every row before they write any output, and allocate nothing per row.
#pragma once

#include <cstddef>
#include <cstdint>

#include "fastpath/args.hpp"
#include "provident/core/rounding.hpp"
#include "provident/policy/policy.hpp"

namespace pvd::fastpath {

using policy::Policy;

// ------------------------------------------------------------------ HPF

/// hpf.deposit.rounding in force on day 1 of `month` (arithmetic.md §3.1).
Rounding deposit_rounding(const Policy& p, YearMonth month);

/// The monthly HPF deposit of n rows, as the hpf.deposit calculator computes
/// it row by row: out = round(base × rate / 10⁶) with deposit_rounding(month).
/// Rows: base_fen ≥ 0, rates within 0 … 1000000 millionths.
void deposit_batch(const Policy& p, YearMonth month, std::size_t n, const std::int64_t* base_fen,
                   const std::int64_t* employer_rate_micros, const std::int64_t* employee_rate_micros,
                   std::int64_t* out_employer_fen, std::int64_t* out_employee_fen);

/// Whether payments are accepted at `at` (hpf.payment_window; 002 三.1 注).
bool payment_window_open(const Policy& p, LocalDateTime at);

/// The flexible deposit's adjustment window at `at` (000 四; 002 三.6):
/// `last_adjust_year` 0 for none or a year up to 9999, `adjust_count` ≥ 0.
struct AdjustmentWindow {
  bool open = false, month_open = false, under_yearly_limit = false;
  std::int32_t done_this_year = 0, per_year = 0;
  std::uint32_t months_mask = 0;  // bit m-1 for calendar month m; every bit when any month
};
AdjustmentWindow adjustment_window(const Policy& p, LocalDateTime at, std::int64_t last_adjust_year,
                                   std::int64_t adjust_count);

/// hpf.rate.min and hpf.rate.max on `on`, in millionths (PVD_E_POLICY when
/// one is not a whole number of millionths).
struct RateLimits {
  std::int64_t min_micros = 0, max_micros = 0;
};
RateLimits rate_limits(const Policy& p, Date on);

// ------------------------------------------------------------------ pension

/// Statutory retirement (arithmetic.md §3.5) under the rules in force on
/// `rules_on`, for a birth month within kBirthMonth.
pension::Retirement retirement(const Policy& p, Date rules_on, YearMonth birth, pension::Category c);

/// Statutory retirement of n people: birth_month serials (kBirthMonth) and
/// category codes (kCategoryCode). The outputs other than `statutory` may be
/// null (not wanted).
struct RetirementOutputs {
  std::int64_t* statutory = nullptr;
  std::int64_t* delay = nullptr;
  std::int64_t* earliest = nullptr;
  std::int64_t* latest = nullptr;
};
void retirement_batch(const Policy& p, Date rules_on, std::size_t n, const std::int64_t* birth_month,
                      const std::int64_t* category, RetirementOutputs out);

/// Minimum contribution months (arithmetic.md §3.6) for a retirement month,
/// read on its day 1.
int min_months(const Policy& p, YearMonth retirement_month);
/// The same for n retirement month serials (kMonthSerial); a month the policy
/// does not cover is an error only where a row needs it.
void min_months_batch(const Policy& p, std::size_t n, const std::int64_t* retirement_month, std::int64_t* out);

// ------------------------------------------------------------------ SI

/// Late fees (arithmetic.md §3.3) on n principals: principal_fen
/// (kPrincipalFen), due_date and paid_date day serials (kDaySerial).
void late_fee_batch(const Policy& p, std::size_t n, const std::int64_t* principal_fen, const std::int64_t* due_date,
                    const std::int64_t* paid_date, std::int64_t* out_fee_fen);

}  // namespace pvd::fastpath
