#include "provident/core/date.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>
#include <stdexcept>

namespace pvd {

namespace g = boost::gregorian;

namespace {

const g::date& epoch() {
  static const g::date e(1970, 1, 1);
  return e;
}

// Reads exactly n ASCII digits at s[pos..pos+n).
bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) noexcept {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

// The first year of the calendar: Date covers 1400-01-01 … 9999-12-31.
constexpr int kFirstYear = 1400;

void two_digits(std::string& out, int v) {
  out.push_back(char('0' + v / 10));
  out.push_back(char('0' + v % 10));
}

void four_digits(std::string& out, int v) {
  out.push_back(char('0' + v / 1000));
  out.push_back(char('0' + v / 100 % 10));
  out.push_back(char('0' + v / 10 % 10));
  out.push_back(char('0' + v % 10));
}

}  // namespace

// ------------------------------------------------------------ YearMonth

YearMonth YearMonth::of(int year, int month) {
  if (year < 1 || year > 9999 || month < 1 || month > 12) throw std::invalid_argument("invalid year-month");
  return YearMonth(year * 12 + month - 1);
}

std::optional<YearMonth> YearMonth::parse(std::string_view s) noexcept {
  int y = 0, m = 0;
  if (s.size() != 7 || s[4] != '-' || !digits(s, 0, 4, y) || !digits(s, 5, 2, m)) return std::nullopt;
  // Years before 1400 have no days in the engine's calendar (Date::try_of):
  // such a month could not be priced or dated (first_day() would throw).
  if (y < kFirstYear || m < 1 || m > 12) return std::nullopt;
  return YearMonth(y * 12 + m - 1);
}

std::optional<YearMonth> YearMonth::parse_compact(std::string_view s) noexcept {
  int y = 0, m = 0;
  if (s.size() != 6 || !digits(s, 0, 4, y) || !digits(s, 4, 2, m)) return std::nullopt;
  if (y < kFirstYear || m < 1 || m > 12) return std::nullopt;
  return YearMonth(y * 12 + m - 1);
}

std::string YearMonth::to_string() const {
  std::string out;
  out.reserve(7);
  four_digits(out, year());
  out.push_back('-');
  two_digits(out, month());
  return out;
}

Date YearMonth::first_day() const { return Date::of(year(), month(), 1); }
Date YearMonth::last_day() const { return Date::of(year(), month(), days_in_month(year(), month())); }

// ------------------------------------------------------------ Date

int days_in_month(int year, int month) { return g::gregorian_calendar::end_of_month_day(year, month); }

std::optional<Date> Date::try_of(int year, int month, int day) noexcept {
  if (year < kFirstYear || year > 9999 || month < 1 || month > 12 || day < 1) return std::nullopt;
  if (day > g::gregorian_calendar::end_of_month_day(year, month)) return std::nullopt;
  const g::date d(year, month, day);
  return Date(static_cast<std::int32_t>((d - epoch()).days()));
}

Date Date::of(int year, int month, int day) {
  auto d = try_of(year, month, day);
  if (!d) throw std::invalid_argument("invalid date");
  return *d;
}

Date Date::from_gregorian(const g::date& d) {
  if (d.is_special()) throw std::invalid_argument("special date");
  return Date(static_cast<std::int32_t>((d - epoch()).days()));
}

g::date Date::to_gregorian() const { return epoch() + g::days(days_); }
int Date::year() const { return to_gregorian().year(); }
int Date::month() const { return to_gregorian().month(); }
int Date::day() const { return to_gregorian().day(); }

YearMonth Date::year_month() const {
  const auto ymd = to_gregorian().year_month_day();
  return YearMonth::of(ymd.year, ymd.month);
}

std::optional<Date> Date::parse(std::string_view s) noexcept {
  int y = 0, m = 0, d = 0;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  if (!digits(s, 0, 4, y) || !digits(s, 5, 2, m) || !digits(s, 8, 2, d)) return std::nullopt;
  return try_of(y, m, d);
}

std::optional<Date> Date::parse_compact(std::string_view s) noexcept {
  int y = 0, m = 0, d = 0;
  if (s.size() != 8 || !digits(s, 0, 4, y) || !digits(s, 4, 2, m) || !digits(s, 6, 2, d)) return std::nullopt;
  return try_of(y, m, d);
}

std::string Date::to_string() const {
  const auto ymd = to_gregorian().year_month_day();
  std::string out;
  out.reserve(10);
  four_digits(out, ymd.year);
  out.push_back('-');
  two_digits(out, ymd.month);
  out.push_back('-');
  two_digits(out, ymd.day);
  return out;
}

Date Date::add_months(int months, MonthEnd resolve) const {
  const auto ymd = to_gregorian().year_month_day();
  const YearMonth target = YearMonth::of(ymd.year, ymd.month) + months;
  const int last = days_in_month(target.year(), target.month());
  if (ymd.day <= last) return Date::of(target.year(), target.month(), ymd.day);
  if (resolve == MonthEnd::clamp) return Date::of(target.year(), target.month(), last);
  return (target + 1).first_day();
}

int completed_years(Date birth, Date on) {
  const auto b = birth.to_gregorian().year_month_day();
  const auto o = on.to_gregorian().year_month_day();
  int years = o.year - b.year;
  // The birthday in year o.year; 29 February falls on 1 March in common years.
  int bm = b.month, bd = b.day;
  if (bm == 2 && bd == 29 && !g::gregorian_calendar::is_leap_year(o.year)) { bm = 3; bd = 1; }
  if (o.month < bm || (o.month == bm && o.day < bd)) --years;
  return years;
}

// ------------------------------------------------------------ LocalDateTime

LocalDateTime LocalDateTime::of(Date date, int seconds_of_day) {
  if (seconds_of_day < 0 || seconds_of_day >= 86400) throw std::invalid_argument("seconds of day out of range");
  return LocalDateTime(std::int64_t(date.days()) * 86400 + seconds_of_day);
}

LocalDateTime LocalDateTime::of(Date date, int h, int m, int s) {
  if (h < 0 || h > 23 || m < 0 || m > 59 || s < 0 || s > 59) throw std::invalid_argument("invalid time of day");
  return of(date, h * 3600 + m * 60 + s);
}

std::optional<LocalDateTime> LocalDateTime::parse(std::string_view s) noexcept {
  if (s.size() != 19 && s.size() != 25) return std::nullopt;
  if (s.size() == 25 && s.substr(19) != "+08:00") return std::nullopt;
  auto d = Date::parse(s.substr(0, 10));
  if (!d || s[10] != 'T' || s[13] != ':' || s[16] != ':') return std::nullopt;
  int h = 0, m = 0, sec = 0;
  if (!digits(s, 11, 2, h) || !digits(s, 14, 2, m) || !digits(s, 17, 2, sec)) return std::nullopt;
  if (h > 23 || m > 59 || sec > 59) return std::nullopt;
  return LocalDateTime(std::int64_t(d->days()) * 86400 + h * 3600 + m * 60 + sec);
}

Date LocalDateTime::date() const noexcept {
  std::int64_t d = s_ / 86400;
  if (s_ % 86400 < 0) --d;
  return Date::from_days(static_cast<std::int32_t>(d));
}

int LocalDateTime::seconds_of_day() const noexcept {
  const std::int64_t r = s_ % 86400;
  return static_cast<int>(r < 0 ? r + 86400 : r);
}

std::string LocalDateTime::to_string() const {
  std::string out = date().to_string();
  const int sod = seconds_of_day();
  out.push_back('T');
  two_digits(out, sod / 3600);
  out.push_back(':');
  two_digits(out, sod / 60 % 60);
  out.push_back(':');
  two_digits(out, sod % 60);
  return out;
}

}  // namespace pvd
