#include "hpf/deposit_batch.hpp"

#include "provident/core/int128.hpp"

namespace pvd::hpf {

namespace {

constexpr std::int64_t kMicros = 1'000'000;
// Bases up to this bound keep base × rate inside int64 (≈ 92 billion yuan).
constexpr std::int64_t kFastBaseMax = INT64_MAX / kMicros;

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

template <RoundingMode M>
void dispatch_unit(RoundingUnit u, std::size_t n, const std::int64_t* b, const std::int64_t* er, const std::int64_t* ee,
                   std::int64_t* oer, std::int64_t* oee) noexcept {
  switch (u) {
    case RoundingUnit::fen: kernel<M, 1>(n, b, er, ee, oer, oee); break;
    case RoundingUnit::jiao: kernel<M, 10>(n, b, er, ee, oer, oee); break;
    case RoundingUnit::yuan: kernel<M, 100>(n, b, er, ee, oer, oee); break;
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
