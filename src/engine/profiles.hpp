// The policy profiles one engine answers with (policy.md §1): every shipped
// profile, loaded once, and the default profile (a shipped name or a file,
// with an optional overlay). A request's `policy` names one of them.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "protocol/registry.hpp"

namespace pvd::engine {

struct ProfileOptions {
  /// A shipped name ("taiyuan") or a file path; empty = "national".
  std::string policy;
  /// Carry the last value of a parameter forward instead of POLICY_NOT_IN_FORCE.
  bool lenient = false;
  /// Refuse provisional figures instead of using them.
  bool strict = false;
  /// A policy overlay (TOML text) applied on top of the default profile.
  std::optional<std::string> overlay;
};

class Profiles : public protocol::ProfileResolver {
 public:
  /// Loads every shipped profile and the default one; throws
  /// policy::LoadError when one does not load.
  explicit Profiles(const ProfileOptions& options = {});

  // A request's `policy` is a name, never a path (issue 13): a shipped
  // profile, or the engine's default profile by its name (with its overlay).
  // Files are loaded only through the engine's options, which the host chose.
  policy::PolicyPtr resolve(std::string_view name, const std::string& field) const override;

  /// The default policy (with the overlay applied, if any).
  const policy::PolicyPtr& default_policy() const noexcept { return default_policy_; }
  /// The name units created under the default policy record ("taiyuan").
  const std::string& default_name() const noexcept { return default_name_; }

 private:
  policy::PolicyPtr default_policy_;
  std::string default_name_;
  std::map<std::string, policy::PolicyPtr, std::less<>> shipped_;  // immutable after construction
};

}  // namespace pvd::engine
