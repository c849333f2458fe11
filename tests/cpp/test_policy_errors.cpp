// Issue 19 (2): a profile or overlay reports every error the loader can find
// (each bad parameter version, key, header member and coverage group), not only
// the first; a wrong profile name lists the shipped ones on every surface that
// goes through the loader (pvd::Engine, the CLI, Python).
#include <gtest/gtest.h>

#include <string>

#include "provident/engine.hpp"
#include "provident/policy/loader.hpp"

using namespace pvd;
using namespace pvd::policy;

namespace {

// Three bad versions in two keys, an unknown key and a bad coverage group: five errors.
const char* kThreeBad = R"(
[profile]
name = "bad"
[coverage]
nosuchgroup = { from = 2020-01-01, to = 2021-12-31 }
[[hpf.rate.min]]
from = 2020-01-01
value = "five percent"
source = "test"
verified = true
[[hpf.rate.min]]
from = 2021-01-01
value = "5%"
source = "test"
verified = true
[[hpf.rate.max]]
from = 2020-01-01
value = "12%"
source = "test"
verified = true
[[hpf.rate.max]]
from = 2019-01-01
value = "12%"
source = "test"
verified = true
[[hpf.rate.max]]
from = 2022-01-01
value = "12%"
verified = true
[[no.such.key]]
from = 2020-01-01
)";

LoadError load_error(const std::string& text) {
  try {
    load_profile_text(text, "t.toml");
  } catch (const LoadError& e) {
    return e;
  }
  ADD_FAILURE() << "no error";
  return LoadError("", "", 0, "");
}

bool has(const std::vector<std::string>& all, const std::string& fragment) {
  for (const auto& m : all)
    if (m.find(fragment) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST(PolicyErrors, EveryErrorOfAProfileIsReported) {
  const LoadError e = load_error(kThreeBad);
  const auto& all = e.all();
  ASSERT_EQ(all.size(), 5u) << ::testing::PrintToString(all);
  EXPECT_EQ(all.front(), e.what());
  EXPECT_TRUE(has(all, "coverage.nosuchgroup")) << ::testing::PrintToString(all);
  EXPECT_TRUE(has(all, "t.toml:8: hpf.rate.min")) << ::testing::PrintToString(all);  // the bad value
  EXPECT_TRUE(has(all, "t.toml:21: hpf.rate.max: versions must be in ascending order")) << ::testing::PrintToString(all);
  EXPECT_TRUE(has(all, "hpf.rate.max: a version needs 'source'")) << ::testing::PrintToString(all);
  EXPECT_TRUE(has(all, "no.such.key: unknown key")) << ::testing::PrintToString(all);
}

TEST(PolicyErrors, ASyntaxErrorStopsTheReading) {
  const LoadError e = load_error("[profile\nname = \"x\"\n[[hpf.rate.min]]\nfrom = nonsense\n");
  EXPECT_EQ(e.all().size(), 1u) << ::testing::PrintToString(e.all());
}

TEST(PolicyErrors, EveryErrorOfAnOverlayIsReported) {
  const auto base = load_profile("national");
  try {
    apply_overlay(base, "[[hpf.rate.min]]\nfrom = 2020-01-01\nvalue = \"x\"\nsource = \"t\"\nverified = true\n"
                        "[[nonsense.key]]\nfrom = 2020-01-01\n", "o.toml");
    FAIL() << "no error";
  } catch (const LoadError& e) {
    EXPECT_EQ(e.all().size(), 2u) << ::testing::PrintToString(e.all());
    EXPECT_TRUE(has(e.all(), "o.toml:6: nonsense.key: unknown key")) << ::testing::PrintToString(e.all());
  }
  // The failed overlay left nothing behind: the same base takes a good one, and stays as it was.
  const Date on = Date::of(2041, 1, 1);
  const Rate three = *Rate::parse("3%");
  const auto good = apply_overlay(base, "[[hpf.rate.min]]\nfrom = 2040-01-01\nvalue = \"3%\"\nsource = \"t\"\nverified = true\n", "g.toml");
  EXPECT_EQ(good->get<Rate>(Key::hpf_rate_min, on, nullptr), three);
  EXPECT_NE(base->get<Rate>(Key::hpf_rate_min, on, nullptr), three);
}

TEST(PolicyErrors, AGoodProfileHasNoErrors) {
  EXPECT_TRUE(check_profile_file(std::string(PROVIDENT_SOURCE_DIR) + "/policies/taiyuan.toml").empty());
}

TEST(PolicyErrors, AWrongProfileNameListsTheShippedOnes) {
  const std::string msg = not_a_profile("shangai");
  EXPECT_NE(msg.find("No such file or directory"), std::string::npos) << msg;
  for (const auto& name : Engine::shipped_profiles()) EXPECT_NE(msg.find(name), std::string::npos) << name;
  try {
    load_profile("shangai");
    FAIL() << "loaded";
  } catch (const LoadError& e) {
    EXPECT_EQ(std::string(e.what()), "shangai: " + msg);
  }
  try {
    Engine engine({.policy = "shangai"});
    FAIL() << "opened";
  } catch (const std::exception& e) {
    EXPECT_NE(std::string(e.what()).find("the shipped profiles are"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("shanghai"), std::string::npos) << e.what();
  }
}

TEST(PolicyErrors, AFolderIsNotAProfile) {
  const std::string msg = not_a_profile(PROVIDENT_SOURCE_DIR);
  EXPECT_NE(msg.find("not a regular file"), std::string::npos) << msg;
}
