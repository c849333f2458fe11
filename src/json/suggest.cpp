#include "json/suggest.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace pvd::protocol {

namespace {

constexpr std::size_t kMaxName = 64;

char fold(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

// Optimal string alignment distance of two names of at most kMaxName bytes.
std::size_t distance(std::string_view a, std::string_view b) {
  std::array<std::array<std::size_t, kMaxName + 1>, kMaxName + 1> d{};
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i)
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = fold(a[i - 1]) == fold(b[j - 1]) ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && fold(a[i - 1]) == fold(b[j - 2]) && fold(a[i - 2]) == fold(b[j - 1]))
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.size()][b.size()];
}

std::size_t allowed_edits(std::size_t n) { return n <= 4 ? 1 : n <= 8 ? 2 : 3; }

}  // namespace

std::optional<std::string> closest(std::string_view typed, const std::vector<std::string_view>& candidates) {
  if (typed.empty() || typed.size() > kMaxName) return std::nullopt;
  std::optional<std::string> best;
  std::size_t best_d = allowed_edits(typed.size()) + 1;
  for (auto c : candidates) {
    if (c.size() > kMaxName || c == typed) continue;
    const std::size_t d = distance(typed, c);
    if (d < best_d) {
      best_d = d;
      best = std::string(c);
    }
  }
  return best;
}

Suggestion did_you_mean(std::string_view typed, const std::vector<std::string_view>& candidates) {
  const auto near = closest(typed, candidates);
  if (!near) return {};
  return {"（是否应为" + *near + "？）", " (did you mean \"" + *near + "\"?)"};
}

}  // namespace pvd::protocol
