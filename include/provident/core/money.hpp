// Money: an amount of yuan held as a signed 64-bit count of fen (0.01 yuan).
// arithmetic.md §1. Overflow is an error (OverflowError), never a wrap.
// Money × Money does not compile; Money × Rate needs a rounding (rounding.hpp).
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "provident/core/error.hpp"

namespace pvd {

class Money {
 public:
  constexpr Money() noexcept = default;

  static constexpr Money fen(std::int64_t fen) noexcept { return Money(fen); }
  /// Whole yuan; throws OverflowError when yuan × 100 does not fit.
  static Money yuan(std::int64_t yuan);

  /// Strict text form `-?(0|[1-9][0-9]*)(\.[0-9]{1,2})?` ("376", "376.5",
  /// "-0.01"). Anything else, or a value beyond int64 fen, gives nullopt.
  static std::optional<Money> parse(std::string_view text) noexcept;

  constexpr std::int64_t as_fen() const noexcept { return fen_; }
  /// Always two decimals: "376.00", "-0.50".
  std::string to_string() const;

  constexpr bool is_zero() const noexcept { return fen_ == 0; }
  constexpr bool is_negative() const noexcept { return fen_ < 0; }
  constexpr bool is_positive() const noexcept { return fen_ > 0; }

  Money operator+(Money other) const;
  Money operator-(Money other) const;
  Money operator-() const;
  Money& operator+=(Money other) { return *this = *this + other; }
  Money& operator-=(Money other) { return *this = *this - other; }
  /// n times an amount (n months of a deposit); checked.
  Money times(std::int64_t n) const;

  friend constexpr auto operator<=>(Money, Money) noexcept = default;
  friend constexpr bool operator==(Money, Money) noexcept = default;

 private:
  constexpr explicit Money(std::int64_t f) noexcept : fen_(f) {}
  std::int64_t fen_ = 0;
};

constexpr Money min(Money a, Money b) noexcept { return a < b ? a : b; }
constexpr Money max(Money a, Money b) noexcept { return a < b ? b : a; }

}  // namespace pvd
