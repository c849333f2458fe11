// quality.md §1, row 1: the batch HPF deposit (per-row base and rates, each
// part rounded half up to the yuan under the Shanghai profile) through the C++
// kernel and through the C ABI, next to a hand-written loop (the ceiling: the
// same arithmetic with the rounding fixed at compile time and no validation,
// built for the instruction set the kernel's path uses here: hand_loop.hpp).
// Sizes 10³ … 10⁷ rows show where the working set leaves the caches.
//
// Every benchmark checks every row of its answer against the rule written out
// in 128-bit integers (bench::half_up_yuan) after the timed loop; a wrong fen,
// a refused batch or a disagreement in BM_DepositBatch_Agree fails the run
// (exit status 1, bench::main).
//
//   build/release/benchmarks/bench_batch --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common.hpp"
#include "hand_loop.hpp"
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

// Outside the timing: every part of every row equals the rule (the outputs are
// cleared first, so a call that wrote nothing fails too).
void check_rows(benchmark::State& st, const bench::DepositInputs& in, const char* who) {
  std::size_t wrong = 0, first = 0;
  for (std::size_t i = in.base.size(); i-- > 0;)
    if (in.out_er[i] != bench::half_up_yuan(in.base[i], in.er[i]) || in.out_ee[i] != bench::half_up_yuan(in.base[i], in.ee[i])) {
      ++wrong;
      first = i;
    }
  if (wrong)
    bench::fail(st, std::string(who) + ": " + std::to_string(wrong) + " row(s) differ from half up to the yuan, first row " +
                        std::to_string(first));
}

void clear_outputs(bench::DepositInputs& in) {
  std::fill(in.out_er.begin(), in.out_er.end(), -1);
  std::fill(in.out_ee.begin(), in.out_ee.end(), -1);
}

// The C++ kernel, as the C ABI and Python call it (the rounding looked up once).
void BM_DepositBatch_Cpp(benchmark::State& st) {
  const auto n = static_cast<std::size_t>(st.range(0));
  bench::DepositInputs in(n);
  clear_outputs(in);
  static pvd::Engine engine({.policy = "shanghai"});
  const pvd::Rounding r =
      engine.policy()->get<pvd::policy::Key::hpf_deposit_rounding>(pvd::YearMonth::from_serial(kAsOfMonth).first_day());
  if (!bench::expect(st, r.mode == pvd::RoundingMode::half_up && r.unit == pvd::RoundingUnit::yuan,
                     "the Shanghai profile no longer rounds the deposit half up to the yuan in 2025-07"))
    return;
  for (auto _ : st) {
    auto err = pvd::hpf::deposit_batch(r, n, in.base.data(), in.er.data(), in.ee.data(), in.out_er.data(), in.out_ee.data());
    if (err) return bench::fail(st, "the kernel refused the batch: " + err->message);
    benchmark::DoNotOptimize(in.out_er.data());
    benchmark::DoNotOptimize(in.out_ee.data());
    benchmark::ClobberMemory();
  }
  check_rows(st, in, "C++ kernel");
  report(st, n);
}
BENCHMARK(BM_DepositBatch_Cpp)->Apply(sizes);

// Through the C ABI (libprovident_c.so): the policy lookup of the rounding is
// part of every call.
void BM_DepositBatch_CAPI(benchmark::State& st) {
  const auto n = static_cast<std::size_t>(st.range(0));
  bench::DepositInputs in(n);
  clear_outputs(in);
  pvd_engine* e = bench::open_c("shanghai");
  if (!e) return bench::fail(st, std::string("pvd_engine_open: ") + pvd_last_error());
  for (auto _ : st) {
    if (pvd_hpf_deposit_batch(e, kAsOfMonth, n, in.base.data(), in.er.data(), in.ee.data(), in.out_er.data(),
                              in.out_ee.data()) != PVD_OK) {
      bench::fail(st, std::string("pvd_hpf_deposit_batch refused the batch: ") + pvd_engine_errmsg(e));
      break;
    }
    benchmark::DoNotOptimize(in.out_er.data());
    benchmark::ClobberMemory();
  }
  pvd_engine_close(&e);
  check_rows(st, in, "C ABI");
  report(st, n);
}
BENCHMARK(BM_DepositBatch_CAPI)->Apply(sizes);

