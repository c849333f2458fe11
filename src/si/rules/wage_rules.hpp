// The rules of institutions' wages (issue 18; 004 §2.1.1 重点项目说明 (3), §2.3.2
// 机关事业月度工资申报): the itemised wage an organ or public institution enters at
// enrollment and in its monthly declaration. Each rule is a pure function that
// appends violations under the field it is given; the handlers (src/si/ops_enroll.cpp,
// src/si/ops_wages_monthly.cpp) call every rule that applies.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "provident/rules/violation.hpp"
#include "state/entities.hpp"

namespace pvd::si {

// wage_items.cpp
/// The wage a request states: `wage`, `wage_items`, either or both (absent: nullopt).
struct StatedWage {
  std::optional<Money> wage;
  std::optional<std::vector<state::WageItem>> items;
};
/// 004 §2.1.1 (3) and decision: every item is named (SI_WAGE_ITEM_NAME_REQUIRED), once
/// (SI_WAGE_ITEM_DUPLICATE), and not negative (SI_WAGE_ITEM_NEGATIVE); `field` is the list's.
void check_wage_items(Violations& v, const std::vector<state::WageItem>& items, const std::string& field);
/// The items' sum.
Money wage_items_sum(const std::vector<state::WageItem>& items);
/// 004 §2.1.1 (3) and decision: an institution enters its wage by items (SI_WAGE_ITEMS_REQUIRED),
/// an enterprise does not (SI_NOT_INSTITUTION); a wage given with items equals their sum
/// (SI_WAGE_ITEMS_SUM_MISMATCH); the wage is positive (AMOUNT_NOT_POSITIVE). `prefix` is the
/// fields' ("args." or "args.rows[i]."). The wage the base is derived from: the items' sum, or
/// the single wage; nullopt when an enterprise states none (the caller's REQ_MISSING_FIELD).
std::optional<Money> check_stated_wage(Violations& v, state::UnitKind kind, const StatedWage& w, const std::string& prefix);

// wage_period.cpp
/// 004 §2.3.2 and decision: a monthly wage declaration is made by an institution (SI_NOT_INSTITUTION).
void check_institution(Violations& v, const state::Unit& u, const std::string& field);
/// 004 §2.3.2 and decision: its month is not already settled, i.e. not before the unit's
/// settlement period (SI_WAGE_PERIOD_SETTLED).
void check_wage_period_open(Violations& v, const state::Unit& u, YearMonth period, const std::string& field);

}  // namespace pvd::si
