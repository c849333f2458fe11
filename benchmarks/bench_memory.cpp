// quality.md §1, the memory row:
//
// 1. Resident size of an engine with every shipped profile loaded (an engine
//    loads them all when it opens): /proc/self/statm before and after opening
//    one, through C++ and through the C ABI, and the whole process's RSS.
// 2. Batch calls allocate nothing per row: this binary counts every heap
//    allocation (malloc, calloc, realloc, aligned allocations — which
//    operator new reaches too — and operator new itself), and the benchmarks
//    assert that a batch call over 10⁶ rows makes zero allocations. The
//    program exits with status 1 if any batch call allocated.
//
//   build/bench/benchmarks/bench_memory
#include <benchmark/benchmark.h>
#include <malloc.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <utility>

#include <sys/wait.h>
#include <unistd.h>

#include "common.hpp"
#include "hpf/deposit_batch.hpp"
#include "provident.h"
#include "provident/engine.hpp"

// ------------------------------------------------------------------ counting allocator
// glibc's own entry points; the definitions below interpose malloc & co. for
// the whole process (this binary, libprovident_c.so, libstdc++, libbenchmark).
extern "C" {
void* __libc_malloc(std::size_t);
void* __libc_calloc(std::size_t, std::size_t);
void* __libc_realloc(void*, std::size_t);
void* __libc_memalign(std::size_t, std::size_t);
void __libc_free(void*);
}

namespace {
std::atomic<std::uint64_t> g_mallocs{0};  // malloc, calloc, realloc, aligned
std::atomic<std::uint64_t> g_news{0};     // operator new (also counted in g_mallocs)
bool g_batch_allocated = false;
}  // namespace

extern "C" {
void* malloc(std::size_t n) {
  g_mallocs.fetch_add(1, std::memory_order_relaxed);
  return __libc_malloc(n);
}
void* calloc(std::size_t a, std::size_t b) {
  g_mallocs.fetch_add(1, std::memory_order_relaxed);
  return __libc_calloc(a, b);
}
void* realloc(void* p, std::size_t n) {
  g_mallocs.fetch_add(1, std::memory_order_relaxed);
  return __libc_realloc(p, n);
}
void* memalign(std::size_t al, std::size_t n) {
  g_mallocs.fetch_add(1, std::memory_order_relaxed);
  return __libc_memalign(al, n);
}
void* aligned_alloc(std::size_t al, std::size_t n) { return memalign(al, n); }
int posix_memalign(void** out, std::size_t al, std::size_t n) {
  void* p = memalign(al, n);
  if (!p) return ENOMEM;
  *out = p;
  return 0;
}
void free(void* p) { __libc_free(p); }
}

