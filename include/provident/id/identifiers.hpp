// The other identifiers of arithmetic.md §4: unified social credit code, bank
// card, mobile number, SI unit code → login name, person names.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pvd::id {

/// 统一社会信用代码, GB 32100-2015: 18 characters from 0-9 A-H J-N P-R T U W-Y,
/// weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28, check =
/// alphabet[(31 − Σ mod 31) mod 31]. Returns the code when valid.
bool credit_code_valid(std::string_view code) noexcept;

/// Bank card: 16–19 digits, and the Luhn check when `luhn_required`
/// (policy card.luhn_required).
bool card_number_valid(std::string_view number, bool luhn_required) noexcept;
bool luhn_valid(std::string_view digits) noexcept;

/// Mobile number: 11 digits, 1[3-9] followed by 9 digits.
bool phone_valid(std::string_view phone) noexcept;

/// SI unit code → login name (seed 001 5.1 注意 a): a 10-digit code gets "00"
/// appended; a 12-digit code is used as it is; anything else is nullopt.
std::optional<std::string> si_unit_login_name(std::string_view unit_code);

/// A name for comparison: Unicode NFKC, with the middle dots "·" (U+00B7),
/// "•" (U+2022) and "." treated as the same character (rules.md §2
/// hpf.flex.sign). Invalid UTF-8 gives nullopt.
std::optional<std::string> normalize_name(std::string_view name);
bool names_equal(std::string_view a, std::string_view b);

/// The white space a clerk's screen may leave around a name or a copied text:
/// ASCII space, tab, CR, LF, VT, FF, the ideographic space U+3000 (full-width
/// input) and the no-break space U+00A0 (pasted from web pages). Decision: one
/// definition for every domain (HPF and SI disagreed on U+00A0 before).
std::string trim_space(std::string_view s);
/// NAME_REQUIRED (rules.md §7): a name that is empty or only such white space.
bool name_is_blank(std::string_view name);

}  // namespace pvd::id
