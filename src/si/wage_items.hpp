// Institutions' itemised wages (issue 18; 004 §2.1.1 (3), §2.3.2): reading the stated
// wage of a request or a row, recording the items on the enrollments whose base they
// set, and their JSON. The rules are in src/si/rules/wage_items.cpp.
#pragma once

#include <string>
#include <vector>

#include "protocol/registry.hpp"
#include "si/rules/wage_rules.hpp"

namespace pvd::si {

/// At most this many items in one itemised wage; REQ_BAD_VALUE past it. Decision: 004 §2.1.1 (3)
/// sets no maximum; 50 bounds the request (protocol.md §1.5, si.enroll at an institution).
inline constexpr std::size_t kMaxWageItems = 50;

/// `wage` and `wage_items` [{name, amount}] of a request or a batch row, each optional.
StatedWage read_stated_wage(protocol::ArgReader& a);

/// Sets `items` on the person's enrollments at (unit, type) that begin on or after the first
/// day of `from` — those a declared base from `from` re-based (apply_declared_base).
void set_wage_items(state::Person& p, const std::string& unit, const std::string& type, YearMonth from,
                    const std::vector<state::WageItem>& items);

/// [{name, amount}].
protocol::ojson wage_items_json(const std::vector<state::WageItem>& items);

}  // namespace pvd::si
