#include "json/json.hpp"
#include "json/utf8.hpp"
#include "provident/rules/codes.hpp"

#include <charconv>
#include <cstdint>
#include <cstring>
#include <vector>

#include "provident/core/error.hpp"

namespace pvd::protocol {

namespace {

[[noreturn]] void malformed(const std::string& zh, const std::string& en) {
  throw RequestError(code::REQ_MALFORMED, "", "请求不是合法的JSON对象：" + zh, "The request is not a well-formed JSON object: " + en);
}

// A SAX handler that builds the DOM like nlohmann's own, but refuses
// duplicate keys, NUL characters and excessive nesting.
class StrictBuilder {
 public:
  explicit StrictBuilder(json& root) : root_(root) {}

  bool null() { return put(json(nullptr)); }
  bool boolean(bool v) { return put(json(v)); }
  bool number_integer(json::number_integer_t v) { return put(json(v)); }
  bool number_unsigned(json::number_unsigned_t v) { return put(json(v)); }
  bool number_float(json::number_float_t v, const std::string&) { return put(json(v)); }
  bool string(std::string& v) {
    if (v.find('\0') != std::string::npos) fail_nul();
    return put(json(std::move(v)));
  }
  bool binary(json::binary_t&) { return false; }
  bool start_object(std::size_t) { return open(json::object()); }
  bool key(std::string& k) {
    if (k.find('\0') != std::string::npos) fail_nul();
    if (k.size() > kMaxKeyBytes)
      malformed("成员名称超过" + std::to_string(kMaxKeyBytes) + "字节", "a member name longer than " + std::to_string(kMaxKeyBytes) + " bytes");
    json& obj = *stack_.back();
    if (obj.contains(k)) malformed("重复的键\"" + k + "\"", "duplicate key \"" + k + "\"");
    pending_key_ = std::move(k);
    return true;
  }
  bool end_object() { stack_.pop_back(); return true; }
  bool start_array(std::size_t) { return open(json::array()); }
  bool end_array() { stack_.pop_back(); return true; }
  bool parse_error(std::size_t pos, const std::string&, const nlohmann::detail::exception& e) {
    std::string what = e.what();
    // nlohmann's message: "[json.exception.parse_error.101] parse error at line 1, column 2: ..."
    const auto p = what.find("parse error");
    if (p != std::string::npos) what = what.substr(p);
    // nlohmann quotes the bytes it read last: they may be personal data (an
    // ID or card number), so they are not echoed.
    const auto last = what.find("; last read:");
    if (last != std::string::npos) what = what.substr(0, last);
    malformed("第" + std::to_string(pos) + "字节附近：" + what, what);
  }

 private:
  [[noreturn]] void fail_nul() { malformed("字符串中含有NUL字符", "a string contains a NUL character"); }

  bool put(json&& v) {
    if (stack_.empty()) {
      root_ = std::move(v);
      return true;
    }
    json& top = *stack_.back();
    if (top.is_object()) top[std::move(pending_key_)] = std::move(v);
    else top.push_back(std::move(v));
    return true;
  }

  bool open(json&& v) {
    if (static_cast<int>(stack_.size()) >= kMaxDepth)
      malformed("嵌套层数超过" + std::to_string(kMaxDepth), "nesting deeper than " + std::to_string(kMaxDepth));
    json* slot = nullptr;
    if (stack_.empty()) {
      root_ = std::move(v);
      slot = &root_;
    } else {
      json& top = *stack_.back();
      if (top.is_object()) {
        top[pending_key_] = std::move(v);
        slot = &top[pending_key_];
        pending_key_.clear();
      } else {
        top.push_back(std::move(v));
        slot = &top.back();
      }
    }
    stack_.push_back(slot);
    return true;
  }

  json& root_;
  std::vector<json*> stack_;
  std::string pending_key_;
};

// ------------------------------------------------------------------ the reader

// A strict recursive-descent reader straight into the DOM, for the requests
// that are well formed (nearly all of them). It accepts exactly what the
// strict builder accepts, or gives up: on anything it does not accept — a
// syntax error, a duplicate key, a NUL, a key too long, nesting too deep,
// invalid UTF-8 — and on what it leaves to nlohmann (a number with a fraction
// or an exponent, an integer beyond 64 bits, a byte order mark), it returns
// false and parse_request reads the text again with the strict builder, which
// gives the same document or the same error as before, word for word.
// Decision: giving up instead of reproducing nlohmann's error texts keeps one
// source of those texts; a malformed request is read twice, which costs
// nothing that matters.
class FastReader {
 public:
  explicit FastReader(std::string_view text) noexcept : p_(text.data()), end_(text.data() + text.size()) {}

  bool document(json& out) {
    skip_ws();
    if (!value(out, 0)) return false;
    skip_ws();
    return p_ == end_;
  }

