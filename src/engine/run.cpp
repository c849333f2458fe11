#include "engine/run.hpp"
#include "json/tape.hpp"
#include "provident/rules/codes.hpp"

#include "provident/id/mask.hpp"

#include "engine/review.hpp"
#include "state/encode_text.hpp"

namespace pvd::engine {

using protocol::json;
using protocol::ojson;

ojson violations_json(const Violations& vs) {
  ojson a = ojson::array();
  for (const auto& v : vs.list()) {
    ojson x = protocol::object_with_room(6);
    x["code"] = v.code;
    x["message"] = v.message;
    x["message_en"] = v.message_en;
    x["field"] = v.field.empty() ? ojson(nullptr) : ojson(v.field);
    if (v.row) x["row"] = *v.row;
    x["source"] = v.source;
    a.push_back(std::move(x));
  }
  return a;
}

ojson error_response(const std::string& op, const std::optional<std::string>& request_id, std::string_view code,
                     const std::string& zh, const std::string& en, const std::string& field) {
  ojson r = protocol::object_with_room(10);
  r["ok"] = false;
  r["op"] = op.empty() ? ojson(nullptr) : ojson(id::mask_echo(op));  // an unknown op echoes what was typed
  r["request_id"] = request_id ? ojson(*request_id) : ojson(nullptr);  // the caller's own key, returned as given
  r["result"] = nullptr;
  r["violations"] = ojson::array();
  r["events"] = ojson::array();
  r["state"] = nullptr;
  // Every error message and field may echo what the caller typed (an unknown
  // key, a member name, a request id): personal numbers in them are masked.
  r["error"] = {{"code", std::string(code)}, {"message", id::mask_echo(zh)}, {"message_en", id::mask_echo(en)},
                {"field", field.empty() ? ojson(nullptr) : ojson(id::mask_echo(field))}};
  r["policy"] = nullptr;
  r["replayed"] = false;
  return r;
}

ojson evaluation_error(const std::string& op, const std::optional<std::string>& request_id) {
  try {
    throw;
  } catch (const RequestError& e) {
    return error_response(op, request_id, e.code(), e.message_zh(), e.message_en(), e.field());
  } catch (const OverflowError&) {
    return error_response(op, request_id, code::REQ_BAD_VALUE, "金额超出可计算范围", "an amount is too large to compute exactly", "args");
  }
}

std::string bounded_response(std::string text, const std::string& op, const std::optional<std::string>& request_id,
                             std::size_t limit) {
  if (text.size() <= limit) return text;
  const std::string mib = std::to_string(limit >> 20) + " MiB";
  return protocol::dump(error_response(op, request_id, code::REQ_TOO_LARGE, "应答超过" + mib + "的上限：请分批办理",
                                       "The response would exceed the limit of " + mib + ": split the request", ""));
}

namespace {

ojson policy_json(const protocol::OpContext& ctx) {
  ojson p = {{"profile", ctx.policy().name()}, {"parameters", ctx.trace().ids()}};
  if (ctx.policy().lenient()) p["lenient"] = true;
  if (ctx.trace().carried_forward()) p["carried_forward"] = true;
  // The provisional figures the answer rests on (暂按上年度标准执行): it may change
  // by the difference once they are published (多退少补).
  if (auto prov = ctx.trace().provisional(); !prov.empty()) {
    ojson list = ojson::array();
    for (const auto& [id, from] : prov) list.push_back({{"version", id}, {"carried_from", from.to_string()}});
    p["provisional"] = std::move(list);
  }
  return p;
}

ojson response(const RunInput& in, const protocol::OpContext& ctx, protocol::OpResult& r, ojson state) {
  // Room for the ten members first: growing would deep-copy result and state (object_with_room).
  ojson out = protocol::object_with_room(10);
  out["ok"] = r.violations.empty();
  out["op"] = in.spec->name;
  out["request_id"] = in.request_id.empty() ? ojson(nullptr) : ojson(in.request_id);
  out["result"] = std::move(r.result);
  out["violations"] = violations_json(r.violations);
  out["events"] = std::move(r.events);
  out["state"] = std::move(state);
  out["error"] = nullptr;
  out["policy"] = policy_json(ctx);
  out["replayed"] = false;
  return out;
}

// A request that could not be evaluated: nothing it changed stays.
void refuse(Outcome& out, const RunInput& in, state::World& world) {
  world.rollback();
  out.error = true;
  out.response = evaluation_error(in.spec->name, in.request_id.empty() ? std::nullopt : std::optional(in.request_id));
}

}  // namespace

protocol::OpResult run_command(protocol::OpContext& ctx, const protocol::OpSpec& spec, const json* args, json* canonical) {
  protocol::ArgReader reader(args, "args");
  reader.record_canonical(canonical != nullptr);  // only the store hashes the canonical form
  protocol::OpResult r;
  spec.handler(ctx, reader, r);
  reader.finish();
  if (canonical) *canonical = reader.canonical();
  if (spec.kind != protocol::OpKind::command) return r;
  state::World& world = ctx.world();
  if (!r.violations.empty()) {
    world.rollback();
    r.events = ojson::array();
    return r;
  }
  if (spec.reviewable && !ctx.applying_case() && ctx.reviewed(spec.name)) {
    world.rollback();
    protocol::OpResult submitted = submit_for_review(ctx, spec, args ? *args : json::object());
    if (spec.report_on_review)
      for (auto it = r.result.begin(); it != r.result.end(); ++it)
        if (!submitted.result.contains(it.key())) submitted.result[it.key()] = it.value();
    return submitted;
  }
  return r;
}

ojson run_calculator(const RunInput& in) {
  protocol::OpContext ctx(*in.profiles, in.policy, in.as_of, in.explain, protocol::Mode::calculator, nullptr);
  ctx.set_base_profile_name(in.base_profile_name);
  protocol::ArgReader reader(in.args, "args");
  protocol::OpResult r;
  in.spec->handler(ctx, reader, r);
  reader.finish();
  return response(in, ctx, r, nullptr);
}

namespace {

// Decision: the facts are decoded from the tape when its reader accepts them
// all; otherwise from their document, read from the same text the general way,
// which gives every error with its path (src/json/tape.hpp).
state::Facts request_facts(const json& facts_json, const protocol::Tape& tape) {
  if (tape.empty()) return state::decode_facts(facts_json);
  state::Facts facts;
  if (state::decode_tape(tape, facts)) return facts;
  return state::decode_facts(protocol::parse_request(tape.source()));
}

}  // namespace

StatelessResponse run_stateless(const RunInput& in, const json& facts_json, const protocol::Tape& tape) {
  state::Facts facts = request_facts(facts_json, tape);
  std::unique_ptr<state::World> world;
  try {
    world = std::make_unique<state::World>(std::move(facts));
  } catch (const std::invalid_argument& e) {
    protocol::throw_bad_value("facts", std::string("实体重复：") + e.what(), std::string("duplicate entity: ") + e.what());
  }
  protocol::OpContext ctx(*in.profiles, in.policy, in.as_of, in.explain, protocol::Mode::stateless, world.get());
  ctx.set_base_profile_name(in.base_profile_name);
  ctx.set_request_id(in.request_id);
  protocol::OpResult r = run_command(ctx, *in.spec, in.args);
  world->commit();
  StatelessResponse out;
  out.state.reserve(tape.empty() ? 4096 : tape.source().size() + 1024);  // about the facts' size: no regrowing
  state::encode_text(out.state, *world);
  out.response = response(in, ctx, r, nullptr);
  return out;
}

Outcome run_in_world(const RunInput& in, state::World& world, protocol::Mode mode) {
  Outcome out;
  protocol::OpContext ctx(*in.profiles, in.policy, in.as_of, in.explain, mode, &world);
  ctx.set_base_profile_name(in.base_profile_name);
  ctx.set_request_id(in.request_id);
  json canonical;
  try {
    protocol::OpResult r = run_command(ctx, *in.spec, in.args, &canonical);
    out.ok = r.violations.empty();
    out.response = response(in, ctx, r, nullptr);
    out.canonical_complete = true;
  } catch (const RequestError&) {
    refuse(out, in, world);
  } catch (const OverflowError&) {
    refuse(out, in, world);
  }
  json canon = {{"op", in.spec->name},
                {"as_of", in.as_of ? json(in.as_of->to_string()) : json(nullptr)},
                {"args", canonical.is_null() ? json::object() : canonical},
                {"policy", in.base_profile_name},
                {"explain", in.explain}};
  out.canonical = canon.dump();
  return out;
}

}  // namespace pvd::engine
