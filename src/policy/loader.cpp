// Profile loading with toml++: strict validation, every error naming file, key
// and line (policy.md §1).
#include "provident/policy/loader.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#define TOML_HEADER_ONLY 1
#define TOML_ENABLE_FORMATTERS 0
// toml++ 3.3 (Debian's) checks some of its parser's preconditions only with
// assert(): an abort in a debug build, an optimiser assumption (undefined
// behaviour) with NDEBUG. Malformed table headers ("[=", "[&", "[[[1]]]")
// violate one (marzer/tomlplusplus#294, fixed upstream by #301; found here by
// fuzz_policy). In this loader its checks throw instead, and a failed one is
// a load error of the file.
#include <toml++/impl/preprocessor.h>
namespace pvd::policy::detail {
struct TomlCheckFailed {
  const char* expr;
};
}  // namespace pvd::policy::detail
#undef TOML_ASSERT
#define TOML_ASSERT(expr) ((expr) ? static_cast<void>(0) : throw ::pvd::policy::detail::TomlCheckFailed{#expr})
#undef TOML_ASSERT_ASSUME
#define TOML_ASSERT_ASSUME(expr) TOML_ASSERT(expr)
// A check inside one of toml++'s noexcept functions still terminates, as the
// assert() it replaces would; GCC says so at each of them (-Wterminate).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wterminate"
#endif
#include <toml++/toml.h>
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

#include "policy/builtin_profiles.hpp"

namespace pvd::policy {

LoadError::LoadError(std::string file, std::string key, int line, const std::string& what)
    : std::runtime_error(file + ":" + std::to_string(line) + ": " + (key.empty() ? std::string() : key + ": ") + what),
      file_(std::move(file)),
      key_(std::move(key)),
      detail_(what),
      line_(line) {}

bool is_builtin_profile(std::string_view name) noexcept {
  for (const auto& b : builtin_profiles())
    if (b.name == name) return true;
  return false;
}

// Builds a Policy from parsed profile files (defined here so that it can
// reach Policy's private members through the friend declaration).
class Builder {
 public:
  Builder(std::string_view file, bool lenient) : file_(file), lenient_(lenient) {}

  PolicyPtr build(std::string_view text, const PolicyPtr& parent_or_null, const std::string& default_dir, int depth,
                  bool overlay);

 private:
  [[noreturn]] void fail(const std::string& key, const toml::node* n, const std::string& what) const {
    throw LoadError(file_, key, n ? int(n->source().begin.line) : 0, what);
  }
  [[noreturn]] void fail_line(const std::string& key, int line, const std::string& what) const {
    throw LoadError(file_, key, line, what);
  }

  Date date_of(const std::string& key, const toml::node& n) const;
  std::string string_of(const std::string& key, const toml::node& n, const char* what = "a string") const;
  Value decode_value(Key k, const std::string& key, const toml::node& n) const;
  Timeline decode_timeline(Key k, const std::string& key, const toml::array& arr, const std::string& profile) const;
  void walk(const toml::table& t, const std::string& prefix, std::map<Key, Timeline>& out,
            const std::string& profile) const;

