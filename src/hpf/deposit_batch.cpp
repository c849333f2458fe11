#include "hpf/deposit_batch.hpp"

#include "provident/core/int128.hpp"

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

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

// A block is scanned first, then computed (both in cache: the inputs are read
// from memory once). The scan takes the largest base and the largest rate, as
// unsigned: a negative value is above every bound, so one unsigned maximum per
// input says whether any row is out of range. The block is then computed by
// the cheapest kernel its values allow:
//  - narrow (every base below 2³¹ fen, 21 million yuan a month; rates ≤ 10⁶):
//    each product fits a 32 × 32 → 64-bit multiply, one vector instruction
//    where the 64 × 64-bit one is three;
//  - wide (bases up to kFastBaseMax): int64 products;
//  - otherwise the block is checked row by row: a bad row is the error, a
//    valid base too large for int64 products goes the exact 128-bit way.
// Since a kernel only ever sees values in its range, it needs no clamping.
constexpr std::int64_t kNarrowBaseMax = (std::int64_t{1} << 31) - 1;

struct Tops {
  std::uint64_t base = 0, rate = 0;
};
[[gnu::always_inline]] inline std::uint64_t umax(std::uint64_t a, std::uint64_t b) noexcept { return a < b ? b : a; }

[[gnu::always_inline]] inline Tops scan_rows(std::size_t n, const std::int64_t* __restrict base,
                                             const std::int64_t* __restrict er, const std::int64_t* __restrict ee) noexcept {
  std::uint64_t top_base = 0, top_rate = 0;
  for (std::size_t i = 0; i < n; ++i) {
    top_base = umax(top_base, static_cast<std::uint64_t>(base[i]));
    top_rate = umax(top_rate, umax(static_cast<std::uint64_t>(er[i]), static_cast<std::uint64_t>(ee[i])));
  }
  return {top_base, top_rate};
}

Tops scan(std::size_t n, const std::int64_t* base, const std::int64_t* er, const std::int64_t* ee) noexcept {
  return scan_rows(n, base, er, ee);
}

