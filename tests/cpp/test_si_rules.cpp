// The SI and pension rule functions on their own (src/si/rules/,
// src/si/billing.hpp, src/pension/rules/): classification, the back-pay
// flag, billed months, arrears and the promotion ranges.
#include <gtest/gtest.h>

#include "pension/claim.hpp"
#include "provident/policy/loader.hpp"
#include "si/apply.hpp"
#include "si/billing.hpp"
#include "si/rules/rules.hpp"

using pvd::Date;
using pvd::YearMonth;
using pvd::si::Classification;

namespace {

pvd::state::Enrollment en(const char* unit, const char* type, Date from, std::optional<Date> to = std::nullopt) {
  return {unit, type, from, to, pvd::Money::yuan(5000), false};
}

pvd::state::Contribution paid(const char* unit, const char* type, YearMonth m, bool is_paid) {
  return {unit, type, m, pvd::Money::yuan(5000), pvd::Money::yuan(800), pvd::Money::yuan(400), std::nullopt, is_paid};
}

const std::vector<std::string> kPension = {"pension"};

}  // namespace

TEST(SiRules, ClassificationOrder) {
  using pvd::si::classify;
  EXPECT_EQ(classify(nullptr, "U1", kPension), Classification::new_registration);
  pvd::state::Person p;
  p.id_number = "X";
  EXPECT_EQ(classify(&p, "U1", kPension), Classification::new_enrollment);
  p.enrollments = {en("U2", "medical", Date::of(2024, 1, 1))};
  EXPECT_EQ(classify(&p, "U1", kPension), Classification::new_enrollment);  // active elsewhere, another type
  p.enrollments = {en("U2", "pension", Date::of(2020, 1, 1), Date::of(2023, 5, 31))};
  EXPECT_EQ(classify(&p, "U1", kPension), Classification::continuation);
  p.enrollments.push_back(en("U1", "medical", Date::of(2024, 1, 1)));
  EXPECT_EQ(classify(&p, "U1", kPension), Classification::add_type);  // active here beats insured before
  p.enrollments.push_back(en("U3", "pension", Date::of(2024, 1, 1)));
  EXPECT_EQ(classify(&p, "U1", kPension), Classification::transfer);  // active elsewhere for the type beats all
}

TEST(SiRules, BackPayFlagAndMonths) {
  using pvd::si::back_pay_months;
  using pvd::si::default_back_pay;
  EXPECT_TRUE(default_back_pay(YearMonth::of(2025, 2), YearMonth::of(2025, 3)));
  EXPECT_FALSE(default_back_pay(YearMonth::of(2025, 3), YearMonth::of(2025, 3)));
  EXPECT_FALSE(default_back_pay(YearMonth::of(2025, 4), YearMonth::of(2025, 3)));
  EXPECT_EQ(back_pay_months(YearMonth::of(2024, 11), YearMonth::of(2025, 2), true),
            (std::vector<YearMonth>{YearMonth::of(2024, 11), YearMonth::of(2024, 12), YearMonth::of(2025, 1)}));
  EXPECT_TRUE(back_pay_months(YearMonth::of(2024, 11), YearMonth::of(2025, 2), false).empty());

  pvd::Violations v;
  const std::vector<std::string> two = {"pension", "medical"};
  EXPECT_EQ(pvd::si::resolve_back_pay(v, {}, two, true, "args.back_pay"), true);
  EXPECT_EQ(pvd::si::resolve_back_pay(v, {{"pension", false}, {"medical", false}}, two, true, "args.back_pay"), false);
  EXPECT_TRUE(v.empty());
  EXPECT_EQ(pvd::si::resolve_back_pay(v, {{"pension", false}}, two, true, "args.back_pay"), std::nullopt);
  EXPECT_TRUE(v.has(pvd::code::SI_BACK_PAY_FLAG_INCONSISTENT));
}

