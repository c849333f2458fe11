// pvd::Engine, the C++ surface (include/provident/engine.hpp): the engine's
// profiles, the SQLite store and a dispatcher over both. The layers below
// know nothing of it (docs/architecture.md); the CLI, the C ABI and the Python
// module are built on it.
#include "provident/engine.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "engine/dispatcher.hpp"
#include "provident/rules/codes.hpp"
#include "provident/policy/loader.hpp"
#include "store/pg.hpp"
#include "store/pg_store.hpp"
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

/// The store a database name names: a PostgreSQL database by its URI
/// (postgresql://…, issue 20), else an SQLite file (or memory).
std::unique_ptr<store::JournaledStore> open_database(const EngineOptions& options) {
  if (options.db_path && store::is_postgresql_uri(*options.db_path))
    return std::make_unique<store::PgStore>(*options.db_path, options.readonly);
  return std::make_unique<store::SqliteStore>(options.db_path, options.readonly);
}

/// A store file the engine will create: absent, writable, and in a folder that
/// exists and the engine may write (the reason kept: errno's text and the name).
bool file_to_create(const EngineOptions& options) {
  if (!options.db_path || options.readonly || store::is_postgresql_uri(*options.db_path)) return false;
  const std::string& path = *options.db_path;
  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0 || errno != ENOENT) return false;  // there (or unreadable): opened now
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  const std::string folder = (parent.empty() ? std::filesystem::path(".") : parent).string();
  if (::access(folder.c_str(), W_OK | X_OK) != 0)
    throw EngineError("store", "cannot create the database file " + path + " in " + folder + ": " + std::strerror(errno));
  return true;
}

/// The store of a file that does not exist yet: created by the first request
/// that needs a store (a command or a query), so that a session of
/// calculators naming a file leaves nothing behind (issue 19 (3); protocol.md
/// §5). Decision: the file is created then, not at open, and a failure to
/// create it is that request's STORE_ERROR.
class DeferredStore final : public engine::Store {
 public:
  explicit DeferredStore(EngineOptions options) : options_(std::move(options)) {}
  engine::Answer run(const engine::RequestInfo& info, const std::function<engine::Outcome(state::World&)>& decide) override {
    if (!store_) {
      try {
        store_ = open_database(options_);
      } catch (const std::exception& e) {
        throw RequestError(code::STORE_ERROR, "", std::string("存储错误：") + e.what(), std::string("Storage error: ") + e.what());
      }
    }
    return store_->run(info, decide);
  }

 private:
  EngineOptions options_;
  std::unique_ptr<store::JournaledStore> store_;
};

std::unique_ptr<engine::Store> open_store(const EngineOptions& options) {
  try {
    if (file_to_create(options)) return std::make_unique<DeferredStore>(options);
    return open_database(options);
  } catch (const EngineError&) {
    throw;
  } catch (const std::exception& e) {
    throw EngineError("store", e.what());
  }
}

}  // namespace

struct Engine::Impl {
  explicit Impl(const EngineOptions& options) : profiles(load_profiles(options)), store(open_store(options)) {}
  engine::Profiles profiles;  // first: a profile that does not load is reported before the store is opened
  std::unique_ptr<engine::Store> store;
  engine::Dispatcher dispatcher{profiles, store.get()};
};

Engine::Engine(const EngineOptions& options) : impl_(std::make_unique<Impl>(options)) {}

Engine::~Engine() = default;

std::string Engine::execute(std::string_view request_json) { return impl_->dispatcher.execute(request_json); }

Engine::StoreRetries Engine::store_retries() const {
  StoreRetries r;
  const auto* s = dynamic_cast<const store::JournaledStore*>(impl_->store.get());
  if (!s) return r;  // no store, or an SQLite file not created yet
  const auto& n = s->retries();
  r.serialization = n[static_cast<std::size_t>(store::RetryCause::serialization)];
  r.deadlock = n[static_cast<std::size_t>(store::RetryCause::deadlock)];
  r.unique = n[static_cast<std::size_t>(store::RetryCause::unique)];
  r.other = n[static_cast<std::size_t>(store::RetryCause::other)];
  return r;
}

const policy::PolicyPtr& Engine::policy() const noexcept { return impl_->profiles.default_policy(); }

policy::PolicyPtr Engine::profile(std::string_view name) const { return impl_->profiles.resolve(name, "policy"); }

std::vector<std::string> Engine::shipped_profiles() {
  std::vector<std::string> out;
  for (const auto& b : policy::builtin_profiles()) out.emplace_back(b.name);
  return out;
}

}  // namespace pvd
