// Rate: an exact, non-negative ratio (12%, 0.05% a day, 2/37). arithmetic.md §1.
// Held as a reduced fraction of two int64; never a double.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "provident/core/error.hpp"

namespace pvd {

class Rate {
 public:
  constexpr Rate() noexcept = default;  // zero

  /// num/den, reduced; den must be positive and num non-negative
  /// (std::invalid_argument otherwise).
  static Rate ratio(std::int64_t num, std::int64_t den);
  /// Millionths: 120000 = 12% (the C ABI's rate unit).
  static Rate micros(std::int64_t micros) { return ratio(micros, 1'000'000); }
  static Rate percent(std::int64_t pct) { return ratio(pct, 100); }

  /// Text form: "0.12" or "12%"; at most 9 fractional digits of the ratio
  /// ("12.345678901%" has 11 and is refused); no sign, exponent, leading
  /// zeros ("007") or stray characters. nullopt when the text is not a rate.
  static std::optional<Rate> parse(std::string_view text) noexcept;

  constexpr std::int64_t num() const noexcept { return num_; }
  constexpr std::int64_t den() const noexcept { return den_; }
  constexpr bool is_zero() const noexcept { return num_ == 0; }

  /// Plain decimal without trailing zeros ("0.12", "0.0005", "1"); a ratio with
  /// no finite decimal form is written "2/37".
  std::string to_string() const;
  /// The rate in millionths when exact, else nullopt.
  std::optional<std::int64_t> to_micros() const noexcept;
  /// True when the rate is a whole percentage (12%, not 12.5%).
  bool is_whole_percent() const noexcept;

  Rate operator+(Rate other) const;            // checked
  Rate operator-(Rate other) const;            // checked; must not go negative
  Rate times(std::int64_t n) const;            // checked
  Rate divided_by(std::int64_t n) const;       // n > 0

  friend std::strong_ordering operator<=>(const Rate& a, const Rate& b) noexcept;
  friend bool operator==(const Rate& a, const Rate& b) noexcept { return a.num_ == b.num_ && a.den_ == b.den_; }

 private:
  constexpr Rate(std::int64_t n, std::int64_t d) noexcept : num_(n), den_(d) {}
  std::int64_t num_ = 0;
  std::int64_t den_ = 1;
};

}  // namespace pvd
