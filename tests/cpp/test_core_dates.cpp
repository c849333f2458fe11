// YearMonth, Date, LocalDateTime: strict parsing, month ends, leap days
// (arithmetic.md §1).
#include <gtest/gtest.h>

#include "provident/core/date.hpp"

using namespace pvd;

TEST(YearMonth, SerialAndText) {
  const auto m = *YearMonth::parse("2026-07");
  EXPECT_EQ(m.serial(), 2026 * 12 + 6);
  EXPECT_EQ(m.year(), 2026);
  EXPECT_EQ(m.month(), 7);
  EXPECT_EQ(m.to_string(), "2026-07");
  EXPECT_EQ(*YearMonth::parse_compact("202607"), m);
  EXPECT_EQ((m + 6).to_string(), "2027-01");
  EXPECT_EQ((m - 7).to_string(), "2025-12");
  EXPECT_EQ(*YearMonth::parse("2027-01") - m, 6);
}

TEST(YearMonth, RefusesBadMonths) {
  for (const char* bad : {"2026-13", "2026-00", "2026-7", "26-07", "2026/07", "2026-07-01", " 2026-07", "0000-01", "２０２６-07"})
    EXPECT_FALSE(YearMonth::parse(bad)) << bad;
  for (const char* bad : {"202613", "202600", "2026-7", "20260"}) EXPECT_FALSE(YearMonth::parse_compact(bad)) << bad;
}

TEST(Date, ParsesRealDatesOnly) {
  EXPECT_EQ(Date::parse("2024-02-29")->to_string(), "2024-02-29");
  EXPECT_FALSE(Date::parse("2023-02-29"));
  EXPECT_FALSE(Date::parse("2026-02-30"));
  EXPECT_FALSE(Date::parse("2026-04-31"));
  EXPECT_FALSE(Date::parse("2026-13-01"));
  EXPECT_FALSE(Date::parse("2026-00-10"));
  EXPECT_FALSE(Date::parse("2026-1-10"));
  EXPECT_FALSE(Date::parse("20260110"));
  EXPECT_EQ(Date::parse_compact("20260703")->to_string(), "2026-07-03");
  EXPECT_FALSE(Date::parse_compact("20260231"));
  EXPECT_FALSE(Date::parse_compact("2026-07-03"));
  EXPECT_EQ(Date::parse("1880-01-01")->year(), 1880);  // GB 11643's own example is born 1880
  EXPECT_EQ(Date::parse("1900-02-28")->add_months(0, MonthEnd::clamp).day(), 28);
  EXPECT_FALSE(Date::parse("1900-02-29"));  // 1900 is not a leap year
  EXPECT_TRUE(Date::parse("2000-02-29"));
}

TEST(Date, DayArithmeticAndEpoch) {
  EXPECT_EQ(Date::of(1970, 1, 1).days(), 0);
  EXPECT_EQ(Date::of(2026, 7, 3) - Date::of(2026, 6, 3), 30);
  EXPECT_EQ((Date::of(2024, 2, 28) + 1).to_string(), "2024-02-29");
  EXPECT_EQ((Date::of(2023, 2, 28) + 1).to_string(), "2023-03-01");
  EXPECT_EQ(Date::of(2025, 1, 1) - Date::of(2024, 1, 1), 366);
  EXPECT_EQ(Date::of(2024, 3, 15).year_month().to_string(), "2024-03");
}

TEST(Date, AddingMonthsSaysHowToResolveTheMonthEnd) {
  const Date d = Date::of(2024, 1, 31);
  EXPECT_EQ(d.add_months(1, MonthEnd::clamp).to_string(), "2024-02-29");
  EXPECT_EQ(d.add_months(1, MonthEnd::roll_to_next_month).to_string(), "2024-03-01");
  EXPECT_EQ(Date::of(2024, 2, 29).add_months(1, MonthEnd::clamp).to_string(), "2024-03-29");  // not snapped to 03-31
  EXPECT_EQ(Date::of(2024, 2, 29).add_months(12, MonthEnd::clamp).to_string(), "2025-02-28");
  EXPECT_EQ(Date::of(2024, 2, 29).add_months(12, MonthEnd::roll_to_next_month).to_string(), "2025-03-01");
}

TEST(Date, CompletedYearsCountsA29FebruaryBirthdayFrom1March) {
  const Date born = Date::of(2008, 2, 29);
  EXPECT_EQ(completed_years(born, Date::of(2024, 2, 28)), 15);
  EXPECT_EQ(completed_years(born, Date::of(2024, 2, 29)), 16);
  EXPECT_EQ(completed_years(born, Date::of(2025, 2, 28)), 16);
  EXPECT_EQ(completed_years(born, Date::of(2026, 2, 28)), 17);  // common year: birthday on 1 March
  EXPECT_EQ(completed_years(born, Date::of(2025, 3, 1)), 17);
  EXPECT_EQ(completed_years(Date::of(2010, 7, 3), Date::of(2026, 7, 2)), 15);
  EXPECT_EQ(completed_years(Date::of(2010, 7, 3), Date::of(2026, 7, 3)), 16);
}

TEST(LocalDateTime, StrictChinaStandardTime) {
  const auto t = *LocalDateTime::parse("2026-07-03T10:00:00");
  EXPECT_EQ(t.to_string(), "2026-07-03T10:00:00");
  EXPECT_EQ(*LocalDateTime::parse("2026-07-03T10:00:00+08:00"), t);
  EXPECT_EQ(t.date().to_string(), "2026-07-03");
  EXPECT_EQ(t.seconds_of_day(), 36000);
  EXPECT_EQ(LocalDateTime::parse("1970-01-01T00:00:01")->epoch_seconds(), 1);
  for (const char* bad : {"2026-07-03", "2026-07-03T10:00", "2026-07-03T10:00:00Z", "2026-07-03T10:00:00+09:00",
                          "2026-07-03T10:00:00.5", "2026-07-03T24:00:00", "2026-07-03T10:60:00", "2026-07-03T10:00:60",
                          "2026-07-03 10:00:00", "2026-02-30T10:00:00", "2026-07-03t10:00:00"})
    EXPECT_FALSE(LocalDateTime::parse(bad)) << bad;
}
