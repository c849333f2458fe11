// The human forms of a response (protocol.md §4): `--pretty` indents the JSON;
// `--lang zh|en` writes one line of text per response in that language.
#include <nlohmann/json.hpp>

#include "cli/exec.hpp"

namespace pvd::cli {

namespace {

using ojson = nlohmann::ordered_json;

/// A member's value as text: a string as it is, anything else as compact JSON.
std::string text_of(const ojson& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

/// "code field: message" of a violation or an error, in one language.
std::string finding(const ojson& f, bool zh) {
  std::string s = text_of(f.value("code", ojson("?")));
  if (f.contains("field") && !f["field"].is_null()) s += " " + text_of(f["field"]);
  const auto& msg = f.value(zh ? "message" : "message_en", ojson(""));
  return s + ": " + text_of(msg);
}

/// `head` then each finding, "; "-separated.
std::string findings(std::string head, const ojson& list, bool zh) {
  const char* sep = " ";
  for (const auto& f : list) {
    head += sep + finding(f, zh);
    sep = "; ";
  }
  return head;
}

std::string result_members(const ojson& result) {
  if (!result.is_object()) return result.is_null() ? std::string() : " " + result.dump();
  std::string s;
  for (const auto& [k, v] : result.items()) s += " " + k + "=" + text_of(v);
  return s;
}

}  // namespace

std::string summary(const std::string& response_json, bool zh) {
  const ojson r = ojson::parse(response_json, nullptr, false);
  if (r.is_discarded() || !r.is_object()) return response_json;
  const std::string op = r.contains("op") && !r["op"].is_null() ? text_of(r["op"]) : "-";
  const bool replayed = r.value("replayed", false);
  const std::string again = replayed ? (zh ? "（重放）" : " (replayed)") : "";
  if (r.contains("error") && r["error"].is_object()) {
    const ojson& e = r["error"];
    // Every problem of the request when there are several (error.problems, the error first).
    if (e.contains("problems") && e["problems"].is_array())
      return findings(std::string(zh ? "错误 " : "error ") + op + again, e["problems"], zh);
    return std::string(zh ? "错误 " : "error ") + op + again + " " + finding(e, zh);
  }
  if (!r.value("ok", false)) return findings(std::string(zh ? "不予办理 " : "denied ") + op + again, r["violations"], zh);
  return std::string(zh ? "通过 " : "ok ") + op + again + result_members(r["result"]);
}

std::string pretty(const std::string& response_json) {
  const ojson r = ojson::parse(response_json, nullptr, false);
  return r.is_discarded() ? response_json : r.dump(2);
}

}  // namespace pvd::cli
