// provident::Engine — the C++ entry point. One engine holds the loaded policy
// profiles and (optionally) a store, and answers JSON commands
// (protocol.md §1). Everything it needs comes from the request: it never reads
// the clock, the locale or the environment.
//
//   pvd::Engine engine({.policy = "taiyuan"});
//   std::string response = engine.execute(R"({"op":"pension.min_months", ...})");
//
// Thread safety: calculators and stateless requests may run concurrently on
// one engine; store-mode requests are serialised inside the engine.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "provident/policy/policy.hpp"

namespace pvd {

struct EngineOptions {
  /// Default profile: a shipped name ("taiyuan") or a file path; empty = "national".
  std::string policy;
  /// A SQLite file for the store; nullopt = an in-memory store.
  std::optional<std::string> db_path;
  /// Carry the last value of a parameter forward instead of POLICY_NOT_IN_FORCE.
  bool lenient_policy = false;
  /// Refuse provisional figures (暂按上年度标准执行, carried forward until a
  /// period's figure is published) with POLICY_NOT_IN_FORCE instead of using them.
  bool strict_policy = false;
  /// Open the store read-only (state-changing requests are refused).
  bool readonly = false;
  /// A policy overlay (TOML text) applied on top of the default profile.
  std::optional<std::string> overlay;
};

/// The engine could not be opened: a profile or overlay that does not load,
/// or a store that cannot be opened. `kind` is "policy" or "store".
class EngineError : public std::runtime_error {
 public:
  EngineError(std::string kind, const std::string& what) : std::runtime_error(what), kind_(std::move(kind)) {}
  const std::string& kind() const noexcept { return kind_; }

 private:
  std::string kind_;
};

class Engine {
 public:
  explicit Engine(const EngineOptions& options = {});
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  /// Runs one JSON request and returns its JSON response (one line). Business
  /// denials and request errors are responses; this throws only when memory
  /// runs out.
  std::string execute(std::string_view request_json);

  /// The engine's default policy (with the overlay applied, if any).
  const policy::PolicyPtr& policy() const noexcept;
  /// A profile by name, as requests name them: a shipped profile, or the
  /// default profile's name for the default policy (with its overlay). Never
  /// a path: files are loaded only through EngineOptions::policy.
  policy::PolicyPtr profile(std::string_view name) const;
  /// The shipped profile names.
  static std::vector<std::string> shipped_profiles();

  /// How often the store ran a command's transaction again because another
  /// transaction took what it read or wrote (PostgreSQL; SQLite's one writer
  /// never retries), by cause, since the engine was opened.
  struct StoreRetries {
    std::int64_t serialization = 0;  // SQLSTATE 40001
    std::int64_t deadlock = 0;       // 40P01
    std::int64_t unique = 0;         // 23505: a key another transaction created meanwhile
    std::int64_t other = 0;
  };
  StoreRetries store_retries() const;

 private:
  struct Impl;  // the profiles, the store and the dispatcher (src/facade/engine.cpp)
  std::unique_ptr<Impl> impl_;
};

}  // namespace pvd
