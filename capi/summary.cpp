// pvd_engine_errmsg after a response (provident.h, pvd_engine_errmsg): the
// one-line English summary of a response that is not ok, from the response's
// own messages (already masked: no ID, card or phone number in clear).
#include <string>
#include <string_view>

#include "internal.hpp"
#include "json/json.hpp"

namespace pvd::capi {

namespace {

using protocol::json;

// Room for the summary: the message storage holds 1 KiB; the tail keeps
// space for "… and N more".
constexpr std::size_t kSummaryBudget = 960;

/// The members a summary reads; the others (result, state, events, policy:
/// the bulk of a large response) are skipped while parsing.
bool summarised_member(std::string_view key) {
  return key == "ok" || key == "error" || key == "violations";
}

json parse_for_summary(std::string_view response) {
  const json::parser_callback_t keep = [](int depth, json::parse_event_t event, json& parsed) {
    return !(depth == 1 && event == json::parse_event_t::key && !summarised_member(parsed.get_ref<const std::string&>()));
  };
  return json::parse(response, keep, /*allow_exceptions=*/false);
}

std::string text_of(const json& j, std::string_view key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

/// One line: line breaks and tabs of a message become spaces.
std::string one_line(std::string s) {
  for (char& c : s)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return s;
}

/// "CODE field: message" (the field omitted when there is none).
std::string error_summary(const json& error) {
  std::string out = text_of(error, "code");
  if (const std::string field = text_of(error, "field"); !field.empty()) out += " " + field;
  return one_line(out + ": " + text_of(error, "message_en"));
}

/// "CODE (field): message", the place being the field, else the batch row.
std::string violation_summary(const json& v) {
  std::string where = text_of(v, "field");
  if (const auto row = v.find("row"); where.empty() && row != v.end() && row->is_number_integer())
    where = "row " + std::to_string(row->get<long long>());
  std::string out = text_of(v, "code");
  if (!where.empty()) out += " (" + where + ")";
  return one_line(out + ": " + text_of(v, "message_en"));
}

/// `out` followed by the parts of items[first…] ("; "-separated) while they fit the budget, then "… and N more".
template <class Part>
std::string joined(std::string out, const json& items, std::size_t first, Part part_of) {
  std::size_t shown = first;
  for (std::size_t i = first; i < items.size(); ++i) {
    std::string part = part_of(items[i]);
    if (i > 0 && out.size() + part.size() + 2 > kSummaryBudget) break;
    if (i > 0) out += "; ";
    out += part;
    ++shown;
  }
  if (shown < items.size()) out += "; … and " + std::to_string(items.size() - shown) + " more";
  return out;
}

std::string denial_summary(const json& violations) { return joined("denied: ", violations, 0, violation_summary); }

/// The error, then the other problems of its request (`error.problems`, the error's own first).
std::string error_with_problems(const json& error) {
  const auto problems = error.find("problems");
  if (problems == error.end() || !problems->is_array() || problems->size() < 2) return error_summary(error);
  return joined(error_summary(error), *problems, 1, error_summary);
}

}  // namespace

std::string response_summary(std::string_view response) {
  // Every response starts with its "ok" member: an ok one costs nothing more.
  if (response.starts_with(R"({"ok":true,)")) return {};
  const json r = parse_for_summary(response);
  if (!r.is_object()) return "the response could not be read back for this message (see the response)";
  if (const auto error = r.find("error"); error != r.end() && error->is_object()) return error_with_problems(*error);
  if (const auto v = r.find("violations"); v != r.end() && v->is_array() && !v->empty()) return denial_summary(*v);
  if (const auto ok = r.find("ok"); ok != r.end() && *ok == true) return {};
  return "the response is not ok (see the response)";
}

}  // namespace pvd::capi
