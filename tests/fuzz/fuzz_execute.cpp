// Fuzz target: JSON requests through the C ABI, pvd_engine_execute
// (protocol.md §1, §2), on one engine per process with an in-memory store.
//
// The world: at start (and again every kResetEvery inputs, so that a clock
// pushed to 9999 or a store grown large does not lock the rest of the run
// out), every story of the shared case corpus (tests/cases/**/*.jsonl) is
// replayed into the engine in store mode, each story's requests naming its
// engine profile. The units, accounts, persons, bills and cases of the corpus
// therefore exist, and the seed requests (tests/fuzz/corpus/execute, taken from
// the same stories by make_seeds.py) reach the rules rather than REQ_NOT_FOUND.
//
// An input is one request, or several separated by newlines (a sequence).
// Before execution each `"request_id":"` gets a prefix unique to the input, so
// that an id used by an earlier input is not replayed; an id reused inside one
// input still exercises replay and REQ_ID_CONFLICT.
//
// Properties of every response, not only "no crash":
//  - pvd_engine_execute returns PVD_OK with a NUL-terminated response whose
//    length is the reported one; the response is valid UTF-8 JSON with the ten
//    envelope members of protocol.md §1.1 and their types;
//  - ok == (no violations and no error); an error comes alone (no violations,
//    events or state); its code is one of protocol.md §1.1 and never INTERNAL
//    or STORE_ERROR (an in-memory store does not fail); messages are present in
//    zh and en; every violation code is registered;
//  - messages never echo a full ID, card or phone number given in the request;
//  - a state-changing request that was answered without an error, sent again
//    with the same request_id, gets the stored response with replayed: true;
//  - a stateless response's `state` can be sent back as `facts` unchanged
//    (state.md §1): a query over it answers with the same state.
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "fuzz_check.hpp"
#include "engine/operations.hpp"
#include "provident.h"
#include "provident/core/date.hpp"
#include "provident/id/citizen_id.hpp"
#include "provident/id/identifiers.hpp"
#include "provident/rules/violation.hpp"

#ifndef PROVIDENT_SOURCE_DIR
#error "PROVIDENT_SOURCE_DIR must name the source tree (the world is read from tests/cases)"
#endif

using nlohmann::json;
using pvd_fuzz::show;

namespace {

constexpr std::uint64_t kResetEvery = 20000;
constexpr std::size_t kMaxLinesPerInput = 32;

pvd_engine* g_engine = nullptr;
std::uint64_t g_inputs = 0;

std::string run(std::string_view request) {
  char* out = nullptr;
  std::size_t len = 0;
  const pvd_status s = pvd_engine_execute(g_engine, request.data(), request.size(), &out, &len);
  PVD_FUZZ_CHECK(s == PVD_OK, "pvd_engine_execute returned " + std::to_string(s) + " for " + show(request));
  PVD_FUZZ_CHECK(out != nullptr, "PVD_OK without a response");
  PVD_FUZZ_CHECK(out[len] == '\0', "the response is not NUL-terminated at its length");
  PVD_FUZZ_CHECK(std::char_traits<char>::length(out) == len, "the response holds a NUL or its length is wrong");
  std::string r(out, len);
  pvd_free(out);
  return r;
}

// ------------------------------------------------------------------ the world

std::vector<std::filesystem::path> story_files() {
  std::vector<std::filesystem::path> out;
  const std::filesystem::path root = std::filesystem::path(PROVIDENT_SOURCE_DIR) / "tests" / "cases";
  for (const auto& e : std::filesystem::recursive_directory_iterator(root))
    if (e.is_regular_file() && e.path().extension() == ".jsonl") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

/// The corpus stories as store-mode requests naming their profile.
const std::vector<std::string>& world_requests() {
  static const std::vector<std::string> requests = [] {
    std::vector<std::string> out;
    int file_no = 0;
    for (const auto& path : story_files()) {
      ++file_no;
      std::ifstream in(path);
      std::string line, profile = "national";
      while (std::getline(in, line)) {
        if (line.rfind("# engine:", 0) == 0) {
          const json opts = json::parse(line.substr(9), nullptr, false);
          if (opts.is_object() && opts.contains("policy") && opts["policy"].is_string()) profile = opts["policy"];
          continue;
        }
        if (line.empty() || line[0] == '#') continue;
        json step = json::parse(line, nullptr, false);
        if (!step.is_object() || !step.contains("request") || step.value("stateless_only", false)) continue;
        json req = step["request"];
        if (!req.is_object()) continue;
        if (req.contains("facts") && req["facts"] == "$state") req.erase("facts");
        if (req.contains("facts")) continue;  // a stateless-only request
        if (!req.contains("policy")) req["policy"] = profile;
        if (req.contains("request_id") && req["request_id"].is_string())
          req["request_id"] = "w" + std::to_string(file_no) + "-" + req["request_id"].get<std::string>();
        out.push_back(req.dump());
      }
    }
    return out;
  }();
  return requests;
}

void open_engine() {
  if (g_engine) pvd_engine_close(&g_engine);
  pvd_engine_options o = PVD_ENGINE_OPTIONS_INIT;
  o.policy = "taiyuan";
  const pvd_status s = pvd_engine_open(&o, &g_engine);
  PVD_FUZZ_CHECK(s == PVD_OK, std::string("cannot open the engine: ") + pvd_last_error());
  for (const auto& r : world_requests()) (void)run(r);
}

// ------------------------------------------------------------------ properties

const std::set<std::string>& error_codes() {
  static const std::set<std::string> codes = {"REQ_MALFORMED", "REQ_UNKNOWN_OP",  "REQ_MISSING_FIELD", "REQ_BAD_VALUE",
                                              "REQ_NOT_FOUND", "REQ_ID_CONFLICT", "REQ_TOO_LARGE",     "POLICY_NOT_IN_FORCE"};
  return codes;
}

bool string_or_null(const json& j, const char* k) { return j.contains(k) && (j[k].is_string() || j[k].is_null()); }

/// Values of members named like personal numbers anywhere in the request.
void personal_numbers(const json& j, std::vector<std::string>& out, int depth = 0) {
  if (depth > 64) return;
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      const std::string& k = it.key();
      if (it->is_string() && (k == "id_number" || k == "number" || k == "card_no" || k == "phone")) {
        const std::string v = it->get<std::string>();
        const bool id = (v.size() == 18 || v.size() == 15) &&
                        pvd::id::parse_citizen_id(v, pvd::Date::of(9999, 12, 31), true).id.has_value();
        if (id || pvd::id::card_number_valid(v, true) || pvd::id::phone_valid(v)) out.push_back(v);
      } else {
        personal_numbers(*it, out, depth + 1);
      }
    }
  } else if (j.is_array()) {
    for (const auto& e : j) personal_numbers(e, out, depth + 1);
  }
}

