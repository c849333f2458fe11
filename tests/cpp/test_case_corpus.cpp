// The shared case corpus (tests/cases/**/*.jsonl, format in
// tests/cases/README.md) run through pvd::Engine::execute: the C++ surface.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "provident/engine.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::vector<std::string> story_files() {
  std::vector<std::string> out;
  const fs::path root = fs::path(PROVIDENT_SOURCE_DIR) / "tests" / "cases";
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (e.is_regular_file() && e.path().extension() == ".jsonl") out.push_back(fs::relative(e.path(), root).string());
  std::sort(out.begin(), out.end());
  return out;
}

json substitute(const json& v, const json& state) {
  if (v.is_string() && v.get<std::string>() == "$state") return state.is_null() ? json::object() : state;
  if (v.is_object()) {
    json o = json::object();
    for (auto it = v.begin(); it != v.end(); ++it) o[it.key()] = substitute(it.value(), state);
    return o;
  }
  if (v.is_array()) {
    json a = json::array();
    for (const auto& x : v) a.push_back(substitute(x, state));
    return a;
  }
  return v;
}

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

// Store mode: the chained facts are dropped so that the engine's store holds
// the state; expect.state is ignored; store.verify must hold after every step (without the
// journal replay) and, with it, at the end.
json to_store_mode(json request) {
  if (request.contains("facts") && request["facts"] == "$state") request.erase("facts");
  return request;
}

// The steps of a story (`rel` under tests/cases/) and its engine options. A
// `# after: <story>` line runs that story's steps first, with its options
// unless this story names its own (tests/cases/README.md).
void read_story(const std::string& rel, pvd::EngineOptions& options, std::vector<std::pair<std::string, json>>& steps,
                int depth) {
  const fs::path file = fs::path(PROVIDENT_SOURCE_DIR) / "tests" / "cases" / rel;
  std::ifstream in(file);
  if (!in || depth > 4) throw std::runtime_error("cannot read the story " + rel);
  std::string line;
  bool own_options = false;
  for (int no = 1; std::getline(in, line); ++no) {
    const auto first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos) continue;
    if (line[first] == '#') {
      const std::string tag = "# engine:", after = "# after:";
      if (line.compare(first, tag.size(), tag) == 0) {
        const json o = json::parse(line.substr(first + tag.size()));
        options = pvd::EngineOptions{};
        own_options = true;
        if (o.contains("policy")) options.policy = o["policy"].get<std::string>();
        if (o.contains("lenient")) options.lenient_policy = o["lenient"].get<bool>();
        if (o.contains("overlay")) options.overlay = o["overlay"].get<std::string>();
      } else if (line.compare(first, after.size(), after) == 0) {
        std::string prior = line.substr(first + after.size());
        prior.erase(0, prior.find_first_not_of(' '));
        prior.erase(prior.find_last_not_of(" \r") + 1);
        const pvd::EngineOptions mine = options;
        read_story(prior, options, steps, depth + 1);
        if (own_options) options = mine;
      }
      continue;
    }
    steps.emplace_back(rel + ":" + std::to_string(no), json::parse(line));
  }
}

struct Param {
  std::string file;
  bool store;
};

class CaseCorpus : public ::testing::TestWithParam<Param> {};

TEST_P(CaseCorpus, Story) {
  const bool store = GetParam().store;
  pvd::EngineOptions options;
  std::vector<std::pair<std::string, json>> steps;
  read_story(GetParam().file, options, steps, 0);
  pvd::Engine engine(options);
  json state;
  for (const auto& [no, step] : steps) {
    if (store && step.value("stateless_only", false)) continue;
    json request = step.at("request");
    json expect = step.value("expect", json::object());
    if (store) {
      request = to_store_mode(request);
      expect.erase("state");
    }
    request = substitute(request, state);
    const json response = json::parse(engine.execute(request.dump()));
    if (!response["state"].is_null()) state = response["state"];
    std::vector<std::string> problems;
    match(expect, response, "response", problems);
    for (const auto& p : problems) ADD_FAILURE() << no << ": " << p;
    if (store) {
      // The invariants hold after every step, not only at the end (the journal replay only at the end).
      const json verify = json::parse(engine.execute(R"({"op":"store.verify","args":{"replay":false}})"));
      EXPECT_TRUE(verify["result"]["ok"].get<bool>()) << no << ": " << verify.dump();
    }
  }
  if (store) {
    const json verify = json::parse(engine.execute(R"({"op":"store.verify"})"));
    EXPECT_TRUE(verify["result"]["ok"].get<bool>()) << GetParam().file << ": " << verify.dump();
  }
}

std::vector<Param> params() {
  std::vector<Param> out;
  for (const auto& f : story_files()) {
    out.push_back({f, false});
    out.push_back({f, true});
  }
  return out;
}

std::string test_name(const ::testing::TestParamInfo<Param>& info) {
  std::string n = info.param.file;
  for (auto& c : n)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return n + (info.param.store ? "_store" : "_stateless");
}

INSTANTIATE_TEST_SUITE_P(Stories, CaseCorpus, ::testing::ValuesIn(params()), test_name);

}  // namespace