 private:
  void skip_ws() noexcept {
    while (p_ != end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
  }

  bool literal(const char* word, std::size_t n) noexcept {
    if (static_cast<std::size_t>(end_ - p_) < n || std::memcmp(p_, word, n) != 0) return false;
    p_ += n;
    return true;
  }

  bool value(json& out, int depth) {
    if (p_ == end_) return false;
    switch (*p_) {
      case '{': return object(out, depth);
      case '[': return array(out, depth);
      case '"': {
        std::string s;
        if (!string(s)) return false;
        out = std::move(s);
        return true;
      }
      case 't': if (!literal("true", 4)) return false; out = true; return true;
      case 'f': if (!literal("false", 5)) return false; out = false; return true;
      case 'n': if (!literal("null", 4)) return false; out = nullptr; return true;
      default: return number(out);
    }
  }

  // The strict builder refuses the 65th level (kMaxDepth open containers).
  bool object(json& out, int depth) {
    if (depth >= kMaxDepth) return false;
    ++p_;
    out = json::object();
    auto& members = out.get_ref<json::object_t&>();
    skip_ws();
    if (p_ != end_ && *p_ == '}') {
      ++p_;
      return true;
    }
    for (;;) {
      if (p_ == end_ || *p_ != '"') return false;
      std::string key;
      if (!string(key) || key.size() > kMaxKeyBytes) return false;
      skip_ws();
      if (p_ == end_ || *p_ != ':') return false;
      ++p_;
      skip_ws();
      auto [it, fresh] = members.try_emplace(std::move(key));
      if (!fresh) return false;  // a duplicate key
      if (!value(it->second, depth + 1)) return false;
      skip_ws();
      if (p_ == end_) return false;
      if (*p_ == ',') {
        ++p_;
        skip_ws();
        continue;
      }
      if (*p_ != '}') return false;
      ++p_;
      return true;
    }
  }

  bool array(json& out, int depth) {
    if (depth >= kMaxDepth) return false;
    ++p_;
    out = json::array();
    auto& elements = out.get_ref<json::array_t&>();
    skip_ws();
    if (p_ != end_ && *p_ == ']') {
      ++p_;
      return true;
    }
    for (;;) {
      elements.emplace_back();
      if (!value(elements.back(), depth + 1)) return false;
      skip_ws();
      if (p_ == end_) return false;
      if (*p_ == ',') {
        ++p_;
        skip_ws();
        continue;
      }
      if (*p_ != ']') return false;
      ++p_;
      return true;
    }
  }

  // Integers only: -?(0|[1-9][0-9]*) within 64 bits, as nlohmann types them
  // (unsigned without a sign, signed with one). Anything else gives up.
  bool number(json& out) noexcept {
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
    if (!negative) {
      out = static_cast<json::number_unsigned_t>(v);
    } else {
      if (v > static_cast<std::uint64_t>(INT64_MAX) + 1) return false;
      out = static_cast<json::number_integer_t>(v == static_cast<std::uint64_t>(INT64_MAX) + 1 ? INT64_MIN : -static_cast<std::int64_t>(v));
    }
    return true;
  }

  static int hex(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  // The four hex digits after "\u" (p_ at the 'u').
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

  // An escape (p_ at the backslash), appended to s.
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
        if (u == 0) return false;  // a NUL character
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

  // One well-formed UTF-8 sequence of two to four bytes (p_ at its lead byte).
  bool utf8() noexcept {
    const std::size_t n = utf8_sequence(p_, end_);
    p_ += n;
    return n != 0;
  }

  // A string (p_ at its opening quote): runs of plain bytes are appended at once.
  bool string(std::string& s) {
    ++p_;
    const char* run = p_;
    for (;;) {
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
      } else if (c < 0x80) {
        ++p_;
      } else if (!utf8()) {
        return false;
      }
    }
  }

  const char* p_;
  const char* end_;
};

}  // namespace

json parse_request(std::string_view text) {
  if (text.size() > kMaxRequestBytes)
    throw RequestError(code::REQ_TOO_LARGE, "", "请求超过16 MiB的上限", "The request exceeds the limit of 16 MiB");
  // nlohmann's lexer takes a NUL byte for the end of the input: "{…}\0more"
  // would be read as "{…}". A NUL anywhere is malformed.
  if (text.find('\0') != std::string_view::npos) malformed("含有NUL字节", "a NUL byte");
  json root;
  if (FastReader(text).document(root)) return root;
  root = json();
  StrictBuilder builder(root);
  // strict = true: nothing may follow the value. nlohmann checks UTF-8.
  json::sax_parse(text.begin(), text.end(), &builder, json::input_format_t::json, true);
  return root;
}

bool read_fast(std::string_view text, json& out) { return FastReader(text).document(out); }

bool nesting_within(std::string_view text, int max_depth) noexcept {
  int depth = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > max_depth) return false;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return true;
}

}  // namespace pvd::protocol
