// Provisional figures, declared gaps and the horizon of a profile (issue 15).
#include <gtest/gtest.h>

#include "provident/engine.hpp"
#include "provident/policy/horizon.hpp"
#include "provident/policy/loader.hpp"

using namespace pvd;
using namespace pvd::policy;

namespace {

const char* kProfile = R"(
[profile]
name = "t"
[coverage]
si_wage = { from = 2024-01-01, to = 2026-12-31 }
[gaps]
si_wage = [{ from = 2020-01-01, to = 2023-12-31, note = "not found" }]
[[si.avg_wage]]
from = 2024-01-01
to = 2024-12-31
value = "6000.00"
source = "s"
verified = true
[[si.avg_wage]]
from = 2025-01-01
to = 2025-12-31
value = "6300.00"
source = "s"
verified = true
[[si.avg_wage]]
from = 2026-01-01
to = 2026-12-31
provisional = true
source = "carried"
verified = false
)";

std::string with(const std::string& version) {
  return std::string(kProfile).substr(0, std::string(kProfile).find("[[si.avg_wage]]")) + version;
}

}  // namespace

TEST(Provisional, CarriesThePreviousValueAndNamesIt) {
  auto p = load_profile_text(kProfile, "t.toml");
  Trace t;
  const Version& v = p->at(Key::si_avg_wage, Date::of(2026, 3, 1), &t);
  EXPECT_EQ(std::get<Money>(v.value).to_string(), "6300.00");
  EXPECT_TRUE(v.provisional);
  ASSERT_TRUE(v.carried_from);
  EXPECT_EQ(v.carried_from->to_string(), "2025-01-01");
  const auto used = t.provisional();
  ASSERT_EQ(used.size(), 1u);
  EXPECT_EQ(used[0].first, "si.avg_wage@2026-01-01");
  EXPECT_EQ(used[0].second.to_string(), "2025-01-01");
  // A published version leaves nothing provisional in the trace.
  Trace t2;
  p->at(Key::si_avg_wage, Date::of(2025, 3, 1), &t2);
  EXPECT_TRUE(t2.provisional().empty());
}

TEST(Provisional, StrictPolicyRefusesIt) {
  auto p = load_profile_text(kProfile, "t.toml")->with_provisional(false);
  EXPECT_EQ(std::get<Money>(p->at(Key::si_avg_wage, Date::of(2025, 12, 31)).value).to_string(), "6300.00");
  try {
    p->at(Key::si_avg_wage, Date::of(2026, 1, 1));
    FAIL() << "a strict policy used a provisional figure";
  } catch (const NotInForce& e) {
    EXPECT_EQ(e.key(), Key::si_avg_wage);
  }
}

TEST(Provisional, TheEngineOptionAndTheResponseSayIt) {
  const std::string req = R"({"op":"si.base_limits","policy":"xian","args":{"year":2026}})";
  Engine lax(EngineOptions{});
  const std::string a = lax.execute(req);
  EXPECT_NE(a.find(R"("provisional":[{"version":"si.avg_wage@2026-01-01","carried_from":"2025-01-01"}])"), std::string::npos) << a;
  EXPECT_NE(a.find(R"("floor":"4990.00")"), std::string::npos) << a;
  EngineOptions o;
  o.strict_policy = true;
  Engine strict(o);
  const std::string b = strict.execute(req);
  EXPECT_NE(b.find(R"("code":"POLICY_NOT_IN_FORCE")"), std::string::npos) << b;
  // 2025 is published: the same answer either way, nothing provisional.
  const std::string c = strict.execute(R"({"op":"si.base_limits","policy":"xian","args":{"year":2025}})");
  EXPECT_NE(c.find(R"("cap":"24948.00")"), std::string::npos) << c;
  EXPECT_EQ(c.find("provisional"), std::string::npos) << c;
}

