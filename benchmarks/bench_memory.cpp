// quality.md §1, the memory row:
//
// 1. Resident size of an engine with every shipped profile loaded (an engine
//    loads them all when it opens): /proc/self/statm before and after opening
//    one, through C++ and through the C ABI, and the whole process's RSS.
// 2. Batch calls allocate nothing per row: this binary counts every heap
//    allocation (malloc, calloc, realloc, aligned allocations — which
//    operator new reaches too — and operator new itself), and the benchmarks
//    assert that a batch call over 10⁶ rows makes zero allocations (and that
//    its answer is right). A batch call that allocated, a wrong answer, or a
//    counter that sees nothing fails the program (exit status 1, bench::main).
//
//   build/bench/benchmarks/bench_memory
#include <benchmark/benchmark.h>
#include <malloc.h>

#include <algorithm>
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
  bench::expect(st, rss.first > 0 && rss.second > rss.first, "the measuring child failed (or opened no engine)");
}

// pvd::Engine opens with every shipped profile loaded (engine::Profiles);
// the child also resolves each by name, which must load nothing more.
void BM_Memory_EngineAllProfiles_Cpp(benchmark::State& st) {
  std::pair<long, long> rss;
  for (auto _ : st) {
    rss = rss_in_child([] {
      static auto engine = std::make_unique<pvd::Engine>(pvd::EngineOptions{.policy = "taiyuan"});
      for (const auto& name : pvd::Engine::shipped_profiles())
        if (!engine->profile(name)) _exit(1);  // the parent sees no figures: a failed check
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
      if (!e) _exit(1);  // the parent sees no figures: a failed check
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
    bench::expect(st, engine->profile("taiyuan") != nullptr, "the engine opened without the taiyuan profile");
  }
  st.counters["allocations"] = static_cast<double>(n);
  bench::expect(st, n > 0, "the allocation counter saw nothing while an engine opened");
}
BENCHMARK(BM_Memory_EngineOpen_Allocations)->Iterations(1);

// ------------------------------------------------------------------ no allocation per row

constexpr int kAsOfMonth = 2025 * 12 + 7 - 1;

// The most allocations seen in one call of the loop, and the answer of the
// last call checked row by row against the rule.
void check_zero(benchmark::State& st, std::uint64_t mallocs, std::uint64_t news, const bench::DepositInputs& in) {
  const std::size_t n = in.base.size();
  st.counters["allocs_in_call"] = static_cast<double>(mallocs);
  st.counters["news_in_call"] = static_cast<double>(news);
  st.counters["rows"] = static_cast<double>(n);
  if (mallocs != 0 || news != 0)
    bench::fail(st, "the batch call allocated: " + std::to_string(mallocs) + " allocation(s), " + std::to_string(news) +
                        " operator new");
  std::size_t wrong = 0;
  for (std::size_t i = 0; i < n; ++i)
    wrong += (in.out_er[i] != bench::half_up_yuan(in.base[i], in.er[i])) + (in.out_ee[i] != bench::half_up_yuan(in.base[i], in.ee[i]));
  bench::expect(st, wrong == 0, std::to_string(wrong) + " part(s) of the batch differ from half up to the yuan");
}

void BM_Alloc_DepositBatch_Cpp(benchmark::State& st) {
  const auto n = static_cast<std::size_t>(st.range(0));
  bench::DepositInputs in(n);
  pvd::Engine engine({.policy = "shanghai"});
  const pvd::Rounding r =
      engine.policy()->get<pvd::policy::Key::hpf_deposit_rounding>(pvd::YearMonth::from_serial(kAsOfMonth).first_day());
  std::uint64_t mallocs = 0, news = 0;
  for (auto _ : st) {
    const Counts c0 = counts();
    auto err = pvd::hpf::deposit_batch(r, n, in.base.data(), in.er.data(), in.ee.data(), in.out_er.data(), in.out_ee.data());
    const Counts c1 = counts();
    mallocs = std::max(mallocs, c1.mallocs - c0.mallocs);
    news = std::max(news, c1.news - c0.news);
    if (err) return bench::fail(st, "the kernel refused the batch: " + err->message);
    benchmark::DoNotOptimize(in.out_er.data());
  }
  check_zero(st, mallocs, news, in);
}
BENCHMARK(BM_Alloc_DepositBatch_Cpp)->Arg(1'000'000)->Iterations(3)->UseRealTime();

void BM_Alloc_DepositBatch_CAPI(benchmark::State& st) {
  const auto n = static_cast<std::size_t>(st.range(0));
  bench::DepositInputs in(n);
  pvd_engine* e = bench::open_c("shanghai");
  if (!e) return bench::fail(st, std::string("pvd_engine_open: ") + pvd_last_error());
  std::uint64_t mallocs = 0, news = 0;
  for (auto _ : st) {
    const Counts c0 = counts();
    const pvd_status s = pvd_hpf_deposit_batch(e, kAsOfMonth, n, in.base.data(), in.er.data(), in.ee.data(), in.out_er.data(),
                                               in.out_ee.data());
    const Counts c1 = counts();
    mallocs = std::max(mallocs, c1.mallocs - c0.mallocs);
    news = std::max(news, c1.news - c0.news);
    if (s != PVD_OK) {
      bench::fail(st, std::string("pvd_hpf_deposit_batch refused the batch: ") + pvd_engine_errmsg(e));
      break;
    }
    benchmark::DoNotOptimize(in.out_er.data());
  }
  pvd_engine_close(&e);
  check_zero(st, mallocs, news, in);
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
  bench::expect(st, n > 0, "the allocation counter saw nothing in a JSON command");
}
BENCHMARK(BM_Alloc_SelfCheck_JsonCommand)->Iterations(1);

}  // namespace

PVD_BENCHMARK_MAIN();
