// The parameter schema (policy.md §2). Each key belongs to a coverage group: a
// profile declares, per group, the window of days its data covers, and every
// required key of the group must have exactly one value on each of those days
// (checked by the temporal coverage test).
#include "provident/policy/schema.hpp"

#include <array>
#include <unordered_map>

namespace pvd::policy {

namespace {

constexpr std::int64_t kMoneyMax = 100'000'000'00;  // 100 million yuan, in fen: a sane bound for a parameter

using enum Kind;
constexpr std::array<KeyInfo, kKeyCount> kKeys = {{
#define PVD_POLICY_KEY(ID, NAME, KIND, GROUP, REQUIRED, MIN, MAX, MEANING)                                        \
  {.key = Key::ID, .name = NAME, .kind = KIND, .group = GROUP, .required = REQUIRED, .min = MIN, .max = MAX, \
   .meaning = MEANING},
#include "provident/policy/keys.inc"
#undef PVD_POLICY_KEY
}};

// Generated from one list, the table cannot fall out of step with the enum;
// this says so where the compiler checks it.
constexpr bool keys_in_enum_order() {
  for (std::size_t i = 0; i < kKeys.size(); ++i)
    if (kKeys[i].key != static_cast<Key>(i) || kKeys[i].kind != kKeyKinds[i]) return false;
  return true;
}
static_assert(keys_in_enum_order(), "kKeys must list every Key at its own position");

// The types value_index names for each kind (schema.hpp).
template <Kind K, class T>
constexpr bool kind_holds = std::is_same_v<std::variant_alternative_t<value_index(K), Value>, T>;
static_assert(kind_holds<boolean, bool> && kind_holds<integer, std::int64_t> && kind_holds<rate, Rate> &&
              kind_holds<money, Money> && kind_holds<rounding, Rounding> && kind_holds<window, Window> &&
              kind_holds<month_list, MonthList> && kind_holds<text, std::string> && kind_holds<category, std::string> &&
              kind_holds<interest_method, std::string> && kind_holds<reasons, ReasonList> &&
              kind_holds<back_pay_reasons, ReasonList> && kind_holds<banks, BankList> && kind_holds<ops, StringList> &&
              kind_holds<year_range, YearRange> && kind_holds<retirement_rule, RetirementRule> &&
              kind_holds<date, Date> && kind_holds<year_month, YearMonth>);

constexpr std::array<std::string_view, 10> kGroups = {"general", "hpf", "hpf_base", "hpf_flex", "hpf_interest",
                                                      "si", "si_wage", "si_limits", "si_late_fee", "pension"};

}  // namespace

const KeyInfo& info(Key k) noexcept { return kKeys[static_cast<std::size_t>(k)]; }
std::span<const KeyInfo> all_keys() noexcept { return kKeys; }

std::optional<Key> key_by_name(std::string_view name) noexcept {
  static const auto idx = [] {
    std::unordered_map<std::string_view, Key> m;
    for (const auto& k : kKeys) m.emplace(k.name, k.key);
    return m;
  }();
  auto it = idx.find(name);
  if (it == idx.end()) return std::nullopt;
  return it->second;
}

std::span<const std::string_view> all_groups() noexcept { return kGroups; }
bool is_group(std::string_view g) noexcept {
  for (auto x : kGroups)
    if (x == g) return true;
  return false;
}

}  // namespace pvd::policy