// The ceiling: the arithmetic alone, written by hand for this one rounding
// (half up to the yuan: (base × rate + 50,000,000) / 100,000,000 × 100 fen),
// with no validation pass, on the same instruction set as the kernel's path.
void BM_DepositBatch_HandLoop(benchmark::State& st) {
  const auto n = static_cast<std::size_t>(st.range(0));
  bench::DepositInputs in(n);
  clear_outputs(in);
  for (auto _ : st) {
    bench::hand_loop(n, in.base.data(), in.er.data(), in.ee.data(), in.out_er.data(), in.out_ee.data());
    benchmark::DoNotOptimize(in.out_er.data());
    benchmark::ClobberMemory();
  }
  check_rows(st, in, "hand loop");
  report(st, n);
  st.SetLabel(bench::hand_loop_path());
}
BENCHMARK(BM_DepositBatch_HandLoop)->Apply(sizes);

// The hand loop built for baseline x86-64 (integer division by a constant),
// whatever the CPU: for reference, it is not the ceiling where the kernel
// takes its AVX-512 path.
void BM_DepositBatch_HandLoopBaseline(benchmark::State& st) {
  const auto n = static_cast<std::size_t>(st.range(0));
  bench::DepositInputs in(n);
  clear_outputs(in);
  for (auto _ : st) {
    bench::hand_loop_baseline(n, in.base.data(), in.er.data(), in.ee.data(), in.out_er.data(), in.out_ee.data());
    benchmark::DoNotOptimize(in.out_er.data());
    benchmark::ClobberMemory();
  }
  check_rows(st, in, "hand loop (baseline)");
  report(st, n);
}
BENCHMARK(BM_DepositBatch_HandLoopBaseline)->Apply(sizes);

// Correctness next to speed (not timed; a mismatch fails the run): the C ABI
// agrees with both hand-written loops and with the rule on 10⁶ rows, and the
// kernel agrees with the exact 128-bit rounding (round_fen_div) under every
// rounding mode and unit, on random rows, on exact ties of every unit and on
// the edges (bases 0, 1 and near the fast path's bound, rates 0, 1 and 100%).
// The kernel takes its vector path where the CPU has AVX-512, so this checks
// whichever path this machine runs.
void BM_DepositBatch_Agree(benchmark::State& st) {
  const std::size_t n = 1'000'000;
  bench::DepositInputs a(n), b(n), c(n);
  pvd_engine* e = bench::open_c("shanghai");
  if (!e) return bench::fail(st, std::string("pvd_engine_open: ") + pvd_last_error());
  std::int64_t mismatches = 0, rows_checked = 0;
  for (auto _ : st) {
    mismatches = 0;
    bench::hand_loop(n, a.base.data(), a.er.data(), a.ee.data(), a.out_er.data(), a.out_ee.data());
    bench::hand_loop_baseline(n, c.base.data(), c.er.data(), c.ee.data(), c.out_er.data(), c.out_ee.data());
    if (pvd_hpf_deposit_batch(e, kAsOfMonth, n, b.base.data(), b.er.data(), b.ee.data(), b.out_er.data(), b.out_ee.data()) !=
        PVD_OK)
      ++mismatches;
    for (std::size_t i = 0; i < n; ++i) {
      const std::int64_t er = bench::half_up_yuan(a.base[i], a.er[i]), ee = bench::half_up_yuan(a.base[i], a.ee[i]);
      mismatches += (a.out_er[i] != b.out_er[i]) + (a.out_ee[i] != b.out_ee[i]);
      mismatches += (c.out_er[i] != b.out_er[i]) + (c.out_ee[i] != b.out_ee[i]);
      mismatches += (b.out_er[i] != er) + (b.out_ee[i] != ee);
    }
    rows_checked += static_cast<std::int64_t>(n);

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
  st.counters["rows_checked"] = static_cast<double>(rows_checked);
  st.SetLabel(bench::hand_loop_path());
  if (mismatches) bench::fail(st, "the batch disagrees with the hand-written loops or the exact rounding");
}
BENCHMARK(BM_DepositBatch_Agree)->Iterations(1);

}  // namespace

PVD_BENCHMARK_MAIN();
