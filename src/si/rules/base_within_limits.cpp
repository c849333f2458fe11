// Rule: a flexible worker's base lies within each month's base limits
// Source: SI Law Art. 12; arithmetic.md §3.2
// Codes: SI_BASE_OUT_OF_RANGE
// Policy: si.avg_wage, si.base.floor_ratio, si.base.cap_ratio, si.base.rounding, si.base.floor, si.base.cap
//
// SI Law Art. 12: contributions are paid on a base; arithmetic.md §3.2: the base lies within
// the limits (缴费基数上下限) in force in the contribution month — floor and cap from the average
// wage and the ratios, or as the profile states them (base_limits.cpp). An employee's wage is
// clamped into them; a flexible worker chooses the base, so a base outside is refused, one
// violation per run of months with the same limits.
#include <vector>
#include "provident/rules/codes.hpp"

#include "si/messages.hpp"
#include "si/rules/rules.hpp"

namespace pvd::si {

void check_base_within_limits(Violations& v, const policy::Policy& p, policy::Trace* t, Money base,
                              const MonthPeriod& months, const std::string& field) {
  std::vector<BaseLimits> limits;
  for (YearMonth m = months.from; m <= months.to; ++m) limits.push_back(limits_in_month(p, t, m));
  for (std::size_t i = 0; i < limits.size();) {
    std::size_t j = i;
    while (j + 1 < limits.size() && limits[j + 1].floor == limits[i].floor && limits[j + 1].cap == limits[i].cap) ++j;
    if (base < limits[i].floor || limits[i].cap < base)
      v.add(code::SI_BASE_OUT_OF_RANGE, field,
            {month_range_param({months.from + static_cast<int>(i), months.from + static_cast<int>(j)}),
             {"min", limits[i].floor.to_string()}, {"max", limits[i].cap.to_string()}});
    i = j + 1;
  }
}

}  // namespace pvd::si
