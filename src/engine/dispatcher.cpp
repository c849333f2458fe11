#include "engine/dispatcher.hpp"
#include "provident/rules/codes.hpp"

#include "engine/describe.hpp"
#include "engine/operations.hpp"
#include "engine/run.hpp"
#include "json/tape.hpp"
#include "json/writer.hpp"

namespace pvd::engine {

using protocol::json;
using protocol::ojson;

namespace {

struct Envelope {
  std::string op;
  std::optional<std::string> request_id;
  std::optional<LocalDateTime> as_of;
  const json* args = nullptr;
  const json* facts = nullptr;
  std::optional<std::string> policy;
  bool explain = false;
};

Envelope decode_envelope(const json& req) {
  if (!req.is_object())
    throw RequestError(code::REQ_MALFORMED, "", "请求不是合法的JSON对象：顶层须为对象", "The request is not a well-formed JSON object: the top level must be an object");
  protocol::ArgReader r(&req, "", false);
  Envelope e;
  e.op = r.string("op");
  if (auto id = r.opt_string("request_id", 128)) {
    if (id->empty()) protocol::throw_bad_value("request_id", "不能为空", "must not be empty");
    for (unsigned char c : *id)
      if (c < 0x20 || c > 0x7E) protocol::throw_bad_value("request_id", "须为可打印ASCII字符", "must be printable ASCII characters");
    e.request_id = *id;
  }
  e.as_of = r.opt_datetime("as_of");
  e.args = r.raw("args");
  if (e.args && !e.args->is_object()) protocol::throw_bad_value("args", "应为对象", "expected an object");
  e.facts = r.raw("facts");
  if (e.facts && !e.facts->is_object()) protocol::throw_bad_value("facts", "应为对象", "expected an object");
  e.policy = r.opt_string("policy", 4096);
  e.explain = r.opt_boolean("explain").value_or(false);
  r.finish();
  return e;
}

}  // namespace

std::string Dispatcher::execute(std::string_view text) {
  Envelope env;
  ojson response;
  std::string state_text;  // a stateless response's state, as JSON text (run_stateless)
  std::string written;     // the response as text, when the store wrote it already (Answer)
  json req;
  protocol::Tape facts;  // a stateless request's facts (parse_request)
  const protocol::OpSpec* spec = nullptr;
  try {
    req = protocol::parse_request(text, &facts);
    env = decode_envelope(req);
    spec = operations().find(env.op);
    if (!spec) throw_unknown_op(env.op);
    auto pol = env.policy ? profiles_.resolve(*env.policy, "policy") : profiles_.default_policy();

    RunInput in;
    in.spec = spec;
    in.profiles = &profiles_;
    in.policy = pol;
    in.base_profile_name = env.policy ? pol->name() : profiles_.default_name();
    in.as_of = env.as_of;
    in.explain = env.explain;
    in.args = env.args;
    in.request_id = env.request_id.value_or("");

    if (spec->kind == protocol::OpKind::calculator) {
      if (env.facts) protocol::throw_bad_value("facts", "计算类操作不接受facts", "calculators take no facts");
      response = run_calculator(in);
    } else if (env.facts) {
      StatelessResponse s = run_stateless(in, *env.facts, facts);
      response = std::move(s.response);
      state_text = std::move(s.state);  // the try's last statement: an error response never carries it
    } else {
      if (spec->kind == protocol::OpKind::command && !env.request_id) protocol::throw_missing("request_id");
      if (!store_)
        throw RequestError(code::STORE_ERROR, "", "存储错误：没有可用的存储", "Storage error: no store is open");
      RequestInfo info;
      info.op = env.op;
      info.request_id = env.request_id.value_or("");
      json raw = req;
      raw.erase("request_id");
      info.raw_form = raw.dump();
      info.as_of = env.as_of;
      info.changes_state = spec->kind == protocol::OpKind::command;
      std::lock_guard lock(store_mu_);
      Answer a = store_->run(info, [&](state::World& w) { return run_in_world(in, w, protocol::Mode::store); });
      response = std::move(a.response);
      written = std::move(a.text);
    }
  } catch (const RequestError&) {
    response = evaluation_error(env.op, env.request_id);
  } catch (const OverflowError&) {
    response = evaluation_error(env.op, env.request_id);
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {
    response = error_response(env.op, env.request_id, code::INTERNAL, std::string("内部错误：") + e.what(),
                              std::string("Internal error: ") + e.what(), "");
  }
  // Every problem of the arguments at once (schemas/README.md): asked only of a request that failed.
  if (!response["ok"].get<bool>()) {
    response = with_every_problem(std::move(response), spec, env.args);
    written.clear();
  }
  if (written.empty()) written = protocol::dump_with(response, "state", state_text);
  return bounded_response(std::move(written), env.op, env.request_id, protocol::kMaxResponseBytes);
}

}  // namespace pvd::engine