void no_personal_numbers(const std::string& message, const std::vector<std::string>& numbers, const std::string& req) {
  for (const auto& n : numbers)
    PVD_FUZZ_CHECK(message.find(n) == std::string::npos,
                   "a message echoes the full personal number " + n + ": " + message + "\nrequest: " + show(req));
}

json check_response(const std::string& request, const std::string& text) {
  json r = json::parse(text, nullptr, false);
  PVD_FUZZ_CHECK(!r.is_discarded() && r.is_object(), "the response is not a JSON object: " + show(text));
  static const char* const members[] = {"ok", "op", "request_id", "result", "violations", "events",
                                        "state", "error", "policy", "replayed"};
  PVD_FUZZ_CHECK(r.size() == 10, "the response does not have exactly the ten envelope members: " + show(text));
  for (const char* m : members) PVD_FUZZ_CHECK(r.contains(m), std::string("the response lacks ") + m);
  PVD_FUZZ_CHECK(r["ok"].is_boolean() && r["replayed"].is_boolean(), "ok/replayed are not booleans");
  PVD_FUZZ_CHECK(string_or_null(r, "op") && string_or_null(r, "request_id"), "op/request_id are not strings or null");
  PVD_FUZZ_CHECK(r["violations"].is_array() && r["events"].is_array(), "violations/events are not arrays");
  PVD_FUZZ_CHECK(r["result"].is_object() || r["result"].is_null(), "result is not an object or null");
  PVD_FUZZ_CHECK(r["state"].is_object() || r["state"].is_null(), "state is not an object or null");
  PVD_FUZZ_CHECK(r["policy"].is_object() || r["policy"].is_null(), "policy is not an object or null");
  const json& err = r["error"];
  PVD_FUZZ_CHECK(err.is_object() || err.is_null(), "error is not an object or null");
  PVD_FUZZ_CHECK(r["ok"].get<bool>() == (r["violations"].empty() && err.is_null()),
                 "ok is not (no violations and no error): " + show(text));

  std::vector<std::string> numbers;
  const json req = json::parse(request, nullptr, false);
  if (!req.is_discarded()) personal_numbers(req, numbers);

  if (err.is_object()) {
    // protocol.md §2: {code, message, message_en, field}, and `problems` (every problem of the
    // arguments, the error's own first) only when the request has more than that one.
    const bool listed = err.contains("problems");
    PVD_FUZZ_CHECK(err.size() == (listed ? 5u : 4u) && err.contains("code") && err["code"].is_string() &&
                       string_or_null(err, "field"),
                   "error is not {code, message, message_en, field[, problems]}: " + show(text));
    if (listed) {
      const json& ps = err["problems"];
      PVD_FUZZ_CHECK(ps.is_array() && ps.size() >= 2, "problems is not an array of two or more: " + show(text));
      PVD_FUZZ_CHECK(ps[0]["code"] == err["code"] && ps[0]["field"] == err["field"],
                     "the first problem is not the error itself: " + show(text));
      for (const auto& p : ps) {
        PVD_FUZZ_CHECK(p.is_object() && p.size() == 4 && p.contains("code") && p["code"].is_string() &&
                           error_codes().count(p["code"].get<std::string>()) && p["message"].is_string() &&
                           p["message_en"].is_string() && string_or_null(p, "field"),
                       "a problem is not {code, message, message_en, field}: " + show(text));
        no_personal_numbers(p["message"], numbers, request);
        no_personal_numbers(p["message_en"], numbers, request);
      }
    }
    const std::string code = err["code"];
    PVD_FUZZ_CHECK(error_codes().count(code), "error code " + code + " for request " + show(request) +
                                                  "\nresponse: " + show(text, 2000));
    PVD_FUZZ_CHECK(err["message"].is_string() && err["message_en"].is_string() &&
                       !err["message"].get<std::string>().empty() && !err["message_en"].get<std::string>().empty(),
                   "an error without both messages");
    PVD_FUZZ_CHECK(r["violations"].empty() && r["events"].empty() && r["state"].is_null(),
                   "an error response carries violations, events or state");
    no_personal_numbers(err["message"], numbers, request);
    no_personal_numbers(err["message_en"], numbers, request);
  }
  for (const auto& v : r["violations"]) {
    PVD_FUZZ_CHECK(v.is_object() && v.contains("code") && v["code"].is_string(), "a violation without a code");
    const std::string code = v["code"];
    const auto* info = pvd::find_code(code);
    PVD_FUZZ_CHECK(info && !info->is_error, "violation code " + code + " is not a registered violation");
    PVD_FUZZ_CHECK(v["message"].is_string() && v["message_en"].is_string() && v["source"].is_string() &&
                       string_or_null(v, "field"),
                   "violation " + code + " lacks message, message_en, source or field");
    no_personal_numbers(v["message"], numbers, request);
    no_personal_numbers(v["message_en"], numbers, request);
  }
  return r;
}

