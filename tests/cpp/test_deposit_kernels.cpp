// The batch deposit's kernels (src/hpf/deposit_batch.cpp): every kernel this
// CPU offers gives, for every rounding, exactly the scalar arithmetic of
// round_fen_div on the same rows; the run-time choice is the best one offered;
// rows are checked and computed block by block, and a bad row in any block is
// named by its index in the whole batch.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <vector>

#include "hpf/deposit_batch.hpp"
#include "provident/core/int128.hpp"
#include "provident/core/rounding.hpp"

namespace {

using pvd::Rounding;
using pvd::RoundingMode;
using pvd::RoundingUnit;
using pvd::hpf::DepositKernel;

constexpr std::int64_t kMicros = 1'000'000;

std::vector<Rounding> every_rounding() {
  std::vector<Rounding> out;
  for (auto m : {RoundingMode::half_up, RoundingMode::half_even, RoundingMode::up, RoundingMode::down,
                 RoundingMode::fen_then_up})
    for (auto u : {RoundingUnit::fen, RoundingUnit::jiao, RoundingUnit::yuan}) out.push_back(Rounding{m, u});
  return out;
}

struct Rows {
  std::vector<std::int64_t> base, er, ee;
};

// Edges (0, ties at every unit, the rates' bounds, the largest base the int64
// kernels take and one past it) then random rows, over several blocks.
Rows rows(std::size_t n) {
  Rows r;
  const std::int64_t fast_max = (INT64_MAX - 100 * kMicros) / kMicros;
  const std::int64_t edge_base[] = {0, 1, 5, 50, 500, 12345, 1'000'000, fast_max, fast_max + 1, 9'000'000'000'000};
  const std::int64_t edge_rate[] = {0, 1, 50'000, 70'000, 120'000, 500'000, 999'999, kMicros};
  for (auto b : edge_base)
    for (auto e : edge_rate) {
      r.base.push_back(b);
      r.er.push_back(e);
      r.ee.push_back(kMicros - e);
    }
  std::mt19937_64 g(21);
  std::uniform_int_distribution<std::int64_t> base(0, 10'000'000), rate(0, kMicros);
  while (r.base.size() < n) {
    // Bases of whole 10 fen with a rate of 5% make ties at the fen, jiao and yuan.
    const std::int64_t b = base(g);
    r.base.push_back(r.base.size() % 3 == 0 ? b / 10 * 10 : b);
    r.er.push_back(r.base.size() % 3 == 0 ? 50'000 : rate(g));
    r.ee.push_back(rate(g));
  }
  return r;
}

TEST(DepositKernels, TheChoiceIsTheBestKernelThisCpuOffers) {
  EXPECT_TRUE(pvd::hpf::deposit_kernel_available(DepositKernel::baseline));
  const DepositKernel chosen = pvd::hpf::deposit_kernel_chosen();
  EXPECT_TRUE(pvd::hpf::deposit_kernel_available(chosen));
  EXPECT_EQ(chosen == DepositKernel::avx512, pvd::hpf::deposit_kernel_available(DepositKernel::avx512));
#if defined(__x86_64__) && defined(__GNUC__)
  __builtin_cpu_init();
  const bool cpu = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
                   __builtin_cpu_supports("avx512vl");
  EXPECT_EQ(pvd::hpf::deposit_kernel_available(DepositKernel::avx512), cpu);
#endif
  EXPECT_STREQ(pvd::hpf::deposit_kernel_name(DepositKernel::baseline), "baseline");
  EXPECT_STREQ(pvd::hpf::deposit_kernel_name(DepositKernel::avx512), "avx512");
  std::printf("[ kernel   ] this CPU runs the %s kernel\n", pvd::hpf::deposit_kernel_name(chosen));
}

TEST(DepositKernels, EveryKernelOfferedEqualsTheExactArithmetic) {
  const std::size_t n = 3 * pvd::hpf::kDepositBlockRows + 77;
  const Rows in = rows(n);
  int kernels_run = 0;
  for (DepositKernel k : {DepositKernel::baseline, DepositKernel::avx512}) {
    if (!pvd::hpf::deposit_kernel_available(k)) continue;  // this CPU offers it not; counted below
    ++kernels_run;
    for (const Rounding& r : every_rounding()) {
      std::vector<std::int64_t> oer(n, -1), oee(n, -1);
      ASSERT_FALSE(pvd::hpf::deposit_batch_on(k, r, n, in.base.data(), in.er.data(), in.ee.data(), oer.data(),
                                              oee.data()));
      for (std::size_t i = 0; i < n; ++i) {
        const auto want_er = pvd::round_fen_div(static_cast<pvd::int128>(in.base[i]) * in.er[i], kMicros, r);
        const auto want_ee = pvd::round_fen_div(static_cast<pvd::int128>(in.base[i]) * in.ee[i], kMicros, r);
        ASSERT_EQ(oer[i], want_er) << pvd::hpf::deposit_kernel_name(k) << " row " << i << " base " << in.base[i];
        ASSERT_EQ(oee[i], want_ee) << pvd::hpf::deposit_kernel_name(k) << " row " << i << " base " << in.base[i];
      }
    }
  }
  EXPECT_EQ(kernels_run, pvd::hpf::deposit_kernel_available(DepositKernel::avx512) ? 2 : 1);
}

// A block is computed by the cheapest kernel its values allow (deposit_batch.cpp):
// narrow (every base below 2³¹), wide (int64 products), or the exact 128-bit path.
// Three blocks built for one path each, from the same edge rows around the narrow
// bound: every kernel offered, every rounding, equal to the exact arithmetic, the
// short last rows (fewer than eight) included. (Which path a block took is not
// visible from outside; what is asserted is that each block's answer is exact.)
TEST(DepositKernels, BlocksBuiltForEachPathAreExactOnEveryKernelAndRounding) {
  const std::size_t block = pvd::hpf::kDepositBlockRows;
  const std::size_t n = 3 * block;  // the last block ends in a partial vector below
  const std::int64_t narrow_max = (std::int64_t{1} << 31) - 1;
  const std::int64_t edge_base[] = {0, 1, 49, 50, 99'999'999, 100'000'000, narrow_max - 50, narrow_max - 1, narrow_max};
  const std::int64_t edge_rate[] = {0, 1, 5, 50'000, 70'000, 120'000, 499'999, 500'000, 999'999, kMicros};
  Rows in;
  while (in.base.size() < n)
    for (auto b : edge_base)
      for (auto e : edge_rate) {
        if (in.base.size() == n) break;
        in.base.push_back(b);
        in.er.push_back(e);
        in.ee.push_back(kMicros - e);
      }
  in.base[block + 7] = narrow_max + 1;  // the second block: int64 products
  in.base[2 * block + 9] = (INT64_MAX - 100 * kMicros) / kMicros + 1;  // the third: 128 bits
  for (DepositKernel k : {DepositKernel::baseline, DepositKernel::avx512}) {
    if (!pvd::hpf::deposit_kernel_available(k)) continue;
    for (const Rounding& r : every_rounding())
      for (std::size_t len : {n, n - 3}) {  // n − 3: the last vector of the last block is partial
        std::vector<std::int64_t> oer(len, -1), oee(len, -1);
        ASSERT_FALSE(pvd::hpf::deposit_batch_on(k, r, len, in.base.data(), in.er.data(), in.ee.data(), oer.data(),
                                                oee.data()));
        for (std::size_t i = 0; i < len; ++i) {
          ASSERT_EQ(oer[i], pvd::round_fen_div(static_cast<pvd::int128>(in.base[i]) * in.er[i], kMicros, r))
              << pvd::hpf::deposit_kernel_name(k) << " row " << i << " of " << len << " base " << in.base[i];
          ASSERT_EQ(oee[i], pvd::round_fen_div(static_cast<pvd::int128>(in.base[i]) * in.ee[i], kMicros, r))
              << pvd::hpf::deposit_kernel_name(k) << " row " << i << " of " << len << " base " << in.base[i];
        }
      }
  }
}

TEST(DepositKernels, AKernelNotOfferedFallsBackToTheBaseline) {
  if (pvd::hpf::deposit_kernel_available(DepositKernel::avx512)) {
    EXPECT_EQ(pvd::hpf::deposit_kernel_chosen(), DepositKernel::avx512);
    return;  // nothing falls back on this CPU; the test above ran both kernels
  }
  const std::vector<std::int64_t> base = {123456}, rate = {70000};
  std::vector<std::int64_t> o1(1), o2(1);
  ASSERT_FALSE(pvd::hpf::deposit_batch_on(DepositKernel::avx512, Rounding{RoundingMode::half_up, RoundingUnit::yuan}, 1,
                                          base.data(), rate.data(), rate.data(), o1.data(), o2.data()));
  EXPECT_EQ(o1[0], 8600);  // 1,234.56 yuan × 7% = 86.42 yuan → 86 yuan
}

TEST(DepositKernels, ABadRowInALaterBlockIsNamedByItsIndexInTheBatch) {
  const std::size_t block = pvd::hpf::kDepositBlockRows;
  const std::size_t n = 2 * block + 10;
  std::vector<std::int64_t> base(n, 500'000), er(n, 70'000), ee(n, 70'000), o1(n, 0), o2(n, 0);
  const Rounding r{RoundingMode::half_up, RoundingUnit::yuan};
  ee[block + 3] = kMicros + 1;
  er[2 * block + 5] = -1;  // a later bad row is not the one named
  auto err = pvd::hpf::deposit_batch(r, n, base.data(), er.data(), ee.data(), o1.data(), o2.data());
  ASSERT_TRUE(err);
  EXPECT_EQ(err->row, block + 3);
  EXPECT_EQ(err->field, "employee_rate_micros");
  EXPECT_EQ(err->message, "row " + std::to_string(block + 3) + ": employee_rate_micros must be within 0…1000000");
  // The outputs of a failed call are unspecified (the header): nothing is asserted of them.

  ee[block + 3] = 70'000;
  base[0] = -5;  // the first row of the first block
  err = pvd::hpf::deposit_batch(r, n, base.data(), er.data(), ee.data(), o1.data(), o2.data());
  ASSERT_TRUE(err);
  EXPECT_EQ(err->row, 0u);
  EXPECT_EQ(err->field, "base_fen");
}

TEST(DepositKernels, ABlockWithAHugeBaseTakesTheExactPathAndItsNeighboursTheKernel) {
  const std::size_t block = pvd::hpf::kDepositBlockRows;
  const std::size_t n = 2 * block;
  const std::int64_t huge = INT64_MAX / 2;  // base × rate overflows int64: only the 128-bit path is exact
  std::vector<std::int64_t> base(n, 100'000), er(n, kMicros), ee(n, 70'000), o1(n), o2(n);
  base[block + 1] = huge;
  const Rounding r{RoundingMode::down, RoundingUnit::fen};
  ASSERT_FALSE(pvd::hpf::deposit_batch(r, n, base.data(), er.data(), ee.data(), o1.data(), o2.data()));
  EXPECT_EQ(o1[block + 1], huge);  // the whole base at a rate of 100%
  EXPECT_EQ(o2[block + 1], pvd::round_fen_div(static_cast<pvd::int128>(huge) * 70'000, kMicros, r));
  EXPECT_EQ(o1[0], 100'000);
  EXPECT_EQ(o2[0], 7'000);
  EXPECT_EQ(o2[block], 7'000);
}

}  // namespace
