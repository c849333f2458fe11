#include "hpf/interest.hpp"

#include <algorithm>
#include <stdexcept>

namespace pvd::hpf {

using policy::Key;

Date interest_year_start(int year) { return Date::of(year - 1, 7, 1); }
Date interest_year_end(int year) { return Date::of(year, 6, 30); }

namespace {

// Σ of movements dated before `day` (exclusive).
Money moved_before(const std::vector<Movement>& sorted, Date day) {
  Money m;
  for (const auto& x : sorted) {
    if (!(x.date < day)) break;
    m += x.amount;
  }
  return m;
}

Exact monthly(const policy::Policy& p, policy::Trace* t, const InterestInput& in, const std::vector<Movement>& mv,
              Date start, Date stop) {
  Exact sum;
  for (YearMonth m = start.year_month(); m < stop.year_month(); ++m) {
    const Date first = m.first_day();
    const Rate& rate = p.get<Rate>(Key::hpf_interest_rate, first, t);
    const Money bal = in.opening_balance + moved_before(mv, first);
    sum += (bal * rate).divided_by(12);
  }
  return sum;
}

Exact daily(const policy::Policy& p, policy::Trace* t, const InterestInput& in, const std::vector<Movement>& mv,
            Date start, Date stop) {
  // Σ_d rate(d)/360 × balance at the end of d−1, as Σ (balance × rate) / 360.
  Exact sum;
  Money bal = in.opening_balance;
  std::size_t next = 0;
  for (Date d = start; d < stop; d = d + 1) {
    while (next < mv.size() && mv[next].date < d) bal += mv[next++].amount;
    sum += bal * p.get<Rate>(Key::hpf_interest_rate, d, t);
  }
  return sum.divided_by(360);
}

Exact two_rate(const policy::Policy& p, policy::Trace* t, const InterestInput& in, const std::vector<Movement>& mv,
               Date start, Date stop) {
  Exact sum;
  for (YearMonth m = start.year_month(); m < stop.year_month(); ++m) {
    const Date first = m.first_day();
    const Rate& carried_rate = p.get<Rate>(Key::hpf_interest_carried_over_rate, first, t);
    const Rate& current_rate = p.get<Rate>(Key::hpf_interest_current_year_rate, first, t);
    Money carried = in.opening_balance, current;
    for (const auto& x : mv) {
      if (!(x.date < first)) break;
      if (x.amount.is_positive()) {
        current += x.amount;
      } else {
        // Withdrawals reduce carried-over funds first, then the year's deposits.
        Money w = -x.amount;
        const Money from_carried = min(w, max(carried, Money()));
        carried -= from_carried;
        current -= (w - from_carried);
      }
    }
    sum += ((carried * carried_rate) + (current * current_rate)).divided_by(12);
  }
  return sum;
}

}  // namespace

InterestResult compute_interest(const policy::Policy& p, policy::Trace* t, const InterestInput& in) {
  const Date start = interest_year_start(in.year);
  const Date end_exclusive = interest_year_end(in.year) + 1;
  const Date stop = in.stop ? std::min(*in.stop, end_exclusive) : end_exclusive;
  std::vector<Movement> mv = in.movements;
  std::stable_sort(mv.begin(), mv.end(), [](const Movement& a, const Movement& b) { return a.date < b.date; });

  InterestResult r;
  // The method and the rounding in force at the end of the period settled.
  const Date rule_day = stop - 1 < start ? start : stop - 1;
  r.method = in.method ? *in.method : p.get<std::string>(Key::hpf_interest_method, rule_day, t);
  r.rounding = p.get<Rounding>(Key::hpf_interest_rounding, rule_day, t);
  if (stop <= start) r.exact = Exact();
  else if (r.method == "monthly") r.exact = monthly(p, t, in, mv, start, stop);
  else if (r.method == "daily") r.exact = daily(p, t, in, mv, start, stop);
  else if (r.method == "two_rate") r.exact = two_rate(p, t, in, mv, start, stop);
  else throw std::invalid_argument("unknown interest method " + r.method);
  r.interest = round(r.exact, r.rounding);
  Money moved;
  for (const auto& x : mv) moved += x.amount;
  r.closing_balance = in.opening_balance + moved + r.interest;
  return r;
}

}  // namespace pvd::hpf
