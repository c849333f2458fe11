// Errors raised by the value types and the policy layer. Business outcomes are
// never exceptions (they are violations, see rules/violation.hpp); these are for
// input that cannot be evaluated and for arithmetic that would not be exact.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "provident/rules/codes.hpp"

namespace pvd {

/// A value outside the representable range (int64 fen, exact intermediates).
/// Money never wraps: every operation that could overflow checks and throws.
class OverflowError : public std::overflow_error {
 public:
  using std::overflow_error::overflow_error;
};

/// A request or a fact that cannot be evaluated. `code` is one of the REQ_*
/// codes of protocol.md §1.1 (or POLICY_NOT_IN_FORCE); `field` names the JSON
/// path ("args.base", "facts.accounts[0].paid_months[3]").
class RequestError : public std::runtime_error {
 public:
  RequestError(std::string code, std::string field, std::string message_zh, std::string message_en)
      : std::runtime_error(message_en),
        code_(std::move(code)),
        field_(std::move(field)),
        message_zh_(std::move(message_zh)),
        message_en_(std::move(message_en)) {}

  RequestError(Code code, std::string field, std::string message_zh, std::string message_en)
      : RequestError(std::string(code.text), std::move(field), std::move(message_zh), std::move(message_en)) {}

  const std::string& code() const noexcept { return code_; }
  const std::string& field() const noexcept { return field_; }
  const std::string& message_zh() const noexcept { return message_zh_; }
  const std::string& message_en() const noexcept { return message_en_; }

 private:
  std::string code_, field_, message_zh_, message_en_;
};

}  // namespace pvd
