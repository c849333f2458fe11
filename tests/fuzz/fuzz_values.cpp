// Fuzz target: the text forms of the exact value types (arithmetic.md §1) —
// Money::parse, Rate::parse, YearMonth::parse/parse_compact, Date::parse/
// parse_compact, LocalDateTime::parse — and Money's checked arithmetic.
//
// Properties checked on every input, not only "no crash":
//  - each parser accepts exactly the grammar of arithmetic.md §1, checked
//    against an independent implementation written here (digits, ranges,
//    leap years);
//  - round trip: parse(to_string(x)) == x, and to_string of a parsed value is
//    the canonical form of the input;
//  - every parsed month and date converts to days and back (first_day,
//    last_day, year_month) without an exception;
//  - Money +, -, times are exact or throw OverflowError, never wrap.
//
// The input is tried against every parser as a whole; when it holds a
// newline, the two halves are also parsed as two amounts for arithmetic.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "provident/core/date.hpp"
#include "provident/core/money.hpp"
#include "provident/core/rate.hpp"
#include "provident/core/year_month.hpp"

using pvd_fuzz::show;

namespace {

__extension__ typedef __int128 i128;  // GCC and clang; -Wpedantic knows no 128-bit type

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool all_digits(std::string_view s) {
  for (char c : s)
    if (!is_digit(c)) return false;
  return !s.empty();
}

int num(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int month_days(int y, int m) {
  static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : d[m - 1];
}

// ------------------------------------------------------------------ Money
// -?(0|[1-9][0-9]*)(\.[0-9]{1,2})? within int64 fen.
std::optional<i128> money_reference(std::string_view s) {
  bool neg = false;
  if (!s.empty() && s[0] == '-') {
    neg = true;
    s.remove_prefix(1);
  }
  const auto dot = s.find('.');
  const std::string_view ip = s.substr(0, dot);
  const std::string_view fp = dot == std::string_view::npos ? std::string_view() : s.substr(dot + 1);
  if (!all_digits(ip) || (ip.size() > 1 && ip[0] == '0')) return std::nullopt;
  if (dot != std::string_view::npos && (fp.empty() || fp.size() > 2 || !all_digits(fp))) return std::nullopt;
  if (ip.size() > 20) return std::nullopt;
  i128 v = 0;
  for (char c : ip) v = v * 10 + (c - '0');
  v *= 100;
  if (fp.size() >= 1) v += (fp[0] - '0') * 10;
  if (fp.size() == 2) v += fp[1] - '0';
  if (neg) v = -v;
  if (v > INT64_MAX || v < INT64_MIN) return std::nullopt;
  return v;
}

void check_money(std::string_view s) {
  const auto m = pvd::Money::parse(s);
  const auto ref = money_reference(s);
  PVD_FUZZ_CHECK(m.has_value() == ref.has_value(),
                 "Money::parse(\"" + show(s) + "\") " + (m ? "accepted" : "refused") + " text the grammar " +
                     (ref ? "accepts" : "refuses"));
  if (!m) return;
  PVD_FUZZ_CHECK(static_cast<i128>(m->as_fen()) == *ref, "Money::parse(\"" + show(s) + "\") has the wrong value");
  const std::string text = m->to_string();
  const auto again = pvd::Money::parse(text);
  PVD_FUZZ_CHECK(again && *again == *m, "Money round trip failed: \"" + show(s) + "\" -> \"" + text + "\"");
  // Canonical form: always two decimals, no "-0.00".
  const auto dot = text.find('.');
  PVD_FUZZ_CHECK(dot != std::string::npos && dot + 3 == text.size(), "Money::to_string is not two decimals: " + text);
  PVD_FUZZ_CHECK(text != "-0.00", "Money::to_string wrote -0.00");
}

void check_money_arithmetic(std::string_view a_text, std::string_view b_text) {
  const auto a = pvd::Money::parse(a_text);
  const auto b = pvd::Money::parse(b_text);
  if (!a || !b) return;
  const i128 x = a->as_fen(), y = b->as_fen();
  auto expect = [&](const char* what, i128 exact, auto&& op) {
    const bool fits = exact >= INT64_MIN && exact <= INT64_MAX;
    try {
      const pvd::Money r = op();
      PVD_FUZZ_CHECK(fits, std::string("Money ") + what + " wrapped instead of throwing OverflowError");
      PVD_FUZZ_CHECK(static_cast<i128>(r.as_fen()) == exact, std::string("Money ") + what + " is not exact");
    } catch (const pvd::OverflowError&) {
      PVD_FUZZ_CHECK(!fits, std::string("Money ") + what + " threw OverflowError on a result that fits");
    }
  };
  expect("a + b", x + y, [&] { return *a + *b; });
  expect("a - b", x - y, [&] { return *a - *b; });
  expect("-a", -x, [&] { return -*a; });
  const std::int64_t n = b->as_fen() % 100'000;  // a month count or a row count
  expect("a.times(n)", x * n, [&] { return a->times(n); });
}

// ------------------------------------------------------------------ Rate
// [0-9]{1,9} without a leading zero, optional .[0-9]+, optional %, at most 9
// fractional digits of the ratio.
struct RateRef {
  i128 num, den;
};
std::optional<RateRef> rate_reference(std::string_view s) {
  bool pct = false;
  if (!s.empty() && s.back() == '%') {
    pct = true;
    s.remove_suffix(1);
  }
  const auto dot = s.find('.');
  const std::string_view ip = s.substr(0, dot);
  const std::string_view fp = dot == std::string_view::npos ? std::string_view() : s.substr(dot + 1);
  if (!all_digits(ip) || ip.size() > 9 || (ip.size() > 1 && ip[0] == '0')) return std::nullopt;
  if (dot != std::string_view::npos && (fp.empty() || !all_digits(fp))) return std::nullopt;
  if (fp.size() + (pct ? 2 : 0) > 9) return std::nullopt;
  i128 n = 0, d = 1;
  for (char c : ip) n = n * 10 + (c - '0');
  for (char c : fp) {
    n = n * 10 + (c - '0');
    d *= 10;
  }
  if (pct) d *= 100;
  return RateRef{n, d};
}

void check_rate(std::string_view s) {
  const auto r = pvd::Rate::parse(s);
  const auto ref = rate_reference(s);
  PVD_FUZZ_CHECK(r.has_value() == ref.has_value(),
                 "Rate::parse(\"" + show(s) + "\") " + (r ? "accepted" : "refused") + " text the grammar " +
                     (ref ? "accepts" : "refuses"));
  if (!r) return;
  PVD_FUZZ_CHECK(r->den() > 0 && r->num() >= 0, "Rate is not a non-negative fraction");
  PVD_FUZZ_CHECK(static_cast<i128>(r->num()) * ref->den == ref->num * r->den(),
                 "Rate::parse(\"" + show(s) + "\") has the wrong value");
  const std::string text = r->to_string();
  const auto again = pvd::Rate::parse(text);
  PVD_FUZZ_CHECK(again && *again == *r, "Rate round trip failed: \"" + show(s) + "\" -> \"" + text + "\"");
  if (text.find('.') != std::string::npos)
    PVD_FUZZ_CHECK(text.back() != '0', "Rate::to_string has trailing zeros: " + text);
  if (auto micros = r->to_micros()) {
    PVD_FUZZ_CHECK(pvd::Rate::micros(*micros) == *r, "Rate::to_micros is not exact for " + text);
  }
}

// ------------------------------------------------------------------ months and dates
// The engine's calendar: years 1400–9999 (Date's range); a month must be a
// month some day of which is a Date.
constexpr int kMinYear = 1400, kMaxYear = 9999;

void check_month(std::string_view s) {
  const auto m = pvd::YearMonth::parse(s);
  const bool ref = s.size() == 7 && s[4] == '-' && all_digits(s.substr(0, 4)) && all_digits(s.substr(5, 2)) &&
                   num(s.substr(0, 4)) >= kMinYear && num(s.substr(5, 2)) >= 1 && num(s.substr(5, 2)) <= 12;
  PVD_FUZZ_CHECK(m.has_value() == ref, "YearMonth::parse(\"" + show(s) + "\") " + (m ? "accepted" : "refused") +
                                           " a month the engine's calendar " + (ref ? "has" : "does not have"));
  if (m) {
    PVD_FUZZ_CHECK(m->to_string() == s, "YearMonth round trip failed: \"" + show(s) + "\" -> \"" + m->to_string() + "\"");
    try {
      const pvd::Date first = m->first_day(), last = m->last_day();
      PVD_FUZZ_CHECK(first.year_month() == *m && last.year_month() == *m, "first_day/last_day leave the month " + m->to_string());
      PVD_FUZZ_CHECK(last - first + 1 == month_days(m->year(), m->month()), "wrong number of days in " + m->to_string());
    } catch (const std::exception& e) {
      PVD_FUZZ_CHECK(false, "a parsed month is not a calendar month: " + m->to_string() + ": " + e.what());
    }
  }
  const auto c = pvd::YearMonth::parse_compact(s);
  const bool cref = s.size() == 6 && all_digits(s) && num(s.substr(0, 4)) >= kMinYear && num(s.substr(4, 2)) >= 1 &&
                    num(s.substr(4, 2)) <= 12;
  PVD_FUZZ_CHECK(c.has_value() == cref, "YearMonth::parse_compact(\"" + show(s) + "\") disagrees with the grammar");
  if (c) {
    const std::string t = c->to_string();
    PVD_FUZZ_CHECK(t.substr(0, 4) + t.substr(5, 2) == s, "YearMonth compact round trip failed for \"" + show(s) + "\"");
    PVD_FUZZ_CHECK(pvd::YearMonth::parse(t) == c, "parse(to_string(x)) != x for the compact month \"" + show(s) + "\"");
  }
}

bool date_reference(std::string_view y, std::string_view m, std::string_view d) {
  if (!all_digits(y) || !all_digits(m) || !all_digits(d)) return false;
  const int yy = num(y), mm = num(m), dd = num(d);
  return yy >= kMinYear && yy <= kMaxYear && mm >= 1 && mm <= 12 && dd >= 1 && dd <= month_days(yy, mm);
}

void check_date_value(pvd::Date d, std::string_view s) {
  try {
    const std::string t = d.to_string();
    PVD_FUZZ_CHECK(pvd::Date::parse(t) == d, "Date round trip failed: \"" + show(s) + "\" -> \"" + t + "\"");
    PVD_FUZZ_CHECK(pvd::Date::of(d.year(), d.month(), d.day()) == d, "Date::of(year, month, day) != the date for " + t);
    PVD_FUZZ_CHECK(d.year_month().first_day() <= d && d <= d.year_month().last_day(), "a date outside its month: " + t);
  } catch (const std::exception& e) {
    PVD_FUZZ_CHECK(false, "a parsed date does not convert: \"" + show(s) + "\": " + e.what());
  }
}

void check_date(std::string_view s) {
  const auto d = pvd::Date::parse(s);
  const bool ref = s.size() == 10 && s[4] == '-' && s[7] == '-' && date_reference(s.substr(0, 4), s.substr(5, 2), s.substr(8, 2));
  PVD_FUZZ_CHECK(d.has_value() == ref, "Date::parse(\"" + show(s) + "\") " + (d ? "accepted" : "refused") +
                                           " a date the calendar " + (ref ? "has" : "does not have"));
  if (d) {
    PVD_FUZZ_CHECK(d->to_string() == s, "Date::to_string is not the input \"" + show(s) + "\"");
    check_date_value(*d, s);
  }
  const auto c = pvd::Date::parse_compact(s);
  const bool cref = s.size() == 8 && date_reference(s.substr(0, 4), s.substr(4, 2), s.substr(6, 2));
  PVD_FUZZ_CHECK(c.has_value() == cref, "Date::parse_compact(\"" + show(s) + "\") disagrees with the calendar");
  if (c) check_date_value(*c, s);
}

void check_datetime(std::string_view s) {
  const auto t = pvd::LocalDateTime::parse(s);
  bool ref = (s.size() == 19 || (s.size() == 25 && s.substr(19) == "+08:00")) && s[4] == '-' && s[7] == '-' &&
             s[10] == 'T' && s[13] == ':' && s[16] == ':' &&
             date_reference(s.substr(0, 4), s.substr(5, 2), s.substr(8, 2)) && all_digits(s.substr(11, 2)) &&
             all_digits(s.substr(14, 2)) && all_digits(s.substr(17, 2));
  if (ref) ref = num(s.substr(11, 2)) <= 23 && num(s.substr(14, 2)) <= 59 && num(s.substr(17, 2)) <= 59;
  PVD_FUZZ_CHECK(t.has_value() == ref, "LocalDateTime::parse(\"" + show(s) + "\") " + (t ? "accepted" : "refused") +
                                           " text the grammar " + (ref ? "accepts" : "refuses"));
  if (!t) return;
  const std::string text = t->to_string();
  PVD_FUZZ_CHECK(text == s.substr(0, 19), "LocalDateTime::to_string is not the input: \"" + show(s) + "\" -> " + text);
  PVD_FUZZ_CHECK(pvd::LocalDateTime::parse(text) == t, "LocalDateTime round trip failed for " + text);
  PVD_FUZZ_CHECK(pvd::LocalDateTime::of(t->date(), t->seconds_of_day()) == *t, "date + seconds of day != the moment " + text);
  check_date_value(t->date(), s);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view s(reinterpret_cast<const char*>(data), size);
  check_money(s);
  check_rate(s);
  check_month(s);
  check_date(s);
  check_datetime(s);
  const auto nl = s.find('\n');
  if (nl != std::string_view::npos) {
    const std::string_view a = s.substr(0, nl), b = s.substr(nl + 1);
    check_money(a);
    check_money(b);
    check_money_arithmetic(a, b);
    check_rate(a);
    check_month(a);
    check_date(a);
    check_datetime(a);
  }
  return 0;
}
