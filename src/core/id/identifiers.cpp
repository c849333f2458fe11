#include "provident/id/identifiers.hpp"

#include <utf8proc.h>

#include <cstdlib>
#include <memory>

namespace pvd::id {

namespace {
constexpr std::string_view kCreditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
}

bool credit_code_valid(std::string_view code) noexcept {
  static constexpr int weights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
  if (code.size() != 18) return false;
  int values[18];
  for (std::size_t i = 0; i < 18; ++i) {
    const auto pos = kCreditAlphabet.find(code[i]);
    if (pos == std::string_view::npos) return false;
    values[i] = int(pos);
  }
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += values[i] * weights[i];
  return values[17] == (31 - sum % 31) % 31;
}

bool luhn_valid(std::string_view d) noexcept {
  int sum = 0;
  bool twice = false;
  for (auto it = d.rbegin(); it != d.rend(); ++it) {
    if (*it < '0' || *it > '9') return false;
    int v = *it - '0';
    if (twice) { v *= 2; if (v > 9) v -= 9; }
    sum += v;
    twice = !twice;
  }
  return !d.empty() && sum % 10 == 0;
}

bool card_number_valid(std::string_view n, bool luhn_required) noexcept {
  if (n.size() < 16 || n.size() > 19) return false;
  for (char c : n)
    if (c < '0' || c > '9') return false;
  return !luhn_required || luhn_valid(n);
}

bool phone_valid(std::string_view p) noexcept {
  if (p.size() != 11 || p[0] != '1' || p[1] < '3' || p[1] > '9') return false;
  for (char c : p)
    if (c < '0' || c > '9') return false;
  return true;
}

std::optional<std::string> si_unit_login_name(std::string_view code) {
  for (char c : code)
    if (c < '0' || c > '9') return std::nullopt;
  if (code.size() == 10) return std::string(code) + "00";
  if (code.size() == 12) return std::string(code);
  return std::nullopt;
}

std::optional<std::string> normalize_name(std::string_view name) {
  utf8proc_uint8_t* out = nullptr;
  const auto len = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(name.data()),
                                static_cast<utf8proc_ssize_t>(name.size()), &out,
                                static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT));
  if (len < 0) return std::nullopt;
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> guard(out, &std::free);
  std::string s(reinterpret_cast<const char*>(out), static_cast<std::size_t>(len));
  // Middle dots: U+00B7 (C2 B7) and U+2022 (E2 80 A2) become '.'; NFKC already
  // maps the full-width U+FF0E to '.' and U+30FB katakana middle dot stays.
  std::string r;
  r.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    if (s.compare(i, 2, "\xC2\xB7") == 0) { r.push_back('.'); i += 2; }
    else if (s.compare(i, 3, "\xE2\x80\xA2") == 0) { r.push_back('.'); i += 3; }
    else r.push_back(s[i++]);
  }
  return r;
}

bool names_equal(std::string_view a, std::string_view b) {
  auto x = normalize_name(a), y = normalize_name(b);
  return x && y && *x == *y;
}

std::string trim_space(std::string_view s) {
  static constexpr std::string_view kSpaces[] = {" ", "\t", "\n", "\r", "\v", "\f", "\u3000", "\u00a0"};
  for (bool again = true; again;) {
    again = false;
    for (std::string_view sp : kSpaces) {
      if (s.starts_with(sp)) { s.remove_prefix(sp.size()); again = true; }
      if (!s.empty() && s.ends_with(sp)) { s.remove_suffix(sp.size()); again = true; }
    }
  }
  return std::string(s);
}

bool name_is_blank(std::string_view name) { return trim_space(name).empty(); }

}  // namespace pvd::id
