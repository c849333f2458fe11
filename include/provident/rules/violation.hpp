// Violations: business denials reported as results, never as errors.
// Every code is registered once (include/provident/rules/codes.inc) with its
// zh-CN and en message templates and its default source; codes are stable API
// (rules.md). Name them by their constants: `v.add(code::HPF_NOT_NORMAL, …)`.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "provident/rules/codes.hpp"

namespace pvd {

struct Violation {
  std::string code;
  std::string message;     // zh-CN
  std::string message_en;  // en
  std::string field;       // "args.account_name", "as_of"; empty when `row` is set alone
  std::optional<std::int64_t> row;  // batch row (0-based index into args.rows)
  std::string source;      // "002 三.6", "SI Law Art. 86", "decision"
  friend bool operator==(const Violation&, const Violation&) = default;
};

/// One message parameter: {name} in the templates is replaced by the value.
/// Values with a language-specific form pass both ({zh, en}).
struct MessageParam {
  std::string_view name;
  std::string zh;
  std::string en;
  MessageParam(std::string_view n, std::string both) : name(n), zh(both), en(std::move(both)) {}
  MessageParam(std::string_view n, std::string z, std::string e) : name(n), zh(std::move(z)), en(std::move(e)) {}
};

struct CodeInfo {
  std::string_view code;
  std::string_view message_zh;  // template
  std::string_view message_en;  // template
  std::string_view source;      // default source
  bool is_error;                // REQ_*, POLICY_NOT_IN_FORCE, STORE_ERROR, INTERNAL
};

/// The registry entry of a code, or nullptr.
const CodeInfo* find_code(std::string_view code) noexcept;
/// Every registered code, in registry order.
const std::vector<CodeInfo>& all_codes();

/// Builds a violation from the registry; throws std::logic_error for an
/// unregistered code (a programming error caught by the tests).
Violation violation(Code code, std::string field, std::initializer_list<MessageParam> params = {},
                    std::string_view source_override = {});
Violation row_violation(Code code, std::int64_t row, std::string field, std::initializer_list<MessageParam> params = {},
                        std::string_view source_override = {});

/// Fills a template's {name} placeholders.
std::string fill_template(std::string_view tmpl, std::initializer_list<MessageParam> params, bool english);

/// A list of violations that a decision function appends to.
class Violations {
 public:
  void add(Violation v) { list_.push_back(std::move(v)); }
  void add(Code code, std::string field, std::initializer_list<MessageParam> params = {},
           std::string_view source_override = {}) {
    list_.push_back(violation(code, std::move(field), params, source_override));
  }
  bool empty() const noexcept { return list_.empty(); }
  std::size_t size() const noexcept { return list_.size(); }
  bool has(Code code) const noexcept {
    for (const auto& v : list_)
      if (v.code == code.text) return true;
    return false;
  }
  const std::vector<Violation>& list() const noexcept { return list_; }
  std::vector<Violation>& list() noexcept { return list_; }
  void append(const Violations& o) { list_.insert(list_.end(), o.list_.begin(), o.list_.end()); }

 private:
  std::vector<Violation> list_;
};

}  // namespace pvd
