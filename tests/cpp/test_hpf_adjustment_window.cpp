// The one month-window rule (src/hpf/rules/adjustment_window.cpp) and its two
// uses: the July rule of the flexible monthly deposit (hpf.flex.adjust.months
// and .per_year; 000 四, 002 三.6) and the employer's base-adjustment months
// (hpf.unit.adjust_base.months; 003 8).
#include <gtest/gtest.h>

#include <string>

#include "hpf/rules/adjustment_window.hpp"
#include "provident/policy/loader.hpp"

namespace {

using pvd::Date;
using pvd::LocalDateTime;
using pvd::Violations;
using pvd::hpf::rules::adjustment_window;
using pvd::hpf::rules::check_adjustment_open;
using pvd::hpf::rules::check_base_adjustment_open;
using pvd::hpf::rules::month_window_open;
using pvd::hpf::rules::months_param;
using pvd::policy::MonthList;

LocalDateTime at(int y, int m, int d) { return LocalDateTime::of(Date::of(y, m, d), 10, 0, 0); }

/// The national profile with `key` set to `value` from 2015.
pvd::policy::PolicyPtr with(const std::string& key, const std::string& value) {
  return pvd::policy::apply_overlay(pvd::policy::load_profile("national"),
                                    "[[" + key + "]]\nfrom = 2015-01-01\nvalue = " + value + "\nsource = \"test\"\nverified = false\n");
}

// ------------------------------------------------------------------ the month test

TEST(HpfAdjustmentWindow, AnEmptyListIsAnyMonth) {
  for (int m = 1; m <= 12; ++m) EXPECT_TRUE(month_window_open(MonthList{}, at(2026, m, 1))) << m;
}

TEST(HpfAdjustmentWindow, JulyOnly) {
  for (int m = 1; m <= 12; ++m) EXPECT_EQ(month_window_open(MonthList{7}, at(2026, m, 15)), m == 7) << m;
  EXPECT_TRUE(month_window_open(MonthList{7}, LocalDateTime::of(Date::of(2026, 7, 1), 0, 0, 0)));
  EXPECT_TRUE(month_window_open(MonthList{7}, LocalDateTime::of(Date::of(2026, 7, 31), 23, 59, 59)));
  EXPECT_FALSE(month_window_open(MonthList{7}, LocalDateTime::of(Date::of(2026, 8, 1), 0, 0, 0)));
}

TEST(HpfAdjustmentWindow, AListOfMonths) {
  const MonthList months{3, 7, 11};
  for (int m = 1; m <= 12; ++m) EXPECT_EQ(month_window_open(months, at(2027, m, 10)), m == 3 || m == 7 || m == 11) << m;
}

TEST(HpfAdjustmentWindow, TheMonthsInMessages) {
  auto none = months_param({});
  EXPECT_EQ(none.zh, "任意月份");
  EXPECT_EQ(none.en, "any month");
  auto july = months_param({7});
  EXPECT_EQ(july.zh, "7月");
  EXPECT_EQ(july.en, "July");
  auto two = months_param({3, 9});
  EXPECT_EQ(two.zh, "3月、9月");
  EXPECT_EQ(two.en, "March or September");
  auto three = months_param({1, 6, 12});
  EXPECT_EQ(three.zh, "1月、6月、12月");
  EXPECT_EQ(three.en, "January, June or December");
}

// ------------------------------------------------------------------ hpf.flex.adjust: the July rule

TEST(HpfAdjustmentWindow, FlexibleDepositJulyOnceAYearInTaiyuan) {
  auto p = pvd::policy::load_profile("taiyuan");  // months [7], per_year 1
  auto june = adjustment_window(*p, nullptr, at(2026, 6, 30), std::nullopt, 0);
  EXPECT_FALSE(june.month_open);
  EXPECT_TRUE(june.under_yearly_limit);
  EXPECT_FALSE(june.open());
  auto july = adjustment_window(*p, nullptr, at(2026, 7, 1), std::nullopt, 0);
  EXPECT_TRUE(july.open());
  EXPECT_EQ(july.per_year, 1);
  ASSERT_NE(july.months, nullptr);
  EXPECT_EQ(*july.months, MonthList{7});
  // Last year's adjustment does not count this year.
  auto after_last_year = adjustment_window(*p, nullptr, at(2026, 7, 1), 2025, 1);
  EXPECT_TRUE(after_last_year.open());
  EXPECT_EQ(after_last_year.done_this_year, 0);
  // This year's does: the one change of the year is used.
  auto again = adjustment_window(*p, nullptr, at(2026, 7, 20), 2026, 1);
  EXPECT_TRUE(again.month_open);
  EXPECT_FALSE(again.under_yearly_limit);
  EXPECT_FALSE(again.open());
  EXPECT_EQ(again.done_this_year, 1);
}

TEST(HpfAdjustmentWindow, FlexiblePerYearLimit) {
  // 0 = unlimited (national: any month, no limit).
  auto national = pvd::policy::load_profile("national");
  auto unlimited = adjustment_window(*national, nullptr, at(2026, 3, 3), 2026, 40);
  EXPECT_TRUE(unlimited.open());
  // Twice a year, any month.
  auto twice = with("hpf.flex.adjust.per_year", "2");
  EXPECT_TRUE(adjustment_window(*twice, nullptr, at(2026, 3, 3), 2026, 1).open());
  EXPECT_FALSE(adjustment_window(*twice, nullptr, at(2026, 3, 3), 2026, 2).open());
  EXPECT_TRUE(adjustment_window(*twice, nullptr, at(2027, 1, 4), 2026, 2).open());
}

TEST(HpfAdjustmentWindow, FlexibleViolationsNameTheMonthsAndTheCount) {
  auto p = pvd::policy::load_profile("taiyuan");
  Violations v;
  EXPECT_FALSE(check_adjustment_open(v, adjustment_window(*p, nullptr, at(2026, 6, 30), 2026, 1)));
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v.list()[0].code, "HPF_ADJUST_OUTSIDE_WINDOW");
  EXPECT_EQ(v.list()[0].field, "as_of");
  EXPECT_EQ(v.list()[0].message, "月缴存额调整仅在每年7月办理");
  EXPECT_EQ(v.list()[0].message_en, "The monthly deposit can only be adjusted in July");
  EXPECT_EQ(v.list()[0].source, "002 三.6");
  EXPECT_EQ(v.list()[1].code, "HPF_ADJUST_ALREADY_DONE");
  EXPECT_EQ(v.list()[1].message, "本年度已调整1次，每年允许调整1次");
  Violations none;
  EXPECT_TRUE(check_adjustment_open(none, adjustment_window(*p, nullptr, at(2026, 7, 2), 2025, 1)));
  EXPECT_TRUE(none.empty());
}

