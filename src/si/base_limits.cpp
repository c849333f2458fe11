#include "si/base_limits.hpp"

namespace pvd::si {

using policy::Key;

BaseLimits limits_in_month(const policy::Policy& p, policy::Trace* t, YearMonth m) {
  const Date on = m.first_day();
  BaseLimits l;
  // Decision (issue 15): some cities publish limits that are not 60% / 300% of
  // an average wage (Beijing: 2024 6,821 – 35,283); their profiles state them.
  if (const auto stated = p.coverage("si_limits"); stated && stated->contains(on)) {
    l.floor = p.get<Money>(Key::si_base_floor, on, t);
    l.cap = p.get<Money>(Key::si_base_cap, on, t);
    l.floor_derivation.value = l.floor;
    l.floor_derivation.note = "si.base.floor as the profile states it";
    l.cap_derivation.value = l.cap;
    l.cap_derivation.note = "si.base.cap as the profile states it";
    return l;
  }
  const Money avg = p.get<Money>(Key::si_avg_wage, on, t);
  l.avg_wage = avg;
  const Rounding r = p.get<Rounding>(Key::si_base_rounding, on, t);
  const Rate& fr = p.get<Rate>(Key::si_base_floor_ratio, on, t);
  const Rate& cr = p.get<Rate>(Key::si_base_cap_ratio, on, t);
  l.floor = round(avg * fr, r);
  l.cap = round(avg * cr, r);
  l.floor_derivation = protocol::product(avg, fr, r, l.floor);
  l.cap_derivation = protocol::product(avg, cr, r, l.cap);
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
