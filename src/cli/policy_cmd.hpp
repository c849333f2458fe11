// `provident policy list | show | check` (protocol.md §4).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace pvd::cli {

int run_policy_list();

/// Every parameter of a profile (with the overlay applied) and its versions.
/// Exit 1 with every error of the profile or the overlay when it does not load.
int run_policy_show(const std::string& name, const std::optional<std::string>& overlay, const std::string& overlay_file);

struct PolicyCheck {
  std::vector<std::string> names;
  bool shipped = false;
  std::string from, until;
  std::optional<std::string> overlay;  // its text
  std::string overlay_file;
};
/// Exit 0 when each profile loads (and answers through `until`), 1 when one
/// does not (every error printed), 2 for a bad date or no profile named.
int run_policy_check(const PolicyCheck& check);

}  // namespace pvd::cli
