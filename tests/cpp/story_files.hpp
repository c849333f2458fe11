// The stories of the shared case corpus (tests/cases/**/*.jsonl, format in
// tests/cases/README.md), read for the C++ tests that run them: the corpus
// (test_case_corpus.cpp) and the schemas' conformance (test_schemas.cpp).
#pragma once

#include <algorithm>
#include <cctype>
#include <functional>
#include <memory>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "provident/engine.hpp"

namespace pvd::test {

namespace fs = std::filesystem;
using nlohmann::json;

/// Every story file, relative to tests/cases/, sorted.
inline std::vector<std::string> story_files() {
  std::vector<std::string> out;
  const fs::path root = fs::path(PROVIDENT_SOURCE_DIR) / "tests" / "cases";
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (e.is_regular_file() && e.path().extension() == ".jsonl") out.push_back(fs::relative(e.path(), root).string());
  std::sort(out.begin(), out.end());
  return out;
}

inline json substitute(const json& v, const json& state) {
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

// The steps of a story (`rel` under tests/cases/) and its engine options. A
// `# after: <story>` line runs that story's steps first, with its options
// unless this story names its own (tests/cases/README.md).
inline void read_story(const std::string& rel, pvd::EngineOptions& options, std::vector<std::pair<std::string, json>>& steps,
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

/// A story and the mode to run it in: the parameter of the tests that run every story in both modes.
struct StoryParam {
  std::string file;
  bool store;
};

inline std::vector<StoryParam> story_params() {
  std::vector<StoryParam> out;
  for (const auto& f : story_files()) {
    out.push_back({f, false});
    out.push_back({f, true});
  }
  return out;
}

/// "hpf_kaifeng_jsonl_store": a gtest name for a story and its mode.
template <class Info>
std::string story_test_name(const Info& info) {
  std::string n = info.param.file;
  for (auto& c : n)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return n + (info.param.store ? "_store" : "_stateless");
}

/// One step of a story as run: the request sent (facts substituted), what the
/// story expects of it and the response.
struct Step {
  const std::string& no;  // "hpf/kaifeng.jsonl:12"
  const json& request;
  const json& expect;
  const json& response;
  pvd::Engine& engine;
};

/// Runs a story in stateless mode (facts chained from response to request) or
/// in store mode (the chained facts dropped, so that the engine's store holds
/// the state; expect.state ignored; stateless_only steps skipped), calling
/// `each` after every step. Returns the engine, for checks at the end.
inline std::unique_ptr<pvd::Engine> run_story(const std::string& file, bool store, const std::function<void(const Step&)>& each) {
  pvd::EngineOptions options;
  std::vector<std::pair<std::string, json>> steps;
  read_story(file, options, steps, 0);
  auto engine = std::make_unique<pvd::Engine>(options);
  json state;
  for (const auto& [no, step] : steps) {
    if (store && step.value("stateless_only", false)) continue;
    json request = step.at("request");
    json expect = step.value("expect", json::object());
    if (store) {
      if (request.contains("facts") && request["facts"] == "$state") request.erase("facts");
      expect.erase("state");
    }
    request = substitute(request, state);
    const json response = json::parse(engine->execute(request.dump()));
    if (!response["state"].is_null()) state = response["state"];
    each(Step{no, request, expect, response, *engine});
  }
  return engine;
}

}  // namespace pvd::test
