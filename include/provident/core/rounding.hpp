// The one rounding function. arithmetic.md §2.
//
//   half_up      half away from zero (四舍五入)
//   half_even    banker's rounding
//   up           away from zero (见分进角, 遇零进整)
//   down         toward zero
//   fen_then_up  half_up to fen, then up to the unit (Changchun 遇零进整:
//                100.001 → 100.00 → 100; 100.005 → 100.01 → 101)
//
// Units: fen (0.01), jiao (0.10), yuan (1.00). Every amount in policy names its
// rounding as {mode, unit}; rule code never picks one itself.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "provident/core/exact.hpp"
#include "provident/core/int128.hpp"
#include "provident/core/money.hpp"

namespace pvd {

enum class RoundingMode : std::uint8_t { half_up, half_even, up, down, fen_then_up };
enum class RoundingUnit : std::uint8_t { fen, jiao, yuan };

struct Rounding {
  RoundingMode mode = RoundingMode::half_up;
  RoundingUnit unit = RoundingUnit::fen;
  friend bool operator==(const Rounding&, const Rounding&) = default;
};

std::string_view to_string(RoundingMode m) noexcept;
std::string_view to_string(RoundingUnit u) noexcept;
std::optional<RoundingMode> parse_rounding_mode(std::string_view s) noexcept;
std::optional<RoundingUnit> parse_rounding_unit(std::string_view s) noexcept;
constexpr std::int64_t unit_fen(RoundingUnit u) noexcept { return u == RoundingUnit::fen ? 1 : u == RoundingUnit::jiao ? 10 : 100; }

/// Rounds an exact amount of fen to a whole multiple of the unit.
Money round(const Exact& value, Rounding r);

/// Fast path for num/den fen with native 128-bit integers (den > 0); gives the
/// same result as round(Exact) and is what the batch paths use.
std::int64_t round_fen_div(int128 num, int128 den, Rounding r) noexcept;

}  // namespace pvd
