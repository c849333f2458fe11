// YearMonth: a contribution month (缴存年月 / 费款所属期), the integer serial
// year*12 + (month-1). arithmetic.md §1. Month arithmetic is done here, never
// on day dates.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pvd {

class Date;

class YearMonth {
 public:
  constexpr YearMonth() noexcept = default;
  /// month 1..12; year 1..9999 (std::invalid_argument otherwise).
  static YearMonth of(int year, int month);
  static constexpr YearMonth from_serial(std::int32_t serial) noexcept { return YearMonth(serial); }

  /// "2026-07" (strict: 4-digit year from 1400 — the first year Date covers —,
  /// 2-digit month 01–12).
  static std::optional<YearMonth> parse(std::string_view text) noexcept;
  /// "202607", the form some batch templates use.
  static std::optional<YearMonth> parse_compact(std::string_view text) noexcept;

  constexpr std::int32_t serial() const noexcept { return serial_; }
  constexpr int year() const noexcept { return serial_ / 12; }
  constexpr int month() const noexcept { return serial_ % 12 + 1; }
  std::string to_string() const;  // "2026-07"

  Date first_day() const;
  Date last_day() const;

  constexpr YearMonth operator+(int months) const noexcept { return YearMonth(serial_ + months); }
  constexpr YearMonth operator-(int months) const noexcept { return YearMonth(serial_ - months); }
  constexpr int operator-(YearMonth o) const noexcept { return serial_ - o.serial_; }
  constexpr YearMonth& operator++() noexcept { ++serial_; return *this; }

  friend constexpr auto operator<=>(YearMonth, YearMonth) noexcept = default;
  friend constexpr bool operator==(YearMonth, YearMonth) noexcept = default;

 private:
  constexpr explicit YearMonth(std::int32_t s) noexcept : serial_(s) {}
  std::int32_t serial_ = 0;
};

}  // namespace pvd
