#include "si/base_limits.hpp"

namespace pvd::si {

using policy::Key;

BaseLimits limits_in_month(const policy::Policy& p, policy::Trace* t, YearMonth m) {
  const Date on = m.first_day();
  BaseLimits l;
  l.avg_wage = p.get<Money>(Key::si_avg_wage, on, t);
  const Rounding r = p.get<Rounding>(Key::si_base_rounding, on, t);
  const Rate& fr = p.get<Rate>(Key::si_base_floor_ratio, on, t);
  const Rate& cr = p.get<Rate>(Key::si_base_cap_ratio, on, t);
  l.floor = round(l.avg_wage * fr, r);
  l.cap = round(l.avg_wage * cr, r);
  l.floor_derivation = protocol::product(l.avg_wage, fr, r, l.floor);
  l.cap_derivation = protocol::product(l.avg_wage, cr, r, l.cap);
  return l;
}

YearMonth year_start(const policy::Policy& p, policy::Trace* t, int year) {
  const auto month = p.get<std::int64_t>(Key::si_year_start_month, Date::of(year, 1, 1), t);
  return YearMonth::of(year, static_cast<int>(month));
}

BaseLimits limits_of_year(const policy::Policy& p, policy::Trace* t, int year) {
  return limits_in_month(p, t, year_start(p, t, year));
}

Money clamp_base(Money wage, const BaseLimits& l) { return max(l.floor, min(wage, l.cap)); }

}  // namespace pvd::si
