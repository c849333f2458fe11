// The rules of institutions' wages (issue 18; src/si/rules/wage_items.cpp, wage_period.cpp)
// and where the items are kept (src/si/wage_items.cpp, src/si/apply.cpp).
#include <gtest/gtest.h>

#include "si/apply.hpp"
#include "si/rules/wage_rules.hpp"
#include "si/wage_items.hpp"

using pvd::Money;
using pvd::Violations;
using pvd::YearMonth;
using pvd::state::UnitKind;
using pvd::state::WageItem;

namespace {

std::vector<std::string> codes(const Violations& v) {
  std::vector<std::string> out;
  for (const auto& x : v.list()) out.push_back(x.code);
  return out;
}

std::vector<std::string> fields(const Violations& v) {
  std::vector<std::string> out;
  for (const auto& x : v.list()) out.push_back(x.field);
  return out;
}

const std::vector<WageItem> kItems = {{"岗位工资", Money::yuan(3000)}, {"薪级工资", Money::yuan(1500)}, {"津贴", Money()}};

}  // namespace

TEST(InstitutionWages, TheWageIsTheItemsSum) {
  Violations v;
  const auto wage = pvd::si::check_stated_wage(v, UnitKind::institution, {.wage = std::nullopt, .items = kItems}, "args.");
  EXPECT_TRUE(v.empty());  // a zero item is allowed
  EXPECT_EQ(wage, Money::yuan(4500));
  Violations same;
  EXPECT_EQ(pvd::si::check_stated_wage(same, UnitKind::institution, {.wage = Money::yuan(4500), .items = kItems}, "args."),
            Money::yuan(4500));
  EXPECT_TRUE(same.empty());
}

TEST(InstitutionWages, AWageBesideTheItemsMustBeTheirSum) {
  Violations v;
  pvd::si::check_stated_wage(v, UnitKind::institution, {.wage = Money::yuan(4600), .items = kItems}, "args.rows[2].");
  EXPECT_EQ(codes(v), std::vector<std::string>{"SI_WAGE_ITEMS_SUM_MISMATCH"});
  EXPECT_EQ(fields(v), std::vector<std::string>{"args.rows[2].wage"});
}

TEST(InstitutionWages, AnInstitutionEntersItems) {
  Violations none, empty;
  pvd::si::check_stated_wage(none, UnitKind::institution, {.wage = Money::yuan(5000), .items = std::nullopt}, "args.");
  pvd::si::check_stated_wage(empty, UnitKind::institution, {.wage = std::nullopt, .items = std::vector<WageItem>{}}, "args.");
  EXPECT_EQ(codes(none), std::vector<std::string>{"SI_WAGE_ITEMS_REQUIRED"});
  EXPECT_EQ(codes(empty), std::vector<std::string>{"SI_WAGE_ITEMS_REQUIRED"});
  EXPECT_EQ(fields(none), std::vector<std::string>{"args.wage_items"});
}

TEST(InstitutionWages, AnEnterpriseStatesOneWage) {
  Violations items, single, missing, zero;
  pvd::si::check_stated_wage(items, UnitKind::enterprise, {.wage = Money::yuan(4500), .items = kItems}, "args.");
  EXPECT_EQ(pvd::si::check_stated_wage(single, UnitKind::enterprise, {.wage = Money::yuan(4500)}, "args."), Money::yuan(4500));
  EXPECT_EQ(pvd::si::check_stated_wage(missing, UnitKind::enterprise, {}, "args."), std::nullopt);
  pvd::si::check_stated_wage(zero, UnitKind::enterprise, {.wage = Money()}, "args.");
  EXPECT_EQ(codes(items), std::vector<std::string>{"SI_NOT_INSTITUTION"});
  EXPECT_TRUE(single.empty());
  EXPECT_TRUE(missing.empty());  // the handler's REQ_MISSING_FIELD
  EXPECT_EQ(codes(zero), std::vector<std::string>{"AMOUNT_NOT_POSITIVE"});
}

