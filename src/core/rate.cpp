#include "provident/core/rate.hpp"

#include <numeric>
#include "provident/core/int128.hpp"
#include <stdexcept>

namespace pvd {

namespace {

std::int64_t checked_mul(std::int64_t a, std::int64_t b) {
  std::int64_t r = 0;
  if (__builtin_mul_overflow(a, b, &r)) throw OverflowError("rate overflow");
  return r;
}

// Largest k with 10^k dividing into den's 2·5 factors, or -1 when den has
// another prime factor (no finite decimal form).
int decimal_digits(std::int64_t den) {
  int twos = 0, fives = 0;
  while (den % 2 == 0) { den /= 2; ++twos; }
  while (den % 5 == 0) { den /= 5; ++fives; }
  if (den != 1) return -1;
  return twos > fives ? twos : fives;
}

}  // namespace

Rate Rate::ratio(std::int64_t num, std::int64_t den) {
  if (den <= 0) throw std::invalid_argument("rate denominator must be positive");
  if (num < 0) throw std::invalid_argument("rate must not be negative");
  const std::int64_t g = std::gcd(num, den);
  return g == 0 ? Rate(0, 1) : Rate(num / g, den / g);
}

std::optional<Rate> Rate::parse(std::string_view s) noexcept {
  bool percent = false;
  if (!s.empty() && s.back() == '%') { percent = true; s.remove_suffix(1); }
  std::size_t i = 0;
  const std::size_t int_begin = i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  const std::size_t int_len = i - int_begin;
  if (int_len == 0 || int_len > 9) return std::nullopt;
  if (int_len > 1 && s[0] == '0') return std::nullopt;
  std::size_t frac_len = 0, frac_begin = 0;
  if (i < s.size()) {
    if (s[i] != '.') return std::nullopt;
    ++i;
    frac_begin = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    frac_len = i - frac_begin;
    if (frac_len == 0 || i != s.size()) return std::nullopt;
  }
  // Digits of the ratio: a percentage moves the point two places.
  if (frac_len + (percent ? 2 : 0) > 9) return std::nullopt;
  std::int64_t num = 0, den = 1;
  for (std::size_t k = 0; k < int_len; ++k) num = num * 10 + (s[k] - '0');
  for (std::size_t k = 0; k < frac_len; ++k) { num = num * 10 + (s[frac_begin + k] - '0'); den *= 10; }
  if (percent) den *= 100;
  return Rate::ratio(num, den);
}

std::string Rate::to_string() const {
  const int digits = decimal_digits(den_);
  if (digits < 0 || digits > 18) return std::to_string(num_) + "/" + std::to_string(den_);
  std::int64_t scale = 1;
  for (int k = 0; k < digits; ++k) scale *= 10;
  // num/den = (num * scale/den) / scale; scale/den is an integer.
  const int128 scaled = static_cast<int128>(num_) * (scale / den_);
  const int128 ip = scaled / scale, fp = scaled % scale;
  std::string out;
  {
    int128 v = ip;
    std::string rev;
    do { rev.push_back(char('0' + int(v % 10))); v /= 10; } while (v > 0);
    out.assign(rev.rbegin(), rev.rend());
  }
  if (digits > 0 && fp != 0) {
    std::string frac(std::size_t(digits), '0');
    int128 v = fp;
    for (int k = digits - 1; k >= 0; --k) { frac[std::size_t(k)] = char('0' + int(v % 10)); v /= 10; }
    while (!frac.empty() && frac.back() == '0') frac.pop_back();
    out += "." + frac;
  }
  return out;
}

std::optional<std::int64_t> Rate::to_micros() const noexcept {
  const int128 scaled = static_cast<int128>(num_) * 1'000'000;
  if (scaled % den_ != 0) return std::nullopt;
  const int128 v = scaled / den_;
  if (v > INT64_MAX) return std::nullopt;
  return static_cast<std::int64_t>(v);
}

bool Rate::is_whole_percent() const noexcept { return (static_cast<int128>(num_) * 100) % den_ == 0; }

Rate Rate::operator+(Rate o) const {
  const std::int64_t g = std::gcd(den_, o.den_);
  const std::int64_t d = checked_mul(den_ / g, o.den_);
  std::int64_t n = 0;
  if (__builtin_add_overflow(checked_mul(num_, o.den_ / g), checked_mul(o.num_, den_ / g), &n)) throw OverflowError("rate overflow");
  return ratio(n, d);
}

Rate Rate::operator-(Rate o) const {
  const std::int64_t g = std::gcd(den_, o.den_);
  const std::int64_t d = checked_mul(den_ / g, o.den_);
  std::int64_t n = 0;
  if (__builtin_sub_overflow(checked_mul(num_, o.den_ / g), checked_mul(o.num_, den_ / g), &n)) throw OverflowError("rate overflow");
  return ratio(n, d);
}

Rate Rate::times(std::int64_t n) const {
  if (n < 0) throw std::invalid_argument("rate multiplier must not be negative");
  const std::int64_t g = std::gcd(n, den_);
  return ratio(checked_mul(num_, n / (g == 0 ? 1 : g)), den_ / (g == 0 ? 1 : g));
}

Rate Rate::divided_by(std::int64_t n) const {
  if (n <= 0) throw std::invalid_argument("rate divisor must be positive");
  const std::int64_t g = std::gcd(num_, n);
  return ratio(num_ / (g == 0 ? 1 : g), checked_mul(den_, n / (g == 0 ? 1 : g)));
}

std::strong_ordering operator<=>(const Rate& a, const Rate& b) noexcept {
  const int128 l = static_cast<int128>(a.num_) * b.den_;
  const int128 r = static_cast<int128>(b.num_) * a.den_;
  return l < r ? std::strong_ordering::less : l > r ? std::strong_ordering::greater : std::strong_ordering::equal;
}

}  // namespace pvd
