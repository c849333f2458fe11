// The tokens of strict JSON, for the one-pass readers (protocol.md §1.3): the
// request's document (json.cpp) and the tape of its facts (tape.cpp) read the
// same text the same way, so they accept and give up on the same inputs.
//
// Each function reads one token at the cursor and answers false on anything
// the strict builder would refuse (a syntax error, a control character or NUL
// in a string, invalid UTF-8, a lone surrogate) or leaves to nlohmann (a
// number with a fraction or an exponent, an integer beyond 64 bits): the
// reader that called it then gives up, and the text is read again by the
// strict builder, which gives the same document or the same error.
//
// Layer `json`; internal to it.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "json/utf8.hpp"

namespace pvd::protocol {

/// An integer token: -?(0|[1-9][0-9]*) within 64 bits, typed as nlohmann
/// types it (unsigned without a sign, signed with one).
struct IntegerToken {
  bool is_signed = false;
  std::uint64_t magnitude = 0;  // unsigned value
  std::int64_t value = 0;       // signed value
};

class Lexer {
 public:
  explicit Lexer(std::string_view text) noexcept : begin_(text.data()), p_(text.data()), end_(text.data() + text.size()) {}

  bool at_end() const noexcept { return p_ == end_; }
  std::size_t remaining() const noexcept { return static_cast<std::size_t>(end_ - p_); }
  char peek() const noexcept { return *p_; }  // not at_end()
  std::size_t offset() const noexcept { return static_cast<std::size_t>(p_ - begin_); }
  /// The text between two offsets.
  std::string_view text(std::size_t from, std::size_t to) const noexcept { return {begin_ + from, to - from}; }

  void skip_ws() noexcept {
    while (p_ != end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
  }

  /// The character `c` (then skips white space after it).
  bool take(char c) noexcept {
    if (p_ == end_ || *p_ != c) return false;
    ++p_;
    skip_ws();
    return true;
  }

  bool literal(const char* word, std::size_t n) noexcept {
    if (static_cast<std::size_t>(end_ - p_) < n || std::memcmp(p_, word, n) != 0) return false;
    p_ += n;
    return true;
  }

  bool number(IntegerToken& out) noexcept {
    bool negative = false;
    if (*p_ == '-') {
      negative = true;
      ++p_;
    }
    if (p_ == end_) return false;
    std::uint64_t v = 0;
    if (*p_ == '0') {
      ++p_;
    } else if (*p_ >= '1' && *p_ <= '9') {
      while (p_ != end_ && *p_ >= '0' && *p_ <= '9') {
        const std::uint64_t d = static_cast<std::uint64_t>(*p_ - '0');
        if (v > (UINT64_MAX - d) / 10) return false;
        v = v * 10 + d;
        ++p_;
      }
    } else {
      return false;
    }
    if (p_ != end_ && (*p_ == '.' || *p_ == 'e' || *p_ == 'E')) return false;
    out.is_signed = negative;
    out.magnitude = v;
    if (negative) {
      if (v > static_cast<std::uint64_t>(INT64_MAX) + 1) return false;
      out.value = v == static_cast<std::uint64_t>(INT64_MAX) + 1 ? INT64_MIN : -static_cast<std::int64_t>(v);
    }
    return true;
  }

  /// A string without escapes (the cursor at its opening quote): the offsets
  /// of its text, and the cursor after its closing quote. False, the cursor
  /// where it was, on an escape or on anything string() refuses: string()
  /// then reads it (or refuses it).
  bool plain_string(std::size_t& from, std::size_t& to) noexcept {
    const char* q = p_ + 1;
    for (;;) {
      q = skip_plain_ascii(q, end_);
      if (q == end_) return false;
      const auto c = static_cast<unsigned char>(*q);
      if (c == '"') {
        from = static_cast<std::size_t>(p_ + 1 - begin_);
        to = static_cast<std::size_t>(q - begin_);
        p_ = q + 1;
        return true;
      }
      if (c < 0x80) return false;  // a backslash or a control character
      const std::size_t n = utf8_sequence(q, end_);
      if (n == 0) return false;
      q += n;
    }
  }

  /// A string (the cursor at its opening quote), its text appended to `s`:
  /// runs of plain bytes at once.
  bool string(std::string& s) {
    ++p_;
    const char* run = p_;
    for (;;) {
      p_ = skip_plain_ascii(p_, end_);
      if (p_ == end_) return false;
      const auto c = static_cast<unsigned char>(*p_);
      if (c == '"') {
        s.append(run, p_);
        ++p_;
        return true;
      }
      if (c == '\\') {
        s.append(run, p_);
        if (!escape(s)) return false;
        run = p_;
      } else if (c < 0x20) {
        return false;  // a control character (NUL included) must be escaped
      } else if (!utf8()) {
        return false;
      }
    }
  }

 private:
  static int hex(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  // The four hex digits after "\u" (the cursor at the 'u').
  bool code_unit(unsigned& u) noexcept {
    if (end_ - p_ < 5) return false;
    u = 0;
    for (int i = 1; i <= 4; ++i) {
      const int h = hex(p_[i]);
      if (h < 0) return false;
      u = u * 16 + static_cast<unsigned>(h);
    }
    p_ += 5;
    return true;
  }

  static void append_utf8(std::string& s, unsigned cp) {
    if (cp < 0x80) {
      s.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      s.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      s.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      s.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      s.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      s.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      s.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      s.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      s.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      s.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }

  // An escape (the cursor at the backslash), appended to s.
  bool escape(std::string& s) {
    ++p_;
    if (p_ == end_) return false;
    switch (*p_) {
      case '"': s.push_back('"'); break;
      case '\\': s.push_back('\\'); break;
      case '/': s.push_back('/'); break;
      case 'b': s.push_back('\b'); break;
      case 'f': s.push_back('\f'); break;
      case 'n': s.push_back('\n'); break;
      case 'r': s.push_back('\r'); break;
      case 't': s.push_back('\t'); break;
      case 'u': {
        unsigned u = 0;
        if (!code_unit(u)) return false;
        if (u == 0) return false;                       // a NUL character
        if (u >= 0xDC00 && u <= 0xDFFF) return false;  // a lone low surrogate
        if (u >= 0xD800 && u <= 0xDBFF) {
          unsigned low = 0;
          if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') return false;
          ++p_;
          if (!code_unit(low) || low < 0xDC00 || low > 0xDFFF) return false;
          u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
        }
        append_utf8(s, u);
        return true;
      }
      default: return false;
    }
    ++p_;
    return true;
  }

  // One well-formed UTF-8 sequence of two to four bytes (the cursor at its lead byte).
  bool utf8() noexcept {
    const std::size_t n = utf8_sequence(p_, end_);
    p_ += n;
    return n != 0;
  }

  const char* begin_;
  const char* p_;
  const char* end_;
};

}  // namespace pvd::protocol
