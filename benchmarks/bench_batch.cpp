// quality.md §1, row 1: the batch HPF deposit (per-row base and rates, each
// part rounded half up to the yuan under the Shanghai profile) through the C++
// kernel and through the C ABI, next to a hand-written loop (the ceiling: the
// same arithmetic with the rounding fixed at compile time and no validation).
// Sizes 10³ … 10⁷ rows show where the working set leaves the caches.
//
//   build/bench/benchmarks/bench_batch --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <cstdint>
#include <memory>
#include <vector>

#include "common.hpp"
#include "hpf/deposit_batch.hpp"
#include "provident.h"
#include "provident/engine.hpp"

namespace {

constexpr int kAsOfMonth = 2025 * 12 + 7 - 1;  // 2025-07: Shanghai, half_up to yuan

void sizes(benchmark::internal::Benchmark* b) {
  for (std::int64_t n = 1'000; n <= 10'000'000; n *= 10) b->Arg(n);
}

void report(benchmark::State& st, std::size_t n) {
  st.SetItemsProcessed(static_cast<std::int64_t>(st.iterations()) * static_cast<std::int64_t>(n));
  st.SetBytesProcessed(static_cast<std::int64_t>(st.iterations()) * static_cast<std::int64_t>(n) * 5 * 8);
  st.counters["rows"] = static_cast<double>(n);
}

// The C++ kernel, as the C ABI and Python call it (the rounding looked up once).
void BM_DepositBatch_Cpp(benchmark::State& st) {
  const auto n = static_cast<std::size_t>(st.range(0));
  bench::DepositInputs in(n);
  static pvd::Engine engine({.policy = "shanghai"});
  const auto r = engine.policy()->get<pvd::Rounding>(pvd::policy::Key::hpf_deposit_rounding,
                                                     pvd::YearMonth::from_serial(kAsOfMonth).first_day());
  for (auto _ : st) {
    auto err = pvd::hpf::deposit_batch(r, n, in.base.data(), in.er.data(), in.ee.data(), in.out_er.data(), in.out_ee.data());
    if (err) st.SkipWithError(err->message.c_str());
    benchmark::DoNotOptimize(in.out_er.data());
    benchmark::DoNotOptimize(in.out_ee.data());
    benchmark::ClobberMemory();
  }
  report(st, n);
}
BENCHMARK(BM_DepositBatch_Cpp)->Apply(sizes);

// Through the C ABI (libprovident_c.so): the policy lookup of the rounding is
// part of every call.
void BM_DepositBatch_CAPI(benchmark::State& st) {
  const auto n = static_cast<std::size_t>(st.range(0));
  bench::DepositInputs in(n);
  pvd_engine* e = bench::open_c("shanghai");
  if (!e) {
    st.SkipWithError(pvd_last_error());
    return;
  }
  for (auto _ : st) {
    if (pvd_hpf_deposit_batch(e, kAsOfMonth, n, in.base.data(), in.er.data(), in.ee.data(), in.out_er.data(),
                              in.out_ee.data()) != PVD_OK) {
      st.SkipWithError(pvd_engine_errmsg(e));
      break;
    }
    benchmark::DoNotOptimize(in.out_er.data());
    benchmark::ClobberMemory();
  }
  pvd_engine_close(&e);
  report(st, n);
}
BENCHMARK(BM_DepositBatch_CAPI)->Apply(sizes);

// The ceiling: the arithmetic alone, written by hand for this one rounding
// (half up to the yuan: (base × rate + 50,000,000) / 100,000,000 × 100 fen),
// with no validation pass.
__attribute__((noinline)) void hand_loop(std::size_t n, const std::int64_t* __restrict b, const std::int64_t* __restrict er,
                                         const std::int64_t* __restrict ee, std::int64_t* __restrict oer,
                                         std::int64_t* __restrict oee) {
  for (std::size_t i = 0; i < n; ++i) {
    oer[i] = (b[i] * er[i] + 50'000'000) / 100'000'000 * 100;
    oee[i] = (b[i] * ee[i] + 50'000'000) / 100'000'000 * 100;
  }
}

void BM_DepositBatch_HandLoop(benchmark::State& st) {
  const auto n = static_cast<std::size_t>(st.range(0));
  bench::DepositInputs in(n);
  for (auto _ : st) {
    hand_loop(n, in.base.data(), in.er.data(), in.ee.data(), in.out_er.data(), in.out_ee.data());
    benchmark::DoNotOptimize(in.out_er.data());
    benchmark::ClobberMemory();
  }
  report(st, n);
}
BENCHMARK(BM_DepositBatch_HandLoop)->Apply(sizes);

// Correctness next to speed (checked outside the timing; a mismatch fails
// the run): the C ABI agrees with the hand-written loop on 10⁶ rows, and the
// kernel agrees with the exact 128-bit rounding (round_fen_div) under every
// rounding mode and unit, on random rows, on exact ties of every unit and on
// the edges (bases 0, 1 and near the fast path's bound, rates 0, 1 and 100%).
// The kernel takes its vector path where the CPU has AVX-512, so this checks
// whichever path this machine runs.
void BM_DepositBatch_Agree(benchmark::State& st) {
  const std::size_t n = 1'000'000;
  bench::DepositInputs a(n), b(n);
  pvd_engine* e = bench::open_c("shanghai");
  if (!e) {
    st.SkipWithError(pvd_last_error());
    return;
  }
  std::int64_t mismatches = 0, rows_checked = 0;
  for (auto _ : st) {
    hand_loop(n, a.base.data(), a.er.data(), a.ee.data(), a.out_er.data(), a.out_ee.data());
    pvd_hpf_deposit_batch(e, kAsOfMonth, n, b.base.data(), b.er.data(), b.ee.data(), b.out_er.data(), b.out_ee.data());
    mismatches = 0;
    for (std::size_t i = 0; i < n; ++i) mismatches += (a.out_er[i] != b.out_er[i]) + (a.out_ee[i] != b.out_ee[i]);

    // Every mode and unit against the exact reference.
    std::vector<std::int64_t> base, er, ee;
    bench::SplitMix64 g(99);
    for (int k = 0; k < 20'000; ++k) {
      base.push_back(g.in(0, 5'000'000));
      er.push_back(g.in(0, 1'000'000));
      ee.push_back(g.in(0, 1'000'000));
    }
    // Ties: base × rate lands exactly on .5 of a fen, a jiao and a yuan.
    for (std::int64_t unit_micros : {500'000ll, 5'000'000ll, 50'000'000ll})
      for (std::int64_t k = 1; k < 400; ++k) {
        base.push_back(unit_micros * (2 * k + 1) / 50'000);
        er.push_back(50'000);
        ee.push_back(25'000);
      }
    constexpr std::int64_t big = (INT64_MAX - 100'000'000) / 1'000'000;  // the fast path's bound
    for (std::int64_t bb : {std::int64_t{0}, std::int64_t{1}, std::int64_t{99}, big - 1, big})
      for (std::int64_t rr : {std::int64_t{0}, std::int64_t{1}, std::int64_t{999'999}, std::int64_t{1'000'000}}) {
        base.push_back(bb);
        er.push_back(rr);
        ee.push_back(1'000'000 - rr);
      }
    const std::size_t m = base.size();
    std::vector<std::int64_t> oer(m), oee(m);
    for (auto mode : {pvd::RoundingMode::half_up, pvd::RoundingMode::half_even, pvd::RoundingMode::up, pvd::RoundingMode::down,
                      pvd::RoundingMode::fen_then_up})
      for (auto unit : {pvd::RoundingUnit::fen, pvd::RoundingUnit::jiao, pvd::RoundingUnit::yuan}) {
        const pvd::Rounding r{mode, unit};
        if (pvd::hpf::deposit_batch(r, m, base.data(), er.data(), ee.data(), oer.data(), oee.data())) ++mismatches;
        for (std::size_t i = 0; i < m; ++i) {
          mismatches += oer[i] != pvd::round_fen_div(static_cast<pvd::int128>(base[i]) * er[i], 1'000'000, r);
          mismatches += oee[i] != pvd::round_fen_div(static_cast<pvd::int128>(base[i]) * ee[i], 1'000'000, r);
        }
        rows_checked += static_cast<std::int64_t>(m);
      }
  }
  pvd_engine_close(&e);
  st.counters["mismatches"] = static_cast<double>(mismatches);
  st.counters["rows_checked_all_modes"] = static_cast<double>(rows_checked);
  if (mismatches) st.SkipWithError("the batch disagrees with the hand-written loop or the exact rounding");
}
BENCHMARK(BM_DepositBatch_Agree)->Iterations(1);

}  // namespace
