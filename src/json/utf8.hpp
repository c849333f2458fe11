// One UTF-8 sequence, as nlohmann's lexer accepts it: shared by the strict
// reader (json.cpp) and the writer (writer.cpp), which must agree on what is
// well formed. Layer `json`.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace pvd::protocol {

/// The length (2 to 4) of the well-formed multi-byte UTF-8 sequence at `p`
/// (its lead byte ≥ 0x80), or 0: no overlong forms, no surrogates, nothing
/// above U+10FFFF, and not running past `end`.
inline std::size_t utf8_sequence(const char* p, const char* end) noexcept {
  const auto b = [&](std::ptrdiff_t i) { return static_cast<unsigned char>(p[i]); };
  const auto in = [](unsigned char c, unsigned char lo, unsigned char hi) { return c >= lo && c <= hi; };
  const unsigned char c = b(0);
  const std::ptrdiff_t left = end - p;
  if (in(c, 0xC2, 0xDF)) return left >= 2 && in(b(1), 0x80, 0xBF) ? 2 : 0;
  if (in(c, 0xE0, 0xEF)) {
    const unsigned char lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    return left >= 3 && in(b(1), lo, hi) && in(b(2), 0x80, 0xBF) ? 3 : 0;
  }
  if (in(c, 0xF0, 0xF4)) {
    const unsigned char lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    return left >= 4 && in(b(1), lo, hi) && in(b(2), 0x80, 0xBF) && in(b(3), 0x80, 0xBF) ? 4 : 0;
  }
  return 0;
}

/// The first byte at or after `p` that is not plain ASCII text in a JSON
/// string — a quote, a backslash, a control character (below 0x20) or the lead
/// of a multi-byte sequence (0x80 and above) — or `end`. Eight bytes at a
/// time: a word with no such byte is passed at once (a test may stop early
/// on a plain byte, never pass a special one).
inline const char* skip_plain_ascii(const char* p, const char* end) noexcept {
  constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  while (end - p >= 8) {
    std::uint64_t x;
    std::memcpy(&x, p, 8);
    const std::uint64_t quote = x ^ (ones * '"'), backslash = x ^ (ones * '\\');
    const std::uint64_t special = (((quote - ones) & ~quote) | ((backslash - ones) & ~backslash) | (x - ones * 0x20) | x) & highs;
    if (special) {
      // A false alarm comes from a borrow out of a special byte below it:
      // the lowest byte flagged is a special one (bytes in memory order).
      if constexpr (std::endian::native == std::endian::little) return p + (std::countr_zero(special) >> 3);
      break;
    }
    p += 8;
  }
  while (p != end) {
    const auto c = static_cast<unsigned char>(*p);
    if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') break;
    ++p;
  }
  return p;
}

}  // namespace pvd::protocol
