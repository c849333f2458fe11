// Errors of the typed fast paths (protocol.md §2–3), one shape for every
// surface: the C ABI maps `cause` to a pvd_status and reports message_en; the
// Python module raises the exception of `code` with both messages, the field
// and the row.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "provident/core/error.hpp"

namespace pvd::fastpath {

enum class Cause : std::uint8_t {
  argument,  // a value the caller gave (PVD_E_INVALID_ARGUMENT)
  policy,    // a policy value the typed call cannot represent (PVD_E_POLICY)
};

struct Error : std::runtime_error {
  Error(Cause cause, std::string code, std::string field, std::string zh, std::string en,
        std::optional<std::int64_t> row = std::nullopt);
  Cause cause;
  std::string code;  // REQ_BAD_VALUE, POLICY_NOT_IN_FORCE, …; the Python layer's WRONG_TYPE, FLOAT_NOT_ALLOWED
  std::string field;
  std::string message_zh, message_en;
  std::optional<std::int64_t> row;  // the 0-based row of a batch
  std::string detail_zh, detail_en;  // with `row`: the messages without their row prefix
};

/// REQ_BAD_VALUE for argument `field`.
[[noreturn]] void bad_value(std::string field, std::string zh, std::string en);
/// REQ_BAD_VALUE for column `field` at `row`: "第3行：…", "row 3: …".
[[noreturn]] void bad_row(std::size_t row, std::string field, std::string_view zh, std::string_view en);
/// A rule's error (POLICY_NOT_IN_FORCE, …) met at `row`: its code and field, its messages naming the row.
[[noreturn]] void failed_at_row(std::size_t row, const RequestError& e);
/// The same error for rows counted from `first` (a batch run in blocks: a
/// block's row i is row first + i of the whole batch); unchanged without a row.
Error shifted(const Error& e, std::size_t first);
/// A policy value the typed call cannot give (PVD_E_POLICY).
[[noreturn]] void unrepresentable(std::string en);

}  // namespace pvd::fastpath
