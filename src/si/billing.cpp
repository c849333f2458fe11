#include "si/billing.hpp"

#include <algorithm>
#include <memory>

#include "si/contribution.hpp"
#include "si/late_fee.hpp"

namespace pvd::si {

using state::Contribution;
using state::Enrollment;
using state::Person;

bool covers_month(const Enrollment& e, YearMonth m) {
  return e.from <= m.last_day() && (!e.to || *e.to >= m.first_day());
}

bool active_at(const Person& p, std::string_view unit, std::string_view type) {
  for (const auto& e : p.enrollments)
    if (e.unit_code == unit && e.type == type && !e.to) return true;
  return false;
}

std::vector<std::string> active_types_at(const Person& p, std::string_view unit) {
  std::vector<std::string> out;
  for (auto t : kTypes)
    if (active_at(p, unit, t)) out.emplace_back(t);
  return out;
}

std::vector<std::string> enrolled_types_at(const Person& p, std::string_view unit) {
  std::vector<std::string> out;
  for (auto t : kTypes)
    for (const auto& e : p.enrollments)
      if (e.unit_code == unit && e.type == t) {
        out.emplace_back(t);
        break;
      }
  return out;
}

std::vector<std::string> active_units_for(const Person& p, std::string_view type, std::string_view except) {
  std::vector<std::string> out;
  for (const auto& e : p.enrollments)
    if (e.type == type && !e.to && e.unit_code != except &&
        std::find(out.begin(), out.end(), e.unit_code) == out.end())
      out.push_back(e.unit_code);
  return out;
}

bool insured_before(const Person& p, std::string_view type) {
  for (const auto& e : p.enrollments)
    if (e.type == type) return true;
  return false;
}

bool active_anywhere_at(const Person& p, std::string_view unit) {
  for (const auto& e : p.enrollments)
    if (e.unit_code == unit && !e.to) return true;
  return false;
}

const Enrollment* enrollment_for_month(const Person& p, std::string_view unit, std::string_view type, YearMonth m) {
  const Enrollment* best = nullptr;
  for (const auto& e : p.enrollments)
    if (e.unit_code == unit && e.type == type && covers_month(e, m) && (!best || best->from <= e.from)) best = &e;
  return best;
}

MonthSet enrolled_months(const Person& p, std::string_view unit, std::string_view type, YearMonth until) {
  std::vector<MonthPeriod> ranges;
  for (const auto& e : p.enrollments) {
    if (e.unit_code != unit || e.type != type) continue;
    ranges.push_back({e.from.year_month(), e.to ? e.to->year_month() : until});
  }
  return MonthSet::of(ranges);
}

namespace {
using Key = std::tuple<std::string_view, std::string_view, std::int32_t>;
}  // namespace

ContributionIndex::ContributionIndex(const Person& p) : person_(p) {
  keys_.reserve(p.contributions.size());
  for (std::size_t i = 0; i < p.contributions.size(); ++i) {
    const auto& c = p.contributions[i];
    keys_.emplace_back(c.unit_code, c.type, c.month.serial(), i);
  }
  std::sort(keys_.begin(), keys_.end());
}

const Contribution* ContributionIndex::find(std::string_view unit, std::string_view type, YearMonth m) const {
  auto it = std::lower_bound(keys_.begin(), keys_.end(), Key{unit, type, m.serial()}, [](const auto& k, const Key& x) {
    return Key{std::get<0>(k), std::get<1>(k), std::get<2>(k)} < x;
  });
  if (it == keys_.end() || std::get<0>(*it) != unit || std::get<1>(*it) != type || std::get<2>(*it) != m.serial())
    return nullptr;
  // Several records for one key (host facts): a paid one wins.
  const Contribution* found = &person_.contributions[std::get<3>(*it)];
  for (auto j = it; j != keys_.end() && std::get<0>(*j) == unit && std::get<1>(*j) == type && std::get<2>(*j) == m.serial(); ++j)
    if (person_.contributions[std::get<3>(*j)].paid) return &person_.contributions[std::get<3>(*j)];
  return found;
}

std::optional<std::size_t> contribution_index(const Person& p, std::string_view unit, std::string_view type, YearMonth m) {
  for (std::size_t i = 0; i < p.contributions.size(); ++i) {
    const auto& c = p.contributions[i];
    if (c.unit_code == unit && c.type == type && c.month == m) return i;
  }
  return std::nullopt;
}

// ------------------------------------------------------------------ one true history (issue 12)

std::set<YearMonth> flex_verified_months(state::World& w, std::string_view id_number) {
  return flex_verified_months(w.bills_of_person(id_number));
}

std::set<YearMonth> flex_verified_months(const std::vector<const state::Bill*>& bills) {
  std::set<YearMonth> out;
  for (const auto* b : bills)
    if (b->kind == "flex" && b->status != "withdrawn")
      for (const auto& i : b->items) out.insert(i.month);
  return out;
}

ChargeIndex::ChargeIndex(const Person& p, const std::set<YearMonth>& flex_months) {
  for (const auto& c : p.contributions)
    at_[{c.type, c.month.serial()}].push_back({c.unit_code, c.paid || c.bill_id.has_value() || c.unit_code.empty()});
  for (auto m : flex_months) at_[{"pension", m.serial()}].push_back({"", true});
}

std::optional<std::string> ChargeIndex::elsewhere(std::string_view unit, std::string_view type, YearMonth m,
                                                  bool settled_only) const {
  auto it = at_.find(std::pair<std::string, std::int32_t>{std::string(type), m.serial()});
  if (it == at_.end()) return std::nullopt;
  for (const auto& x : it->second)
    if (x.unit != unit && (x.settled || !settled_only)) return x.unit;
  return std::nullopt;
}

CanBill can_still_bill(state::World& w, const Person& p) {
  auto index = std::make_shared<ContributionIndex>(p);
  return [&w, index](std::string_view unit, std::string_view type, YearMonth m) {
    const state::Unit* u = w.unit(unit);
    if (!u || !u->settlement_period || !(m < *u->settlement_period)) return true;
    return index->find(unit, type, m) != nullptr;
  };
}

std::optional<std::string> owing_unit(const PolicyOfUnit& policy_of, policy::Trace* t, const Person& p,
                                      std::string_view type, YearMonth m, const CanBill& can_bill) {
  // Per unit: the first day and the last day (nullopt = open) its records of `type` cover in m.
  struct Cover {
    std::string unit;
    Date start;
    std::optional<Date> end;
  };
  std::vector<Cover> covers;
  for (const auto& e : p.enrollments) {
    if (e.type != type || !covers_month(e, m)) continue;
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

bool retired_in(const Person& p, std::string_view type, YearMonth m) {
  // 001 7.1. Decision: an approved claim retires the person from the retirement month — the first
  // month of the pension — so no pension contribution is owed for it or after it.
  return type == "pension" && p.retired_from && !(m < *p.retired_from);
}

std::optional<NotOwed> not_owed_here(const PolicyOfUnit& policy_of, policy::Trace* t, const Person& p,
                                     const ChargeIndex& charges, std::string_view unit, std::string_view type,
                                     YearMonth m, bool settled_only, const CanBill& can_bill) {
  if (retired_in(p, type, m)) return NotOwed{"SI_RETIRED", p.retired_from->to_string()};
  // Decision (issue 12): charged already elsewhere — the first charge stands, because a billed
  // or paid month can only move by a refund (a later issue's si.refund), never by billing it twice.
  if (auto other = charges.elsewhere(unit, type, m, settled_only)) return NotOwed{"SI_MONTH_CHARGED_ELSEWHERE", *other};
  // Decision (si.transfer_month_owner): the month of a move is owed by one unit; the seeds do not
  // say which, so it is a dated policy value (national default provisional, policies/national.toml).
  CanBill able;
  if (can_bill)
    able = [&](std::string_view u, std::string_view ty, YearMonth x) { return u == unit || can_bill(u, ty, x); };
  if (auto owner = owing_unit(policy_of, t, p, type, m, able); owner && *owner != unit)
    return NotOwed{"SI_TRANSFER_MONTH_OTHER_UNIT", *owner};
  return std::nullopt;
}

std::vector<ArrearsMonth> arrears(const policy::Policy& pol, policy::Trace* t, state::World& w, const Person& p,
                                  std::optional<std::string_view> unit, Date as_of) {
  return arrears([&](std::string_view) -> const policy::Policy& { return pol; }, t, w, p, unit, as_of);
}

std::vector<ArrearsMonth> arrears(const PolicyOfUnit& policy_of, policy::Trace* t, state::World& w, const Person& p,
                                  std::optional<std::string_view> unit, Date as_of) {
  std::vector<ArrearsMonth> out;
  // (a) billed and unpaid records whose due date has passed.
  for (const auto& c : p.contributions) {
    if (c.paid || (unit && c.unit_code != *unit)) continue;
    if (due_date(policy_of(c.unit_code), t, c.month) < as_of) out.push_back({c.unit_code, c.type, c.month, true});
  }
  // (b) months the unit has not settled yet, overdue without a record, that it owes.
  const ContributionIndex index(p);
  // Built on first need: most persons have no unsettled overdue month to ask about; the
  // flexible verifications (a look-up of the person's bills) only for a pension month.
  std::optional<ChargeIndex> charges, pension_charges;
  CanBill can_bill;
  std::set<std::tuple<std::string, std::string, std::int32_t>> seen;
  for (const auto& e : p.enrollments) {
    if (unit && e.unit_code != *unit) continue;
    const state::Unit* u = w.unit(e.unit_code);
    if (!u || !u->settlement_period) continue;
    YearMonth m = std::max(*u->settlement_period, e.from.year_month());
    const YearMonth last = as_of.year_month();  // due(M) ≥ day 1 of M, so later months are never overdue
    const policy::Policy& pol = policy_of(e.unit_code);
    for (; m <= last && (!e.to || m <= e.to->year_month()); ++m) {
      if (!(due_date(pol, t, m) < as_of)) break;
      if (index.find(e.unit_code, e.type, m)) continue;
      auto& c = e.type == "pension" ? pension_charges : charges;
      if (!c) c.emplace(p, e.type == "pension" ? flex_verified_months(w, p.id_number) : std::set<YearMonth>{});
      if (!can_bill) can_bill = can_still_bill(w, p);
      if (not_owed_here(policy_of, t, p, *c, e.unit_code, e.type, m, false, can_bill)) continue;
      if (seen.emplace(e.unit_code, e.type, m.serial()).second) out.push_back({e.unit_code, e.type, m, false});
    }
  }
  return out;
}

}  // namespace pvd::si