template <RoundingMode M, std::int64_t Unit>
void kernel(std::size_t n, const std::int64_t* __restrict base, const std::int64_t* __restrict er,
            const std::int64_t* __restrict ee, std::int64_t* __restrict oer, std::int64_t* __restrict oee) noexcept {
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

#define PVD_AVX512_TARGET __attribute__((target("avx512f,avx512dq,avx512vl,avx2,fma")))

template <RoundingMode M, std::int64_t Unit>
PVD_AVX512_TARGET void kernel_avx512(std::size_t n, const std::int64_t* __restrict base, const std::int64_t* __restrict er,
                                     const std::int64_t* __restrict ee, std::int64_t* __restrict oer,
                                     std::int64_t* __restrict oee) noexcept {
  constexpr std::int64_t D = M == RoundingMode::fen_then_up ? kMicros : kMicros * Unit;
  for (std::size_t i = 0; i < n; ++i) {
    oer[i] = round_nonneg_fp<M, D, Unit>(base[i] * er[i]);
    oee[i] = round_nonneg_fp<M, D, Unit>(base[i] * ee[i]);
  }
}

// The narrow kernel: the same arithmetic eight rows at a time, written with the
// instructions themselves — GCC 12 does not make the one-instruction 32 × 32 →
// 64-bit multiply (vpmuludq) of values it cannot prove narrow. With every base
// below 2³¹ and rates ≤ 10⁶, t = b × r < 2⁵¹ and every quotient q < 2³², so
// b × r and q × D are such products, exact.
#define PVD_AVX512_INLINE __attribute__((target("avx512f,avx512dq,avx512vl,avx2,fma"), always_inline)) inline

// a × b of the low 32 bits of each lane, unsigned (vpmuludq). The zero-masked form of
// the intrinsic, all lanes kept: the plain one starts from GCC 12's "undefined" vector,
// which its -Wmaybe-uninitialized reports as uninitialized.
PVD_AVX512_INLINE __m512i mul32(__m512i a, __m512i b) noexcept { return _mm512_maskz_mul_epu32(0xFF, a, b); }

template <std::int64_t D>
PVD_AVX512_INLINE __m512i floor_div8(__m512i t, __m512i& rem) noexcept {
  const __m512i d = _mm512_set1_epi64(D), one = _mm512_set1_epi64(1);
  __m512i q = _mm512_cvttpd_epi64(_mm512_mul_pd(_mm512_cvtepi64_pd(t), _mm512_set1_pd(1.0 / static_cast<double>(D))));
  __m512i r = _mm512_sub_epi64(t, mul32(q, d));
  const __mmask8 hi = _mm512_cmpge_epi64_mask(r, d), lo = _mm512_cmplt_epi64_mask(r, _mm512_setzero_si512());
  q = _mm512_mask_add_epi64(q, hi, q, one);
  q = _mm512_mask_sub_epi64(q, lo, q, one);
  r = _mm512_mask_sub_epi64(r, hi, r, d);
  rem = _mm512_mask_add_epi64(r, lo, r, d);
  return q;
}

template <std::int64_t Unit>
PVD_AVX512_INLINE __m512i in_fen(__m512i q) noexcept {
  if constexpr (Unit == 1) return q;
  else return mul32(q, _mm512_set1_epi64(Unit));
}

template <RoundingMode M, std::int64_t D, std::int64_t Unit>
PVD_AVX512_INLINE __m512i round8(__m512i x) noexcept {
  __m512i r = _mm512_setzero_si512();
  if constexpr (M == RoundingMode::down) return in_fen<Unit>(floor_div8<D>(x, r));
  if constexpr (M == RoundingMode::up) return in_fen<Unit>(floor_div8<D>(_mm512_add_epi64(x, _mm512_set1_epi64(D - 1)), r));
  if constexpr (M == RoundingMode::half_up) return in_fen<Unit>(floor_div8<D>(_mm512_add_epi64(x, _mm512_set1_epi64(D / 2)), r));
  if constexpr (M == RoundingMode::half_even) {
    const __m512i q = floor_div8<D>(x, r), twice = _mm512_add_epi64(r, r), d = _mm512_set1_epi64(D);
    const __mmask8 up = _mm512_cmpgt_epi64_mask(twice, d) |
                        (_mm512_cmpeq_epi64_mask(twice, d) & _mm512_test_epi64_mask(q, _mm512_set1_epi64(1)));
    return in_fen<Unit>(_mm512_mask_add_epi64(q, up, q, _mm512_set1_epi64(1)));
  }
  if constexpr (M == RoundingMode::fen_then_up) {
    const __m512i fen = floor_div8<kMicros>(_mm512_add_epi64(x, _mm512_set1_epi64(kMicros / 2)), r);  // half up to fen
    if constexpr (Unit == 1) return fen;
    else return in_fen<Unit>(floor_div8<Unit>(_mm512_add_epi64(fen, _mm512_set1_epi64(Unit - 1)), r));  // then up
  }
  return _mm512_setzero_si512();
}

template <RoundingMode M, std::int64_t Unit>
PVD_AVX512_TARGET void kernel_avx512_narrow(std::size_t n, const std::int64_t* __restrict base,
                                            const std::int64_t* __restrict er, const std::int64_t* __restrict ee,
                                            std::int64_t* __restrict oer, std::int64_t* __restrict oee) noexcept {
  constexpr std::int64_t D = M == RoundingMode::fen_then_up ? kMicros : kMicros * Unit;
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const __m512i b = _mm512_loadu_si512(base + i);
    _mm512_storeu_si512(oer + i, round8<M, D, Unit>(mul32(b, _mm512_loadu_si512(er + i))));
    _mm512_storeu_si512(oee + i, round8<M, D, Unit>(mul32(b, _mm512_loadu_si512(ee + i))));
  }
  if (i == n) return;
  const auto k = static_cast<__mmask8>((1u << (n - i)) - 1);  // the last rows, fewer than eight
  const __m512i b = _mm512_maskz_loadu_epi64(k, base + i);
  _mm512_mask_storeu_epi64(oer + i, k, round8<M, D, Unit>(mul32(b, _mm512_maskz_loadu_epi64(k, er + i))));
  _mm512_mask_storeu_epi64(oee + i, k, round8<M, D, Unit>(mul32(b, _mm512_maskz_loadu_epi64(k, ee + i))));
}

