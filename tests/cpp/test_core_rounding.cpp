// The one rounding function (arithmetic.md §2): every mode and unit, ties,
// negatives, and the per-part HPF example.
#include <gtest/gtest.h>

#include "provident/core/allocation.hpp"
#include "provident/core/int128.hpp"
#include "provident/core/rounding.hpp"

using namespace pvd;

namespace {
Money r(const char* amount_yuan, RoundingMode m, RoundingUnit u) {
  // amount given in yuan with up to 4 decimals: exact fraction of fen
  std::string s(amount_yuan);
  bool neg = s[0] == '-';
  if (neg) s = s.substr(1);
  auto dot = s.find('.');
  std::string ip = s.substr(0, dot), fp = dot == std::string::npos ? "" : s.substr(dot + 1);
  while (fp.size() < 4) fp += '0';
  Wide num = Wide(std::stoll(ip + fp));
  if (neg) num = -num;
  return round(Exact::fraction(num, 100), Rounding{m, u});  // ten-thousandths of yuan = hundredths of fen
}
constexpr auto HU = RoundingMode::half_up, HE = RoundingMode::half_even, UP = RoundingMode::up,
               DN = RoundingMode::down, FTU = RoundingMode::fen_then_up;
constexpr auto FEN = RoundingUnit::fen, JIAO = RoundingUnit::jiao, YUAN = RoundingUnit::yuan;
}  // namespace

TEST(Rounding, HalfUpIsAwayFromZeroOnTies) {
  EXPECT_EQ(r("188.30", HU, YUAN).to_string(), "188.00");
  EXPECT_EQ(r("188.50", HU, YUAN).to_string(), "189.00");
  EXPECT_EQ(r("-188.50", HU, YUAN).to_string(), "-189.00");
  EXPECT_EQ(r("0.005", HU, FEN).to_string(), "0.01");
  EXPECT_EQ(r("-0.005", HU, FEN).to_string(), "-0.01");
  EXPECT_EQ(r("0.0049", HU, FEN).to_string(), "0.00");
  EXPECT_EQ(r("12.35", HU, JIAO).to_string(), "12.40");
}

TEST(Rounding, HalfEvenGoesToTheEvenNeighbourOnTiesOnly) {
  EXPECT_EQ(r("2.50", HE, YUAN).to_string(), "2.00");
  EXPECT_EQ(r("3.50", HE, YUAN).to_string(), "4.00");
  EXPECT_EQ(r("-2.50", HE, YUAN).to_string(), "-2.00");
  EXPECT_EQ(r("2.51", HE, YUAN).to_string(), "3.00");
  EXPECT_EQ(r("0.025", HE, FEN).to_string(), "0.02");
  EXPECT_EQ(r("0.035", HE, FEN).to_string(), "0.04");
}

TEST(Rounding, UpAndDown) {
  EXPECT_EQ(r("12.01", UP, JIAO).to_string(), "12.10");  // 见分进角
  EXPECT_EQ(r("12.00", UP, JIAO).to_string(), "12.00");
  EXPECT_EQ(r("-12.01", UP, JIAO).to_string(), "-12.10");
  EXPECT_EQ(r("100.01", UP, YUAN).to_string(), "101.00");  // 遇零进整
  EXPECT_EQ(r("12.99", DN, YUAN).to_string(), "12.00");
  EXPECT_EQ(r("-12.99", DN, YUAN).to_string(), "-12.00");
}

TEST(Rounding, FenThenUpIsChangchunsTwoSteps) {
  EXPECT_EQ(r("100.001", FTU, YUAN).to_string(), "100.00");  // → 100.00 → 100
  EXPECT_EQ(r("100.005", FTU, YUAN).to_string(), "101.00");  // → 100.01 → 101
  EXPECT_EQ(r("100.0049", FTU, YUAN).to_string(), "100.00");
  EXPECT_EQ(r("100.00", FTU, YUAN).to_string(), "100.00");
  // versus plain `up`, which would give 101 for 100.001:
  EXPECT_EQ(r("100.001", UP, YUAN).to_string(), "101.00");
}