TEST(SiRules, BilledWhenEnrolledOnAnyDayOfTheMonth) {
  using pvd::si::covers_month;
  const auto e = en("U1", "pension", Date::of(2025, 3, 31), Date::of(2025, 5, 1));
  EXPECT_FALSE(covers_month(e, YearMonth::of(2025, 2)));
  EXPECT_TRUE(covers_month(e, YearMonth::of(2025, 3)));  // enrolled on its last day
  EXPECT_TRUE(covers_month(e, YearMonth::of(2025, 5)));  // stopped on 1 May: not before day 1
  EXPECT_FALSE(covers_month(e, YearMonth::of(2025, 6)));
  EXPECT_TRUE(covers_month(en("U1", "pension", Date::of(2020, 1, 1)), YearMonth::of(2099, 12)));
}

TEST(SiRules, ArrearsAreOverdueUnpaidBilledMonths) {
  auto pol = pvd::policy::load_profile("national");  // month M due on the 15th of M + 1
  pvd::state::Facts f;
  pvd::state::Unit u;
  u.unit_code = "U1";
  u.scheme = pvd::state::Scheme::si;
  u.kind = pvd::state::UnitKind::enterprise;
  u.settlement_period = YearMonth::of(2025, 3);
  f.units.push_back(u);
  pvd::state::Person p;
  p.id_number = "X";
  p.enrollments = {en("U1", "pension", Date::of(2024, 12, 1)), en("U9", "pension", Date::of(2020, 1, 1), Date::of(2020, 1, 31))};
  p.contributions = {paid("U1", "pension", YearMonth::of(2024, 12), true), paid("U1", "pension", YearMonth::of(2025, 1), false),
                     paid("U9", "pension", YearMonth::of(2020, 1), false)};
  f.persons.push_back(p);
  pvd::state::World w(std::move(f));
  const pvd::state::Person& x = *w.person("X");
  // (a) January, due 2025-02-15, unpaid; U9's old record too (the unit is unknown to this World).
  auto all = pvd::si::arrears(*pol, nullptr, w, x, std::nullopt, Date::of(2025, 2, 16));
  ASSERT_EQ(all.size(), 2u);
  auto at_u1 = pvd::si::arrears(*pol, nullptr, w, x, std::string_view("U1"), Date::of(2025, 2, 16));
  ASSERT_EQ(at_u1.size(), 1u);
  EXPECT_EQ(at_u1[0].month, YearMonth::of(2025, 1));
  EXPECT_TRUE(at_u1[0].recorded);
  EXPECT_TRUE(pvd::si::arrears(*pol, nullptr, w, x, std::string_view("U1"), Date::of(2025, 2, 15)).empty());
  // February has no record and is before the settlement period: not billed, not arrears.
  // (b) March (the settlement period, not yet settled) is overdue from 2025-04-16.
  auto later = pvd::si::arrears(*pol, nullptr, w, x, std::string_view("U1"), Date::of(2025, 4, 16));
  ASSERT_EQ(later.size(), 2u);
  EXPECT_EQ(later[1].month, YearMonth::of(2025, 3));
  EXPECT_FALSE(later[1].recorded);
}

