// The HPF monthly deposit over arrays: arithmetic.md §3.1 (住房公积金管理条例 Art. 16,
// 18) — employer part = round(base × employer rate), employee part = round(base ×
// employee rate), each part rounded separately with hpf.deposit.rounding (arithmetic.md
// §2: the modes below), exactly as compute_deposit (deposit.hpp) rounds one person's.
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
// a multiplication), then scales back to fen. In unsigned arithmetic, so that
// any input (an invalid row computed before it is found) has a defined result.
template <RoundingMode M, std::int64_t D, std::int64_t Unit>
inline std::int64_t round_nonneg(std::uint64_t x) noexcept {
  constexpr std::uint64_t d = D, unit = Unit, micros = kMicros;
  if constexpr (M == RoundingMode::down) return static_cast<std::int64_t>(x / d * unit);
  if constexpr (M == RoundingMode::up) return static_cast<std::int64_t>((x + d - 1) / d * unit);
  if constexpr (M == RoundingMode::half_up) return static_cast<std::int64_t>((x + d / 2) / d * unit);
  if constexpr (M == RoundingMode::half_even) {
    const std::uint64_t q = x / d, r = x % d;
    return static_cast<std::int64_t>((q + ((2 * r > d) || (2 * r == d && (q & 1)))) * unit);
  }
  if constexpr (M == RoundingMode::fen_then_up) {
    const std::uint64_t fen = (x + micros / 2) / micros;               // half up to fen
    return static_cast<std::int64_t>((fen + unit - 1) / unit * unit);  // then up to the unit
  }
  return 0;
}

// Checking and computing in one pass. A kernel computes a block as if every
// row were within its range — in arithmetic whose result is defined for any
// input — and takes, as it goes, the largest base and the largest rate as
// unsigned values (a negative value is above every bound, so one unsigned
// maximum per input says whether any row is out of range). A block within
// the kernel's range is done; any other is done again (deposit_batch_on):
// by the wide kernel, or row by row (a bad row is the error; a valid base too
// large for int64 products goes the exact 128-bit way).
struct Tops {
  std::uint64_t base = 0, rate = 0;
};
[[gnu::always_inline]] inline std::uint64_t umax(std::uint64_t a, std::uint64_t b) noexcept { return a < b ? b : a; }

// The baseline kernel: exact for bases up to kFastBaseMax (int64 products).
template <RoundingMode M, std::int64_t Unit>
Tops kernel(std::size_t n, const std::int64_t* __restrict base, const std::int64_t* __restrict er,
            const std::int64_t* __restrict ee, std::int64_t* __restrict oer, std::int64_t* __restrict oee) noexcept {
  constexpr std::int64_t D = M == RoundingMode::fen_then_up ? kMicros : kMicros * Unit;
  std::uint64_t top_base = 0, top_rate = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const auto b = static_cast<std::uint64_t>(base[i]), r1 = static_cast<std::uint64_t>(er[i]),
               r2 = static_cast<std::uint64_t>(ee[i]);
    top_base = umax(top_base, b);
    top_rate = umax(top_rate, umax(r1, r2));
    oer[i] = round_nonneg<M, D, Unit>(b * r1);
    oee[i] = round_nonneg<M, D, Unit>(b * r2);
  }
  return {top_base, top_rate};
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

// The instruction sets of the vector kernels (and of cpu_has_avx512's test below).
#define PVD_AVX512_FEATURES "avx512f,avx512dq,avx512vl,avx2,fma"
#define PVD_AVX512_TARGET __attribute__((target(PVD_AVX512_FEATURES)))

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
#define PVD_AVX512_INLINE __attribute__((target(PVD_AVX512_FEATURES), always_inline)) inline

// a × b of the low 32 bits of each lane, unsigned (vpmuludq), and the unsigned
// maximum of each lane. The zero-masked forms of the intrinsics, all lanes kept:
// the plain ones start from GCC 12's "undefined" vector, which its
// -Wmaybe-uninitialized reports as uninitialized.
PVD_AVX512_INLINE __m512i mul32(__m512i a, __m512i b) noexcept { return _mm512_maskz_mul_epu32(0xFF, a, b); }
PVD_AVX512_INLINE __m512i umax8(__m512i a, __m512i b) noexcept { return _mm512_maskz_max_epu64(0xFF, a, b); }
PVD_AVX512_INLINE std::uint64_t umax_of(__m512i v) noexcept {
  alignas(64) std::uint64_t lanes[8];
  _mm512_store_si512(lanes, v);
  std::uint64_t top = 0;
  for (std::uint64_t x : lanes) top = umax(top, x);
  return top;
}

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

