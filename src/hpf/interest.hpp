// HPF interest (结息). arithmetic.md §3.4.
//
// The interest year runs 1 July – 30 June and is settled on 30 June. A
// movement dated in month m changes the interest-bearing balance from the
// start of month m+1 (monthly method) or from the day after its date (daily).
//   monthly:  round(Σ_months rate(m)/12 × balance at the start of m)
//   daily:    round(Σ_days   rate(d)/360 × balance at the end of d−1)
//   two_rate: carried-over balance at the carried-over rate and the year's
//             deposits at the current-year rate, by monthly weights;
//             withdrawals reduce carried-over funds first (before 2016-02-21).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "provident/core/exact.hpp"
#include "provident/policy/policy.hpp"

namespace pvd::hpf {

struct Movement {
  Date date;
  Money amount;  // deposits positive, withdrawals negative
};

struct InterestInput {
  int year = 0;  // the interest year ending 30 June of `year`
  Money opening_balance;
  std::vector<Movement> movements;  // dated inside the interest year
  std::optional<std::string> method;  // default: hpf.interest.method
  /// Settle early (exit): the monthly method counts the months before
  /// stop's month, the daily method the days before `stop`. Default: the
  /// whole year.
  std::optional<Date> stop;
};

struct InterestResult {
  Money interest;
  Money closing_balance;  // opening + movements + interest
  Exact exact;            // the unrounded interest, in fen
  Rounding rounding;
  std::string method;
};

/// First and last day of the interest year ending 30 June of `year`.
Date interest_year_start(int year);
Date interest_year_end(int year);

/// Rates are read on day 1 of each month (monthly, two_rate) or on each day
/// (daily); throws policy::NotInForce.
InterestResult compute_interest(const policy::Policy& p, policy::Trace* trace, const InterestInput& in);

}  // namespace pvd::hpf
