#include "provident/core/money.hpp"

#include <charconv>
#include <limits>

namespace pvd {

Money Money::yuan(std::int64_t yuan) {
  std::int64_t f = 0;
  if (__builtin_mul_overflow(yuan, std::int64_t{100}, &f)) throw OverflowError("money overflow: " + std::to_string(yuan) + " yuan");
  return Money(f);
}

std::optional<Money> Money::parse(std::string_view s) noexcept {
  bool negative = false;
  std::size_t i = 0;
  if (i < s.size() && s[i] == '-') { negative = true; ++i; }
  const std::size_t int_begin = i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  const std::size_t int_len = i - int_begin;
  if (int_len == 0) return std::nullopt;                      // "", "-", ".5"
  if (int_len > 1 && s[int_begin] == '0') return std::nullopt;  // "007"
  std::int64_t frac = 0;
  if (i < s.size()) {
    if (s[i] != '.') return std::nullopt;
    ++i;
    const std::size_t frac_begin = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    const std::size_t frac_len = i - frac_begin;
    if (frac_len == 0 || frac_len > 2 || i != s.size()) return std::nullopt;  // "12.", "12.345"
    frac = (s[frac_begin] - '0') * 10 + (frac_len == 2 ? s[frac_begin + 1] - '0' : 0);
  }
  // The magnitude is accumulated as negative so that INT64_MIN parses.
  std::int64_t v = 0;
  for (std::size_t k = int_begin; k < int_begin + int_len; ++k) {
    if (__builtin_mul_overflow(v, std::int64_t{10}, &v)) return std::nullopt;
    if (__builtin_sub_overflow(v, std::int64_t{s[k] - '0'}, &v)) return std::nullopt;
  }
  if (__builtin_mul_overflow(v, std::int64_t{100}, &v)) return std::nullopt;
  if (__builtin_sub_overflow(v, frac, &v)) return std::nullopt;
  if (!negative) {
    if (v == std::numeric_limits<std::int64_t>::min()) return std::nullopt;
    v = -v;
  }
  return Money(v);
}

std::string Money::to_string() const {
  // Work on the unsigned magnitude so that INT64_MIN prints correctly.
  const bool negative = fen_ < 0;
  const std::uint64_t mag = negative ? std::uint64_t(0) - std::uint64_t(fen_) : std::uint64_t(fen_);
  std::string out = std::to_string(mag / 100);
  const unsigned cents = unsigned(mag % 100);
  out.push_back('.');
  out.push_back(char('0' + cents / 10));
  out.push_back(char('0' + cents % 10));
  if (negative) out.insert(out.begin(), '-');
  return out;
}

Money Money::operator+(Money o) const {
  std::int64_t r = 0;
  if (__builtin_add_overflow(fen_, o.fen_, &r)) throw OverflowError("money overflow in addition");
  return Money(r);
}

Money Money::operator-(Money o) const {
  std::int64_t r = 0;
  if (__builtin_sub_overflow(fen_, o.fen_, &r)) throw OverflowError("money overflow in subtraction");
  return Money(r);
}

Money Money::operator-() const {
  if (fen_ == std::numeric_limits<std::int64_t>::min()) throw OverflowError("money overflow in negation");
  return Money(-fen_);
}

Money Money::times(std::int64_t n) const {
  std::int64_t r = 0;
  if (__builtin_mul_overflow(fen_, n, &r)) throw OverflowError("money overflow in multiplication");
  return Money(r);
}

}  // namespace pvd