// Issue 12: the month of a move is owed by one unit (si.transfer_month_owner), read under the
// new unit's profile; a month charged elsewhere is never owed again; a retired person's pension
// months are owed nowhere.
TEST(SiRules, OneUnitOwesTheMonthOfAMove) {
  auto national = pvd::policy::load_profile("national");  // "new", provisional
  auto old_unit = pvd::policy::apply_overlay(
      national, "[[si.transfer_month_owner]]\nfrom = 2019-05-01\nvalue = \"old\"\nsource = \"test\"\nverified = false\n");
  pvd::state::Person p;
  p.id_number = "X";
  p.enrollments = {en("U1", "pension", Date::of(2025, 1, 2), Date::of(2025, 3, 2)), en("U2", "pension", Date::of(2025, 3, 3)),
                   en("U1", "medical", Date::of(2025, 1, 2))};
  auto all = [](const pvd::policy::PolicyPtr& pol) -> pvd::si::PolicyOfUnit {
    return [pol](std::string_view) -> const pvd::policy::Policy& { return *pol; };
  };
  using pvd::si::owing_unit;
  EXPECT_EQ(owing_unit(all(national), nullptr, p, "pension", YearMonth::of(2025, 3)), "U2");
  EXPECT_EQ(owing_unit(all(old_unit), nullptr, p, "pension", YearMonth::of(2025, 3)), "U1");
  // Read under the new unit's profile: U2 (new) says old → U1, whatever U1's profile says.
  pvd::si::PolicyOfUnit mixed = [&](std::string_view u) -> const pvd::policy::Policy& { return u == "U2" ? *old_unit : *national; };
  EXPECT_EQ(owing_unit(mixed, nullptr, p, "pension", YearMonth::of(2025, 3)), "U1");
  // One unit covering the month owes it; none, nobody.
  EXPECT_EQ(owing_unit(all(old_unit), nullptr, p, "pension", YearMonth::of(2025, 2)), "U1");
  EXPECT_EQ(owing_unit(all(old_unit), nullptr, p, "pension", YearMonth::of(2025, 4)), "U2");
  EXPECT_EQ(owing_unit(all(national), nullptr, p, "pension", YearMonth::of(2024, 12)), std::nullopt);
  EXPECT_EQ(owing_unit(all(national), nullptr, p, "medical", YearMonth::of(2025, 3)), "U1");

  // A unit that can no longer bill the month (it settled March without it) is passed over.
  pvd::si::CanBill u2_settled = [](std::string_view u, std::string_view, YearMonth) { return u != "U2"; };
  EXPECT_EQ(owing_unit(all(national), nullptr, p, "pension", YearMonth::of(2025, 3), u2_settled), "U1");
  pvd::si::CanBill none_can = [](std::string_view, std::string_view, YearMonth) { return false; };
  EXPECT_EQ(owing_unit(all(national), nullptr, p, "pension", YearMonth::of(2025, 3), none_can), "U2");

  // not_owed_here: the transfer month at U1; charged elsewhere beats the owner; retirement beats both.
  p.contributions = {paid("U1", "pension", YearMonth::of(2025, 2), true)};
  const pvd::si::ChargeIndex none(p, {});
  auto why = pvd::si::not_owed_here(all(national), nullptr, p, none, "U1", "pension", YearMonth::of(2025, 3));
  ASSERT_TRUE(why);
  EXPECT_EQ(why->code, "SI_TRANSFER_MONTH_OTHER_UNIT");
  EXPECT_EQ(why->other, "U2");
  EXPECT_FALSE(pvd::si::not_owed_here(all(national), nullptr, p, none, "U2", "pension", YearMonth::of(2025, 3)));
  EXPECT_FALSE(pvd::si::not_owed_here(all(national), nullptr, p, none, "U1", "pension", YearMonth::of(2025, 3), false, u2_settled));
  // The asking unit counts as able to bill: U2 back-paying March owns it again.
  EXPECT_FALSE(pvd::si::not_owed_here(all(national), nullptr, p, none, "U2", "pension", YearMonth::of(2025, 3), false, u2_settled));
  const pvd::si::ChargeIndex flexible(p, {YearMonth::of(2025, 3)});
  why = pvd::si::not_owed_here(all(national), nullptr, p, flexible, "U2", "pension", YearMonth::of(2025, 3));
  ASSERT_TRUE(why);
  EXPECT_EQ(why->code, "SI_MONTH_CHARGED_ELSEWHERE");
  EXPECT_EQ(why->other, "");
  why = pvd::si::not_owed_here(all(national), nullptr, p, none, "U2", "pension", YearMonth::of(2025, 2));
  ASSERT_TRUE(why);
  EXPECT_EQ(why->code, "SI_MONTH_CHARGED_ELSEWHERE");
  EXPECT_EQ(why->other, "U1");
  p.retired_from = YearMonth::of(2025, 3);
  why = pvd::si::not_owed_here(all(national), nullptr, p, none, "U2", "pension", YearMonth::of(2025, 3));
  ASSERT_TRUE(why);
  EXPECT_EQ(why->code, "SI_RETIRED");
  EXPECT_FALSE(pvd::si::not_owed_here(all(national), nullptr, p, none, "U1", "medical", YearMonth::of(2025, 3)));
}

