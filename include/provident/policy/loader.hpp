// Loading profiles (TOML, read with toml++) and overlays. policy.md §1.
//
// A profile file:
//
//   [profile]
//   name = "taiyuan"
//   extends = "national"            # optional; a shipped name or a path
//   title_zh = "…"
//   title_en = "…"
//
//   [coverage]                      # the window each group of parameters covers
//   hpf = { from = 2020-01-01, to = 2099-12-31 }
//
//   [[hpf.payment_window]]          # one table per dated version
//   from = 2020-01-01               # inclusive; optional `to` (inclusive)
//   value = { days = [1, 25], from = "08:00", to = "17:00", to_exclusive = true }
//   source = "002 三.1 注"
//   verified = true
//   note = "…"                      # optional
//
// Every error names the file, the key and the line. A key the child defines
// replaces the parent's whole timeline; a coverage group the child declares
// replaces the parent's window for that group.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "provident/policy/policy.hpp"

namespace pvd::policy {

/// A profile that could not be loaded: "policies/x.toml:12: hpf.rate.min: …"
/// ("file: …" when no line is known). what() is the first error; all() lists
/// every error the loader found, the first included: it reads on past a bad
/// parameter version, key, header member or coverage group, and stops only
/// where it cannot (TOML syntax, a file it cannot read).
class LoadError : public std::runtime_error {
 public:
  LoadError(std::string file, std::string key, int line, const std::string& what);
  const std::string& file() const noexcept { return file_; }
  const std::string& key() const noexcept { return key_; }
  int line() const noexcept { return line_; }
  const std::string& detail() const noexcept { return detail_; }
  const std::vector<std::string>& all() const noexcept { return all_; }
  /// This error (the first) followed by the others' messages.
  LoadError& with_others(const std::vector<std::string>& others);

 private:
  std::string file_, key_, detail_;
  int line_;
  std::vector<std::string> all_;
};

/// Why `name` names no profile: neither shipped nor a readable file (with
/// errno's reason), followed by the shipped names — the message every surface
/// gives for a wrong profile name ("shangai").
std::string not_a_profile(std::string_view name);

struct BuiltinProfile {
  std::string_view name;
  std::string_view file;  // "policies/taiyuan.toml"
  std::string_view text;
};

/// The profiles shipped in policies/, compiled into the library.
const std::vector<BuiltinProfile>& builtin_profiles();
bool is_builtin_profile(std::string_view name) noexcept;

/// Loads a shipped profile by name, or else a profile file by path (its
/// `extends` resolved the same way, relative paths from the file's folder).
/// No name means "national".
PolicyPtr load_profile(std::string_view name_or_path, bool lenient = false);

/// Loads a profile from text (for tests and tools); `file` names it in errors.
PolicyPtr load_profile_text(std::string_view text, std::string_view file, bool lenient = false);

/// Applies an overlay (a profile-format TOML text holding only the keys it
/// changes, and optionally [coverage]) on top of `base`, giving a new policy
/// named "<base>+overlay". The base is never touched.
PolicyPtr apply_overlay(const PolicyPtr& base, std::string_view overlay_text, std::string_view file = "<overlay>");

/// Checks a profile file without keeping it: the empty list when it is valid.
std::vector<std::string> check_profile_file(std::string_view path);

}  // namespace pvd::policy
