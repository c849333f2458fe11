// Issue 18, after the retirement and flexible SI workers: the rule functions of
// src/pension/rules/ (bank account, qualification) and src/si/rules/flexible_*.cpp
// on their own, and the flexible end the apply step makes.
#include <gtest/gtest.h>

#include "id/checks.hpp"
#include "pension/rules/after_retirement.hpp"
#include "provident/policy/loader.hpp"
#include "provident/rules/codes.hpp"
#include "si/apply.hpp"
#include "si/rules/flexible_rules.hpp"

using pvd::Date;
using pvd::YearMonth;

namespace {

pvd::state::Person retiree() {
  pvd::state::Person p;
  p.id_number = "360102196501151331";
  p.name = "吴国华";
  p.retired_from = YearMonth::of(2025, 2);
  return p;
}

pvd::state::Enrollment en(const char* unit, Date from, std::optional<Date> to = std::nullopt) {
  return {unit, "pension", from, to, pvd::Money::yuan(5000), false};
}

const std::vector<std::string> kPension = {"pension"};

}  // namespace

TEST(PensionAfterRetirement, OnlyARetiredPerson) {
  pvd::Violations v;
  pvd::state::Person at_work = retiree();
  at_work.retired_from.reset();
  EXPECT_FALSE(pvd::pension::check_retired(v, at_work, "待遇资格认证", "qualification", "args.id_number"));
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v.list()[0].message_en, "The person is not retired: no qualification");
  EXPECT_TRUE(pvd::pension::check_retired(v, retiree(), "x", "x", "args.id_number"));
}

TEST(PensionAfterRetirement, BankAccountOwnNameAndAChange) {
  const auto p = retiree();
  pvd::Violations v;
  pvd::pension::check_bank_own_name(v, p, "吴国华", "args.account_name");
  EXPECT_TRUE(v.empty());
  pvd::pension::check_bank_own_name(v, p, "吴国平", "args.account_name");
  EXPECT_TRUE(v.has(pvd::code::PENSION_BANK_NAME_MISMATCH));

  auto recorded = p;
  recorded.pension_bank = pvd::state::PensionBank{"ICBC", "吴国华", "6222020200112345679", Date::of(2025, 3, 5), {}};
  pvd::Violations same, other;
  pvd::pension::check_bank_changed(same, recorded, "ICBC", "6222020200112345679", "args.card_no");
  EXPECT_TRUE(same.has(pvd::code::PENSION_BANK_UNCHANGED));
  pvd::pension::check_bank_changed(other, recorded, "CCB", "6222020200112345679", "args.card_no");  // another bank
  EXPECT_TRUE(other.empty());

  auto pol = pvd::policy::load_profile("national");
  pvd::Violations card;
  pvd::id::check_card_number(card, *pol, nullptr, Date::of(2025, 3, 5), "6222020200112345678", "args.card_no");
  pvd::id::check_bank_code(card, *pol, nullptr, Date::of(2025, 3, 5), "XYZ", "args.bank");
  EXPECT_TRUE(card.has(pvd::code::CARD_INVALID));
  EXPECT_TRUE(card.has(pvd::code::BANK_UNKNOWN));
}

TEST(PensionAfterRetirement, QualifiedOnceACalendarYear) {
  auto p = retiree();
  EXPECT_FALSE(pvd::pension::qualified_in(p, 2025));
  p.qualifications = {{Date::of(2025, 12, 31), "in_person"}};
  EXPECT_TRUE(pvd::pension::qualified_in(p, 2025));
  EXPECT_FALSE(pvd::pension::qualified_in(p, 2026));  // the calendar year, not twelve months from the last one

  pvd::Violations v;
  pvd::pension::check_qualification(v, p, Date::of(2025, 6, 1), Date::of(2025, 12, 31), "args.date");
  EXPECT_TRUE(v.has(pvd::code::PENSION_ALREADY_QUALIFIED));
  pvd::Violations early;
  pvd::pension::check_qualification(early, p, Date::of(2025, 1, 31), Date::of(2026, 1, 2), "args.date");
  EXPECT_TRUE(early.has(pvd::code::PENSION_QUALIFY_BEFORE_RETIREMENT));
  pvd::Violations future;
  pvd::pension::check_qualification(future, p, Date::of(2026, 1, 3), Date::of(2026, 1, 2), "args.date");
  EXPECT_TRUE(future.has(pvd::code::PENSION_QUALIFY_DATE_IN_FUTURE));
  pvd::Violations ok;
  pvd::pension::check_qualification(ok, p, Date::of(2026, 1, 2), Date::of(2026, 1, 2), "args.date");
  EXPECT_TRUE(ok.empty());
}

