// The policy keys come from one list (include/provident/policy/keys.inc): the
// enum and the schema table agree position by position, and a value is read
// only as its key's type (policy.md §2).
#include <gtest/gtest.h>

#include <set>
#include <stdexcept>
#include <string>
#include <type_traits>

#include "provident/policy/loader.hpp"

using namespace pvd;
using namespace pvd::policy;

static_assert(std::is_same_v<value_type_t<Key::hpf_rate_min>, Rate>);
static_assert(std::is_same_v<value_type_t<Key::hpf_deposit_rounding>, Rounding>);
static_assert(std::is_same_v<value_type_t<Key::pension_min_contribution_months>, std::int64_t>);
static_assert(std::is_same_v<value_type_t<Key::hpf_flex_female_category>, std::string>);
static_assert(std::is_same_v<value_type_t<Key::hpf_back_pay_reasons>, ReasonList>);
static_assert(holds_type<Money>(Key::hpf_base_cap) && !holds_type<Rate>(Key::hpf_base_cap));

TEST(PolicyKeys, TheTableListsEveryKeyAtItsPositionWithAUniqueName) {
  ASSERT_EQ(all_keys().size(), kKeyCount);
  std::set<std::string_view> names;
  for (std::size_t i = 0; i < kKeyCount; ++i) {
    const KeyInfo& k = all_keys()[i];
    EXPECT_EQ(k.key, static_cast<Key>(i)) << k.name;
    EXPECT_EQ(k.kind, kind_of(k.key)) << k.name;
    EXPECT_TRUE(names.insert(k.name).second) << "duplicate key name " << k.name;
    EXPECT_TRUE(is_group(k.group)) << k.name << " names no coverage group";
    EXPECT_EQ(key_by_name(k.name), k.key);
  }
}

TEST(PolicyKeys, EveryLoadedValueIsHeldAsItsKindsType) {
  for (const auto& b : builtin_profiles()) {
    const PolicyPtr p = load_profile(b.name);
    for (const auto& k : all_keys())
      for (const auto& v : p->timeline(k.key).versions) EXPECT_EQ(v.value.index(), value_index(k.kind)) << b.name << " " << k.name;
  }
}

TEST(PolicyKeys, AValueReadAsAnotherTypeIsAnErrorInEveryBuild) {
  const PolicyPtr p = load_profile("national");
  const Date on = Date::of(2026, 1, 1);
  EXPECT_EQ(p->get<Key::hpf_rate_max>(on), p->get<Rate>(Key::hpf_rate_max, on));
  try {
    (void)p->get<Money>(Key::hpf_rate_max, on);
    FAIL() << "a Rate key read as Money";
  } catch (const std::logic_error& e) {
    EXPECT_NE(std::string(e.what()).find("hpf.rate.max"), std::string::npos) << e.what();
  }
}
