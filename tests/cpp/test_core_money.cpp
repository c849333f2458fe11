// Money and Rate: exact text forms and checked arithmetic (arithmetic.md §1).
#include <gtest/gtest.h>

#include <limits>

#include "provident/core/money.hpp"
#include "provident/core/rate.hpp"

using pvd::Money;
using pvd::OverflowError;
using pvd::Rate;

TEST(Money, ParsesTheStrictGrammar) {
  EXPECT_EQ(Money::parse("376")->as_fen(), 37600);
  EXPECT_EQ(Money::parse("376.5")->as_fen(), 37650);
  EXPECT_EQ(Money::parse("376.05")->as_fen(), 37605);
  EXPECT_EQ(Money::parse("0")->as_fen(), 0);
  EXPECT_EQ(Money::parse("0.01")->as_fen(), 1);
  EXPECT_EQ(Money::parse("-0.01")->as_fen(), -1);
  EXPECT_EQ(Money::parse("-12.30")->as_fen(), -1230);
}

TEST(Money, RefusesEveryMalformedForm) {
  for (const char* bad : {"12.345", "1e3", "NaN", "+5", "007", ".5", "  12", "12 ", "12.", "", "-", "--1", "1,000",
                          "0x10", "12.3.4", "Infinity", "-0.001", "１２", "12a"}) {
    EXPECT_FALSE(Money::parse(bad).has_value()) << bad;
  }
}

TEST(Money, ParsesTheInt64RangeAndNoFurther) {
  EXPECT_EQ(Money::parse("92233720368547758.07")->as_fen(), std::numeric_limits<std::int64_t>::max());
  EXPECT_EQ(Money::parse("-92233720368547758.08")->as_fen(), std::numeric_limits<std::int64_t>::min());
  EXPECT_FALSE(Money::parse("92233720368547758.08"));
  EXPECT_FALSE(Money::parse("1000000000000000000000000000000"));
}

TEST(Money, PrintsTwoDecimals) {
  EXPECT_EQ(Money::fen(37600).to_string(), "376.00");
  EXPECT_EQ(Money::fen(-50).to_string(), "-0.50");
  EXPECT_EQ(Money::fen(5).to_string(), "0.05");
  EXPECT_EQ(Money::fen(std::numeric_limits<std::int64_t>::min()).to_string(), "-92233720368547758.08");
}

TEST(Money, ArithmeticIsCheckedNeverWraps) {
  const Money max = Money::fen(std::numeric_limits<std::int64_t>::max());
  EXPECT_THROW(max + Money::fen(1), OverflowError);
  EXPECT_THROW(Money::fen(std::numeric_limits<std::int64_t>::min()) - Money::fen(1), OverflowError);
  EXPECT_THROW(-Money::fen(std::numeric_limits<std::int64_t>::min()), OverflowError);
  EXPECT_THROW(max.times(2), OverflowError);
  EXPECT_THROW(Money::yuan(std::numeric_limits<std::int64_t>::max() / 10), OverflowError);
  EXPECT_EQ((Money::fen(150) + Money::fen(-200)).as_fen(), -50);
  EXPECT_EQ(Money::fen(600).times(12).as_fen(), 7200);
}

TEST(Rate, ParsesDecimalsAndPercentages) {
  EXPECT_EQ(*Rate::parse("0.12"), Rate::ratio(12, 100));
  EXPECT_EQ(*Rate::parse("12%"), Rate::ratio(12, 100));
  EXPECT_EQ(*Rate::parse("12.5%"), Rate::ratio(1, 8));
  EXPECT_EQ(*Rate::parse("0.05%"), Rate::ratio(5, 10000));
  EXPECT_EQ(*Rate::parse("0.123456789"), Rate::ratio(123456789, 1000000000));
  EXPECT_EQ(*Rate::parse("12.3456789%"), Rate::ratio(123456789, 1000000000));
  EXPECT_EQ(*Rate::parse("300%"), Rate::ratio(3, 1));
}

TEST(Rate, RefusesMoreThanNineDigitsAndStrayForms) {
  for (const char* bad : {"0.1234567891", "12.34567891%", "1e-2", "+0.1", "-0.1", ".12", "012", "12 %", "12%%", "",
                          "NaN", "0.12 ", "1/3"}) {
    EXPECT_FALSE(Rate::parse(bad).has_value()) << bad;
  }
}

TEST(Rate, PrintsPlainDecimalsWithoutTrailingZeros) {
  EXPECT_EQ(Rate::parse("12%")->to_string(), "0.12");
  EXPECT_EQ(Rate::parse("0.05%")->to_string(), "0.0005");
  EXPECT_EQ(Rate::parse("100%")->to_string(), "1");
  EXPECT_EQ(Rate::ratio(2, 37).to_string(), "2/37");
  EXPECT_EQ(Rate().to_string(), "0");
}

TEST(Rate, ExactArithmeticAndOrder) {
  EXPECT_EQ(Rate::parse("1.5%")->divided_by(12), Rate::ratio(1, 800));
  EXPECT_EQ(Rate::parse("0.05%")->times(30), Rate::ratio(15, 1000));
  EXPECT_EQ(*Rate::parse("0.35%") + *Rate::parse("1.1%"), Rate::ratio(145, 10000));
  EXPECT_LT(*Rate::parse("5%"), *Rate::parse("12%"));
  EXPECT_EQ(Rate::ratio(1, 3) <=> Rate::ratio(2, 6), std::strong_ordering::equal);
  EXPECT_EQ(Rate::micros(120000), *Rate::parse("12%"));
  EXPECT_EQ(Rate::parse("12%")->to_micros(), 120000);
  EXPECT_FALSE(Rate::ratio(1, 3).to_micros().has_value());
  EXPECT_TRUE(Rate::parse("7%")->is_whole_percent());
  EXPECT_FALSE(Rate::parse("7.5%")->is_whole_percent());
}
