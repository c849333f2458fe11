// Late fee (滞纳金). arithmetic.md §3.3; 社会保险法 Art. 86.
// fee = round(principal × Σ_days daily_rate(day)), each counted day at the rate
// in force on it (0.05% from 2011-07-01, 0.2% before). Days count from the day
// after the due date through the paid date, inclusive; none when paid on or
// before the due date. 10,000.00 overdue 30 days → 150.00.
#pragma once

#include "protocol/registry.hpp"
#include "provident/policy/policy.hpp"

namespace pvd::si {

struct LateFee {
  std::int64_t days = 0;
  Money fee;
  Rate total_rate;  // Σ daily rates
  protocol::Derivation derivation;
};

LateFee compute_late_fee(const policy::Policy& p, policy::Trace* t, Money principal, Date due, Date paid);

/// The due date of contribution month m: day si.due_day of month m +
/// si.due_month_offset, clamped to the month's end (rules.md §4).
Date due_date(const policy::Policy& p, policy::Trace* t, YearMonth m);

}  // namespace pvd::si
