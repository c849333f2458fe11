// The typed fast paths shared by the C ABI and the Python module
// (src/fastpath): the ranges match the calendar, batches equal the one-person
// kernels row by row, and a bad row is named by index and column.
#include <gtest/gtest.h>

#include <vector>

#include "fastpath/error.hpp"
#include "test_fastpath_support.hpp"
#include "fastpath/kernels.hpp"
#include "provident/policy/loader.hpp"

using namespace pvd;
namespace fp = pvd::fastpath;

namespace {

const policy::Policy& national() {
  static const policy::PolicyPtr p = policy::load_profile("national");
  return *p;
}

using fp::testing::error_of;

}  // namespace

TEST(FastPath, RangesAreTheCalendarOfTheExactTypes) {
  EXPECT_EQ(fp::kDaySerial.lo, Date::of(1400, 1, 1).days());
  EXPECT_EQ(fp::kDaySerial.hi, Date::of(9999, 12, 31).days());
  EXPECT_EQ(fp::kBirthDate.hi, Date::of(9929, 12, 31).days());
  EXPECT_EQ(fp::kMonthSerial.hi, YearMonth::of(9999, 12).serial());
  EXPECT_EQ(fp::kBirthMonth.hi, YearMonth::of(9929, 12).serial());
  EXPECT_EQ(fp::kMoment.hi, LocalDateTime::of(Date::of(9999, 12, 31), 23, 59, 59).epoch_seconds());
  const fp::Error e = error_of([] { fp::month_arg(1399 * 12 + 11, "as_of_month"); });
  EXPECT_EQ(e.code, "REQ_BAD_VALUE");
  EXPECT_EQ(e.field, "as_of_month");
  EXPECT_FALSE(e.row);
  EXPECT_EQ(fp::category_arg(2, "category"), pension::Category::F55);
  EXPECT_EQ(error_of([] { fp::category_arg(4, "category"); }).field, "category");
}

TEST(FastPath, OutputsMayNotOverlapInputsOrEachOther) {
  std::vector<std::int64_t> in(8), a(8), b(8);
  fp::check_outputs_apart(8, {in.data()}, {{a.data(), "a"}, {b.data(), "b"}});
  EXPECT_NE(error_of([&] { fp::check_outputs_apart(8, {in.data()}, {{in.data() + 7, "a"}}); }).message_en.find("overlaps an input"),
            std::string::npos);
  EXPECT_NE(error_of([&] { fp::check_outputs_apart(8, {}, {{a.data(), "a"}, {a.data() + 3, "b"}}); })
                .message_en.find("the two output arrays overlap"),
            std::string::npos);
  fp::check_outputs_apart(0, {in.data()}, {{in.data(), "a"}});  // no rows: nothing to overlap
}

TEST(FastPath, BatchesEqualTheOnePersonKernels) {
  const Date on = Date::of(2025, 1, 1);
  const std::vector<std::int64_t> births = {YearMonth::of(1965, 1).serial(), YearMonth::of(1975, 6).serial(),
                                            YearMonth::of(1990, 12).serial()};
  const std::vector<std::int64_t> cats = {1, 2, 3};
  std::vector<std::int64_t> stat(3), delay(3), early(3), late(3);
  fp::retirement_batch(national(), on, 3, births.data(), cats.data(), {stat.data(), delay.data(), early.data(), late.data()});
  for (std::size_t i = 0; i < 3; ++i) {
    const auto r = fp::retirement(national(), on, YearMonth::from_serial(static_cast<std::int32_t>(births[i])),
                                  fp::category_of(cats[i]));
    EXPECT_EQ(stat[i], r.statutory_month.serial());
    EXPECT_EQ(delay[i], r.delay_months);
    EXPECT_EQ(early[i], r.earliest_month.serial());
    EXPECT_EQ(late[i], r.latest_month.serial());
  }
  const std::vector<std::int64_t> months = {YearMonth::of(2033, 4).serial(), YearMonth::of(2026, 1).serial()};
  std::vector<std::int64_t> mins(2);
  fp::min_months_batch(national(), 2, months.data(), mins.data());
  EXPECT_EQ(mins, (std::vector<std::int64_t>{204, 180}));
}

TEST(FastPath, ABadRowIsNamedByIndexAndColumn) {
  const std::vector<std::int64_t> base = {100, -1}, rate = {70000, 70000};
  std::vector<std::int64_t> o1(2), o2(2);
  fp::Error e = error_of([&] {
    fp::deposit_batch(national(), YearMonth::of(2025, 7), 2, base.data(), rate.data(), rate.data(), o1.data(), o2.data());
  });
  EXPECT_EQ(e.row, 1);
  EXPECT_EQ(e.field, "base_fen");
  EXPECT_EQ(e.message_en, "row 1: base_fen must not be negative");

  const std::vector<std::int64_t> months = {YearMonth::of(2030, 1).serial(), YearMonth::of(2101, 1).serial()};
  e = error_of([&] { fp::min_months_batch(national(), 2, months.data(), o1.data()); });
  EXPECT_EQ(e.code, "POLICY_NOT_IN_FORCE");
  EXPECT_EQ(e.row, 1);
  EXPECT_EQ(e.message_en.rfind("row 1: ", 0), 0u) << e.message_en;

  const std::vector<std::int64_t> principal = {100, 100}, due = {20000, 20000}, paid = {20010, 1'000'000'000};
  e = error_of([&] { fp::late_fee_batch(national(), 2, principal.data(), due.data(), paid.data(), o1.data()); });
  EXPECT_EQ(e.field, "paid_date");
  EXPECT_EQ(e.row, 1);
}