// ------------------------------------------------------------------ hpf.unit.adjust_base: the same month test

TEST(HpfAdjustmentWindow, EmployerBasesAnyMonthByDefault) {
  auto national = pvd::policy::load_profile("national");  // hpf.unit.adjust_base.months = []
  for (int m = 1; m <= 12; ++m) {
    Violations v;
    EXPECT_TRUE(check_base_adjustment_open(v, *national, nullptr, at(2026, m, 5))) << m;
    EXPECT_TRUE(v.empty());
  }
}

TEST(HpfAdjustmentWindow, EmployerBasesJulyOnly) {
  auto july = with("hpf.unit.adjust_base.months", "[7]");
  Violations v;
  EXPECT_FALSE(check_base_adjustment_open(v, *july, nullptr, at(2026, 6, 30)));
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v.list()[0].code, "HPF_ADJUST_OUTSIDE_WINDOW");
  EXPECT_EQ(v.list()[0].field, "as_of");
  EXPECT_EQ(v.list()[0].message, "缴存基数调整仅在每年7月办理");
  EXPECT_EQ(v.list()[0].message_en, "Contribution bases can only be adjusted in July");
  EXPECT_EQ(v.list()[0].source, "003 8");
  Violations ok;
  EXPECT_TRUE(check_base_adjustment_open(ok, *july, nullptr, at(2026, 7, 31)));
  EXPECT_TRUE(ok.empty());
}

TEST(HpfAdjustmentWindow, EmployerBasesAListOfMonthsAndNoYearlyCount) {
  auto months = with("hpf.unit.adjust_base.months", "[3, 9]");
  for (int m = 1; m <= 12; ++m) {
    Violations v;
    EXPECT_EQ(check_base_adjustment_open(v, *months, nullptr, at(2026, m, 12)), m == 3 || m == 9) << m;
    if (m != 3 && m != 9) {
      EXPECT_EQ(v.list().at(0).message_en, "Contribution bases can only be adjusted in March or September");
    }
  }
}

TEST(HpfAdjustmentWindow, BothOperationsReadTheirOwnMonths) {
  // One rule, two keys: the flexible months do not open the employer's, nor the other way round.
  auto p = with("hpf.flex.adjust.months", "[4]");
  EXPECT_TRUE(adjustment_window(*p, nullptr, at(2026, 4, 1), std::nullopt, 0).month_open);
  EXPECT_FALSE(adjustment_window(*p, nullptr, at(2026, 5, 1), std::nullopt, 0).month_open);
  Violations v;
  EXPECT_TRUE(check_base_adjustment_open(v, *p, nullptr, at(2026, 5, 1)));  // national: any month
  auto q = with("hpf.unit.adjust_base.months", "[4]");
  EXPECT_TRUE(adjustment_window(*q, nullptr, at(2026, 5, 1), std::nullopt, 0).month_open);  // national: any month
  EXPECT_FALSE(check_base_adjustment_open(v, *q, nullptr, at(2026, 5, 1)));
}

}  // namespace
