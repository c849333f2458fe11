#include "si/billing.hpp"

#include <algorithm>
#include <memory>

#include "si/contribution.hpp"
#include "si/late_fee.hpp"
#include "si/rules/rules.hpp"

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
    // issue 18: a flexible worker's insurance (unit_code "") is no unit a transfer moves from.
    if (e.type == type && !e.to && e.unit_code != except && !e.unit_code.empty() &&
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
    if (b->kind == state::BillKind::flex && b->status != state::BillStatus::withdrawn)
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

// ------------------------------------------------------------------ arrears

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
