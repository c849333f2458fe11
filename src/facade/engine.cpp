// pvd::Engine, the C++ surface (include/provident/engine.hpp): the engine's
// profiles, the SQLite store and a dispatcher over both. The layers below
// know nothing of it (docs/architecture.md); the CLI, the C ABI and the Python
// module are built on it.
#include "provident/engine.hpp"

#include "engine/dispatcher.hpp"
#include "provident/policy/loader.hpp"
#include "store/sqlite_store.hpp"

namespace pvd {

namespace {

engine::Profiles load_profiles(const EngineOptions& options) {
  try {
    return engine::Profiles({.policy = options.policy,
                             .lenient = options.lenient_policy,
                             .strict = options.strict_policy,
                             .overlay = options.overlay});
  } catch (const policy::LoadError& e) {
    throw EngineError("policy", e.what());
  }
}

std::unique_ptr<store::SqliteStore> open_store(const EngineOptions& options) {
  try {
    return std::make_unique<store::SqliteStore>(options.db_path, options.readonly);
  } catch (const std::exception& e) {
    throw EngineError("store", e.what());
  }
}

}  // namespace

struct Engine::Impl {
  explicit Impl(const EngineOptions& options) : profiles(load_profiles(options)), store(open_store(options)) {}
  engine::Profiles profiles;  // first: a profile that does not load is reported before the store is opened
  std::unique_ptr<store::SqliteStore> store;
  engine::Dispatcher dispatcher{profiles, store.get()};
};

Engine::Engine(const EngineOptions& options) : impl_(std::make_unique<Impl>(options)) {}

Engine::~Engine() = default;

std::string Engine::execute(std::string_view request_json) { return impl_->dispatcher.execute(request_json); }

const policy::PolicyPtr& Engine::policy() const noexcept { return impl_->profiles.default_policy(); }

policy::PolicyPtr Engine::profile(std::string_view name) const { return impl_->profiles.resolve(name, "policy"); }

std::vector<std::string> Engine::shipped_profiles() {
  std::vector<std::string> out;
  for (const auto& b : policy::builtin_profiles()) out.emplace_back(b.name);
  return out;
}

}  // namespace pvd
