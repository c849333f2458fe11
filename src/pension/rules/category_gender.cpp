// Rule: the retirement category matches the gender the ID number gives
// Source: decision
// Codes: PENSION_CATEGORY_MISMATCH
// Policy: -
//
// The categories of the 2024 Decision are a man's (M60: originally 60) and a woman's (F55:
// cadres, originally 55; F50: workers, originally 50). Decision: the category names the gender,
// so a category that contradicts the ID number's sequence digit (odd: male) is refused.
#include "pension/rules/rules.hpp"
#include "provident/rules/codes.hpp"

namespace pvd::pension {

void check_category_gender(Violations& v, bool id_female, Category c) {
  if (id_female != is_female(c)) v.add(code::PENSION_CATEGORY_MISMATCH, "args.category");
}

}  // namespace pvd::pension
