// Shared inputs of the benchmark programs (quality.md §1): the deposit batch
// arrays, the requests used by the JSON benchmarks, and small helpers.
// Everything is deterministic (a fixed-seed generator), so that two runs
// measure the same work and compare.py can build the very same arrays.
//
// Checks: every benchmark checks its answer outside the timed loop through
// bench::fail / bench::expect, and every program's main is bench::main
// (PVD_BENCHMARK_MAIN), which exits with status 1 when any check failed, any
// run reported an error, or the filter selected no benchmark. Google
// Benchmark's SkipWithError alone leaves the exit status at 0.
//
// No benchmark here uses ->Complexity(): Google Benchmark 1.7.1 (Debian 12)
// crashes (SIGSEGV) computing the big-O of a family whose runs all failed a
// check; compare.py prints how the claim check and the back-pay grow instead.
#pragma once

#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <unistd.h>

#include "provident.h"
#include "provident/core/int128.hpp"
#include "provident/core/year_month.hpp"

namespace bench {

/// A failed check: marks the benchmark with `why` (SkipWithError, so the run
/// shows ERROR OCCURRED and its figures are not reported) and makes bench::main
/// exit with status 1.
void fail(benchmark::State& st, const std::string& why);
/// fail(st, why) unless `ok`; returns `ok`.
bool expect(benchmark::State& st, bool ok, const std::string& why);
/// A failed check outside any benchmark (set-up shared by several): printed
/// now, and bench::main exits with status 1.
void fail_program(const std::string& why);
/// The number of checks failed so far in this process.
int failures();
/// Parses the flags, runs the selected benchmarks, and returns 1 when a check
/// failed, a run reported an error (whoever called SkipWithError), or no
/// benchmark matched the filter; 2 on an unknown flag; 0 otherwise.
int main(int argc, char** argv);

/// The exact batch deposit of the Shanghai profile (half up to the yuan) for
/// one part, in 128-bit integers, written out from the rule rather than from
/// the library: ⌊(base × rate + 5·10⁷) / 10⁸⌋ × 100 fen.
inline std::int64_t half_up_yuan(std::int64_t base_fen, std::int64_t rate_micros) {
  const pvd::int128 t = static_cast<pvd::int128>(base_fen) * rate_micros + 50'000'000;
  return static_cast<std::int64_t>(t / 100'000'000) * 100;
}

/// An engine of the C ABI on `policy` with the in-memory store, or nullptr
/// (pvd_last_error() says why). The benchmarks keep theirs to the end.
inline pvd_engine* open_c(const char* policy) {
  pvd_engine_options o = PVD_ENGINE_OPTIONS_INIT;
  o.policy = policy;
  pvd_engine* e = nullptr;
  return pvd_engine_open(&o, &e) == PVD_OK ? e : nullptr;
}

/// SplitMix64: the benchmarks' generator (compare.py draws its arrays with numpy's own
/// generator over the same ranges).
struct SplitMix64 {
  std::uint64_t s;
  explicit SplitMix64(std::uint64_t seed) : s(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  /// Uniform in [lo, hi] (the modulo bias is irrelevant here).
  std::int64_t in(std::int64_t lo, std::int64_t hi) { return lo + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(hi - lo + 1)); }
};

/// One population for the deposit batch: bases 2,000.00–40,000.00 yuan in fen,
/// rates 5%–12% in millionths, per row (Shanghai-like spread).
struct DepositInputs {
  std::vector<std::int64_t> base, er, ee, out_er, out_ee;
  explicit DepositInputs(std::size_t n, std::uint64_t seed = 20260701) : base(n), er(n), ee(n), out_er(n), out_ee(n) {
    SplitMix64 g(seed);
    for (std::size_t i = 0; i < n; ++i) {
      base[i] = g.in(200'000, 4'000'000);
      er[i] = g.in(50'000, 120'000);
      ee[i] = g.in(50'000, 120'000);
    }
  }
};

/// Resident set size and virtual size of this process, in KiB (/proc/self/statm).
struct Statm {
  long size_kib = 0, resident_kib = 0;
};
inline Statm statm() {
  std::ifstream f("/proc/self/statm");
  long size = 0, resident = 0;
  f >> size >> resident;
  const long page_kib = sysconf(_SC_PAGESIZE) / 1024;
  return {size * page_kib, resident * page_kib};
}

/// A fresh temporary directory for SQLite files (removed by the caller).
inline std::string temp_dir(const char* tag) {
  std::string tmpl = std::string("/tmp/provident-bench-") + tag + "-XXXXXX";
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  return tmpl;
}

/// A valid 18-digit citizen ID number (GB 11643 checksum) for person `k`,
/// born on 1980-01-01 + (k mod 7000) days, region 140105 (Taiyuan).
std::string citizen_id(std::uint64_t k, int birth_year = 1980);

/// The contribution periods of the claim-check benchmarks (bench_rules and
/// bench_json use the same): n periods over a man's working life, 1986-09 to
/// 2026-06 (478 months). Period k starts at k/n of the window and reaches the
/// next one's start, plus 0–2 months at random and 3 more for every tenth, so
/// that neighbours overlap (months paid twice) and together they cover the
/// window (478 months counted: the claim is admissible at every n). Above 478
/// periods many share a month. In generation order; the caller shuffles.
std::vector<std::pair<pvd::YearMonth, pvd::YearMonth>> claim_periods(std::size_t n);

/// Days since 1970-01-01 / seconds since 1970-01-01T00:00 CST / month serial.
std::int32_t days_of(int y, int m, int d);
std::int64_t seconds_of(int y, int m, int d, int hh, int mm, int ss);
inline std::int32_t month_of(int y, int m) { return y * 12 + m - 1; }

}  // namespace bench

/// The main of every benchmark program: bench::main (checks fail the run).
#define PVD_BENCHMARK_MAIN() \
  int main(int argc, char** argv) { return bench::main(argc, argv); }