// Issue 12 (004 §2.1.2): a stop leaving billed or paid months outside the enrollment is refused,
// naming each run of months per type; a stop inside the last billed month is not.
TEST(SiRules, AStopCannotReachIntoBilledMonths) {
  pvd::state::Person p;
  p.id_number = "X";
  p.contributions = {paid("U1", "pension", YearMonth::of(2025, 1), true), paid("U1", "pension", YearMonth::of(2025, 2), true),
                     paid("U1", "pension", YearMonth::of(2025, 4), false), paid("U2", "pension", YearMonth::of(2025, 5), true)};
  p.contributions[2].bill_id = "B000009";  // billed, unpaid
  pvd::Violations v;
  pvd::si::check_stop_not_into_billed(v, p, "U1", kPension, Date::of(2025, 1, 20), "args.stop_date");
  ASSERT_EQ(v.list().size(), 2u);
  EXPECT_EQ(v.list()[0].message, "2025-02养老保险已结算或已缴费，停保时间不能早于该月份");
  EXPECT_EQ(v.list()[1].message, "2025-04养老保险已结算或已缴费，停保时间不能早于该月份");
  pvd::Violations ok;
  pvd::si::check_stop_not_into_billed(ok, p, "U1", kPension, Date::of(2025, 4, 1), "args.stop_date");
  EXPECT_TRUE(ok.empty());
  // A declared month not yet billed is dropped by the stop, never charged.
  p.contributions.push_back(paid("U1", "pension", YearMonth::of(2025, 6), false));
  pvd::si::apply_stop(p, "U1", kPension, Date::of(2025, 5, 31));
  EXPECT_EQ(p.contributions.size(), 4u);
}

TEST(PensionRules, PromotionRangesOpenRecordsEndBeforeTheNext) {
  using pvd::pension::Promotion;
  const Date ret = Date::of(2025, 2, 1);
  std::vector<Promotion> r = {{Date::of(2016, 3, 1), std::nullopt},
                              {Date::of(2015, 3, 1), std::nullopt},
                              {Date::of(2010, 1, 1), Date::of(2012, 5, 31)},
                              {Date::of(2015, 3, 1), std::nullopt}};
  auto ranges = pvd::pension::promotion_ranges(r, ret);
  EXPECT_EQ(ranges[0], (pvd::DatePeriod{Date::of(2016, 3, 1), ret}));                  // the last: to the retirement
  EXPECT_EQ(ranges[1], (pvd::DatePeriod{Date::of(2015, 3, 1), Date::of(2015, 3, 1)}));  // same start as the next: its own day
  EXPECT_EQ(ranges[2], (pvd::DatePeriod{Date::of(2010, 1, 1), Date::of(2012, 5, 31)}));
  EXPECT_EQ(ranges[3], (pvd::DatePeriod{Date::of(2015, 3, 1), Date::of(2016, 2, 29)}));  // leap day
  pvd::Violations v;
  auto overlaps = pvd::pension::check_promotion_overlaps(v, ranges);
  ASSERT_EQ(overlaps.pairs.size(), 1u);
  EXPECT_EQ(overlaps.pair_count, 1);
  EXPECT_EQ(overlaps.pairs[0].a, 1u);
  EXPECT_EQ(overlaps.pairs[0].b, 3u);
  ASSERT_EQ(overlaps.entries.size(), 1u);  // entry 4 starts after entry 2, which it overlaps
  EXPECT_EQ(overlaps.entries[0].index, 3u);
  EXPECT_EQ(overlaps.entries[0].others, std::vector<std::size_t>{1});
}

TEST(PensionRules, EarliestAllowedMonth) {
  pvd::pension::Retirement r;
  r.original_month = YearMonth::of(2030, 1);
  r.statutory_month = YearMonth::of(2031, 5);
  r.earliest_month = YearMonth::of(2030, 1);
  EXPECT_EQ(pvd::pension::earliest_allowed(r, true), YearMonth::of(2030, 1));
  EXPECT_EQ(pvd::pension::earliest_allowed(r, false), YearMonth::of(2031, 5));
}
