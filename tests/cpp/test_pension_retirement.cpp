// Statutory retirement under the 2024 reform (arithmetic.md §3.5) and the
// minimum contribution months (§3.6): the three categories across the whole
// reform — births before it, the first affected birth months, every step, the
// caps — and the minimum for every retirement year 2025–2040.
#include <gtest/gtest.h>

#include "pension/retirement.hpp"
#include "provident/policy/loader.hpp"
#include "test_si_support.hpp"

using pvd::Date;
using pvd::YearMonth;
using pvd::pension::Category;
using pvd::pension::min_contribution_months;
using pvd::pension::Retirement;
using pvd::pension::statutory_retirement;

namespace {

const pvd::policy::PolicyPtr& national() {
  static const auto p = pvd::policy::load_profile("national");
  return p;
}

Retirement ret(int y, int m, Category c, Date on = Date::of(2026, 1, 1)) {
  return statutory_retirement(*national(), nullptr, on, YearMonth::of(y, m), c);
}

struct Row {
  int by, bm;           // birth month
  int age_y, age_m;     // statutory age
  int ry, rm;           // retirement month
};

void expect_rows(Category c, std::initializer_list<Row> rows) {
  for (const auto& r : rows) {
    const Retirement x = ret(r.by, r.bm, c);
    EXPECT_EQ(x.age_years, r.age_y) << r.by << "-" << r.bm;
    EXPECT_EQ(x.age_months, r.age_m) << r.by << "-" << r.bm;
    EXPECT_EQ(x.statutory_month, YearMonth::of(r.ry, r.rm)) << r.by << "-" << r.bm;
  }
}

/// Walks every birth month of a category: no delay before the first affected
/// month; then one more month of delay every `step` birth months, up to the cap,
/// reached exactly at `cap_from`.
void expect_schedule(Category c, int orig, int step, int cap, YearMonth first, YearMonth cap_from) {
  int expected = 0;
  int run = 0;
  for (YearMonth b = YearMonth::of(1950, 1); b <= YearMonth::of(2000, 12); ++b) {
    if (b == first) expected = 1, run = 0;
    else if (first < b && expected < cap && ++run == step) ++expected, run = 0;
    const Retirement x = ret(b.year(), b.month(), c);
    ASSERT_EQ(x.delay_months, expected) << b.to_string();
    ASSERT_EQ(x.statutory_month, b + orig * 12 + expected) << b.to_string();
    ASSERT_EQ(x.age_years * 12 + x.age_months, orig * 12 + expected) << b.to_string();
    if (b == cap_from) {
      ASSERT_EQ(expected, cap) << "the cap is reached from " << b.to_string();
    }
    if (b == cap_from - 1) {
      ASSERT_EQ(expected, cap - 1) << b.to_string();
    }
  }
}

}  // namespace

TEST(PensionRetirement, M60EveryStepToTheCapFromBirths1976_09) {
  expect_schedule(Category::M60, 60, 4, 36, YearMonth::of(1965, 1), YearMonth::of(1976, 9));
}

TEST(PensionRetirement, F55EveryStepToTheCapFromBirths1981_09) {
  expect_schedule(Category::F55, 55, 4, 36, YearMonth::of(1970, 1), YearMonth::of(1981, 9));
}

TEST(PensionRetirement, F50EveryStepToTheCapFromBirths1984_11) {
  expect_schedule(Category::F50, 50, 2, 60, YearMonth::of(1975, 1), YearMonth::of(1984, 11));
}

