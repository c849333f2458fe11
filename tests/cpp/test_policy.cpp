// Policy profiles: loading, validation errors with file/key/line, strict and
// lenient lookups, overlays, and the temporal coverage of every shipped
// profile (policy.md §1).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <thread>
#include <vector>

#include "provident/engine.hpp"
#include "provident/policy/loader.hpp"

using namespace pvd;
using namespace pvd::policy;

namespace {

const char* kMinimal = R"(
[profile]
name = "test"
[coverage]
hpf = { from = 2020-01-01, to = 2021-12-31 }
[[hpf.rate.min]]
from = 2020-01-01
value = "5%"
source = "test"
verified = true
)";

std::string expect_load_error(const std::string& text, int line, const std::string& fragment) {
  try {
    load_profile_text(text, "t.toml");
  } catch (const LoadError& e) {
    EXPECT_EQ(e.file(), "t.toml");
    if (line > 0) {
      EXPECT_EQ(e.line(), line) << e.what();
    }
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    return e.what();
  }
  ADD_FAILURE() << "no error for:\n" << text;
  return {};
}

}  // namespace

TEST(PolicyLoad, ExtendsNationalAndReplacesWholeTimelines) {
  auto p = load_profile_text(kMinimal, "t.toml");
  EXPECT_EQ(p->name(), "test");
  ASSERT_EQ(p->lineage().size(), 2u);
  EXPECT_EQ(p->lineage()[1], "national");
  EXPECT_EQ(p->timeline(Key::hpf_rate_min).versions.size(), 1u);
  EXPECT_EQ(p->get<Rate>(Key::hpf_rate_min, Date::of(2020, 6, 1)), *Rate::parse("5%"));
  // Inherited from national, inside the child's window:
  EXPECT_EQ(p->get<Rate>(Key::hpf_rate_max, Date::of(2020, 6, 1)), *Rate::parse("12%"));
  EXPECT_EQ(p->timeline(Key::hpf_rate_min).versions[0].file, "t.toml");
  EXPECT_EQ(p->timeline(Key::hpf_rate_min).versions[0].line, 6);
}

TEST(PolicyLoad, StrictLookupOutsideTheWindowIsNotInForce) {
  auto p = load_profile_text(kMinimal, "t.toml");
  try {
    p->at(Key::hpf_rate_min, Date::of(2022, 1, 1));
    FAIL() << "expected POLICY_NOT_IN_FORCE";
  } catch (const NotInForce& e) {
    EXPECT_EQ(e.code(), "POLICY_NOT_IN_FORCE");
    EXPECT_EQ(e.field(), "policy.hpf.rate.min");
    EXPECT_NE(e.message_en().find("2022-01-01"), std::string::npos);
  }
  EXPECT_THROW(p->at(Key::hpf_rate_min, Date::of(2019, 12, 31)), NotInForce);
  EXPECT_THROW(load_profile("national")->at(Key::hpf_base_cap, Date::of(2026, 1, 1)), NotInForce);  // a city figure
}

TEST(PolicyLoad, LenientCarriesTheLastValueForwardAndSaysSo) {
  auto p = load_profile_text(kMinimal, "t.toml", true);
  Trace t;
  EXPECT_EQ(p->get<Rate>(Key::hpf_rate_min, Date::of(2030, 1, 1), &t), *Rate::parse("5%"));
  EXPECT_TRUE(t.carried_forward());
  EXPECT_EQ(t.ids(), std::vector<std::string>{"hpf.rate.min@2020-01-01"});
  EXPECT_THROW(p->at(Key::hpf_rate_min, Date::of(2019, 1, 1)), NotInForce);  // nothing before the first value
}

TEST(PolicyLoad, ErrorsNameFileKeyAndLine) {
  expect_load_error("[profile]\nname = \"x\"\n[[hpf.rate.minimum]]\nfrom = 2020-01-01\n", 3, "hpf.rate.minimum: unknown key");
  expect_load_error("[profile]\nname = \"x\"\n[hpf]\nfoo = 1\n", 4, "hpf.foo: unknown key");
  expect_load_error("[profile]\nname = \"x\"\nname = \"y\"\n", 3, "");  // duplicate key (toml++ reports it)
  expect_load_error(
      "[profile]\nname = \"x\"\n[[hpf.rate.min]]\nfrom = 2020-01-01\nvalue = 0.05\nsource = \"s\"\nverified = true\n", 5,
      "never as floats");
  expect_load_error(
      "[profile]\nname = \"x\"\n[[hpf.rate.min]]\nfrom = 2020-02-30\nvalue = \"5%\"\nsource = \"s\"\nverified = true\n", 0,
      "");
  expect_load_error(
      "[profile]\nname = \"x\"\n[[hpf.rate.min]]\nfrom = 2021-01-01\nvalue = \"5%\"\nsource = \"s\"\nverified = true\n"
      "[[hpf.rate.min]]\nfrom = 2020-01-01\nvalue = \"6%\"\nsource = \"s\"\nverified = true\n",
      8, "ascending");
  expect_load_error(
      "[profile]\nname = \"x\"\n[[hpf.rate.min]]\nfrom = 2020-01-01\nto = 2021-06-30\nvalue = \"5%\"\nsource = \"s\"\nverified = true\n"
      "[[hpf.rate.min]]\nfrom = 2021-01-01\nvalue = \"6%\"\nsource = \"s\"\nverified = true\n",
      9, "overlaps");
  expect_load_error(
      "[profile]\nname = \"x\"\n[[hpf.deposit.rounding]]\nfrom = 2020-01-01\nvalue = { mode = \"half_up\", unit = \"cent\" }\nsource = \"s\"\nverified = true\n",
      5, "unit must be fen, jiao or yuan");
  expect_load_error(
      "[profile]\nname = \"x\"\n[[hpf.flex.min_age]]\nfrom = 2020-01-01\nvalue = 200\nsource = \"s\"\nverified = true\n", 5,
      "outside");
  expect_load_error("[profile]\nname = \"x\"\n[[hpf.flex.min_age]]\nfrom = 2020-01-01\nvalue = 16\nverified = true\n", 3,
                    "needs 'source'");
  expect_load_error("[profile]\nname = \"x\"\n[[hpf.flex.min_age]]\nfrom = 2020-01-01\nvalue = 16\nsource = \"s\"\n", 3,
                    "verified");
  expect_load_error("[profile]\nname = \"x\"\n[coverage]\nhousing = { from = 2020-01-01, to = 2021-01-01 }\n", 4,
                    "unknown coverage group");
  expect_load_error("[profile]\nname = \"x\"\nextends = \"nowhere.toml\"\n", 0, "cannot open");
  expect_load_error("[[hpf.flex.min_age]]\nfrom = 2020-01-01\nvalue = 16\nsource = \"s\"\nverified = true\n", 0,
                    "[profile] name");
}

