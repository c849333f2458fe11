// Rule: which unit owes the month of a move between units
// Source: 004 §2.1.1; decision
// Codes: -
// Policy: si.transfer_month_owner
//
// 004 §2.1.1 第一步 names 单位间转移 only as a kind of enrollment: neither the stop at the old
// unit (the day before the new enrollment is a decision, rules.md §4) nor who owes that month.
// Decision (si.transfer_month_owner): when enrollments of a type at several units cover a day of
// month m, one unit owes it — `new`: the unit whose cover of m ends last (an open enrollment
// last; then the later start, then the unit code); `old`: the unit whose cover of m starts first
// (ties: the unit code). The value is a dated policy value (national default provisional,
// policies/national.toml), read on day 1 of m under the profile of the new unit, where the move
// was recorded, so that both units read the same answer.
// Decision: a unit that can no longer bill m (it settled m without it, e.g. an enrollment whose
// back-pay flag was "no") is passed over while another covering unit can, so that the month is
// owed once, not never.
#include <algorithm>

#include "si/rules/rules.hpp"

namespace pvd::si {

std::optional<std::string> owing_unit(const PolicyOfUnit& policy_of, policy::Trace* t, const state::Person& p,
                                      std::string_view type, YearMonth m, const CanBill& can_bill) {
  // Per unit: the first day and the last day (nullopt = open) its records of `type` cover in m.
  struct Cover {
    std::string unit;
    Date start;
    std::optional<Date> end;
  };
  std::vector<Cover> covers;
  for (const auto& e : p.enrollments) {
    // issue 18: a flexible worker's insurance (unit_code "") owes no month as a unit does: a
    // month is flexible only when verified (ChargeIndex), so a unit covering it owes it otherwise.
    if (e.type != type || !covers_month(e, m) || e.unit_code.empty()) continue;
    auto it = std::find_if(covers.begin(), covers.end(), [&](const Cover& c) { return c.unit == e.unit_code; });
    if (it == covers.end()) {
      covers.push_back({e.unit_code, e.from, e.to});
      continue;
    }
    if (e.from < it->start) it->start = e.from;
    if (!e.to || (it->end && *it->end < *e.to)) it->end = e.to;
  }
  if (covers.empty()) return std::nullopt;
  // Decision: a unit that can no longer bill m is passed over while another can (owed once, not never).
  if (can_bill && covers.size() > 1) {
    std::vector<Cover> able;
    for (const auto& c : covers)
      if (can_bill(c.unit, type, m)) able.push_back(c);
    if (!able.empty()) covers = std::move(able);
  }
  if (covers.size() == 1) return covers.front().unit;
  // The new unit: cover ending last (open last), then starting last, then the unit code.
  auto later_end = [](const Cover& x, const Cover& y) {
    if (x.end.has_value() != y.end.has_value()) return !x.end.has_value();
    if (x.end && *x.end != *y.end) return *y.end < *x.end;
    if (x.start != y.start) return y.start < x.start;
    return x.unit < y.unit;
  };
  const Cover& newest = *std::min_element(covers.begin(), covers.end(), later_end);
  const auto& owner = policy_of(newest.unit).get<std::string>(policy::Key::si_transfer_month_owner, m.first_day(), t);
  if (owner != "old") return newest.unit;
  // The old unit: cover starting first, then the unit code.
  return std::min_element(covers.begin(), covers.end(), [](const Cover& x, const Cover& y) {
           return x.start != y.start ? x.start < y.start : x.unit < y.unit;
         })->unit;
}

}  // namespace pvd::si
