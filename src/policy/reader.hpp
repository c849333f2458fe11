// Reading the TOML of a profile (private to src/policy; policy.md §1): every
// failure is a LoadError naming the file, the key and the line.
#pragma once

#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>

#include "policy/toml.hpp"
#include "provident/policy/loader.hpp"

namespace pvd::policy::detail {

/// Reads the nodes of one key (or table) of one file.
class NodeReader {
 public:
  NodeReader(std::string_view file, std::string key) : file_(file), key_(std::move(key)) {}
  const std::string& file() const noexcept { return file_; }
  const std::string& key() const noexcept { return key_; }
  /// The same file, another key.
  NodeReader at(std::string key) const { return NodeReader(file_, std::move(key)); }

  [[noreturn]] void fail(const toml::node* n, const std::string& what) const;
  [[noreturn]] void fail_line(int line, const std::string& what) const;
  /// Refuses the first member of `t` not in `allowed`: "unknown member 'x'" and `hint`.
  void only(const toml::table& t, std::initializer_list<std::string_view> allowed, std::string_view hint) const;
  /// Member `m` of `t`; "the value lacks 'm'" without it.
  const toml::node& need(const toml::table& t, std::string_view m) const;
  /// `n` as a table or an array; `expected` is the message otherwise.
  const toml::table& table(const toml::node& n, const std::string& expected) const;
  const toml::array& array(const toml::node& n, const std::string& expected) const;

  Date date(const toml::node& n) const;
  std::string string(const toml::node& n, const char* what = "a string") const;
  std::int64_t integer(const toml::node& n, std::int64_t lo, std::int64_t hi) const;
  bool boolean(const toml::node& n, const toml::node* at, const std::string& expected) const;
  /// The days {from, to} of a table with only `members`; `missing` when from or to is absent.
  DatePeriod period(const toml::table& w, std::initializer_list<std::string_view> members, const char* missing) const;

 private:
  std::string file_;
  std::string key_;
};

/// The value of key k written at n, held as the alternative its kind names
/// (value_index in schema.hpp).
Value read_value(const NodeReader& r, Key k, const toml::node& n);

/// Runs one step of the reading, keeping a LoadError it throws (Builder::go_on).
using GoOn = std::function<void(const std::function<void()>&)>;

/// The versions of key k: its [[key]] tables, ascending and non-overlapping.
/// Each version is one step of `go_on`: a bad version is kept as an error and
/// the next one read.
Timeline read_timeline(const NodeReader& r, Key k, const toml::array& arr, const std::string& profile, const GoOn& go_on);

/// The line of the first byte outside the ASCII range that stands outside a
/// string and a comment, or 0.
int non_ascii_outside_strings(std::string_view text);

}  // namespace pvd::policy::detail
