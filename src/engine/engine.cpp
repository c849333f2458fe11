// The dispatcher: envelope → operation → response (protocol.md §1). It knows
// nothing of any particular operation; domains register theirs
// (protocol/op_index.cpp).
#include "provident/engine.hpp"

#include <map>
#include <mutex>

#include "engine/run.hpp"
#include "protocol/args.hpp"
#include "protocol/json.hpp"
#include "protocol/registry.hpp"
#include "provident/policy/loader.hpp"
#include "provident/rules/violation.hpp"
#include "state/world.hpp"
#include "store/store.hpp"

namespace pvd {

using protocol::json;
using protocol::ojson;

struct Engine::Impl : protocol::ProfileResolver {
  EngineOptions options;
  policy::PolicyPtr default_policy;
  std::string default_name;  // the profile name units record ("taiyuan")
  std::map<std::string, policy::PolicyPtr, std::less<>> shipped;  // immutable after open
  std::unique_ptr<store::Store> store;
  std::mutex store_mu;

  // A request's `policy` is a name, never a path (issue 13): a shipped
  // profile, or the engine's default profile by its name (with its overlay).
  // Files are loaded only through the engine's options, which the host chose.
  policy::PolicyPtr resolve(std::string_view name, const std::string& field) const override {
    if (name == default_name || name == default_policy->name()) return default_policy;
    if (auto it = shipped.find(name); it != shipped.end()) return it->second;
    std::string names;
    for (const auto& [n, p] : shipped) names += (names.empty() ? "" : ", ") + n;
    if (shipped.find(default_name) == shipped.end()) names += ", " + default_policy->name();
    protocol::throw_bad_value(field, "不是已有的政策配置名称（可选：" + names + "）",
                              "not a profile name (one of: " + names + ")");
  }
};

Engine::Engine(const EngineOptions& options) : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
  try {
    auto load = [&](std::string_view name_or_path) {
      auto p = policy::load_profile(name_or_path, options.lenient_policy);
      return options.strict_policy ? p->with_provisional(false) : p;
    };
    for (const auto& b : policy::builtin_profiles()) impl_->shipped.emplace(std::string(b.name), load(b.name));
    const std::string name = options.policy.empty() ? "national" : options.policy;
    auto base = policy::is_builtin_profile(name) ? impl_->shipped.at(name) : load(name);
    impl_->default_name = base->name();
    impl_->default_policy = options.overlay ? policy::apply_overlay(base, *options.overlay) : base;
  } catch (const policy::LoadError& e) {
    throw EngineError("policy", e.what());
  }
  try {
    impl_->store = store::open_sqlite_store(options.db_path, options.readonly);
  } catch (const std::exception& e) {
    throw EngineError("store", e.what());
  }
}

Engine::~Engine() = default;

const policy::PolicyPtr& Engine::policy() const noexcept { return impl_->default_policy; }

policy::PolicyPtr Engine::profile(std::string_view name) const { return impl_->resolve(name, "policy"); }

struct EngineInternals {
  static store::Store* store(Engine& e) { return e.impl_->store.get(); }
};

namespace engine {
/// The engine's store, for the store's own queries (store.verify replays the
/// journal on a second engine and compares the two stores).
store::Store* store_of(Engine& e) { return EngineInternals::store(e); }
}  // namespace engine

std::vector<std::string> Engine::shipped_profiles() {
  std::vector<std::string> out;
  for (const auto& b : policy::builtin_profiles()) out.emplace_back(b.name);
  return out;
}

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
    throw RequestError("REQ_MALFORMED", "", "请求不是合法的JSON对象：顶层须为对象", "The request is not a well-formed JSON object: the top level must be an object");
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

std::string Engine::execute(std::string_view text) {
  Envelope env;
  ojson response;
  try {
    const json req = protocol::parse_request(text);
    env = decode_envelope(req);
    const protocol::OpSpec* spec = protocol::registry().find(env.op);
    if (!spec)
      throw RequestError("REQ_UNKNOWN_OP", "op", "未知的操作：" + env.op, "Unknown operation: " + env.op);
    auto pol = env.policy ? impl_->resolve(*env.policy, "policy") : impl_->default_policy;

    engine::RunInput in;
    in.spec = spec;
    in.profiles = impl_.get();
    in.policy = pol;
    in.base_profile_name = env.policy ? pol->name() : impl_->default_name;
    in.as_of = env.as_of;
    in.explain = env.explain;
    in.args = env.args;
    in.request_id = env.request_id.value_or("");

    if (spec->kind == protocol::OpKind::calculator) {
      if (env.facts) protocol::throw_bad_value("facts", "计算类操作不接受facts", "calculators take no facts");
      response = engine::run_calculator(in);
    } else if (env.facts) {
      response = engine::run_stateless(in, *env.facts);
    } else {
      if (spec->kind == protocol::OpKind::command && !env.request_id) protocol::throw_missing("request_id");
      if (!impl_->store)
        throw RequestError("STORE_ERROR", "", "存储错误：没有可用的存储", "Storage error: no store is open");
      store::RequestInfo info;
      info.op = env.op;
      info.request_id = env.request_id.value_or("");
      json raw = req;
      raw.erase("request_id");
      info.raw_form = raw.dump();
      info.as_of = env.as_of;
      info.changes_state = spec->kind == protocol::OpKind::command;
      std::lock_guard lock(impl_->store_mu);
      response = impl_->store->run(info, [&](state::World& w) { return engine::run_in_world(in, w, protocol::Mode::store); });
    }
  } catch (const RequestError& e) {
    response = engine::error_response(env.op, env.request_id, e.code(), e.message_zh(), e.message_en(), e.field());
  } catch (const OverflowError& e) {
    response = engine::error_response(env.op, env.request_id, "REQ_BAD_VALUE", "金额超出可计算范围", "an amount is too large to compute exactly", "args");
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {
    response = engine::error_response(env.op, env.request_id, "INTERNAL", std::string("内部错误：") + e.what(),
                                      std::string("Internal error: ") + e.what(), "");
  }
  return engine::bounded_response(protocol::dump(response), env.op, env.request_id, protocol::kMaxResponseBytes);
}

}  // namespace pvd
