#include "si/late_fee.hpp"

#include <algorithm>

namespace pvd::si {

using policy::Key;

LateFee compute_late_fee(const policy::Policy& p, policy::Trace* t, Money principal, Date due, Date paid) {
  LateFee f;
  f.days = paid > due ? paid - due : 0;
  Rate sum;
  // Walk the counted days version by version rather than day by day.
  for (Date d = due + 1; d <= paid;) {
    const policy::Version& v = p.at(Key::si_late_fee_daily_rate, d, t);
    Date last = paid;
    if (v.to && *v.to < last) last = *v.to;
    const auto& versions = p.timeline(Key::si_late_fee_daily_rate).versions;
    for (const auto& next : versions)
      if (d < next.from && next.from - 1 < last) last = next.from - 1;
    sum = sum + std::get<Rate>(v.value).times((last - d) + 1);
    d = last + 1;
  }
  f.total_rate = sum;
  const Rounding r = p.get<Rounding>(Key::si_late_fee_rounding, paid > due ? paid : due, t);
  f.fee = f.days == 0 ? Money() : round(principal * sum, r);
  f.derivation = protocol::product(principal, sum, r, f.fee);
  f.derivation.note = std::to_string(f.days) + " days";
  return f;
}

Date due_date(const policy::Policy& p, policy::Trace* t, YearMonth m) {
  const Date on = m.first_day();
  const auto day = p.get<std::int64_t>(Key::si_due_day, on, t);
  const auto offset = p.get<std::int64_t>(Key::si_due_month_offset, on, t);
  const YearMonth dm = m + static_cast<int>(offset);
  const int last = days_in_month(dm.year(), dm.month());
  return Date::of(dm.year(), dm.month(), std::min<int>(static_cast<int>(day), last));
}

}  // namespace pvd::si