  std::string file_;
  bool lenient_;
};

namespace {

constexpr int kMaxExtendsDepth = 8;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw LoadError(path, "", 0, "cannot open the file");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool is_prefix_of_a_key(const std::string& p) {
  for (const auto& k : all_keys())
    if (k.name.size() > p.size() && k.name.substr(0, p.size()) == p && k.name[p.size()] == '.') return true;
  return false;
}

std::optional<int> parse_hhmm(std::string_view s) {
  if (s.size() != 5 || s[2] != ':') return std::nullopt;
  for (int i : {0, 1, 3, 4})
    if (s[std::size_t(i)] < '0' || s[std::size_t(i)] > '9') return std::nullopt;
  const int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
  if (m > 59 || h > 24 || (h == 24 && m != 0)) return std::nullopt;
  return h * 3600 + m * 60;
}

}  // namespace

Date Builder::date_of(const std::string& key, const toml::node& n) const {
  const auto* d = n.as_date();
  if (!d) fail(key, &n, "expected a date (2020-01-01, without quotes)");
  const auto v = d->get();
  auto r = Date::try_of(v.year, v.month, v.day);
  if (!r) fail(key, &n, "not a real date");
  return *r;
}

std::string Builder::string_of(const std::string& key, const toml::node& n, const char* what) const {
  const auto* s = n.as_string();
  if (!s) fail(key, &n, std::string("expected ") + what);
  return s->get();
}

Value Builder::decode_value(Key k, const std::string& key, const toml::node& n) const {
  const KeyInfo& ki = info(k);
  auto table_members = [&](const toml::table& t, std::initializer_list<std::string_view> allowed) {
    for (auto&& [mk, mv] : t) {
      if (std::find(allowed.begin(), allowed.end(), mk.str()) == allowed.end())
        fail(key, &mv, "unknown member '" + std::string(mk.str()) + "' in the value");
    }
  };
  auto need = [&](const toml::table& t, std::string_view m) -> const toml::node& {
    const toml::node* x = t.get(m);
    if (!x) fail(key, &t, "the value lacks '" + std::string(m) + "'");
    return *x;
  };
  auto int_of = [&](const toml::node& x, std::int64_t lo, std::int64_t hi) -> std::int64_t {
    const auto* i = x.as_integer();
    if (!i) fail(key, &x, "expected an integer");
    if (i->get() < lo || i->get() > hi)
      fail(key, &x, "value " + std::to_string(i->get()) + " outside " + std::to_string(lo) + "…" + std::to_string(hi));
    return i->get();
  };
  auto reasons_of = [&](bool with_kind) {
    const auto* arr = n.as_array();
    if (!arr) fail(key, &n, "expected an array of {code, zh, en" + std::string(with_kind ? ", kind}" : "}"));
    ReasonList out;
    std::set<std::string> seen;
    for (const auto& e : *arr) {
      const auto* t = e.as_table();
      if (!t) fail(key, &e, "expected a table {code, zh, en}");
      if (with_kind) table_members(*t, {"code", "zh", "en", "kind"});
      else table_members(*t, {"code", "zh", "en"});
      Reason r{string_of(key, need(*t, "code")), string_of(key, need(*t, "zh")), string_of(key, need(*t, "en")), {}};
      if (r.code.empty()) fail(key, &e, "empty reason code");
      if (with_kind) {
        r.kind = string_of(key, need(*t, "kind"));
        if (r.kind != "missed" && r.kind != "difference") fail(key, &e, "kind must be \"missed\" or \"difference\"");
      }
      if (!seen.insert(r.code).second) fail(key, &e, "duplicate reason code '" + r.code + "'");
      out.push_back(std::move(r));
    }
    return out;
  };

  switch (ki.kind) {
    case Kind::boolean: {
      const auto* b = n.as_boolean();
      if (!b) fail(key, &n, "expected true or false");
      return b->get();
    }
    case Kind::integer: return int_of(n, ki.min, ki.max);
    case Kind::rate: {
      if (n.is_floating_point()) fail(key, &n, "rates are written as strings (\"5%\" or \"0.05\"), never as floats");
      auto r = Rate::parse(string_of(key, n, "a rate string such as \"5%\""));
      if (!r) fail(key, &n, "not a rate (\"5%\", \"0.05\"; at most 9 fractional digits)");
      if (*r > Rate::ratio(10, 1)) fail(key, &n, "a rate above 1000% is not sane");
      return *r;
    }
    case Kind::money: {
      if (n.is_floating_point() || n.is_integer()) fail(key, &n, "money is written as a string (\"2690.00\")");
      auto m = Money::parse(string_of(key, n, "a money string such as \"2690.00\""));
      if (!m) fail(key, &n, "not an amount (\"2690.00\", at most two decimals)");
      if (m->as_fen() < ki.min || m->as_fen() > ki.max) fail(key, &n, "amount outside the sane range");
      return *m;
    }
    case Kind::rounding: {
      const auto* t = n.as_table();
      if (!t) fail(key, &n, "expected { mode = \"half_up\", unit = \"yuan\" }");
      table_members(*t, {"mode", "unit"});
      auto mode = parse_rounding_mode(string_of(key, need(*t, "mode")));
      if (!mode) fail(key, &need(*t, "mode"), "mode must be half_up, half_even, up, down or fen_then_up");
      auto unit = parse_rounding_unit(string_of(key, need(*t, "unit")));
      if (!unit) fail(key, &need(*t, "unit"), "unit must be fen, jiao or yuan");
      return Rounding{*mode, *unit};
    }
    case Kind::window: {
      if (const auto* s = n.as_string()) {
        if (s->get() != "any") fail(key, &n, "expected \"any\" or { days = [1, 25], from = \"08:00\", to = \"17:00\", to_exclusive = true }");
        return Window{};
      }
      const auto* t = n.as_table();
      if (!t) fail(key, &n, "expected \"any\" or a window table");
      table_members(*t, {"days", "from", "to", "to_exclusive"});
      Window w;
      w.any = false;
      const auto* days = need(*t, "days").as_array();
      if (!days || days->size() != 2) fail(key, &need(*t, "days"), "days must be [first, last]");
      w.first_day = int(int_of(*days->get(0), 1, 31));
      w.last_day = int(int_of(*days->get(1), 1, 31));
      if (w.first_day > w.last_day) fail(key, days, "first day after last day");
      auto f = parse_hhmm(string_of(key, need(*t, "from")));
      auto to = parse_hhmm(string_of(key, need(*t, "to")));
      if (!f || !to) fail(key, t, "from and to are times \"HH:MM\"");
      if (*f >= *to) fail(key, t, "from must be before to");
      w.from_seconds = *f;
      w.to_seconds = *to;
      const auto* ex = need(*t, "to_exclusive").as_boolean();
      if (!ex) fail(key, t, "to_exclusive must be true or false");
      w.to_exclusive = ex->get();
      return w;
    }
    case Kind::month_list: {
      const auto* arr = n.as_array();
      if (!arr) fail(key, &n, "expected an array of months 1–12 ([] = any month)");
      MonthList out;
      for (const auto& e : *arr) {
        const int m = int(int_of(e, 1, 12));
        if (!out.empty() && m <= out.back()) fail(key, &e, "months must be ascending without repeats");
        out.push_back(m);
      }
      return out;
    }
    case Kind::text: {
      auto s = string_of(key, n);
      if (s.empty()) fail(key, &n, "empty text");
      return s;
    }
    case Kind::reasons: return reasons_of(false);
    case Kind::back_pay_reasons: return reasons_of(true);
    case Kind::banks: {
      const auto* arr = n.as_array();
      if (!arr) fail(key, &n, "expected an array of {code, zh, en}");
      BankList out;
      std::set<std::string> seen;
      for (const auto& e : *arr) {
        const auto* t = e.as_table();
        if (!t) fail(key, &e, "expected a table {code, zh, en}");
        table_members(*t, {"code", "zh", "en"});
        Bank b{string_of(key, need(*t, "code")), string_of(key, need(*t, "zh")), string_of(key, need(*t, "en"))};
        if (b.code.empty()) fail(key, &e, "empty bank code");
        if (!seen.insert(b.code).second) fail(key, &e, "duplicate bank code '" + b.code + "'");
        out.push_back(std::move(b));
      }
      return out;
    }
    case Kind::ops: {
      const auto* arr = n.as_array();
      if (!arr) fail(key, &n, "expected an array of operation names");
      StringList out;
      for (const auto& e : *arr) {
        auto s = string_of(key, e, "an operation name");
        if (s.empty() || s.find_first_not_of("abcdefghijklmnopqrstuvwxyz_.") != std::string::npos)
          fail(key, &e, "not an operation name: '" + s + "'");
        out.push_back(std::move(s));
      }
      return out;
    }
    case Kind::year_range: {
      const auto* t = n.as_table();
      if (!t) fail(key, &n, "expected { from = 2014, to = 2024 }");
      table_members(*t, {"from", "to"});
      YearRange y{int(int_of(need(*t, "from"), 1900, 2200)), int(int_of(need(*t, "to"), 1900, 2200))};
      if (y.from > y.to) fail(key, t, "from after to");
      return y;
    }
    case Kind::retirement_rule: {
      const auto* t = n.as_table();
      if (!t) fail(key, &n, "expected { original_years, step_months, max_delay_months }");
      table_members(*t, {"original_years", "step_months", "max_delay_months"});
      return RetirementRule{int(int_of(need(*t, "original_years"), 40, 80)), int(int_of(need(*t, "step_months"), 1, 24)),
                            int(int_of(need(*t, "max_delay_months"), 0, 120))};
    }
    case Kind::date: return date_of(key, n);
    case Kind::year_month: {
      auto ym = YearMonth::parse(string_of(key, n, "a month \"2025-01\""));
      if (!ym) fail(key, &n, "not a month \"YYYY-MM\"");
      return *ym;
    }
    case Kind::category: {
      auto s = string_of(key, n);
      if (s != "M60" && s != "F55" && s != "F50") fail(key, &n, "category must be M60, F55 or F50");
      return s;
    }
    case Kind::interest_method: {
      auto s = string_of(key, n);
      if (s != "monthly" && s != "daily" && s != "two_rate") fail(key, &n, "method must be monthly, daily or two_rate");
      return s;
    }
  }
  fail(key, &n, "unsupported kind");
}

Timeline Builder::decode_timeline(Key k, const std::string& key, const toml::array& arr,
                                  const std::string& profile) const {
  Timeline tl;
  if (arr.empty()) fail(key, &arr, "no versions");
  for (const auto& e : arr) {
    const auto* t = e.as_table();
    if (!t) fail(key, &e, "each version is a table [[" + key + "]] with from, value, source and verified");
    for (auto&& [mk, mv] : *t) {
      const auto m = mk.str();
      if (m != "from" && m != "to" && m != "value" && m != "source" && m != "note" && m != "verified")
        fail(key, &mv, "unknown member '" + std::string(m) + "' (a version has from, to, value, source, note, verified)");
    }
    Version v;
    v.line = int(t->source().begin.line);
    v.file = file_;
    v.profile = profile;
    const toml::node* from = t->get("from");
    if (!from) fail(key, t, "a version needs 'from'");
    v.from = date_of(key, *from);
    if (const toml::node* to = t->get("to")) {
      v.to = date_of(key, *to);
      if (*v.to < v.from) fail(key, to, "'to' is before 'from'");
    }
    const toml::node* value = t->get("value");
    if (!value) fail(key, t, "a version needs 'value'");
    v.value = decode_value(k, key, *value);
    const toml::node* source = t->get("source");
    if (!source) fail(key, t, "a version needs 'source' (document, article or seed section)");
    v.source = string_of(key, *source);
    if (v.source.empty()) fail(key, source, "empty source");
    if (const toml::node* note = t->get("note")) v.note = string_of(key, *note);
    const toml::node* verified = t->get("verified");
    if (!verified || !verified->is_boolean()) fail(key, verified ? verified : t, "a version needs 'verified = true|false'");
    v.verified = verified->as_boolean()->get();
    if (!tl.versions.empty()) {
      const Version& prev = tl.versions.back();
      if (!(prev.from < v.from)) fail_line(key, v.line, "versions must be in ascending order of 'from'");
      if (prev.to && !(*prev.to < v.from)) fail_line(key, v.line, "overlaps the previous version, which ends " + prev.to->to_string());
    }
    tl.versions.push_back(std::move(v));
  }
  return tl;
}

void Builder::walk(const toml::table& t, const std::string& prefix, std::map<Key, Timeline>& out,
                   const std::string& profile) const {
  for (auto&& [k, node] : t) {
    if (prefix.empty() && (k.str() == "profile" || k.str() == "coverage")) continue;
    const std::string path = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
    if (auto key = key_by_name(path)) {
      const auto* arr = node.as_array();
      if (!arr) fail(path, &node, "a parameter is written as [[" + path + "]] version tables");
      out[*key] = decode_timeline(*key, path, *arr, profile);
      continue;
    }
    if (const auto* sub = node.as_table(); sub && is_prefix_of_a_key(path)) {
      walk(*sub, path, out, profile);
      continue;
    }
    // Name the whole unknown key ("no.such.key"), not just its first segment.
    std::string full = path;
    const toml::node* at = &node;
    while (const auto* sub = at->as_table()) {
      if (sub->size() != 1) break;
      full += "." + std::string(sub->cbegin()->first.str());
      at = &sub->cbegin()->second;
    }
    fail(full, at, "unknown key");
  }
}

/// The line of the first byte outside the ASCII range that stands outside a
/// string and a comment, or 0. TOML 1.0 allows such characters only inside
/// strings and comments; toml++ 3.3 classifies one found elsewhere with a
/// function that reaches __builtin_unreachable for most code points
/// (is_non_ascii_horizontal_whitespace: undefined behaviour, found by
/// fuzz_policy). A missing opening quote before Chinese text is the everyday
/// way to get there, so the loader refuses such text itself, naming the line.
static int non_ascii_outside_strings(std::string_view t) {
  int line = 1;
  std::size_t i = t.starts_with("\xEF\xBB\xBF") ? 3 : 0;  // a UTF-8 byte order mark
  auto at = [&](std::size_t k, std::string_view s) { return t.compare(k, s.size(), s) == 0; };
  auto count_newlines = [&](std::size_t from, std::size_t to) {
    for (std::size_t k = from; k < to && k < t.size(); ++k) line += t[k] == '\n';
  };
  while (i < t.size()) {
    const char c = t[i];
    if (c == '\n') {
      ++line;
      ++i;
    } else if (c == '#') {
      while (i < t.size() && t[i] != '\n') ++i;
    } else if (c == '"' || c == '\'') {
      const bool basic = c == '"';
      const bool multi = at(i, basic ? "\"\"\"" : "\'\'\'");
      const std::string_view close = multi ? (basic ? "\"\"\"" : "\'\'\'") : std::string_view(&t[i], 1);
      std::size_t k = i + close.size();
      while (k < t.size() && !at(k, close) && (multi || t[k] != '\n')) k += basic && t[k] == '\\' ? 2 : 1;
      if (k < t.size() && at(k, close)) {
        k += close.size();
        for (int extra = 0; multi && extra < 2 && k < t.size() && t[k] == c; ++extra) ++k;  // """a"""" ends in a quote
      }
      count_newlines(i, std::min(k, t.size()));
      i = k;
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      return line;
    } else {
      ++i;
    }
  }
  return 0;
}

PolicyPtr Builder::build(std::string_view text, const PolicyPtr& parent_in, const std::string& dir, int depth,
                         bool overlay) {
  if (const int line = non_ascii_outside_strings(text))
    throw LoadError(file_, "", line, "a character outside ASCII that is not in a string or a comment (a missing quote?)");
  toml::table root;
  try {
    root = toml::parse(text, file_);
  } catch (const toml::parse_error& e) {
    throw LoadError(file_, "", int(e.source().begin.line), std::string(e.description()));
  } catch (const detail::TomlCheckFailed&) {
    throw LoadError(file_, "", 0, "malformed TOML (a table header or key cannot be read)");
  }

  std::string name, extends, title_zh, title_en;
  if (const toml::node* p = root.get("profile")) {
    const auto* t = p->as_table();
    if (!t) fail("profile", p, "expected a table");
    for (auto&& [mk, mv] : *t) {
      const auto m = mk.str();
      if (m == "name") name = string_of("profile.name", mv);
      else if (m == "extends") extends = string_of("profile.extends", mv);
      else if (m == "title_zh") title_zh = string_of("profile.title_zh", mv);
      else if (m == "title_en") title_en = string_of("profile.title_en", mv);
      else fail("profile." + std::string(m), &mv, "unknown key");
    }
  }
  if (overlay) {
    if (!extends.empty()) fail("profile.extends", root.get("profile"), "an overlay applies to the engine's policy and cannot extend");
  } else if (name.empty()) {
    fail("profile.name", root.get("profile") ? root.get("profile") : &root, "a profile needs [profile] name");
  }

  // The parent: the explicit base for overlays, else `extends` (national by
  // default for every profile but national itself).
  PolicyPtr parent = parent_in;
  if (!overlay) {
    if (extends.empty() && name != "national") extends = "national";
    if (!extends.empty()) {
      if (depth >= kMaxExtendsDepth) fail("profile.extends", root.get("profile"), "profiles extend each other too deeply (a cycle?)");
      if (is_builtin_profile(extends)) {
        for (const auto& b : builtin_profiles())
          if (b.name == extends) parent = Builder(b.file, lenient_).build(b.text, nullptr, "", depth + 1, false);
      } else {
        std::filesystem::path p(extends);
        if (p.is_relative() && !dir.empty()) p = std::filesystem::path(dir) / p;
        std::string text2;
        try {
          text2 = read_file(p.string());
        } catch (const LoadError&) {
          fail("profile.extends", root.get("profile"), "cannot open the profile it extends: " + p.string());
        }
        parent = Builder(p.string(), lenient_).build(text2, nullptr, p.parent_path().string(), depth + 1, false);
      }
    }
  }

  auto policy = parent ? std::make_shared<Policy>(*parent) : std::make_shared<Policy>();
  if (overlay) {
    policy->name_ = parent->name_ + "+overlay";
  } else {
    policy->name_ = name;
    policy->lineage_.clear();
    policy->lineage_.push_back(name);
    if (parent)
      policy->lineage_.insert(policy->lineage_.end(), parent->lineage_.begin(), parent->lineage_.end());
    policy->title_zh_ = title_zh.empty() && parent ? parent->title_zh_ : title_zh;
    policy->title_en_ = title_en.empty() && parent ? parent->title_en_ : title_en;
  }
  policy->lenient_ = lenient_;

  if (const toml::node* c = root.get("coverage")) {
    const auto* t = c->as_table();
    if (!t) fail("coverage", c, "expected a table of groups");
    for (auto&& [gk, gv] : *t) {
      const std::string key = "coverage." + std::string(gk.str());
      if (!is_group(gk.str())) fail(key, &gv, "unknown coverage group");
      const auto* w = gv.as_table();
      if (!w) fail(key, &gv, "expected { from = 2020-01-01, to = 2026-12-31 }");
      for (auto&& [mk, mv] : *w)
        if (mk.str() != "from" && mk.str() != "to") fail(key, &mv, "unknown member '" + std::string(mk.str()) + "'");
      const toml::node* f = w->get("from");
      const toml::node* to = w->get("to");
      if (!f || !to) fail(key, w, "a coverage window needs from and to");
      DatePeriod p{date_of(key, *f), date_of(key, *to)};
      if (p.inverted()) fail(key, w, "'to' is before 'from'");
      policy->coverage_[std::string(gk.str())] = p;
    }
  }

  std::map<Key, Timeline> defined;
  walk(root, "", defined, overlay ? policy->name_ : name);
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
  for (const auto& b : builtin_profiles())
    if (b.name == n) return Builder(b.file, lenient).build(b.text, nullptr, "", 0, false);
  const std::string path(n);
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
    return {e.what()};
  }
}

}  // namespace pvd::policy