/// The replay property of protocol.md §5 and the state round trip of state.md §1.
void check_follow_ups(const std::string& request, const json& response) {
  const json req = json::parse(request, nullptr, false);
  if (req.is_discarded() || !req.is_object() || !req.contains("op") || !req["op"].is_string()) return;
  const auto* spec = pvd::engine::operations().find(req["op"].get<std::string>());
  if (!spec) return;
  const bool answered = response["error"].is_null();
  if (answered && spec->kind == pvd::protocol::OpKind::command && !req.contains("facts") &&
      req.contains("request_id") && req["request_id"].is_string()) {
    json again = json::parse(run(request), nullptr, false);
    json expected = response;
    expected["replayed"] = true;
    PVD_FUZZ_CHECK(again == expected, "a retry with the same request_id did not replay the stored response\nrequest: " +
                                          show(request) + "\nfirst: " + show(response.dump(), 1500) +
                                          "\nretry: " + show(again.dump(), 1500));
  }
  if (answered && response["state"].is_object()) {
    const json query = {{"op", "case.list"}, {"args", json::object()}, {"facts", response["state"]}};
    const std::string text = run(query.dump());
    const json back = check_response(query.dump(), text);
    PVD_FUZZ_CHECK(back["error"].is_null() && back["state"] == response["state"],
                   "a response's state does not come back unchanged as facts\nrequest: " + show(request) +
                       "\nanswer: " + show(text, 1500));
  }
}

/// Gives every `"request_id":"` of the input a prefix unique to this input.
std::string fresh_ids(std::string_view line, std::uint64_t n) {
  static const std::string_view keys[] = {"\"request_id\":\"", "\"request_id\": \""};
  std::string out(line);
  const std::string prefix = "f" + std::to_string(n) + "-";
  for (auto key : keys) {
    std::size_t pos = 0;
    while ((pos = out.find(key, pos)) != std::string::npos) {
      pos += key.size();
      out.insert(pos, prefix);
      pos += prefix.size();
    }
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  open_engine();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (!g_engine) open_engine();
  if (++g_inputs % kResetEvery == 0) open_engine();
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (lines.size() < kMaxLinesPerInput) {
    const std::size_t nl = input.find('\n', start);
    lines.push_back(input.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start));
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  for (std::string_view raw : lines) {
    const std::string request = fresh_ids(raw, g_inputs);
    const std::string text = run(request);
    const json response = check_response(request, text);
    check_follow_ups(request, response);
  }
  return 0;
}
