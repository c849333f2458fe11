// The checks of a string member's text that both readers apply (protocol.md
// §1.2–1.3): the ArgReader over a document (args.cpp), which words each
// refusal, and the TapeReader over a tape (tape.cpp), which declines instead.
// Written once so that the two cannot drift apart. Layer `json`; internal.
#pragma once

#include <cstddef>
#include <string_view>

#include "json/args.hpp"

namespace pvd::protocol::checks {

/// Longer than `max_chars` characters (code points of valid UTF-8).
inline bool too_long(std::string_view s, std::size_t max_chars) noexcept {
  return s.size() > max_chars && utf8_length(s) > max_chars;
}

/// Holds a control character (below 0x20, or DEL).
inline bool has_control(std::string_view s) noexcept {
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7F) return true;
  return false;
}

/// Money beyond the documented bound of a request (kMaxMoneyFen).
inline bool beyond_limit(const Money& m) noexcept { return m.as_fen() > kMaxMoneyFen || m.as_fen() < -kMaxMoneyFen; }

}  // namespace pvd::protocol::checks
