// The registry of stable codes (rules.md, protocol.md §1.1), made from the one
// list in include/provident/rules/codes.inc, and the violations built from it.
#include <stdexcept>
#include <unordered_map>

#include "provident/id/mask.hpp"
#include "provident/rules/violation.hpp"

namespace pvd {

namespace {

const std::vector<CodeInfo> kCodes = {
#define PVD_CODE(NAME, ZH, EN, SOURCE, IS_ERROR) \
  {.code = #NAME, .message_zh = ZH, .message_en = EN, .source = SOURCE, .is_error = IS_ERROR},
#include "provident/rules/codes.inc"
#undef PVD_CODE
};

const std::unordered_map<std::string_view, const CodeInfo*>& index() {
  static const auto idx = [] {
    std::unordered_map<std::string_view, const CodeInfo*> m;
    for (const auto& c : kCodes) m.emplace(c.code, &c);
    return m;
  }();
  return idx;
}

}  // namespace

const CodeInfo* find_code(std::string_view code) noexcept {
  const auto& idx = index();
  auto it = idx.find(code);
  return it == idx.end() ? nullptr : it->second;
}

const std::vector<CodeInfo>& all_codes() { return kCodes; }

std::string fill_template(std::string_view t, std::initializer_list<MessageParam> params, bool english) {
  std::string out;
  out.reserve(t.size() + 16);
  for (std::size_t i = 0; i < t.size();) {
    if (t[i] == '{') {
      const auto close = t.find('}', i);
      if (close != std::string_view::npos) {
        const auto name = t.substr(i + 1, close - i - 1);
        bool found = false;
        for (const auto& p : params) {
          if (p.name == name) {
            out += english ? p.en : p.zh;
            found = true;
            break;
          }
        }
        if (found) {
          i = close + 1;
          continue;
        }
      }
    }
    out.push_back(t[i++]);
  }
  return out;
}

Violation violation(Code code, std::string field, std::initializer_list<MessageParam> params,
                    std::string_view source_override) {
  const CodeInfo* info = find_code(code.text);
  if (!info || info->is_error) throw std::logic_error("unregistered violation code: " + std::string(code.text));
  Violation v;
  v.code = std::string(code.text);
  // Parameters may echo what the caller typed (a bank code that is a card
  // number): personal numbers in messages and fields are masked.
  v.message = id::mask_echo(fill_template(info->message_zh, params, false));
  v.message_en = id::mask_echo(fill_template(info->message_en, params, true));
  v.field = id::mask_echo(field);
  v.source = std::string(source_override.empty() ? info->source : source_override);
  return v;
}

Violation row_violation(Code code, std::int64_t row, std::string field, std::initializer_list<MessageParam> params,
                        std::string_view source_override) {
  Violation v = violation(code, std::move(field), params, source_override);
  v.row = row;
  return v;
}

}  // namespace pvd
