// The append-only writer (writer.hpp; protocol.md §1.3): byte for byte what
// nlohmann's dump(-1, ' ', false, replace) writes, without its serializer's
// per-character output calls. Invalid UTF-8 can only come from echoing the
// request (a parse error's context): it is replaced, never allowed to abort
// the response.
#include "json/writer.hpp"

#include <charconv>
#include <cstdint>

#include "json/utf8.hpp"

namespace pvd::protocol {

// Appends `s` as a JSON string exactly as nlohmann's dump writes it with
// ensure_ascii = false: '"', '\\' and the control characters escaped (\b \t \n
// \f \r, the others \u00xx in lower case), everything else, UTF-8 included, as
// is. Text that is not valid UTF-8 (only an echo of the request can hold it)
// is left to nlohmann's serializer, which replaces it.
void write_json_string(std::string& out, std::string_view s) {
  const std::size_t mark = out.size();
  out.push_back('"');
  const char* p = s.data();
  const char* const end = p + s.size();
  const char* run = p;
  for (;;) {
    p = skip_plain_ascii(p, end);
    if (p == end) break;
    const auto c = static_cast<unsigned char>(*p);
    if (c >= 0x80) {
      const std::size_t n = utf8_sequence(p, end);
      if (n == 0) {
        out.resize(mark);
        out += ojson(std::string(s)).dump(-1, ' ', false, ojson::error_handler_t::replace);
        return;
      }
      p += n;
      continue;
    }
    out.append(run, p);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\f': out += "\\f"; break;
      case '\r': out += "\\r"; break;
      default: {
        static constexpr char kHex[] = "0123456789abcdef";
        const char u[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
        out.append(u, sizeof u);
      }
    }
    ++p;
    run = p;
  }
  out.append(run, p);
  out.push_back('"');
}

namespace {

template <class Int>
void write_integer(std::string& out, Int v) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

// The object `j`; with `substitute`, its member `name` written as `text`.
void write_members(std::string& out, const ojson& j, bool substitute, std::string_view name = {},
                   std::string_view text = {}) {
  out.push_back('{');
  bool first = true;
  for (const auto& [key, v] : j.get_ref<const ojson::object_t&>()) {
    if (!first) out.push_back(',');
    first = false;
    write_json_string(out, key);
    out.push_back(':');
    if (substitute && key == name) out += text;
    else write_json(out, v);
  }
  out.push_back('}');
}

}  // namespace

void write_json_integer(std::string& out, std::int64_t i) { write_integer(out, i); }

void write_json(std::string& out, const ojson& j) {
  switch (j.type()) {
    case ojson::value_t::null: out += "null"; return;
    case ojson::value_t::boolean: out += j.get<bool>() ? "true" : "false"; return;
    case ojson::value_t::string: write_json_string(out, j.get_ref<const std::string&>()); return;
    case ojson::value_t::number_integer: write_integer(out, j.get<ojson::number_integer_t>()); return;
    case ojson::value_t::number_unsigned: write_integer(out, j.get<ojson::number_unsigned_t>()); return;
    case ojson::value_t::object: write_members(out, j, false); return;
    case ojson::value_t::array: {
      const auto& elements = j.get_ref<const ojson::array_t&>();
      out.push_back('[');
      bool first = true;
      for (const auto& v : elements) {
        if (!first) out.push_back(',');
        first = false;
        write_json(out, v);
      }
      out.push_back(']');
      return;
    }
    default:  // a float (nlohmann's shortest round-trip form) or binary: as nlohmann writes it
      out += j.dump(-1, ' ', false, ojson::error_handler_t::replace);
      return;
  }
}

std::string dump(const ojson& j) {
  std::string out;
  out.reserve(512);  // a calculator's whole answer, most responses' envelope
  write_json(out, j);
  return out;
}

std::string dump_with(const ojson& j, std::string_view name, std::string_view text) {
  if (text.empty() || !j.is_object()) return dump(j);
  std::string out;
  out.reserve(text.size() + 1024);
  write_members(out, j, true, name, text);
  return out;
}

}  // namespace pvd::protocol
