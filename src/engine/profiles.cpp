#include "engine/profiles.hpp"

#include "provident/policy/loader.hpp"

namespace pvd::engine {

Profiles::Profiles(const ProfileOptions& options) {
  auto load = [&](std::string_view name_or_path) {
    auto p = policy::load_profile(name_or_path, options.lenient);
    return options.strict ? p->with_provisional(false) : p;
  };
  for (const auto& b : policy::builtin_profiles()) shipped_.emplace(std::string(b.name), load(b.name));
  const std::string name = options.policy.empty() ? "national" : options.policy;
  auto base = policy::is_builtin_profile(name) ? shipped_.at(name) : load(name);
  default_name_ = base->name();
  default_policy_ = options.overlay ? policy::apply_overlay(base, *options.overlay) : base;
}

policy::PolicyPtr Profiles::resolve(std::string_view name, const std::string& field) const {
  if (name == default_name_ || name == default_policy_->name()) return default_policy_;
  if (auto it = shipped_.find(name); it != shipped_.end()) return it->second;
  std::string names;
  for (const auto& [n, p] : shipped_) names += (names.empty() ? "" : ", ") + n;
  if (shipped_.find(default_name_) == shipped_.end()) names += ", " + default_policy_->name();
  protocol::throw_bad_value(field, "不是已有的政策配置名称（可选：" + names + "）", "not a profile name (one of: " + names + ")");
}

}  // namespace pvd::engine
