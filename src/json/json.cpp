#include "json/json.hpp"
#include "json/lexer.hpp"
#include "json/tape.hpp"
#include "provident/rules/codes.hpp"

#include <cstdint>
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
  FastReader(std::string_view text, Tape* facts) noexcept : lx_(text), facts_(facts) {}

  bool document(json& out) {
    lx_.skip_ws();
    if (!value(out, 0)) return false;
    lx_.skip_ws();
    return lx_.at_end();
  }

 private:
  bool value(json& out, int depth) {
    if (lx_.at_end()) return false;
    switch (lx_.peek()) {
      case '{': return object(out, depth);
      case '[': return array(out, depth);
      case '"': {
        std::string s;
        if (!lx_.string(s)) return false;
        out = std::move(s);
        return true;
      }
      case 't': if (!lx_.literal("true", 4)) return false; out = true; return true;
      case 'f': if (!lx_.literal("false", 5)) return false; out = false; return true;
      case 'n': if (!lx_.literal("null", 4)) return false; out = nullptr; return true;
      default: {
        IntegerToken t;
        if (!lx_.number(t)) return false;
        if (t.is_signed) out = static_cast<json::number_integer_t>(t.value);
        else out = static_cast<json::number_unsigned_t>(t.magnitude);
        return true;
      }
    }
  }

  // The strict builder refuses the 65th level (kMaxDepth open containers).
  bool object(json& out, int depth) {
    if (depth >= kMaxDepth) return false;
    out = json::object();
    auto& members = out.get_ref<json::object_t&>();
    if (!lx_.take('{')) return false;
    if (lx_.take('}')) return true;
    for (;;) {
      if (lx_.at_end() || lx_.peek() != '"') return false;
      std::string key;
      if (!lx_.string(key) || key.size() > kMaxKeyBytes) return false;
      lx_.skip_ws();
      if (!lx_.take(':')) return false;
      auto [it, fresh] = members.try_emplace(std::move(key));
      if (!fresh) return false;  // a duplicate key
      if (depth == 0 && facts_ && it->first == "facts" && !lx_.at_end() && lx_.peek() == '{') {
        // The request's facts go onto the tape; the document holds an empty object in their place.
        if (!facts_->read_value(lx_, depth + 1)) return false;
        it->second = json::object();
      } else if (!value(it->second, depth + 1)) {
        return false;
      }
      lx_.skip_ws();
      if (lx_.take(',')) continue;
      return lx_.take('}');
    }
  }

  bool array(json& out, int depth) {
    if (depth >= kMaxDepth) return false;
    out = json::array();
    auto& elements = out.get_ref<json::array_t&>();
    if (!lx_.take('[')) return false;
    if (lx_.take(']')) return true;
    for (;;) {
      elements.emplace_back();
      if (!value(elements.back(), depth + 1)) return false;
      lx_.skip_ws();
      if (lx_.take(',')) continue;
      return lx_.take(']');
    }
  }

  Lexer lx_;
  Tape* facts_;
};

}  // namespace

json parse_request(std::string_view text, Tape* facts) {
  if (text.size() > kMaxRequestBytes)
    throw RequestError(code::REQ_TOO_LARGE, "", "请求超过16 MiB的上限", "The request exceeds the limit of 16 MiB");
  // nlohmann's lexer takes a NUL byte for the end of the input: "{…}\0more"
  // would be read as "{…}". A NUL anywhere is malformed.
  if (text.find('\0') != std::string_view::npos) malformed("含有NUL字节", "a NUL byte");
  json root;
  if (facts) facts->clear();
  if (FastReader(text, facts).document(root)) return root;
  if (facts) facts->clear();
  root = json();
  StrictBuilder builder(root);
  // strict = true: nothing may follow the value. nlohmann checks UTF-8.
  json::sax_parse(text.begin(), text.end(), &builder, json::input_format_t::json, true);
  return root;
}

bool read_fast(std::string_view text, json& out) { return FastReader(text, nullptr).document(out); }

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
