// Overlaps and month-set counting (arithmetic.md §3.7).
#include <gtest/gtest.h>

#include <random>

#include "provident/core/period.hpp"

using namespace pvd;

namespace {
MonthPeriod mp(const char* a, const char* b) { return {*YearMonth::parse(a), *YearMonth::parse(b)}; }
}  // namespace

TEST(Periods, EveryOverlappingPairWithTheSharedMonths) {
  const std::vector<MonthPeriod> p = {mp("2010-01", "2012-12"), mp("2012-06", "2013-06"), mp("2014-01", "2014-12"),
                                      mp("2011-01", "2011-03"), mp("2013-06", "2013-06")};
  auto o = find_overlaps<YearMonth>(p);
  ASSERT_EQ(o.size(), 3u);
  EXPECT_EQ(o[0].a, 0u);
  EXPECT_EQ(o[0].b, 1u);
  EXPECT_EQ(o[0].shared, mp("2012-06", "2012-12"));
  EXPECT_EQ(o[1].a, 0u);
  EXPECT_EQ(o[1].b, 3u);
  EXPECT_EQ(o[1].shared, mp("2011-01", "2011-03"));
  EXPECT_EQ(o[2].a, 1u);
  EXPECT_EQ(o[2].b, 4u);
  EXPECT_EQ(month_count(o[2].shared), 1);
}

TEST(Periods, AdjacentPeriodsDoNotOverlapAndInvertedOnesAreSkipped) {
  const std::vector<MonthPeriod> p = {mp("2010-01", "2010-12"), mp("2011-01", "2011-12"), mp("2012-05", "2012-01")};
  EXPECT_TRUE(find_overlaps<YearMonth>(p).empty());
  EXPECT_TRUE(p[2].inverted());
}

TEST(Periods, OverlapsAgreeWithTheQuadraticCheck) {
  std::mt19937 rng(20261122);
  std::vector<MonthPeriod> p;
  for (int i = 0; i < 400; ++i) {
    const int from = int(rng() % 600);
    p.push_back({YearMonth::from_serial(24000 + from), YearMonth::from_serial(24000 + from + int(rng() % 24))});
  }
  auto o = find_overlaps<YearMonth>(p);
  std::size_t expected = 0;
  for (std::size_t i = 0; i < p.size(); ++i)
    for (std::size_t j = i + 1; j < p.size(); ++j)
      if (!(p[i].to < p[j].from) && !(p[j].to < p[i].from)) ++expected;
  EXPECT_EQ(o.size(), expected);
  for (std::size_t k = 1; k < o.size(); ++k) EXPECT_TRUE(o[k - 1].a < o[k].a || (o[k - 1].a == o[k].a && o[k - 1].b < o[k].b));
}

TEST(Periods, DatePeriodsOverlapToo) {
  const std::vector<DatePeriod> p = {{*Date::parse("2015-01-01"), *Date::parse("2016-06-30")},
                                     {*Date::parse("2016-06-30"), *Date::parse("2017-01-01")}};
  auto o = find_overlaps<Date>(p);
  ASSERT_EQ(o.size(), 1u);
  EXPECT_EQ(day_count(o[0].shared), 1);
}

TEST(MonthSets, UnionCountsAMonthPaidTwiceOnce) {
  const std::vector<MonthPeriod> paid = {mp("2005-01", "2015-12"), mp("2015-07", "2026-06")};
  auto c = cover(paid);
  EXPECT_EQ(c.covered.count(), 258);
  EXPECT_EQ(c.twice.count(), 6);
  EXPECT_EQ(c.twice.months().front().to_string(), "2015-07");
  EXPECT_EQ(c.twice.months().back().to_string(), "2015-12");
}

TEST(MonthSets, AddedAndReducedWithinAWindow) {
  const std::vector<MonthPeriod> paid = {mp("2000-01", "2009-12")};
  const std::vector<MonthPeriod> added = {mp("1995-01", "1999-12")};
  const std::vector<MonthPeriod> reduced = {mp("2003-01", "2003-12"), mp("2009-07", "2010-03")};
  const MonthSet counted = MonthSet::of(paid).united(MonthSet::of(added)).minus(MonthSet::of(reduced)).clipped(mp("1996-07", "2030-01"));
  EXPECT_EQ(counted.count(), 120 + 42 - 12 - 6);
  EXPECT_TRUE(counted.contains(*YearMonth::parse("1996-07")));
  EXPECT_FALSE(counted.contains(*YearMonth::parse("1996-06")));
  EXPECT_FALSE(counted.contains(*YearMonth::parse("2003-05")));
  EXPECT_TRUE(counted.contains(*YearMonth::parse("2009-06")));
}

TEST(MonthSets, TripleCoverageIsStillTwice) {
  const std::vector<MonthPeriod> p = {mp("2020-01", "2020-12"), mp("2020-06", "2020-08"), mp("2020-07", "2021-02")};
  auto c = cover(p);
  EXPECT_EQ(c.covered.count(), 14);
  EXPECT_EQ(c.twice.count(), 7);  // 06 (A,B), 07–08 (A,B,C), 09–12 (A,C)
}
