// "Did you mean": the known name closest to what was typed, for the errors
// that name an unknown member, operation or profile.
//
// Layer `json`: the schema validator, the dispatcher and the CLI use it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pvd::protocol {

/// The candidate nearest to `typed` by edit distance (insertions, deletions,
/// substitutions and swaps of neighbours, letter case ignored), when it is near
/// enough to be a slip: at most 1 edit for names of up to 4 characters, 2 up to
/// 8, 3 beyond. Ties go to the earlier candidate. Work is bounded: names longer
/// than 64 characters are never matched.
std::optional<std::string> closest(std::string_view typed, const std::vector<std::string_view>& candidates);

/// " (did you mean \"x\"?)" / "（是否应为x？）" for `closest`, or "" when nothing is near.
struct Suggestion {
  std::string zh;
  std::string en;
};
Suggestion did_you_mean(std::string_view typed, const std::vector<std::string_view>& candidates);

}  // namespace pvd::protocol
