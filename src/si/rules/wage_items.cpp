// Rule: an organ or public institution enters the wage by items, whose sum is the wage
// Source: 004 §2.1.1 重点项目说明 (3); 004 §2.3.2; decision
// Codes: SI_WAGE_ITEMS_REQUIRED, SI_NOT_INSTITUTION, SI_WAGE_ITEM_NAME_REQUIRED, SI_WAGE_ITEM_DUPLICATE, SI_WAGE_ITEM_NEGATIVE, SI_WAGE_ITEMS_SUM_MISMATCH, AMOUNT_NOT_POSITIVE
// Policy: -
//
// 004 §2.1.1 重点项目说明 (3): 「机关单位需要录入分项工资，单击工资时会弹出如下窗口进行录入」 — an
// organ or institution (unit kind `institution`) enters the wage of an enrollment by items, in a
// window the manual shows only as an image. Decisions: the items' names are free text (the
// manual names none; a gap, rules.md §4), each named once and not negative; the wage is their
// sum — a `wage` given beside them must equal it — and positive (wage_positive.cpp); an
// institution without items is refused (the manual says it must enter them); an enterprise's
// screen has no items, so items from an enterprise are refused. The same holds for the rows of
// the monthly declaration (§2.3.2, a heading without text).
#include <set>

#include "provident/id/identifiers.hpp"
#include "provident/rules/codes.hpp"
#include "si/rules/rules.hpp"
#include "si/rules/wage_rules.hpp"

namespace pvd::si {

void check_wage_items(Violations& v, const std::vector<state::WageItem>& items, const std::string& field) {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string at = field + "[" + std::to_string(i) + "].";
    const auto& item = items[i];
    // Each item named, once.
    if (id::name_is_blank(item.name))
      v.add(code::SI_WAGE_ITEM_NAME_REQUIRED, at + "name", {{"item_no", std::to_string(i + 1)}});
    else if (!seen.insert(item.name).second)
      v.add(code::SI_WAGE_ITEM_DUPLICATE, at + "name", {{"name", item.name}});
    // An item may be zero (a part not paid this month), never negative.
    if (item.amount.is_negative()) v.add(code::SI_WAGE_ITEM_NEGATIVE, at + "amount", {{"name", item.name}});
  }
}

Money wage_items_sum(const std::vector<state::WageItem>& items) {
  Money sum;
  for (const auto& item : items) sum += item.amount;
  return sum;
}

std::optional<Money> check_stated_wage(Violations& v, state::UnitKind kind, const StatedWage& w, const std::string& prefix) {
  const std::string items_field = prefix + "wage_items";
  const bool institution = kind == state::UnitKind::institution;
  // 「机关单位需要录入分项工资」: an institution's items; none from an enterprise.
  if (institution && (!w.items || w.items->empty())) {
    v.add(code::SI_WAGE_ITEMS_REQUIRED, items_field);
    return std::nullopt;
  }
  if (!institution) {
    if (w.items) v.add(code::SI_NOT_INSTITUTION, items_field);
    if (w.wage) check_wage_positive(v, *w.wage, prefix + "wage");
    return w.wage;
  }
  check_wage_items(v, *w.items, items_field);
  const Money sum = wage_items_sum(*w.items);
  // A wage given beside the items is their sum.
  if (w.wage && *w.wage != sum)
    v.add(code::SI_WAGE_ITEMS_SUM_MISMATCH, prefix + "wage", {{"wage", w.wage->to_string()}, {"sum", sum.to_string()}});
  check_wage_positive(v, sum, items_field);
  return sum;
}

}  // namespace pvd::si
