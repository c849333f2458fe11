// Building a Policy from profile files (private to src/policy; policy.md §1).
// The Builder is the one class that fills a Policy's private members (Policy
// names it a friend).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>
#include <string_view>

#include "policy/reader.hpp"

namespace pvd::policy {

class Builder {
 public:
  Builder(std::string_view file, bool lenient) : file_(file), lenient_(lenient) {}

  /// The policy of profile `text`: over `parent_or_null` when it is an
  /// overlay, else over the profile it extends (`dir` resolves a relative
  /// `extends`; `depth` counts the profiles extended so far).
  PolicyPtr build(std::string_view text, const PolicyPtr& parent_or_null, const std::string& dir, int depth, bool overlay);

 private:
  struct Header {
    std::string name, extends, title_zh, title_en;
  };

  /// Runs one step of the reading; a LoadError it throws is kept and the
  /// reading goes on (LoadError::all).
  void go_on(const std::function<void()>& step) const;
  /// Throws the first kept error with the others, if any was kept.
  void throw_collected() const;

  detail::NodeReader reader(std::string key) const { return detail::NodeReader(file_, std::move(key)); }
  toml::table parse(std::string_view text) const;
  Header read_header(const toml::table& root) const;
  PolicyPtr parent_of(const toml::table& root, const std::string& extends, const std::string& dir, int depth) const;
  void name_policy(Policy& policy, const Header& h, const PolicyPtr& parent, bool overlay) const;

  // The tables of a profile (read_tables.cpp).
  void walk(const toml::table& t, const std::string& prefix, std::map<Key, Timeline>& out, const std::string& profile) const;
  void walk_member(const std::string& path, const toml::node& node, std::map<Key, Timeline>& out,
                   const std::string& profile) const;
  void read_coverage(const toml::node& c, Policy& policy) const;
  void read_gaps(const toml::node& g, Policy& policy) const;
  /// Calls f(group, key, node) for each member of [table], a coverage group.
  template <class F>
  void each_group(const toml::node& n, const char* table, F&& f) const;

  std::string file_;
  bool lenient_;
  mutable std::vector<std::string> errors_;  // every error kept by go_on, in order
  mutable std::optional<LoadError> first_;
};

}  // namespace pvd::policy