TEST(PolicyOverlay, ANewPolicyTheBaselineUntouched) {
  auto base = load_profile("national");
  auto reform = apply_overlay(base, R"(
[[hpf.flex.adjust.months]]
from = 2015-01-01
value = [4]
source = "analyst's reform: adjust in April"
verified = false
)");
  EXPECT_EQ(reform->name(), "national+overlay");
  EXPECT_EQ(reform->get<MonthList>(Key::hpf_flex_adjust_months, Date::of(2026, 4, 1)), MonthList{4});
  EXPECT_TRUE(base->get<MonthList>(Key::hpf_flex_adjust_months, Date::of(2026, 4, 1)).empty());
  EXPECT_THROW(apply_overlay(base, "[[nonsense.key]]\nfrom = 2020-01-01\n"), LoadError);
}

TEST(PolicyThreads, LoadedPoliciesAreSafeToReadConcurrently) {
  auto p = load_profile("national");
  std::vector<std::thread> threads;
  std::atomic<int> bad{0};
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 20000; ++i) {
        Trace trace;
        if (p->get<std::int64_t>(Key::pension_min_contribution_months, Date::of(2030 + i % 10, 1, 1), &trace) != 186 + 6 * (i % 10))
          ++bad;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(bad.load(), 0);
}

// policy.md §1: "A temporal coverage test evaluates every rule on every month
// of each declared window and finds exactly one value for each parameter it
// needs." Every shipped profile, every declared group, every month.
TEST(PolicyCoverage, EveryShippedProfileHasOneValueForEveryRequiredKeyEveryMonth) {
  ASSERT_GE(builtin_profiles().size(), 1u);
  for (const auto& b : builtin_profiles()) {
    SCOPED_TRACE(std::string(b.name));
    auto p = load_profile(b.name);
    ASSERT_FALSE(p->coverages().empty()) << b.name << " declares no coverage";
    for (const auto& [group, window] : p->coverages()) {
      int checked = 0;
      for (YearMonth m = window.from.year_month(); !(window.to.year_month() < m); ++m) {
        Date day = m.first_day();
        if (day < window.from) day = window.from;
        for (Date d : {day, std::min(m.last_day(), window.to)}) {
          // A declared gap inside the window (a period whose figures were not found) has none.
          const auto declared = p->gaps(group);
          if (std::any_of(declared.begin(), declared.end(), [&](const DeclaredGap& g) { return g.days.contains(d); })) continue;
          for (const auto& k : all_keys()) {
            if (k.group != group || !k.required) continue;
            const Version* v = p->find(k.key, d);
            EXPECT_NE(v, nullptr) << b.name << ": " << k.name << " has no value on " << d.to_string() << " (group " << group << ")";
            if (!v) return;  // one message is enough
            ++checked;
          }
        }
      }
      EXPECT_GT(checked, 0) << group;
    }
  }
}

TEST(PolicyCoverage, ShippedProfilesDeclareWhatTheySay) {
  // Exactly these profiles are shipped (README, docs/policy-authoring.md); a profile added or
  // dropped changes this list on purpose.
  auto names = Engine::shipped_profiles();
  std::sort(names.begin(), names.end());
  const std::vector<std::string> expected = {"beijing", "changchun", "guangzhou", "handan", "jiangxi",
                                             "kaifeng", "national", "shanghai", "taiyuan", "xian"};
  EXPECT_EQ(names, expected);
  // Each one calls itself by the name it is shipped under, declares coverage and both titles of its
  // own (a profile without a title would show the national one: the loader inherits it).
  const auto national = load_profile("national");
  EXPECT_FALSE(national->title_zh().empty());
  EXPECT_FALSE(national->title_en().empty());
  for (const auto& n : names) {
    SCOPED_TRACE(n);
    auto p = load_profile(n);
    EXPECT_EQ(p->name(), n);
    EXPECT_FALSE(p->coverages().empty());
    if (n == "national") continue;
    EXPECT_NE(p->title_zh(), national->title_zh());
    EXPECT_NE(p->title_en(), national->title_en());
  }
}
