#include "si/apply.hpp"

#include <algorithm>
#include <set>

namespace pvd::si {

void apply_stop(state::Person& p, std::string_view unit, std::span<const std::string> types, Date stop) {
  for (const auto& t : types) {
    auto& es = p.enrollments;
    es.erase(std::remove_if(es.begin(), es.end(),
                            [&](const state::Enrollment& e) {
                              return e.unit_code == unit && e.type == t && (!e.to || stop < *e.to) && stop < e.from;
                            }),
             es.end());
    for (auto& e : es)
      if (e.unit_code == unit && e.type == t && (!e.to || stop < *e.to)) e.to = stop;
    auto& cs = p.contributions;
    cs.erase(std::remove_if(cs.begin(), cs.end(),
                            [&](const state::Contribution& c) {
                              return c.unit_code == unit && c.type == t && stop.year_month() < c.month && !c.paid &&
                                     !c.bill_id;
                            }),
             cs.end());
  }
  note_change(p, unit, stop);
}

void note_change(state::Person& p, std::string_view unit, Date on) {
  // rules.md §4: the last change at a unit is the latest effective date of an
  // enrollment, stop or transfer there — a change dated earlier (a back-dated
  // enrollment, a retirement) never moves it back (found by the SI simulation).
  auto [it, fresh] = p.last_change_date.try_emplace(std::string(unit), on);
  if (!fresh && it->second < on) it->second = on;
}

std::vector<RetirementStop> apply_retirement(state::Person& p, YearMonth from) {
  const Date stop = from.first_day() - 1;
  std::set<std::string> units;
  for (const auto& e : p.enrollments)
    if (e.type == "pension" && (!e.to || stop < *e.to)) units.insert(e.unit_code);
  const std::string pension[1] = {"pension"};
  std::vector<RetirementStop> out;
  for (const auto& u : units) {
    // issue 18: a flexible worker's insurance (unit_code "") ends as si.flex.end ends it.
    if (u.empty())
      apply_flex_end(p, pension, from - 1);
    else
      apply_stop(p, u, pension, stop);
    out.push_back({u, stop});
  }
  p.retired_from = from;
  return out;
}

void apply_declared_base(state::Person& p, const std::string& unit, const std::string& type, YearMonth from, Money base) {
  const Date day1 = from.first_day();
  std::vector<state::Enrollment> added;
  for (auto& e : p.enrollments) {
    if (e.unit_code != unit || e.type != type) continue;
    if (!(e.from < day1) && (!e.to || !(*e.to < day1))) {
      e.base = base;
      e.wage_items.clear();  // issue 18: a base declared anew is no longer its old items' sum
    } else if (!e.to && e.from < day1) {
      added.push_back({.unit_code = unit, .type = type, .from = day1, .to = std::nullopt, .base = base, .back_pay = false});
      e.to = day1 - 1;
    }
  }
  for (auto& e : added) p.enrollments.push_back(std::move(e));
}

std::vector<std::string> apply_flex_end(state::Person& p, std::span<const std::string> types, YearMonth last) {
  std::vector<std::string> ended;
  auto& es = p.enrollments;
  for (const auto& t : types) {
    auto open = std::find_if(es.begin(), es.end(), [&](const state::Enrollment& e) {
      return e.unit_code.empty() && e.type == t && !e.to;
    });
    if (open == es.end()) continue;
    ended.push_back(t);
    if (last < open->from.year_month())
      es.erase(open);
    else
      open->to = last.last_day();
  }
  return ended;
}

void count_change(state::World& w, const state::Unit& u) {
  state::Unit& e = w.edit(u);
  e.changes_since_settlement += 1;
}

}  // namespace pvd::si
