#include "engine/describe.hpp"

#include "engine/operations.hpp"
#include "json/suggest.hpp"
#include "protocol/schema.hpp"
#include "provident/core/error.hpp"
#include "provident/id/mask.hpp"
#include "provident/rules/codes.hpp"

namespace pvd::engine {

using protocol::json;
using protocol::ojson;

namespace {

std::vector<std::string_view> op_names() {
  std::vector<std::string_view> names;
  for (const auto* s : operations().all()) names.push_back(s->name);
  return names;
}

// describe — schemas/README.md. Decision: a calculator (no store, no as_of):
// what an operation takes does not depend on the state or the day.
void describe(protocol::OpContext&, protocol::ArgReader& a, protocol::OpResult& r) {
  const auto op = a.opt_string("op", protocol::kMaxNameChars);
  if (!op) {
    ojson list = ojson::array();
    for (const auto* s : operations().all())
      list.push_back({{"op", s->name}, {"kind", std::string(protocol::to_string(s->kind))}, {"reviewable", s->reviewable}, {"summary", s->summary}});
    r.result["operations"] = std::move(list);
    return;
  }
  const protocol::OpSpec* spec = operations().find(*op);
  if (!spec) {
    const protocol::Suggestion s = protocol::did_you_mean(*op, op_names());
    throw RequestError(code::REQ_NOT_FOUND, "args.op", "未找到操作：" + *op + s.zh, "No operation found: " + *op + s.en);
  }
  r.result = describe_op(*spec);
}

// The envelope's members (protocol.md §1.1), for "did you mean" on a top-level slip.
const std::vector<std::string_view> kEnvelope = {"op", "request_id", "as_of", "args", "facts", "policy", "explain"};

ojson problem_json(const protocol::Problem& p) {
  return {{"code", p.code}, {"message", id::mask_echo(p.message_zh)}, {"message_en", id::mask_echo(p.message_en)},
          {"field", id::mask_echo(p.field)}};
}

// The problems behind an error: the schema's for args.*, the envelope's for a top-level member.
std::vector<protocol::Problem> problems_of(const std::string& field, const protocol::OpSpec* spec, const json* args) {
  if (field == "args" || field.starts_with("args.") || field.starts_with("args[")) {
    const protocol::OpSchema* schema = spec ? protocol::find_schema(spec->name) : nullptr;
    return schema ? protocol::check_args(*schema, args) : std::vector<protocol::Problem>{};
  }
  if (field.find_first_of(".[") != std::string::npos) return {};
  const protocol::Suggestion s = protocol::did_you_mean(field, kEnvelope);
  if (s.en.empty()) return {};
  return {protocol::problem(protocol::Problem::Kind::unknown, protocol::unknown_member(field, s.zh, s.en))};
}

}  // namespace

ojson describe_op(const protocol::OpSpec& spec) {
  ojson d = protocol::object_with_room(8);
  d["op"] = spec.name;
  d["kind"] = std::string(protocol::to_string(spec.kind));
  d["reviewable"] = spec.reviewable;
  d["summary"] = spec.summary;
  if (const protocol::OpSchema* s = protocol::find_schema(spec.name)) {
    d["args"] = s->document.value("args", ojson::object());
    d["result"] = s->document.value("result", ojson::object());
    d["violations"] = s->document.value("violations", ojson::array());
    if (s->violations_of_case_operation) d["violations_of_case_operation"] = true;
  } else {
    d["args"] = nullptr;
    d["result"] = nullptr;
    d["violations"] = nullptr;
  }
  return d;
}

void register_describe(protocol::Registry& reg) {
  reg.add_all({{"describe", protocol::OpKind::calculator, describe,
                "What an operation takes, answers and can deny (its schema); without op, every operation"}});
}

ojson with_every_problem(ojson response, const protocol::OpSpec* spec, const json* args) {
  ojson& error = response["error"];
  if (!error.is_object() || !error["field"].is_string()) return response;
  const std::string code = error["code"].get<std::string>();
  if (code != code::REQ_MISSING_FIELD.text && code != code::REQ_BAD_VALUE.text) return response;
  const std::string field = error["field"].get<std::string>();
  std::vector<protocol::Problem> problems = problems_of(field, spec, args);
  if (problems.empty()) return response;
  // The error's own field first. A bad value keeps the reader's wording (it may know more: "a
  // base cannot be negative"); a missing or unknown member takes the schema's, which names the
  // alternatives ("give one of args.account_no, args.id_number") or the nearest known member.
  const auto same = std::find_if(problems.begin(), problems.end(), [&](const auto& p) { return p.field == field; });
  ojson first = error;
  if (same != problems.end()) {
    if (same->kind != protocol::Problem::Kind::bad_value) first = problem_json(*same);
    problems.erase(same);
  }
  // Decision: `problems` only when there is more than the error itself to say, so that a
  // request with one problem is answered exactly as before.
  if (!problems.empty()) {
    ojson list = ojson::array();
    list.push_back(first);
    for (const auto& p : problems) list.push_back(problem_json(p));
    first["problems"] = std::move(list);
  }
  error = std::move(first);
  return response;
}

void throw_unknown_op(const std::string& op) {
  const protocol::Suggestion s = protocol::did_you_mean(op, op_names());
  throw RequestError(code::REQ_UNKNOWN_OP, "op", "未知的操作：" + op + s.zh, "Unknown operation: " + op + s.en);
}

}  // namespace pvd::engine
