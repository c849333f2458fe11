#include "provident/core/rounding.hpp"

namespace pvd {

std::string_view to_string(RoundingMode m) noexcept {
  switch (m) {
    case RoundingMode::half_up: return "half_up";
    case RoundingMode::half_even: return "half_even";
    case RoundingMode::up: return "up";
    case RoundingMode::down: return "down";
    case RoundingMode::fen_then_up: return "fen_then_up";
  }
  return "?";
}

std::string_view to_string(RoundingUnit u) noexcept {
  switch (u) {
    case RoundingUnit::fen: return "fen";
    case RoundingUnit::jiao: return "jiao";
    case RoundingUnit::yuan: return "yuan";
  }
  return "?";
}

std::optional<RoundingMode> parse_rounding_mode(std::string_view s) noexcept {
  if (s == "half_up") return RoundingMode::half_up;
  if (s == "half_even") return RoundingMode::half_even;
  if (s == "up") return RoundingMode::up;
  if (s == "down") return RoundingMode::down;
  if (s == "fen_then_up") return RoundingMode::fen_then_up;
  return std::nullopt;
}

std::optional<RoundingUnit> parse_rounding_unit(std::string_view s) noexcept {
  if (s == "fen") return RoundingUnit::fen;
  if (s == "jiao") return RoundingUnit::jiao;
  if (s == "yuan") return RoundingUnit::yuan;
  return std::nullopt;
}

namespace {

// Generic over the integer type so that the checked Boost path and the native
// fast path are the same algorithm. Rounds num/den (den > 0) to an integer.
template <class I>
I round_quotient(const I& num, const I& den, RoundingMode mode) {
  I q = num / den;  // truncates toward zero
  I r = num % den;  // same sign as num
  if (r == 0) return q;
  const bool negative = num < 0;
  const I away = negative ? I(-1) : I(1);
  const I twice = (negative ? I(-r) : r) * 2;
  switch (mode) {
    case RoundingMode::down: return q;
    case RoundingMode::up: return q + away;
    case RoundingMode::half_up: return twice >= den ? q + away : q;
    case RoundingMode::half_even:
      if (twice > den) return q + away;
      if (twice < den) return q;
      return (q % 2 == 0) ? q : q + away;
    case RoundingMode::fen_then_up: break;  // handled by the callers
  }
  return q;
}

}  // namespace

Money round(const Exact& value, Rounding r) {
  const Wide unit = unit_fen(r.unit);
  Wide units;
  if (r.mode == RoundingMode::fen_then_up) {
    const Wide fen = round_quotient<Wide>(value.num(), value.den(), RoundingMode::half_up);
    units = round_quotient<Wide>(fen, unit, RoundingMode::up);
  } else {
    units = round_quotient<Wide>(value.num(), value.den() * unit, r.mode);
  }
  const Wide fen = units * unit;
  if (fen > Wide(INT64_MAX) || fen < Wide(INT64_MIN)) throw OverflowError("rounded amount does not fit in int64 fen");
  return Money::fen(static_cast<std::int64_t>(fen));
}

std::int64_t round_fen_div(int128 num, int128 den, Rounding r) noexcept {
  const int128 unit = unit_fen(r.unit);
  if (r.mode == RoundingMode::fen_then_up) {
    const int128 fen = round_quotient<int128>(num, den, RoundingMode::half_up);
    return static_cast<std::int64_t>(round_quotient<int128>(fen, unit, RoundingMode::up) * unit);
  }
  return static_cast<std::int64_t>(round_quotient<int128>(num, den * unit, r.mode) * unit);
}

}  // namespace pvd