TEST(InstitutionWages, ItemsAreNamedOnceAndNotNegative) {
  const std::vector<WageItem> bad = {{" ", Money::yuan(1)}, {"津贴", Money::yuan(2)}, {"津贴", Money::fen(-1)}};
  Violations v;
  pvd::si::check_wage_items(v, bad, "args.wage_items");
  EXPECT_EQ(codes(v), (std::vector<std::string>{"SI_WAGE_ITEM_NAME_REQUIRED", "SI_WAGE_ITEM_DUPLICATE", "SI_WAGE_ITEM_NEGATIVE"}));
  EXPECT_EQ(fields(v), (std::vector<std::string>{"args.wage_items[0].name", "args.wage_items[2].name", "args.wage_items[2].amount"}));
}

TEST(InstitutionWages, AllZeroItemsAreNotAWage) {
  Violations v;
  pvd::si::check_stated_wage(v, UnitKind::institution, {.items = std::vector<WageItem>{{"津贴", Money()}}}, "args.");
  EXPECT_EQ(codes(v), std::vector<std::string>{"AMOUNT_NOT_POSITIVE"});
}

TEST(InstitutionWages, MonthlyDeclarationIsAnInstitutionsForAnUnsettledMonth) {
  pvd::state::Unit unit;
  unit.kind = UnitKind::institution;
  unit.settlement_period = YearMonth::of(2025, 4);
  Violations before, at, after, enterprise;
  pvd::si::check_wage_period_open(before, unit, YearMonth::of(2025, 3), "args.period");
  pvd::si::check_wage_period_open(at, unit, YearMonth::of(2025, 4), "args.period");
  pvd::si::check_wage_period_open(after, unit, YearMonth::of(2025, 6), "args.period");
  EXPECT_EQ(codes(before), std::vector<std::string>{"SI_WAGE_PERIOD_SETTLED"});
  EXPECT_TRUE(at.empty());
  EXPECT_TRUE(after.empty());
  pvd::si::check_institution(at, unit, "args.unit_code");
  EXPECT_TRUE(at.empty());
  unit.kind = UnitKind::enterprise;
  pvd::si::check_institution(enterprise, unit, "args.unit_code");
  EXPECT_EQ(codes(enterprise), std::vector<std::string>{"SI_NOT_INSTITUTION"});
}

TEST(InstitutionWages, ADeclaredMonthSplitsTheRecordAndKeepsEachItems) {
  pvd::state::Person p;
  p.enrollments.push_back({.unit_code = "U1", .type = "pension", .from = pvd::Date::of(2025, 3, 1), .base = Money::yuan(4500),
                           .wage_items = kItems});
  const std::vector<WageItem> april = {{"岗位工资", Money::yuan(3000)}, {"薪级工资", Money::yuan(2000)}};
  pvd::si::apply_declared_base(p, "U1", "pension", YearMonth::of(2025, 4), Money::yuan(5000));
  pvd::si::set_wage_items(p, "U1", "pension", YearMonth::of(2025, 4), april);
  ASSERT_EQ(p.enrollments.size(), 2u);
  EXPECT_EQ(p.enrollments[0].to, pvd::Date::of(2025, 3, 31));
  EXPECT_EQ(p.enrollments[0].wage_items.size(), 3u);  // March keeps its items
  EXPECT_EQ(p.enrollments[1].base, Money::yuan(5000));
  EXPECT_EQ(p.enrollments[1].wage_items.size(), 2u);
  // A yearly declaration from March re-bases both records with one wage: their items go.
  pvd::si::apply_declared_base(p, "U1", "pension", YearMonth::of(2025, 3), Money::yuan(6000));
  EXPECT_TRUE(p.enrollments[0].wage_items.empty());
  EXPECT_TRUE(p.enrollments[1].wage_items.empty());
}
