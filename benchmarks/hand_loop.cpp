#include "hand_loop.hpp"

namespace bench {

__attribute__((noinline)) void hand_loop_baseline(std::size_t n, const std::int64_t* __restrict b,
                                                  const std::int64_t* __restrict er, const std::int64_t* __restrict ee,
                                                  std::int64_t* __restrict oer, std::int64_t* __restrict oee) noexcept {
  for (std::size_t i = 0; i < n; ++i) {
    oer[i] = (b[i] * er[i] + 50'000'000) / 100'000'000 * 100;
    oee[i] = (b[i] * ee[i] + 50'000'000) / 100'000'000 * 100;
  }
}

#if defined(__x86_64__) && defined(__GNUC__)
namespace {

// ⌊t / 10⁸⌋ for 0 ≤ t < 2⁶³: t × 10⁻⁸ in double is within 1 of the quotient
// (the kernel's floor_div, src/hpf/deposit_batch.cpp), one correction step
// makes it exact. Integers, not bools, so that the loop vectorises.
[[gnu::always_inline]] inline std::int64_t div1e8(std::int64_t t) noexcept {
  constexpr std::int64_t D = 100'000'000;
  std::int64_t q = static_cast<std::int64_t>(static_cast<double>(t) * (1.0 / static_cast<double>(D)));
  const std::int64_t r = t - q * D;
  q += static_cast<std::int64_t>(r >= D) - static_cast<std::int64_t>(r < 0);
  return q;
}

__attribute__((target("avx512f,avx512dq,avx512vl,avx2,fma"), noinline)) void hand_loop_avx512(
    std::size_t n, const std::int64_t* __restrict b, const std::int64_t* __restrict er, const std::int64_t* __restrict ee,
    std::int64_t* __restrict oer, std::int64_t* __restrict oee) noexcept {
  for (std::size_t i = 0; i < n; ++i) {
    oer[i] = div1e8(b[i] * er[i] + 50'000'000) * 100;
    oee[i] = div1e8(b[i] * ee[i] + 50'000'000) * 100;
  }
}

// The kernel's test (cpu_has_avx512 in src/hpf/deposit_batch.cpp), word for word.
bool cpu_has_avx512() noexcept {
  static const bool has = [] {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
           __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  }();
  return has;
}

}  // namespace

void hand_loop(std::size_t n, const std::int64_t* b, const std::int64_t* er, const std::int64_t* ee, std::int64_t* oer,
               std::int64_t* oee) noexcept {
  if (cpu_has_avx512()) return hand_loop_avx512(n, b, er, ee, oer, oee);
  hand_loop_baseline(n, b, er, ee, oer, oee);
}

const char* hand_loop_path() noexcept { return cpu_has_avx512() ? "avx512" : "baseline"; }
#else
void hand_loop(std::size_t n, const std::int64_t* b, const std::int64_t* er, const std::int64_t* ee, std::int64_t* oer,
               std::int64_t* oee) noexcept {
  hand_loop_baseline(n, b, er, ee, oer, oee);
}

const char* hand_loop_path() noexcept { return "baseline"; }
#endif

}  // namespace bench
