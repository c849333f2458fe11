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

// Checking and computing in one pass: each input is clamped into the range the
// int64 arithmetic is exact on (so nothing can overflow, whatever a row holds),
// and the kernel reports whether any value had to be clamped. A block with no
// clamped value is done; a block with one is checked again row by row (a bad
// row, or a base too large for int64 products: the exact 128-bit path).
// As unsigned, a negative value is above every bound: one unsigned minimum clamps
// both ends, and the largest value seen (one unsigned maximum) says whether any
// row was out of range — two single-instruction vector operations per input.
[[gnu::always_inline]] inline std::int64_t clamp(std::uint64_t v, std::uint64_t hi) noexcept {
  return static_cast<std::int64_t>(v < hi ? v : hi);
}
[[gnu::always_inline]] inline std::uint64_t umax(std::uint64_t a, std::uint64_t b) noexcept { return a < b ? b : a; }

template <RoundingMode M, std::int64_t Unit>
bool kernel(std::size_t n, const std::int64_t* __restrict base, const std::int64_t* __restrict er,
            const std::int64_t* __restrict ee, std::int64_t* __restrict oer, std::int64_t* __restrict oee) noexcept {
  constexpr std::int64_t D = M == RoundingMode::fen_then_up ? kMicros : kMicros * Unit;
  std::uint64_t top_base = 0, top_rate = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const auto ub = static_cast<std::uint64_t>(base[i]), u1 = static_cast<std::uint64_t>(er[i]),
               u2 = static_cast<std::uint64_t>(ee[i]);
    top_base = umax(top_base, ub);
    top_rate = umax(top_rate, umax(u1, u2));
    const std::int64_t b = clamp(ub, kFastBaseMax), r1 = clamp(u1, kMicros), r2 = clamp(u2, kMicros);
    oer[i] = round_nonneg<M, D, Unit>(b * r1);
    oee[i] = round_nonneg<M, D, Unit>(b * r2);
  }
  return top_base > static_cast<std::uint64_t>(kFastBaseMax) || top_rate > static_cast<std::uint64_t>(kMicros);
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
__attribute__((target("avx512f,avx512dq,avx512vl,avx2,fma"))) bool kernel_avx512(
    std::size_t n, const std::int64_t* __restrict base, const std::int64_t* __restrict er,
    const std::int64_t* __restrict ee, std::int64_t* __restrict oer, std::int64_t* __restrict oee) noexcept {
  constexpr std::int64_t D = M == RoundingMode::fen_then_up ? kMicros : kMicros * Unit;
  std::uint64_t top_base = 0, top_rate = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const auto ub = static_cast<std::uint64_t>(base[i]), u1 = static_cast<std::uint64_t>(er[i]),
               u2 = static_cast<std::uint64_t>(ee[i]);
    top_base = umax(top_base, ub);
    top_rate = umax(top_rate, umax(u1, u2));
    const std::int64_t b = clamp(ub, kFastBaseMax), r1 = clamp(u1, kMicros), r2 = clamp(u2, kMicros);
    oer[i] = round_nonneg_fp<M, D, Unit>(b * r1);
    oee[i] = round_nonneg_fp<M, D, Unit>(b * r2);
  }
  return top_base > static_cast<std::uint64_t>(kFastBaseMax) || top_rate > static_cast<std::uint64_t>(kMicros);
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

// One block of rows on one instruction set, one rounding: the kernels above.
using Kernel = bool (*)(std::size_t, const std::int64_t*, const std::int64_t*, const std::int64_t*, std::int64_t*,
                        std::int64_t*) noexcept;

template <RoundingMode M, std::int64_t Unit>
Kernel kernel_for(DepositKernel k) noexcept {
#ifdef PVD_BATCH_AVX512
  if (k == DepositKernel::avx512) return &kernel_avx512<M, Unit>;
#endif
  (void)k;
  return &kernel<M, Unit>;
}

template <RoundingMode M>
Kernel kernel_for(DepositKernel k, RoundingUnit u) noexcept {
  switch (u) {
    case RoundingUnit::fen: return kernel_for<M, 1>(k);
    case RoundingUnit::jiao: return kernel_for<M, 10>(k);
    case RoundingUnit::yuan: return kernel_for<M, 100>(k);
  }
  return kernel_for<M, 1>(k);
}

Kernel kernel_for(DepositKernel k, Rounding r) noexcept {
  switch (r.mode) {
    case RoundingMode::half_up: return kernel_for<RoundingMode::half_up>(k, r.unit);
    case RoundingMode::half_even: return kernel_for<RoundingMode::half_even>(k, r.unit);
    case RoundingMode::up: return kernel_for<RoundingMode::up>(k, r.unit);
    case RoundingMode::down: return kernel_for<RoundingMode::down>(k, r.unit);
    case RoundingMode::fen_then_up: return kernel_for<RoundingMode::fen_then_up>(k, r.unit);
  }
  return kernel_for<RoundingMode::half_up>(k, r.unit);
}

// Checks rows [from, to) of a block the kernel had to clamp: the first bad row, if any.
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
  const Kernel run = kernel_for(k, r);
  // Decision (issue 21): rows are checked while they are computed, a block at a time, so the
  // inputs are read from memory once (a whole-array check first read 10⁷ rows twice and ran at
  // 0.74 of the hand-written loop); only a block holding a value out of range is read again. The price: a failed
  // call may already have written the outputs of the blocks before the bad row's — the outputs of
  // a failed call are unspecified (provident.h, protocol.md §2).
  for (std::size_t from = 0; from < n; from += kDepositBlockRows) {
    const std::size_t to = n - from < kDepositBlockRows ? n : from + kDepositBlockRows;
    if (!run(to - from, base + from, er + from, ee + from, oer + from, oee + from)) continue;
    if (auto bad = check_rows(from, to, base, er, ee)) return bad;
    // Valid, but a base too large for int64 products: the block again, exactly in 128 bits
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
