// SI contribution base limits (缴费基数上下限). arithmetic.md §3.2:
// floor = round(avg_wage × si.base.floor_ratio), cap = round(avg_wage ×
// si.base.cap_ratio), with si.base.rounding (half_up to yuan nationally;
// Xi'an 2025: 8,315.92 → 4,990 / 24,948).
#pragma once

#include "protocol/registry.hpp"
#include "provident/policy/policy.hpp"

namespace pvd::si {

struct BaseLimits {
  std::optional<Money> avg_wage;  // absent where the profile states the limits (si.base.floor/cap)
  Money floor, cap;
  protocol::Derivation floor_derivation, cap_derivation;
};

/// The limits in force in contribution month `m` (read on day 1 of m): the
/// stated si.base.floor/cap where the profile's si_limits window holds that
/// day, else the average wage times the national ratios.
BaseLimits limits_in_month(const policy::Policy& p, policy::Trace* t, YearMonth m);
/// The limits of year `year`: those in force in its first month
/// (si.year_start_month, read on 1 January of `year`).
BaseLimits limits_of_year(const policy::Policy& p, policy::Trace* t, int year);
/// The first month of a declared wage's year `year`.
YearMonth year_start(const policy::Policy& p, policy::Trace* t, int year);

/// wage → base within the limits (for employees; arithmetic.md §3.2).
Money clamp_base(Money wage, const BaseLimits& l);

}  // namespace pvd::si