void* operator new(std::size_t n) {
  g_news.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) { return operator new(n); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  g_news.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(n ? n : 1);
}
void* operator new[](std::size_t n, const std::nothrow_t& t) noexcept { return operator new(n, t); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

namespace {

struct Counts {
  std::uint64_t mallocs, news;
};
Counts counts() { return {g_mallocs.load(), g_news.load()}; }

// ------------------------------------------------------------------ resident size

// Runs `open` in a fresh child process (so that nothing this process did
// before — earlier benchmarks, freed heap — shapes the figure) and returns the
// child's RSS before and after, in KiB.
template <class Open>
std::pair<long, long> rss_in_child(Open open) {
  int fds[2];
  if (pipe(fds) != 0) return {-1, -1};
  const pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    const auto before = bench::statm();
    open();
    const auto after = bench::statm();
    long out[2] = {before.resident_kib, after.resident_kib};
    [[maybe_unused]] auto w = write(fds[1], out, sizeof out);
    _exit(0);
  }
  close(fds[1]);
  long in[2] = {-1, -1};
  [[maybe_unused]] auto r = read(fds[0], in, sizeof in);
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  return {in[0], in[1]};
}

void report_rss(benchmark::State& st, std::pair<long, long> rss) {
  st.counters["engine_rss_KiB"] = static_cast<double>(rss.second - rss.first);
  st.counters["process_rss_KiB"] = static_cast<double>(rss.second);
  st.counters["process_before_KiB"] = static_cast<double>(rss.first);
  st.counters["profiles"] = static_cast<double>(pvd::Engine::shipped_profiles().size());
  if (rss.first < 0) st.SkipWithError("the measuring child failed");
}

// pvd::Engine opens with every shipped profile loaded (Engine::Impl::shipped);
// the child also resolves each by name, which must load nothing more.
void BM_Memory_EngineAllProfiles_Cpp(benchmark::State& st) {
  std::pair<long, long> rss;
  for (auto _ : st) {
    rss = rss_in_child([] {
      static auto engine = std::make_unique<pvd::Engine>(pvd::EngineOptions{.policy = "taiyuan"});
      for (const auto& name : pvd::Engine::shipped_profiles()) benchmark::DoNotOptimize(engine->profile(name));
    });
  }
  report_rss(st, rss);
}
BENCHMARK(BM_Memory_EngineAllProfiles_Cpp)->Iterations(1);

void BM_Memory_EngineAllProfiles_CAPI(benchmark::State& st) {
  std::pair<long, long> rss;
  for (auto _ : st) {
    rss = rss_in_child([] {
      static pvd_engine* e = bench::open_c("taiyuan");
      benchmark::DoNotOptimize(e);
    });
  }
  report_rss(st, rss);
}
BENCHMARK(BM_Memory_EngineAllProfiles_CAPI)->Iterations(1);

// Heap allocations made while an engine opens (all profiles loaded), for scale.
void BM_Memory_EngineOpen_Allocations(benchmark::State& st) {
  std::uint64_t n = 0;
  for (auto _ : st) {
    const auto c0 = counts();
    auto engine = std::make_unique<pvd::Engine>(pvd::EngineOptions{.policy = "taiyuan"});
    n = counts().mallocs - c0.mallocs;
  }
  st.counters["allocations"] = static_cast<double>(n);
}
BENCHMARK(BM_Memory_EngineOpen_Allocations)->Iterations(1);

// ------------------------------------------------------------------ no allocation per row

constexpr int kAsOfMonth = 2025 * 12 + 7 - 1;

void check_zero(benchmark::State& st, const Counts& c0, const Counts& c1, std::size_t n) {
  const auto mallocs = c1.mallocs - c0.mallocs, news = c1.news - c0.news;
  st.counters["allocs_in_call"] = static_cast<double>(mallocs);
  st.counters["news_in_call"] = static_cast<double>(news);
  st.counters["rows"] = static_cast<double>(n);
  if (mallocs != 0 || news != 0) {
    g_batch_allocated = true;
    st.SkipWithError("the batch call allocated");
  }
}

void BM_Alloc_DepositBatch_Cpp(benchmark::State& st) {
  const auto n = static_cast<std::size_t>(st.range(0));
  bench::DepositInputs in(n);
  pvd::Engine engine({.policy = "shanghai"});
  const auto r = engine.policy()->get<pvd::Rounding>(pvd::policy::Key::hpf_deposit_rounding,
                                                     pvd::YearMonth::from_serial(kAsOfMonth).first_day());
  Counts c0{}, c1{};
  for (auto _ : st) {
    c0 = counts();
    auto err = pvd::hpf::deposit_batch(r, n, in.base.data(), in.er.data(), in.ee.data(), in.out_er.data(), in.out_ee.data());
    c1 = counts();
    if (err) st.SkipWithError(err->message.c_str());
    benchmark::DoNotOptimize(in.out_er.data());
  }
  check_zero(st, c0, c1, n);
}
BENCHMARK(BM_Alloc_DepositBatch_Cpp)->Arg(1'000'000)->Iterations(3)->UseRealTime();

void BM_Alloc_DepositBatch_CAPI(benchmark::State& st) {
  const auto n = static_cast<std::size_t>(st.range(0));
  bench::DepositInputs in(n);
  pvd_engine* e = bench::open_c("shanghai");
  if (!e) {
    st.SkipWithError(pvd_last_error());
    return;
  }
  Counts c0{}, c1{};
  for (auto _ : st) {
    c0 = counts();
    const pvd_status s = pvd_hpf_deposit_batch(e, kAsOfMonth, n, in.base.data(), in.er.data(), in.ee.data(), in.out_er.data(),
                                               in.out_ee.data());
    c1 = counts();
    if (s != PVD_OK) st.SkipWithError(pvd_engine_errmsg(e));
    benchmark::DoNotOptimize(in.out_er.data());
  }
  pvd_engine_close(&e);
  check_zero(st, c0, c1, n);
}
BENCHMARK(BM_Alloc_DepositBatch_CAPI)->Arg(1'000'000)->Iterations(3)->UseRealTime();

// The counter works: a call known to allocate (a JSON command) is seen.
void BM_Alloc_SelfCheck_JsonCommand(benchmark::State& st) {
  pvd::Engine engine({.policy = "shanghai"});
  const std::string req =
      R"({"op":"hpf.deposit","as_of":"2024-09-02T10:00:00","args":{"base":"2690","employer_rate":"7%","employee_rate":"7%"}})";
  std::uint64_t n = 0;
  for (auto _ : st) {
    const auto c0 = counts();
    benchmark::DoNotOptimize(engine.execute(req));
    n = counts().mallocs - c0.mallocs;
  }
  st.counters["allocs_in_call"] = static_cast<double>(n);
  if (n == 0) {
    g_batch_allocated = true;  // the counter is broken: fail the run
    st.SkipWithError("the allocation counter saw nothing");
  }
}
BENCHMARK(BM_Alloc_SelfCheck_JsonCommand)->Iterations(1);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  if (g_batch_allocated) {
    std::fprintf(stderr, "bench_memory: a batch call allocated (or the counter is broken)\n");
    return 1;
  }
  return 0;
}