TEST(Provisional, LoaderRefusesWhatCannotBeCarried) {
  auto refused = [](const std::string& text, const std::string& what) {
    try {
      load_profile_text(text, "t.toml");
      ADD_FAILURE() << "loaded: " << text;
    } catch (const LoadError& e) {
      EXPECT_NE(std::string(e.what()).find(what), std::string::npos) << e.what();
    }
  };
  const std::string first = "[[si.avg_wage]]\nfrom = 2024-01-01\nprovisional = true\nsource = \"s\"\nverified = false\n";
  refused(with(first), "needs a previous version");
  const std::string two = "[[si.avg_wage]]\nfrom = 2024-01-01\nvalue = \"1.00\"\nsource = \"s\"\nverified = true\n";
  refused(with(two + "[[si.avg_wage]]\nfrom = 2025-01-01\nprovisional = true\nvalue = \"2.00\"\nsource = \"s\"\nverified = false\n"),
          "has no 'value' of its own");
  refused(with(two + "[[si.avg_wage]]\nfrom = 2025-01-01\nprovisional = true\nsource = \"s\"\nverified = true\n"),
          "verified = false");
  refused(with(two + "[[si.avg_wage]]\nfrom = 2025-01-01\nprovisional = 1\nsource = \"s\"\nverified = false\n"),
          "'provisional' is true or false");
  refused("[profile]\nname = \"t\"\n[gaps]\nsi_wage = [{ from = 2020-01-01, to = 2021-01-01 }]\n", "needs from, to and note");
  refused("[profile]\nname = \"t\"\n[gaps]\nnope = []\n", "unknown coverage group");
}

TEST(Horizon, DeclaredGapsProvisionalAndRunningOut) {
  auto p = load_profile_text(kProfile, "t.toml");
  // 2020–2023 is a declared gap; 2019 is not; the data stops at 2026-12-31.
  auto h = horizon(*p, Date::of(2019, 1, 1), Date::of(2027, 6, 30));
  const ParameterHorizon* wage = nullptr;
  for (const auto& ph : h.parameters)
    if (ph.key == Key::si_avg_wage) wage = &ph;
  ASSERT_NE(wage, nullptr);
  ASSERT_TRUE(wage->last_in_force);
  EXPECT_EQ(wage->last_in_force->to_string(), "2026-12-31");
  ASSERT_EQ(wage->gaps.size(), 2u);
  EXPECT_EQ(wage->gaps[0].days.from.to_string(), "2019-01-01");
  EXPECT_EQ(wage->gaps[0].days.to.to_string(), "2023-12-31");
  EXPECT_FALSE(wage->gaps[0].declared);  // 2019 lies outside the declared gap
  EXPECT_EQ(wage->gaps[1].days.from.to_string(), "2027-01-01");
  EXPECT_EQ(wage->provisional, std::vector<std::string>{"si.avg_wage@2026-01-01"});
  EXPECT_EQ(wage->unverified, std::vector<std::string>{"si.avg_wage@2026-01-01"});
  bool stops = false, undeclared = false;
  for (const auto& problem : h.problems) {
    stops |= problem == "si.avg_wage: in force until 2026-12-31, not until 2027-06-30";
    undeclared |= problem.find("si.avg_wage: no value from 2019-01-01 to 2023-12-31") == 0;
  }
  EXPECT_TRUE(stops);
  EXPECT_TRUE(undeclared);
  // From 2020 the gap is the declared one, and through 2026 nothing runs out.
  auto ok = horizon(*p, Date::of(2020, 1, 1), Date::of(2026, 12, 31));
  for (const auto& ph : ok.parameters)
    if (ph.key == Key::si_avg_wage) {
      ASSERT_EQ(ph.gaps.size(), 1u);
      EXPECT_TRUE(ph.gaps[0].declared);
      EXPECT_EQ(ph.gaps[0].note, "not found");
    }
  // Strict: the provisional year is no longer in force.
  auto strict = horizon(*p->with_provisional(false), Date::of(2024, 1, 1), Date::of(2026, 12, 31));
  EXPECT_FALSE(strict.problems.empty());
}

// Issue 15: every shipped profile answers from 2015-01 through the end of
// next year, except the gaps it declares. (The date is fixed here; the CLI
// check `policy.horizon` in ctest asks for the end of the year after today.)
TEST(Horizon, EveryShippedProfileAnswers2015Through2027) {
  for (const auto& name : Engine::shipped_profiles()) {
    auto h = horizon(*load_profile(name), Date::of(2015, 1, 1), Date::of(2027, 12, 31));
    EXPECT_TRUE(h.problems.empty()) << name << ": " << (h.problems.empty() ? "" : h.problems.front());
    EXPECT_GE(h.parameters.size(), 50u) << name;
  }
}