TEST(PensionRetirement, PublishedTableRows) {
  // 实施办法 annex table 1 (men, 60).
  expect_rows(Category::M60, {{1964, 12, 60, 0, 2024, 12},
                              {1965, 1, 60, 1, 2025, 2},
                              {1965, 4, 60, 1, 2025, 5},
                              {1965, 5, 60, 2, 2025, 7},
                              {1966, 1, 60, 4, 2026, 5},
                              {1970, 1, 61, 4, 2031, 5},
                              {1975, 1, 62, 7, 2037, 8},
                              {1976, 8, 62, 11, 2039, 7},
                              {1976, 9, 63, 0, 2039, 9},
                              {1990, 1, 63, 0, 2053, 1}});
  // annex table 3 (women, 55).
  expect_rows(Category::F55, {{1969, 12, 55, 0, 2024, 12},
                              {1970, 1, 55, 1, 2025, 2},
                              {1970, 5, 55, 2, 2025, 7},
                              {1981, 8, 57, 11, 2039, 7},
                              {1981, 9, 58, 0, 2039, 9}});
  // annex table 2 (women, 50).
  expect_rows(Category::F50, {{1974, 12, 50, 0, 2024, 12},
                              {1975, 1, 50, 1, 2025, 2},
                              {1975, 2, 50, 1, 2025, 3},
                              {1975, 3, 50, 2, 2025, 5},
                              {1980, 1, 52, 7, 2032, 8},
                              {1984, 10, 54, 11, 2039, 9},
                              {1984, 11, 55, 0, 2039, 11},
                              {1995, 6, 55, 0, 2050, 6}});
}

TEST(PensionRetirement, FlexibleWindowNeverBelowTheOriginalAge) {
  // Born 1965-01: statutory 2025-02; 36 months earlier would be 2022-02, but not before 60.
  Retirement a = ret(1965, 1, Category::M60);
  EXPECT_EQ(a.earliest_month, YearMonth::of(2025, 1));
  EXPECT_EQ(a.latest_month, YearMonth::of(2028, 2));
  // Born 1976-09: statutory 2039-09 = original 2036-09 + 36.
  Retirement b = ret(1976, 9, Category::M60);
  EXPECT_EQ(b.original_month, YearMonth::of(2036, 9));
  EXPECT_EQ(b.earliest_month, YearMonth::of(2036, 9));
  EXPECT_EQ(b.latest_month, YearMonth::of(2042, 9));
  // F50 born 1984-11: delay 60 months, the early window is 36 months.
  Retirement c = ret(1984, 11, Category::F50);
  EXPECT_EQ(c.earliest_month, YearMonth::of(2036, 11));
  // Before the reform was in force (as_of 2024), no delay and no flexible window.
  Retirement d = ret(1970, 1, Category::M60, Date::of(2024, 6, 1));
  EXPECT_EQ(d.statutory_month, YearMonth::of(2030, 1));
  EXPECT_EQ(d.earliest_month, YearMonth::of(2030, 1));
}

TEST(PensionRetirement, TheFlexibleWindowExistsFromTheReformsStartOnly) {
  // Issue 15 item 5: a man born 1960-01 retired in 2020-01 under the old rules. Asked in 2026 (the
  // window's months are in force) he has no window — not a latest month of 2023-01 that never existed.
  Retirement old = ret(1960, 1, Category::M60, Date::of(2026, 6, 1));
  EXPECT_EQ(old.statutory_month, YearMonth::of(2020, 1));
  EXPECT_FALSE(old.flexible_window);
  EXPECT_EQ(old.earliest_month, YearMonth::of(2020, 1));
  EXPECT_EQ(old.latest_month, YearMonth::of(2020, 1));
  // The boundary is the statutory month 2025-01 (retirement.reform_start), in every category: the last
  // birth month of the old rules has none, the first one of the reform has one.
  struct Edge {
    Category c;
    int last_y, last_m, first_y, first_m;
  };
  for (const Edge& e : {Edge{Category::M60, 1964, 12, 1965, 1}, Edge{Category::F55, 1969, 12, 1970, 1},
                        Edge{Category::F50, 1974, 12, 1975, 1}}) {
    const Retirement before = ret(e.last_y, e.last_m, e.c);
    EXPECT_EQ(before.statutory_month, YearMonth::of(2024, 12));
    EXPECT_FALSE(before.flexible_window);
    EXPECT_EQ(before.latest_month, YearMonth::of(2024, 12));
    const Retirement first = ret(e.first_y, e.first_m, e.c);
    EXPECT_EQ(first.statutory_month, YearMonth::of(2025, 2));
    EXPECT_TRUE(first.flexible_window);
    EXPECT_EQ(first.earliest_month, YearMonth::of(2025, 1));  // never before the original age
    EXPECT_EQ(first.latest_month, YearMonth::of(2028, 2));
  }
  // Adopted 2024-09-13 but in force 2025-01-01: asked in between, the rules of the day have no window
  // (and no delay) even for a statutory month after the start.
  Retirement early = ret(1966, 1, Category::M60, Date::of(2024, 10, 1));
  EXPECT_EQ(early.statutory_month, YearMonth::of(2026, 1));
  EXPECT_FALSE(early.flexible_window);
  EXPECT_EQ(early.latest_month, YearMonth::of(2026, 1));
}

