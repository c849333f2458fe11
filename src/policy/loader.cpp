// Profile loading with toml++: strict validation, every error naming file, key
// and line (policy.md §1). The nodes are read by policy/reader.hpp, the
// values by read_value.cpp, the tables by read_tables.cpp.
#include "provident/policy/loader.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "policy/builder.hpp"
#include "policy/builtin_profiles.hpp"

namespace pvd::policy {

LoadError::LoadError(std::string file, std::string key, int line, const std::string& what)
    : std::runtime_error(file + (line > 0 ? ":" + std::to_string(line) : std::string()) + ": " +
                         (key.empty() ? std::string() : key + ": ") + what),
      file_(std::move(file)),
      key_(std::move(key)),
      detail_(what),
      line_(line),
      all_{std::runtime_error::what()} {}

LoadError& LoadError::with_others(const std::vector<std::string>& others) {
  all_.insert(all_.end(), others.begin(), others.end());
  return *this;
}

bool is_builtin_profile(std::string_view name) noexcept {
  for (const auto& b : builtin_profiles())
    if (b.name == name) return true;
  return false;
}

namespace {

constexpr int kMaxExtendsDepth = 8;

/// A profile file is at most this large (the largest shipped one is ~20 KiB).
constexpr std::uintmax_t kMaxProfileBytes = 1u << 20;

/// "cannot open the file (errno's reason)".
std::string cannot_open(const std::error_code& ec) {
  return "cannot open the file (" + (ec ? ec.message() : std::string(std::strerror(errno ? errno : EIO))) + ")";
}

/// Reads a profile file the host named: only a regular file (a FIFO would
/// block, /dev/zero never ends), at most kMaxProfileBytes.
std::string read_file(const std::string& path) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) throw LoadError(path, "", 0, cannot_open(ec));
  if (!std::filesystem::is_regular_file(status)) throw LoadError(path, "", 0, "not a regular file");
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) throw LoadError(path, "", 0, cannot_open(ec));
  if (size > kMaxProfileBytes) throw LoadError(path, "", 0, "larger than 1 MiB");
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw LoadError(path, "", 0, cannot_open({}));
  std::string text(static_cast<std::size_t>(size), '\0');
  in.read(text.data(), static_cast<std::streamsize>(size));
  text.resize(static_cast<std::size_t>(in.gcount()));
  return text;
}

const BuiltinProfile* builtin(std::string_view name) noexcept {
  for (const auto& b : builtin_profiles())
    if (b.name == name) return &b;
  return nullptr;
}

}  // namespace

std::string not_a_profile(std::string_view name) {
  std::error_code ec;
  const auto status = std::filesystem::status(std::string(name), ec);
  const std::string why = std::filesystem::exists(status) ? "not a regular file"
                          : ec ? ec.message() : std::make_error_code(std::errc::no_such_file_or_directory).message();
  std::string names;
  for (const auto& b : builtin_profiles()) names += (names.empty() ? "" : ", ") + std::string(b.name);
  return "neither a shipped profile nor a profile file (" + why + "); the shipped profiles are " + names;
}

void Builder::go_on(const std::function<void()>& step) const {
  try {
    step();
  } catch (const LoadError& e) {
    errors_.insert(errors_.end(), e.all().begin(), e.all().end());
    if (!first_) first_ = e;
  }
}

void Builder::throw_collected() const {
  if (!first_) return;
  LoadError e = *first_;
  throw e.with_others(std::vector<std::string>(errors_.begin() + std::ptrdiff_t(first_->all().size()), errors_.end()));
}

toml::table Builder::parse(std::string_view text) const {
  if (const int line = detail::non_ascii_outside_strings(text))
    throw LoadError(file_, "", line, "a character outside ASCII that is not in a string or a comment (a missing quote?)");
  try {
    return toml::parse(text, file_);
  } catch (const toml::parse_error& e) {
    throw LoadError(file_, "", int(e.source().begin.line), std::string(e.description()));
  } catch (const detail::TomlCheckFailed&) {
    throw LoadError(file_, "", 0, "malformed TOML (a table header or key cannot be read)");
  }
}

Builder::Header Builder::read_header(const toml::table& root) const {
  Header h;
  const toml::node* p = root.get("profile");
  if (!p) return h;
  // Members by name, not structured bindings: a lambda cannot capture a
  // structured binding before C++20, and clang 14 (the fuzz build) refuses it.
  for (auto&& member : reader("profile").table(*p, "expected a table")) {
    const auto m = member.first.str();
    const toml::node& mv = member.second;
    const auto r = reader("profile." + std::string(m));
    go_on([&] {
      if (m == "name") h.name = r.string(mv);
      else if (m == "extends") h.extends = r.string(mv);
      else if (m == "title_zh") h.title_zh = r.string(mv);
      else if (m == "title_en") h.title_en = r.string(mv);
      else r.fail(&mv, "unknown key");
    });
  }
  return h;
}