TEST(Rounding, PerPartNotOnTheTotal) {
  // Shanghai: base 2,690 at 7% + 7%: each half 188.30 → 188, total 376 (not 377).
  const Money base = Money::yuan(2690);
  const Rate seven = *Rate::parse("7%");
  const Rounding rnd{HU, YUAN};
  EXPECT_EQ((round(base * seven, rnd) + round(base * seven, rnd)).to_string(), "376.00");
  EXPECT_EQ(round(base * *Rate::parse("14%"), rnd).to_string(), "377.00");
}

TEST(Rounding, FastPathAgreesWithTheExactPath) {
  const Rounding modes[] = {{HU, FEN}, {HU, YUAN}, {HE, YUAN}, {UP, JIAO}, {DN, YUAN}, {FTU, YUAN}, {HE, JIAO}};
  for (std::int64_t base : {0LL, 1LL, 49LL, 50LL, 269000LL, 333340LL, 999999999LL}) {
    for (std::int64_t micros : {0LL, 1LL, 50000LL, 70000LL, 120000LL, 125000LL, 999999LL}) {
      for (auto m : modes) {
        const Money exact = round(Money::fen(base) * Rate::micros(micros), m);
        EXPECT_EQ(round_fen_div(int128(base) * micros, 1000000, m), exact.as_fen()) << base << " " << micros;
      }
    }
  }
}

TEST(Exact, PrintsYuanExactly) {
  EXPECT_EQ((Money::yuan(2690) * *Rate::parse("7%")).to_yuan_string(), "188.3");
  EXPECT_EQ((Money::fen(1) * Rate::ratio(1, 8)).to_yuan_string(), "0.00125");
  EXPECT_EQ((Money::fen(-300) * Rate::ratio(1, 2)).to_yuan_string(), "-1.5");
  EXPECT_EQ((Money::fen(100) * Rate::ratio(1, 3)).to_yuan_string(), "fen:100/3");
}

TEST(Allocation, PartsAddUpToTheTotal) {
  const std::int64_t thirds[] = {1, 1, 1};
  auto parts = allocate(Money::fen(100), thirds);
  EXPECT_EQ(parts[0].as_fen(), 34);
  EXPECT_EQ(parts[1].as_fen(), 33);
  EXPECT_EQ(parts[2].as_fen(), 33);
  const std::int64_t months[12] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
  auto monthly = allocate(Money::fen(100000), months);
  Money sum;
  for (auto m : monthly) sum += m;
  EXPECT_EQ(sum.as_fen(), 100000);
  EXPECT_EQ(monthly[0].as_fen(), 8334);
  EXPECT_EQ(monthly[11].as_fen(), 8333);
  auto neg = allocate(Money::fen(-100), thirds);
  EXPECT_EQ(neg[0].as_fen() + neg[1].as_fen() + neg[2].as_fen(), -100);
  EXPECT_EQ(neg[0].as_fen(), -34);
  const std::int64_t weighted[] = {3, 1};
  auto w = allocate(Money::fen(101), weighted);
  EXPECT_EQ(w[0].as_fen(), 76);
  EXPECT_EQ(w[1].as_fen(), 25);
  const std::int64_t zeros[] = {0, 0};
  EXPECT_THROW(allocate(Money::fen(1), zeros), std::invalid_argument);
}

TEST(Allocation, FlexibleDepositSplitsEvenlyTheEmployerTakingTheOddFen) {
  auto [er, ee] = split_flexible_deposit(Money::fen(60000));
  EXPECT_EQ(er.as_fen(), 30000);
  EXPECT_EQ(ee.as_fen(), 30000);
  auto [er2, ee2] = split_flexible_deposit(Money::fen(60001));
  EXPECT_EQ(er2.as_fen(), 30001);
  EXPECT_EQ(ee2.as_fen(), 30000);
}
