// Date: a Gregorian calendar day, held as days since 1970-01-01 and converted
// through Boost.Date_Time. LocalDateTime: a moment in China Standard Time
// (UTC+08:00, no DST). arithmetic.md §1.
#pragma once

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "provident/core/year_month.hpp"

namespace pvd {

/// How adding months to a day resolves a day that the target month lacks
/// (the 29th–31st). There is no default: each rule says which it needs.
enum class MonthEnd : std::uint8_t { clamp, roll_to_next_month };

class Date {
 public:
  constexpr Date() noexcept = default;  // 1970-01-01
  /// A real date between 1400-01-01 and 9999-12-31 (std::invalid_argument otherwise).
  static Date of(int year, int month, int day);
  static std::optional<Date> try_of(int year, int month, int day) noexcept;
  static constexpr Date from_days(std::int32_t days_since_epoch) noexcept { return Date(days_since_epoch); }
  static Date from_gregorian(const boost::gregorian::date& d);

  /// "2026-07-03" (strict).
  static std::optional<Date> parse(std::string_view text) noexcept;
  /// "20260703" (batch templates).
  static std::optional<Date> parse_compact(std::string_view text) noexcept;

  constexpr std::int32_t days() const noexcept { return days_; }
  boost::gregorian::date to_gregorian() const;
  int year() const;
  int month() const;
  int day() const;
  YearMonth year_month() const;
  std::string to_string() const;  // "2026-07-03"

  constexpr Date operator+(int days) const noexcept { return Date(days_ + days); }
  constexpr Date operator-(int days) const noexcept { return Date(days_ - days); }
  constexpr int operator-(Date o) const noexcept { return days_ - o.days_; }
  Date add_months(int months, MonthEnd resolve) const;

  friend constexpr auto operator<=>(Date, Date) noexcept = default;
  friend constexpr bool operator==(Date, Date) noexcept = default;

 private:
  constexpr explicit Date(std::int32_t d) noexcept : days_(d) {}
  std::int32_t days_ = 0;
};

int days_in_month(int year, int month);

/// Completed years between a birth date and a day (a 29 February birthday
/// counts from 1 March in common years). rules.md §2 hpf.flex.open.
int completed_years(Date birth, Date on);

class LocalDateTime {
 public:
  constexpr LocalDateTime() noexcept = default;
  /// seconds_of_day in [0, 86400).
  static LocalDateTime of(Date date, int seconds_of_day);
  static LocalDateTime of(Date date, int hour, int minute, int second);
  /// Seconds since 1970-01-01T00:00:00 China Standard Time.
  static constexpr LocalDateTime from_epoch_seconds(std::int64_t s) noexcept { return LocalDateTime(s); }

  /// "YYYY-MM-DDTHH:MM:SS", optionally followed by "+08:00". A date alone,
  /// another offset, fractional seconds or a leap second give nullopt.
  static std::optional<LocalDateTime> parse(std::string_view text) noexcept;

  constexpr std::int64_t epoch_seconds() const noexcept { return s_; }
  Date date() const noexcept;
  int seconds_of_day() const noexcept;
  YearMonth year_month() const { return date().year_month(); }
  std::string to_string() const;  // "2026-07-03T10:00:00"

  friend constexpr auto operator<=>(LocalDateTime, LocalDateTime) noexcept = default;
  friend constexpr bool operator==(LocalDateTime, LocalDateTime) noexcept = default;

 private:
  constexpr explicit LocalDateTime(std::int64_t s) noexcept : s_(s) {}
  std::int64_t s_ = 0;
};

}  // namespace pvd