// The profile a profile extends: a shipped one by name, else a file (a
// relative path from the extending file's folder).
PolicyPtr Builder::parent_of(const toml::table& root, const std::string& extends, const std::string& dir, int depth) const {
  const auto r = reader("profile.extends");
  if (depth >= kMaxExtendsDepth) r.fail(root.get("profile"), "profiles extend each other too deeply (a cycle?)");
  if (const BuiltinProfile* b = builtin(extends)) return Builder(b->file, lenient_).build(b->text, nullptr, "", depth + 1, false);
  std::filesystem::path p(extends);
  if (p.is_relative() && !dir.empty()) p = std::filesystem::path(dir) / p;
  std::string text;
  try {
    text = read_file(p.string());
  } catch (const LoadError&) {
    r.fail(root.get("profile"), "cannot open the profile it extends: " + p.string());
  }
  return Builder(p.string(), lenient_).build(text, nullptr, p.parent_path().string(), depth + 1, false);
}

void Builder::name_policy(Policy& policy, const Header& h, const PolicyPtr& parent, bool overlay) const {
  policy.lenient_ = lenient_;
  if (overlay) {
    policy.name_ = parent->name_ + "+overlay";
    return;
  }
  policy.name_ = h.name;
  policy.lineage_.clear();
  policy.lineage_.push_back(h.name);
  if (parent) policy.lineage_.insert(policy.lineage_.end(), parent->lineage_.begin(), parent->lineage_.end());
  policy.title_zh_ = h.title_zh.empty() && parent ? parent->title_zh_ : h.title_zh;
  policy.title_en_ = h.title_en.empty() && parent ? parent->title_en_ : h.title_en;
}

PolicyPtr Builder::build(std::string_view text, const PolicyPtr& parent_in, const std::string& dir, int depth,
                         bool overlay) {
  const toml::table root = parse(text);  // a syntax error ends the reading
  Header h;
  go_on([&] { h = read_header(root); });
  const toml::node* profile = root.get("profile");
  go_on([&] {
    if (overlay) {
      if (!h.extends.empty()) reader("profile.extends").fail(profile, "an overlay applies to the engine's policy and cannot extend");
    } else if (h.name.empty()) {
      reader("profile.name").fail(profile ? profile : &root, "a profile needs [profile] name");
    }
  });

  // The parent: the explicit base for overlays, else `extends` (national by
  // default for every profile but national itself).
  PolicyPtr parent = parent_in;
  if (!overlay) {
    if (h.extends.empty() && h.name != "national") h.extends = "national";
    if (!h.extends.empty()) go_on([&] { parent = parent_of(root, h.extends, dir, depth); });
  }

  auto policy = parent ? std::make_shared<Policy>(*parent) : std::make_shared<Policy>();
  name_policy(*policy, h, parent, overlay);
  if (const toml::node* c = root.get("coverage")) go_on([&] { read_coverage(*c, *policy); });
  if (const toml::node* g = root.get("gaps")) go_on([&] { read_gaps(*g, *policy); });

  std::map<Key, Timeline> defined;
  walk(root, "", defined, overlay ? policy->name_ : h.name);
  throw_collected();
  for (auto& [key, tl] : defined) policy->timelines_[static_cast<std::size_t>(key)] = std::move(tl);
  policy->index_coverage();
  return policy;
}

PolicyPtr load_profile_text(std::string_view text, std::string_view file, bool lenient) {
  const std::string dir = std::filesystem::path(std::string(file)).parent_path().string();
  return Builder(file, lenient).build(text, nullptr, dir, 0, false);
}

PolicyPtr load_profile(std::string_view name_or_path, bool lenient) {
  const std::string_view n = name_or_path.empty() ? std::string_view("national") : name_or_path;
  if (const BuiltinProfile* b = builtin(n)) return Builder(b->file, lenient).build(b->text, nullptr, "", 0, false);
  const std::string path(n);
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw LoadError(path, "", 0, not_a_profile(path));
  const std::string text = read_file(path);
  return Builder(path, lenient).build(text, nullptr, std::filesystem::path(path).parent_path().string(), 0, false);
}

PolicyPtr apply_overlay(const PolicyPtr& base, std::string_view overlay_text, std::string_view file) {
  return Builder(file, base->lenient()).build(overlay_text, base, "", 0, true);
}

std::vector<std::string> check_profile_file(std::string_view path) {
  try {
    (void)load_profile(path, false);
    return {};
  } catch (const LoadError& e) {
    return e.all();
  }
}

}  // namespace pvd::policy