// Eight rows (the lanes of `k`): both parts stored, the maxima taken.
template <RoundingMode M, std::int64_t D, std::int64_t Unit>
PVD_AVX512_INLINE void rows8(__m512i b, __m512i r1, __m512i r2, __mmask8 k, std::int64_t* oer, std::int64_t* oee,
                             __m512i& top_base, __m512i& top_rate) noexcept {
  top_base = umax8(top_base, b);
  top_rate = umax8(top_rate, umax8(r1, r2));
  _mm512_mask_storeu_epi64(oer, k, round8<M, D, Unit>(mul32(b, r1)));
  _mm512_mask_storeu_epi64(oee, k, round8<M, D, Unit>(mul32(b, r2)));
}

// Exact for bases up to 2³¹ − 1. On any other input its lanes compute some
// value (no undefined behaviour: these are the instructions themselves, not
// C++ arithmetic) and the maxima send the block to be done again.
template <RoundingMode M, std::int64_t Unit>
PVD_AVX512_TARGET Tops kernel_avx512_narrow(std::size_t n, const std::int64_t* __restrict base,
                                            const std::int64_t* __restrict er, const std::int64_t* __restrict ee,
                                            std::int64_t* __restrict oer, std::int64_t* __restrict oee) noexcept {
  constexpr std::int64_t D = M == RoundingMode::fen_then_up ? kMicros : kMicros * Unit;
  __m512i top_base = _mm512_setzero_si512(), top_rate = _mm512_setzero_si512();
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8)
    rows8<M, D, Unit>(_mm512_loadu_si512(base + i), _mm512_loadu_si512(er + i), _mm512_loadu_si512(ee + i), 0xFF,
                      oer + i, oee + i, top_base, top_rate);
  if (i < n) {  // the last rows, fewer than eight (the other lanes read as 0)
    const auto k = static_cast<__mmask8>((1u << (n - i)) - 1);
    rows8<M, D, Unit>(_mm512_maskz_loadu_epi64(k, base + i), _mm512_maskz_loadu_epi64(k, er + i),
                      _mm512_maskz_loadu_epi64(k, ee + i), k, oer + i, oee + i, top_base, top_rate);
  }
  return {umax_of(top_base), umax_of(top_rate)};
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

// The kernels of one instruction set and one rounding: the first pass, the
// largest base it is exact for, and the kernel for the blocks with bases above
// that, up to kFastBaseMax (the baseline's first pass is exact up to there).
using Pass = Tops (*)(std::size_t, const std::int64_t*, const std::int64_t*, const std::int64_t*, std::int64_t*,
                      std::int64_t*) noexcept;
using Kernel = void (*)(std::size_t, const std::int64_t*, const std::int64_t*, const std::int64_t*, std::int64_t*,
                        std::int64_t*) noexcept;
struct Kernels {
  Pass first;
  std::uint64_t first_base_max;
  Kernel wide;
};

template <RoundingMode M, std::int64_t Unit>
Kernels kernel_for(DepositKernel k) noexcept {
#ifdef PVD_BATCH_AVX512
  if (k == DepositKernel::avx512)
    return {&kernel_avx512_narrow<M, Unit>, (std::uint64_t{1} << 31) - 1, &kernel_avx512<M, Unit>};
#endif
  (void)k;
  return {&kernel<M, Unit>, static_cast<std::uint64_t>(kFastBaseMax), nullptr};
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

// Checks rows [from, to) of a block holding a value beyond the kernels' range: the first bad row, if any.
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
  // 0.74 of the hand-written loop); only a block holding a value beyond the first kernel's range
  // is done again, from cache. The price: a failed call may already have written the outputs of
  // the blocks before the bad row's — the outputs of a failed call are unspecified (provident.h,
  // protocol.md §2).
  for (std::size_t from = 0; from < n; from += kDepositBlockRows) {
    const std::size_t to = n - from < kDepositBlockRows ? n : from + kDepositBlockRows;
    const Tops top = run.first(to - from, base + from, er + from, ee + from, oer + from, oee + from);
    if (top.rate <= static_cast<std::uint64_t>(kMicros) && top.base <= run.first_base_max) continue;
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
