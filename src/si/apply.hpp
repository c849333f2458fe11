// What the SI operations change in the records, once their rules pass: the
// "apply" step of the handlers (src/si/ops_*.cpp). Each changes the entity it
// is given (the handler has taken it with world.edit) and decides nothing.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "state/entities.hpp"
#include "state/world.hpp"

namespace pvd::si {

/// Ends the person's enrollments at (unit, type) on `stop` (the last insured
/// day): open records get to = stop; records of the same stint starting after
/// `stop` (a declared base not yet in force) are dropped; declared records of
/// months after the stop's month, not yet billed, are dropped (never charged).
/// The last change date at the unit becomes `stop`.
void apply_stop(state::Person& p, std::string_view unit, std::span<const std::string> types, Date stop);
/// Records a change at `unit` effective `on`: the person's last change date
/// there becomes `on` unless a later one is recorded (rules.md §4: the latest).
void note_change(state::Person& p, std::string_view unit, Date on);

/// The pension enrollments a retirement ends: (unit, last insured day).
struct RetirementStop {
  std::string unit_code;
  Date stop;
};
/// Retires the person from `from`: every pension enrollment reaching into `from`
/// ends on the day before its first day (apply_stop: later records and declared,
/// unbilled months from `from` on are dropped), and retired_from = from.
std::vector<RetirementStop> apply_retirement(state::Person& p, YearMonth from);

/// The declared base takes effect from `from` at (unit, type): the open record
/// starting before `from` is split there; records starting on or after it take
/// the new base (a later declaration wins from its month on: decision).
void apply_declared_base(state::Person& p, const std::string& unit, const std::string& type, YearMonth from, Money base);

/// issue 18: ends the person's open flexible enrollments of `types` (unit_code "",
/// si/rules/flexible_rules.hpp) with the month `last`: to = its last day; one that
/// would begin after `last` is dropped. The types ended, in the order given.
std::vector<std::string> apply_flex_end(state::Person& p, std::span<const std::string> types, YearMonth last);

/// Counts a change made at the unit since its last settlement (004 《无变动结算》).
void count_change(state::World& w, const state::Unit& u);

}  // namespace pvd::si
