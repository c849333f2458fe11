#include "hpf/deposit_batch.hpp"

#include "provident/core/int128.hpp"

namespace pvd::hpf {

namespace {

constexpr std::int64_t kMicros = 1'000'000;
// Bases up to this bound keep base × rate plus any rounding addend (< 10⁸)
// inside int64 (≈ 92 billion yuan).
constexpr std::int64_t kFastBaseMax = (INT64_MAX - 100 * kMicros) / kMicros;

// Rounds x / D for x ≥ 0, D a compile-time constant (so the division becomes
// a multiplication), then scales back to fen.
template <RoundingMode M, std::int64_t D, std::int64_t Unit>
inline std::int64_t round_nonneg(std::int64_t x) noexcept {
  if constexpr (M == RoundingMode::down) return x / D * Unit;
  if constexpr (M == RoundingMode::up) return (x + D - 1) / D * Unit;
  if constexpr (M == RoundingMode::half_up) return (x + D / 2) / D * Unit;
  if constexpr (M == RoundingMode::half_even) {
    const std::int64_t q = x / D, r = x % D;
    return (q + ((2 * r > D) || (2 * r == D && (q & 1)))) * Unit;
  }
  if constexpr (M == RoundingMode::fen_then_up) {
    const std::int64_t fen = (x + kMicros / 2) / kMicros;  // half up to fen
    return (fen + Unit - 1) / Unit * Unit;                  // then up to the unit
  }
  return 0;
}

template <RoundingMode M, std::int64_t Unit>
void kernel(std::size_t n, const std::int64_t* base, const std::int64_t* er, const std::int64_t* ee,
            std::int64_t* oer, std::int64_t* oee) noexcept {
  constexpr std::int64_t D = M == RoundingMode::fen_then_up ? kMicros : kMicros * Unit;
  for (std::size_t i = 0; i < n; ++i) {
    oer[i] = round_nonneg<M, D, Unit>(base[i] * er[i]);
    oee[i] = round_nonneg<M, D, Unit>(base[i] * ee[i]);
  }
}

// ------------------------------------------------------------------ vector path
// x86-64 has no vector 64-bit integer division (nor a 64-bit high multiply),
// so the integer kernel above stays scalar. Where the CPU has AVX-512 (F, DQ,
// VL: 64-bit multiply and int64 ↔ double conversions in vectors), the same
// roundings run eight rows at a time through a floating-point quotient that
// is then corrected exactly in integers:
//
//   q ≈ trunc(t × (1/D))   |q − ⌊t/D⌋| ≤ 1   (see floor_div)
//   r = t − q·D            exact in int64
//   r ≥ D → q+1;  r < 0 → q−1                 → q = ⌊t/D⌋, r = t mod D exactly
//
// The library itself stays built for baseline x86-64: the vector kernel is
// compiled for AVX-512 on its own (a function target attribute) and chosen at
// run time only on a CPU (and OS) that supports it.
#if defined(__x86_64__) && defined(__GNUC__)
#define PVD_BATCH_AVX512 1

// ⌊t/D⌋ and t mod D for 0 ≤ t < 2⁶³, D ≥ 10. The product t × fl(1/D) carries
// at most three roundings (t to double, 1/D, the product): a relative error
// below 3.4·10⁻¹⁶, so an absolute error below 3.4·10⁻¹⁶ × t/D < 1 whenever
// t/D < 2.9·10¹⁵ — always here: t < 2⁶³ with D ≥ 10⁶, or t < 10¹⁶ fen with D
// = 10 or 100 (fen_then_up's second step). The truncated quotient is thus
// ⌊t/D⌋ − 1, ⌊t/D⌋ or ⌊t/D⌋ + 1, and one correction step makes it exact.
template <std::int64_t D>
[[gnu::always_inline]] inline std::int64_t floor_div(std::int64_t t, std::int64_t& rem) noexcept {
  constexpr double inv = 1.0 / static_cast<double>(D);
  std::int64_t q = static_cast<std::int64_t>(static_cast<double>(t) * inv);
  std::int64_t r = t - q * D;
  const std::int64_t hi = r >= D, lo = r < 0;
  q += hi - lo;
  r -= (hi - lo) * D;
  rem = r;
  return q;
}

template <RoundingMode M, std::int64_t D, std::int64_t Unit>
[[gnu::always_inline]] inline std::int64_t round_nonneg_fp(std::int64_t x) noexcept {
  std::int64_t r = 0;
  if constexpr (M == RoundingMode::down) return floor_div<D>(x, r) * Unit;
  if constexpr (M == RoundingMode::up) return floor_div<D>(x + D - 1, r) * Unit;
  if constexpr (M == RoundingMode::half_up) return floor_div<D>(x + D / 2, r) * Unit;
  if constexpr (M == RoundingMode::half_even) {
    const std::int64_t q = floor_div<D>(x, r);
    const std::int64_t above = 2 * r > D, tie = 2 * r == D, odd = q & 1;  // integers, not bools: vectorisable
    return (q + (above | (tie & odd))) * Unit;
  }
  if constexpr (M == RoundingMode::fen_then_up) {
    const std::int64_t fen = floor_div<kMicros>(x + kMicros / 2, r);  // half up to fen
    if constexpr (Unit == 1) return fen;
    else return floor_div<Unit>(fen + Unit - 1, r) * Unit;  // then up to the unit
  }
  return 0;
}

template <RoundingMode M, std::int64_t Unit>
__attribute__((target("avx512f,avx512dq,avx512vl,avx2,fma"))) void kernel_avx512(
    std::size_t n, const std::int64_t* base, const std::int64_t* er, const std::int64_t* ee, std::int64_t* oer,
    std::int64_t* oee) noexcept {
  constexpr std::int64_t D = M == RoundingMode::fen_then_up ? kMicros : kMicros * Unit;
  for (std::size_t i = 0; i < n; ++i) {
    oer[i] = round_nonneg_fp<M, D, Unit>(base[i] * er[i]);
    oee[i] = round_nonneg_fp<M, D, Unit>(base[i] * ee[i]);
  }
}

bool cpu_has_avx512() noexcept {
  // libgcc's CPU model checks the OS saves the AVX-512 state (XCR0) too.
  static const bool has = [] {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
           __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  }();
  return has;
}
#endif

template <RoundingMode M, std::int64_t Unit>
void run(std::size_t n, const std::int64_t* b, const std::int64_t* er, const std::int64_t* ee, std::int64_t* oer,
         std::int64_t* oee) noexcept {
#ifdef PVD_BATCH_AVX512
  if (cpu_has_avx512()) return kernel_avx512<M, Unit>(n, b, er, ee, oer, oee);
#endif
  kernel<M, Unit>(n, b, er, ee, oer, oee);
}

template <RoundingMode M>
void dispatch_unit(RoundingUnit u, std::size_t n, const std::int64_t* b, const std::int64_t* er, const std::int64_t* ee,
                   std::int64_t* oer, std::int64_t* oee) noexcept {
  switch (u) {
    case RoundingUnit::fen: run<M, 1>(n, b, er, ee, oer, oee); break;
    case RoundingUnit::jiao: run<M, 10>(n, b, er, ee, oer, oee); break;
    case RoundingUnit::yuan: run<M, 100>(n, b, er, ee, oer, oee); break;
  }
}

}  // namespace

std::optional<BatchError> deposit_batch(Rounding r, std::size_t n, const std::int64_t* base, const std::int64_t* er,
                                        const std::int64_t* ee, std::int64_t* oer, std::int64_t* oee) noexcept {
  bool fast = true;
  for (std::size_t i = 0; i < n; ++i) {
    if (base[i] < 0) return BatchError{i, "base_fen", "row " + std::to_string(i) + ": base_fen must not be negative"};
    if (er[i] < 0 || er[i] > kMicros)
      return BatchError{i, "employer_rate_micros", "row " + std::to_string(i) + ": employer_rate_micros must be within 0…1000000"};
    if (ee[i] < 0 || ee[i] > kMicros)
      return BatchError{i, "employee_rate_micros", "row " + std::to_string(i) + ": employee_rate_micros must be within 0…1000000"};
    fast &= base[i] <= kFastBaseMax;
  }
  if (fast) {
    switch (r.mode) {
      case RoundingMode::half_up: dispatch_unit<RoundingMode::half_up>(r.unit, n, base, er, ee, oer, oee); break;
      case RoundingMode::half_even: dispatch_unit<RoundingMode::half_even>(r.unit, n, base, er, ee, oer, oee); break;
      case RoundingMode::up: dispatch_unit<RoundingMode::up>(r.unit, n, base, er, ee, oer, oee); break;
      case RoundingMode::down: dispatch_unit<RoundingMode::down>(r.unit, n, base, er, ee, oer, oee); break;
      case RoundingMode::fen_then_up: dispatch_unit<RoundingMode::fen_then_up>(r.unit, n, base, er, ee, oer, oee); break;
    }
    return std::nullopt;
  }
  // Very large bases: the exact 128-bit path (same results as round()).
  for (std::size_t i = 0; i < n; ++i) {
    oer[i] = round_fen_div(static_cast<int128>(base[i]) * er[i], kMicros, r);
    oee[i] = round_fen_div(static_cast<int128>(base[i]) * ee[i], kMicros, r);
  }
  return std::nullopt;
}

}  // namespace pvd::hpf
