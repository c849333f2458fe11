// The shared case corpus (tests/cases/**/*.jsonl, format in
// tests/cases/README.md) run through pvd::Engine::execute: the C++ surface.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "provident/engine.hpp"
#include "story_files.hpp"

using nlohmann::json;
using pvd::test::read_story;
using pvd::test::story_files;
using pvd::test::substitute;

namespace {

void match(const json& expect, const json& actual, const std::string& path, std::vector<std::string>& out) {
  if (expect.is_object()) {
    if (!actual.is_object()) {
      out.push_back(path + ": expected an object, got " + actual.dump());
      return;
    }
    for (auto it = expect.begin(); it != expect.end(); ++it) {
      if (!actual.contains(it.key())) out.push_back(path + "." + it.key() + ": missing");
      else match(it.value(), actual[it.key()], path + "." + it.key(), out);
    }
    return;
  }
  if (expect.is_array() && actual.is_array() && expect.size() == actual.size()) {
    for (std::size_t i = 0; i < expect.size(); ++i) match(expect[i], actual[i], path + "[" + std::to_string(i) + "]", out);
    return;
  }
  if (expect != actual) out.push_back(path + ": expected " + expect.dump() + ", got " + actual.dump());
}

class CaseCorpus : public ::testing::TestWithParam<pvd::test::StoryParam> {};

TEST_P(CaseCorpus, Story) {
  const bool store = GetParam().store;
  const auto engine = pvd::test::run_story(GetParam().file, store, [&](const pvd::test::Step& step) {
    std::vector<std::string> problems;
    match(step.expect, step.response, "response", problems);
    for (const auto& p : problems) ADD_FAILURE() << step.no << ": " << p;
    if (store) {
      // The invariants hold after every step, not only at the end (the journal replay only at the end).
      const json verify = json::parse(step.engine.execute(R"({"op":"store.verify","args":{"replay":false}})"));
      EXPECT_TRUE(verify["result"]["ok"].get<bool>()) << step.no << ": " << verify.dump();
    }
  });
  if (store) {
    const json verify = json::parse(engine->execute(R"({"op":"store.verify"})"));
    EXPECT_TRUE(verify["result"]["ok"].get<bool>()) << GetParam().file << ": " << verify.dump();
  }
}

INSTANTIATE_TEST_SUITE_P(Stories, CaseCorpus, ::testing::ValuesIn(pvd::test::story_params()),
                         pvd::test::story_test_name<::testing::TestParamInfo<pvd::test::StoryParam>>);

}  // namespace
