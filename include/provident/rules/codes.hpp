// Violation and error codes as constants, from the one list in codes.inc:
// `pvd::code::HPF_NOT_NORMAL` is a Code whose text is "HPF_NOT_NORMAL", and a
// misspelt code does not compile. The registry (find_code, all_codes in
// violation.hpp), `provident codes` and docs/codes.md come from the same list.
#pragma once

#include <string_view>

namespace pvd {

/// A registered code; its text is its name.
struct Code {
  std::string_view text;
  /// A code reads as its text wherever text is expected (a response, a
  /// comparison); text never becomes a Code without naming a constant.
  constexpr operator std::string_view() const noexcept { return text; }
  friend constexpr bool operator==(Code a, Code b) noexcept { return a.text == b.text; }
  /// A code as reported (Violation::code, RequestError::code()) against a constant.
  friend constexpr bool operator==(Code a, std::string_view b) noexcept { return a.text == b; }
};

namespace code {
#define PVD_CODE(NAME, ...) inline constexpr Code NAME{#NAME};
#include "provident/rules/codes.inc"
#undef PVD_CODE
}  // namespace code

}  // namespace pvd
