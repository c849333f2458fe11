// One UTF-8 sequence, as nlohmann's lexer accepts it: shared by the strict
// reader (json.cpp) and the writer (writer.cpp), which must agree on what is
// well formed. Layer `json`.
#pragma once

#include <cstddef>

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

}  // namespace pvd::protocol
