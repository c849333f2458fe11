// Every policy parameter the engine knows: its key, kind, group and bounds,
// generated from the one list in keys.inc (policy.md §2). A key not listed
// there is refused when a profile is loaded.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <type_traits>
#include <variant>

#include "provident/policy/values.hpp"

namespace pvd::policy {

enum class Kind : std::uint8_t {
  boolean, integer, rate, money, rounding, window, month_list, text, reasons, back_pay_reasons, banks, ops,
  year_range, retirement_rule, date, year_month, category, interest_method
};

/// Parameters by id, in schema order (keys.inc); `Key::count_` is the size.
enum class Key : std::uint16_t {
#define PVD_POLICY_KEY(ID, ...) ID,
#include "provident/policy/keys.inc"
#undef PVD_POLICY_KEY
  count_
};

constexpr std::size_t kKeyCount = static_cast<std::size_t>(Key::count_);

struct KeyInfo {
  Key key;
  std::string_view name;   // "hpf.rate.min"
  Kind kind;
  std::string_view group;  // coverage group ("hpf", "hpf_base", …)
  bool required;           // must have a value on every day of the group's window
  std::int64_t min = 0;    // bounds for integers (inclusive); for money in fen
  std::int64_t max = 0;
  std::string_view meaning;
};

/// The alternative of policy::Value that holds a value of kind `k`: the one
/// mapping from kinds to C++ types (the loader checks every value it decodes
/// against it, Policy::get against the key's kind).
constexpr std::size_t value_index(Kind k) noexcept {
  switch (k) {
    case Kind::boolean: return 0;                                   // bool
    case Kind::integer: return 1;                                   // std::int64_t
    case Kind::rate: return 2;                                      // Rate
    case Kind::money: return 3;                                     // Money
    case Kind::rounding: return 4;                                  // Rounding
    case Kind::window: return 5;                                    // Window
    case Kind::month_list: return 6;                                // MonthList
    case Kind::text: case Kind::category: case Kind::interest_method: return 7;  // std::string
    case Kind::reasons: case Kind::back_pay_reasons: return 8;      // ReasonList
    case Kind::banks: return 9;                                     // BankList
    case Kind::ops: return 10;                                      // StringList
    case Kind::year_range: return 11;                               // YearRange
    case Kind::retirement_rule: return 12;                          // RetirementRule
    case Kind::date: return 13;                                     // Date
    case Kind::year_month: return 14;                               // YearMonth
  }
  return std::variant_npos;
}

/// The kind of every key, by key (from keys.inc), for compile-time lookups.
inline constexpr std::array<Kind, kKeyCount> kKeyKinds = {{
#define PVD_POLICY_KEY(ID, NAME, KIND, ...) Kind::KIND,
#include "provident/policy/keys.inc"
#undef PVD_POLICY_KEY
}};

constexpr Kind kind_of(Key k) noexcept { return kKeyKinds[static_cast<std::size_t>(k)]; }

/// The C++ type of the values of key K: `value_type_t<Key::hpf_rate_min>` is Rate.
template <Key K>
using value_type_t = std::variant_alternative_t<value_index(kind_of(K)), Value>;

namespace detail {
template <class T, class V>
struct alternative_index;
template <class T, class... Ts>
struct alternative_index<T, std::variant<Ts...>> {
  static constexpr std::size_t value = [] {
    std::size_t i = 0;
    const bool found = ((std::is_same_v<T, Ts> ? true : (++i, false)) || ...);
    return found ? i : std::variant_npos;
  }();
};
}  // namespace detail

/// Whether T is the type of the values of key k.
template <class T>
constexpr bool holds_type(Key k) noexcept {
  return value_index(kind_of(k)) == detail::alternative_index<T, Value>::value;
}

const KeyInfo& info(Key k) noexcept;
std::span<const KeyInfo> all_keys() noexcept;
std::optional<Key> key_by_name(std::string_view name) noexcept;

/// The coverage groups, in schema order.
std::span<const std::string_view> all_groups() noexcept;
bool is_group(std::string_view g) noexcept;

}  // namespace pvd::policy