PVD_AVX512_TARGET Tops scan_avx512(std::size_t n, const std::int64_t* base, const std::int64_t* er,
                                   const std::int64_t* ee) noexcept {
  return scan_rows(n, base, er, ee);
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

// The scan and the two kernels of one instruction set and one rounding.
using Kernel = void (*)(std::size_t, const std::int64_t*, const std::int64_t*, const std::int64_t*, std::int64_t*,
                        std::int64_t*) noexcept;
struct Kernels {
  Tops (*scan)(std::size_t, const std::int64_t*, const std::int64_t*, const std::int64_t*) noexcept;
  Kernel narrow, wide;
};

template <RoundingMode M, std::int64_t Unit>
Kernels kernel_for(DepositKernel k) noexcept {
#ifdef PVD_BATCH_AVX512
  if (k == DepositKernel::avx512) return {&scan_avx512, &kernel_avx512_narrow<M, Unit>, &kernel_avx512<M, Unit>};
#endif
  (void)k;
  // x86-64 baseline: a scalar 64-bit multiply costs what a 32-bit one does; one kernel for both.
  return {&scan, &kernel<M, Unit>, &kernel<M, Unit>};
}

template <RoundingMode M>
Kernels kernel_for(DepositKernel k, RoundingUnit u) noexcept {
  switch (u) {
    case RoundingUnit::fen: return kernel_for<M, 1>(k);
    case RoundingUnit::jiao: return kernel_for<M, 10>(k);
    case RoundingUnit::yuan: return kernel_for<M, 100>(k);
  }
  return kernel_for<M, 1>(k);
}

Kernels kernel_for(DepositKernel k, Rounding r) noexcept {
  switch (r.mode) {
    case RoundingMode::half_up: return kernel_for<RoundingMode::half_up>(k, r.unit);
    case RoundingMode::half_even: return kernel_for<RoundingMode::half_even>(k, r.unit);
    case RoundingMode::up: return kernel_for<RoundingMode::up>(k, r.unit);
    case RoundingMode::down: return kernel_for<RoundingMode::down>(k, r.unit);
    case RoundingMode::fen_then_up: return kernel_for<RoundingMode::fen_then_up>(k, r.unit);
  }
  return kernel_for<RoundingMode::half_up>(k, r.unit);
}

// Checks rows [from, to) of a block whose scan found a value beyond the kernels' range: the first bad row, if any.
std::optional<BatchError> check_rows(std::size_t from, std::size_t to, const std::int64_t* base,
                                     const std::int64_t* er, const std::int64_t* ee) noexcept {
  for (std::size_t i = from; i < to; ++i) {
    if (base[i] < 0) return BatchError{i, "base_fen", "row " + std::to_string(i) + ": base_fen must not be negative"};
    if (er[i] < 0 || er[i] > kMicros)
      return BatchError{i, "employer_rate_micros", "row " + std::to_string(i) + ": employer_rate_micros must be within 0…1000000"};
    if (ee[i] < 0 || ee[i] > kMicros)
      return BatchError{i, "employee_rate_micros", "row " + std::to_string(i) + ": employee_rate_micros must be within 0…1000000"};
  }
  return std::nullopt;
}

}  // namespace

bool deposit_kernel_available(DepositKernel k) noexcept {
  switch (k) {
    case DepositKernel::baseline: return true;
    case DepositKernel::avx512:
#ifdef PVD_BATCH_AVX512
      return cpu_has_avx512();
#else
      return false;
#endif
  }
  return false;
}

DepositKernel deposit_kernel_chosen() noexcept {
  return deposit_kernel_available(DepositKernel::avx512) ? DepositKernel::avx512 : DepositKernel::baseline;
}

const char* deposit_kernel_name(DepositKernel k) noexcept {
  return k == DepositKernel::avx512 ? "avx512" : "baseline";
}

std::optional<BatchError> deposit_batch_on(DepositKernel k, Rounding r, std::size_t n, const std::int64_t* base,
                                           const std::int64_t* er, const std::int64_t* ee, std::int64_t* oer,
                                           std::int64_t* oee) noexcept {
  if (!deposit_kernel_available(k)) k = DepositKernel::baseline;
  const Kernels run = kernel_for(k, r);
  // Decision (issue 21): rows are checked while they are computed, a block at a time, so the
  // inputs are read from memory once (a whole-array check first read 10⁷ rows twice and ran at
  // 0.74 of the hand-written loop); a block is scanned, then computed while it is in cache. The
  // price: a failed call may already have written the outputs of the blocks before the bad
  // row's — the outputs of a failed call are unspecified (provident.h, protocol.md §2).
  for (std::size_t from = 0; from < n; from += kDepositBlockRows) {
    const std::size_t to = n - from < kDepositBlockRows ? n : from + kDepositBlockRows;
    const Tops top = run.scan(to - from, base + from, er + from, ee + from);
    if (top.rate <= static_cast<std::uint64_t>(kMicros) && top.base <= static_cast<std::uint64_t>(kNarrowBaseMax)) {
      run.narrow(to - from, base + from, er + from, ee + from, oer + from, oee + from);
      continue;
    }
    if (top.rate <= static_cast<std::uint64_t>(kMicros) && top.base <= static_cast<std::uint64_t>(kFastBaseMax)) {
      run.wide(to - from, base + from, er + from, ee + from, oer + from, oee + from);
      continue;
    }
    if (auto bad = check_rows(from, to, base, er, ee)) return bad;
    // Valid, but a base too large for int64 products: the block exactly in 128 bits
    // (the same results as round()).
    for (std::size_t i = from; i < to; ++i) {
      oer[i] = round_fen_div(static_cast<int128>(base[i]) * er[i], kMicros, r);
      oee[i] = round_fen_div(static_cast<int128>(base[i]) * ee[i], kMicros, r);
    }
  }
  return std::nullopt;
}

std::optional<BatchError> deposit_batch(Rounding r, std::size_t n, const std::int64_t* base, const std::int64_t* er,
                                        const std::int64_t* ee, std::int64_t* oer, std::int64_t* oee) noexcept {
  return deposit_batch_on(deposit_kernel_chosen(), r, n, base, er, ee, oer, oee);
}

}  // namespace pvd::hpf