TEST(PensionRetirement, IndependentVectorsOfTheRetireTimeExercise) {
  // The retire_time(birth, category) Rust exercise's src/tests.rs TEST_CASES ("retire YYYY-MM, age, delay
  // months"), copied in many public repositories; each re-derived by hand from the Decision's rule before it
  // was copied.
  struct Vector {
    int by, bm;
    Category c;
    int ry, rm, age_y, age_m, delay;
  };
  const Vector vectors[] = {
      {1963, 12, Category::M60, 2023, 12, 60, 0, 0},  {1964, 2, Category::M60, 2024, 2, 60, 0, 0},
      {1965, 1, Category::M60, 2025, 2, 60, 1, 1},    {1965, 12, Category::M60, 2026, 3, 60, 3, 3},
      {1995, 12, Category::M60, 2058, 12, 63, 0, 36}, {2000, 12, Category::M60, 2063, 12, 63, 0, 36},
      {1963, 4, Category::F55, 2018, 4, 55, 0, 0},    {1971, 4, Category::F55, 2026, 8, 55, 4, 4},
      {2000, 12, Category::F55, 2058, 12, 58, 0, 36}, {1995, 12, Category::F50, 2050, 12, 55, 0, 60},
  };
  for (const auto& v : vectors) {
    const Retirement x = ret(v.by, v.bm, v.c);
    const std::string who = std::to_string(v.by) + "-" + std::to_string(v.bm);
    EXPECT_EQ(x.statutory_month, YearMonth::of(v.ry, v.rm)) << who;
    EXPECT_EQ(x.age_years, v.age_y) << who;
    EXPECT_EQ(x.age_months, v.age_m) << who;  // the exercise writes 60.08, 60.25, 55.33: 1, 3, 4 months
    EXPECT_EQ(x.delay_months, v.delay) << who;
    // Dated rule: a window only for a statutory month from 2025-01 on.
    EXPECT_EQ(x.flexible_window, !(x.statutory_month < YearMonth::of(2025, 1))) << who;
  }
}

TEST(PensionRetirement, ThroughTheCalculator) {
  si_test::Eng e("national", std::nullopt);
  auto r = e.calc("pension.retirement", "2026-01-01T00:00:00", {{"birth_date", "1975-01-15"}, {"category", "F50"}});
  EXPECT_EQ(r["result"]["retirement_month"], "2025-02");
  EXPECT_EQ(r["result"]["statutory_age"], (si_test::json{{"years", 50}, {"months", 1}}));
  // A 15-digit number is accepted; a man filed as F55 is a mismatch.
  auto m = e.calc("pension.retirement", "2026-01-01T00:00:00", {{"id_number", "130402650115123"}, {"category", "F55"}});
  EXPECT_EQ(si_test::codes(m), std::vector<std::string>{"PENSION_CATEGORY_MISMATCH"});
}

TEST(PensionMinMonths, EveryRetirementYear2025To2040) {
  const int expected[] = {180, 180, 180, 180, 180, 186, 192, 198, 204, 210, 216, 222, 228, 234, 240, 240};
  for (int y = 2025; y <= 2040; ++y) {
    for (int m : {1, 6, 12}) {
      EXPECT_EQ(min_contribution_months(*national(), nullptr, YearMonth::of(y, m)), expected[y - 2025]) << y << "-" << m;
    }
  }
  EXPECT_EQ(min_contribution_months(*national(), nullptr, YearMonth::of(2029, 12)), 180);
  EXPECT_EQ(min_contribution_months(*national(), nullptr, YearMonth::of(2030, 1)), 186);
  EXPECT_EQ(min_contribution_months(*national(), nullptr, YearMonth::of(2060, 1)), 240);
  si_test::Eng e("national", std::nullopt);
  EXPECT_EQ(e.calc("pension.min_months", "2026-01-01T00:00:00", {{"retirement_month", "2033-04"}})["result"]["months"], 204);
}