TEST(SiFlexible, RegistrationRules) {
  pvd::state::Person p;
  p.id_number = "130402199003154422";
  p.enrollments = {en("1304030001", Date::of(2024, 1, 2), Date::of(2024, 12, 31))};
  pvd::Violations v;
  pvd::si::check_flex_not_at_unit(v, p, kPension, YearMonth::of(2025, 1), "args.from");
  EXPECT_TRUE(v.empty());  // stopped before the first flexible month
  pvd::si::check_flex_not_at_unit(v, p, kPension, YearMonth::of(2024, 12), "args.from");
  EXPECT_TRUE(v.has(pvd::code::SI_FLEX_ENROLLED_AT_UNIT));

  p.enrollments.push_back(en("", Date::of(2025, 1, 1), Date::of(2025, 2, 28)));
  pvd::Violations again, later;
  pvd::si::check_flex_not_registered(again, p, kPension, YearMonth::of(2025, 2), "args.from");
  EXPECT_TRUE(again.has(pvd::code::SI_FLEX_ALREADY_REGISTERED));
  pvd::si::check_flex_not_registered(later, p, kPension, YearMonth::of(2025, 3), "args.from");
  EXPECT_TRUE(later.empty());

  pvd::Violations early;
  pvd::si::check_flex_after_work_start(early, YearMonth::of(2025, 2), Date::of(2025, 3, 1), "args.from");
  EXPECT_TRUE(early.has(pvd::code::SI_FLEX_BEFORE_WORK_START));

  auto pol = pvd::policy::load_profile("national");
  pvd::Violations types;
  const std::vector<std::string> two = {"pension", "medical"};
  pvd::si::check_flex_types_allowed(types, *pol, nullptr, Date::of(2025, 1, 1), two, "args.types");
  ASSERT_EQ(types.size(), 1u);  // medical only (provisional national list)
  EXPECT_EQ(types.list()[0].message_en, "A flexible worker cannot be insured for medical insurance");
}

TEST(SiFlexible, VerifiedMonthsInsideTheRegistration) {
  pvd::state::Person p;
  pvd::Violations legacy;
  pvd::si::check_flex_months_registered(legacy, p, {YearMonth::of(2025, 1), YearMonth::of(2025, 3)}, "args.from");
  EXPECT_TRUE(legacy.empty());  // never registered: the earlier rules only
  p.enrollments = {en("", Date::of(2025, 2, 1), Date::of(2025, 2, 28))};
  pvd::Violations v;
  pvd::si::check_flex_months_registered(v, p, {YearMonth::of(2025, 1), YearMonth::of(2025, 3)}, "args.from");
  ASSERT_EQ(v.size(), 2u);  // January, March: one run each
}

TEST(SiFlexible, EndRulesAndTheMonthAUnitTakesOver) {
  using pvd::si::flex_end_for_enrollment;
  const std::set<YearMonth> none;
  const std::set<YearMonth> march = {YearMonth::of(2025, 2), YearMonth::of(2025, 3)};
  EXPECT_EQ(flex_end_for_enrollment(YearMonth::of(2025, 3), none), YearMonth::of(2025, 2));
  EXPECT_EQ(flex_end_for_enrollment(YearMonth::of(2025, 3), march), YearMonth::of(2025, 3));  // March stays flexible

  pvd::state::Person p;
  p.enrollments = {en("", Date::of(2025, 1, 1))};
  pvd::Violations v;
  pvd::si::check_flex_end_after_start(v, p, kPension, YearMonth::of(2024, 12), "args.to");
  pvd::si::check_flex_end_not_into_verified(v, march, YearMonth::of(2025, 1), "args.to");
  EXPECT_TRUE(v.has(pvd::code::SI_FLEX_END_BEFORE_START));
  EXPECT_TRUE(v.has(pvd::code::SI_FLEX_END_INTO_VERIFIED));

  EXPECT_EQ(pvd::si::apply_flex_end(p, kPension, YearMonth::of(2025, 4)), kPension);
  EXPECT_EQ(p.enrollments[0].to, Date::of(2025, 4, 30));
  pvd::Violations closed;
  pvd::si::check_flex_open(closed, p, kPension, "args.id_number");
  EXPECT_TRUE(closed.has(pvd::code::SI_FLEX_NOT_REGISTERED));

  p.enrollments = {en("", Date::of(2025, 5, 1))};  // a registration after the unit's enrollment month: dropped
  pvd::si::apply_flex_end(p, kPension, YearMonth::of(2025, 3));
  EXPECT_TRUE(p.enrollments.empty());
}
