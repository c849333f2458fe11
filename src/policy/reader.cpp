// The node reader of the policy loader and the reading of a key's versions
// (policy.md §1): strict, every error naming file, key and line.
#include "policy/reader.hpp"

#include <algorithm>

namespace pvd::policy::detail {

void NodeReader::fail(const toml::node* n, const std::string& what) const {
  throw LoadError(file_, key_, n ? int(n->source().begin.line) : 0, what);
}

void NodeReader::fail_line(int line, const std::string& what) const { throw LoadError(file_, key_, line, what); }

void NodeReader::only(const toml::table& t, std::initializer_list<std::string_view> allowed, std::string_view hint) const {
  for (auto&& [mk, mv] : t)
    if (std::find(allowed.begin(), allowed.end(), mk.str()) == allowed.end())
      fail(&mv, "unknown member '" + std::string(mk.str()) + "'" + std::string(hint));
}

const toml::node& NodeReader::need(const toml::table& t, std::string_view m) const {
  const toml::node* x = t.get(m);
  if (!x) fail(&t, "the value lacks '" + std::string(m) + "'");
  return *x;
}

const toml::table& NodeReader::table(const toml::node& n, const std::string& expected) const {
  const auto* t = n.as_table();
  if (!t) fail(&n, expected);
  return *t;
}

const toml::array& NodeReader::array(const toml::node& n, const std::string& expected) const {
  const auto* a = n.as_array();
  if (!a) fail(&n, expected);
  return *a;
}

Date NodeReader::date(const toml::node& n) const {
  const auto* d = n.as_date();
  if (!d) fail(&n, "expected a date (2020-01-01, without quotes)");
  const auto v = d->get();
  auto r = Date::try_of(v.year, v.month, v.day);
  if (!r) fail(&n, "not a real date");
  return *r;
}

std::string NodeReader::string(const toml::node& n, const char* what) const {
  const auto* s = n.as_string();
  if (!s) fail(&n, std::string("expected ") + what);
  return s->get();
}

std::int64_t NodeReader::integer(const toml::node& n, std::int64_t lo, std::int64_t hi) const {
  const auto* i = n.as_integer();
  if (!i) fail(&n, "expected an integer");
  if (i->get() < lo || i->get() > hi)
    fail(&n, "value " + std::to_string(i->get()) + " outside " + std::to_string(lo) + "…" + std::to_string(hi));
  return i->get();
}

bool NodeReader::boolean(const toml::node& n, const toml::node* at, const std::string& expected) const {
  const auto* b = n.as_boolean();
  if (!b) fail(at, expected);
  return b->get();
}

DatePeriod NodeReader::period(const toml::table& w, std::initializer_list<std::string_view> members,
                              const char* missing) const {
  only(w, members, "");
  const toml::node* f = w.get("from");
  const toml::node* to = w.get("to");
  if (!f || !to) fail(&w, missing);
  DatePeriod p{date(*f), date(*to)};
  if (p.inverted()) fail(&w, "'to' is before 'from'");
  return p;
}

namespace {

/// 暂按上年度标准执行 (issue 15): until a period's figure is published, a
/// centre bills on the previous period's figure and settles the difference
/// once it is announced. A provisional version carries no value of its own:
/// it is the previous version's value, carried forward, and names it.
void read_version_value(const NodeReader& r, Key k, const toml::table& t, const Timeline& before, Version& v) {
  const toml::node* provisional = t.get("provisional");
  if (provisional) v.provisional = r.boolean(*provisional, provisional, "'provisional' is true or false");
  const toml::node* value = t.get("value");
  if (v.provisional) {
    if (value) r.fail(value, "a provisional version carries the previous version's value forward and has no 'value' of its own");
    if (before.versions.empty()) r.fail(&t, "a provisional version needs a previous version (the figure it carries forward)");
    const Version& prev = before.versions.back();
    v.value = prev.value;
    v.carried_from = prev.carried_from ? prev.carried_from : std::optional<Date>(prev.from);
  } else {
    if (!value) r.fail(&t, "a version needs 'value'");
    v.value = read_value(r, k, *value);
  }
}

/// The source, note and verified flag of a version.
void read_version_source(const NodeReader& r, const toml::table& t, Version& v) {
  const toml::node* source = t.get("source");
  if (!source) r.fail(&t, "a version needs 'source' (document, article or seed section)");
  v.source = r.string(*source);
  if (v.source.empty()) r.fail(source, "empty source");
  if (const toml::node* note = t.get("note")) v.note = r.string(*note);
  const toml::node* verified = t.get("verified");
  if (!verified) r.fail(&t, "a version needs 'verified = true|false'");
  v.verified = r.boolean(*verified, verified, "a version needs 'verified = true|false'");
  if (v.provisional && v.verified) r.fail(verified, "a provisional version is not a published figure: verified = false");
}

Version read_version(const NodeReader& r, Key k, const toml::node& e, const Timeline& before, const std::string& profile) {
  const auto* t = e.as_table();
  if (!t) r.fail(&e, "each version is a table [[" + r.key() + "]] with from, value, source and verified");
  r.only(*t, {"from", "to", "value", "source", "note", "verified", "provisional"},
         " (a version has from, to, value, source, note, verified, provisional)");
  Version v;
  v.line = int(t->source().begin.line);
  v.file = r.file();
  v.profile = profile;
  const toml::node* from = t->get("from");
  if (!from) r.fail(t, "a version needs 'from'");
  v.from = r.date(*from);
  if (const toml::node* to = t->get("to")) {
    v.to = r.date(*to);
    if (*v.to < v.from) r.fail(to, "'to' is before 'from'");
  }
  read_version_value(r, k, *t, before, v);
  read_version_source(r, *t, v);
  return v;
}

}  // namespace

Timeline read_timeline(const NodeReader& r, Key k, const toml::array& arr, const std::string& profile, const GoOn& go_on) {
  Timeline tl;
  if (arr.empty()) r.fail(&arr, "no versions");
  for (const auto& e : arr) {
    go_on([&] {
      Version v = read_version(r, k, e, tl, profile);
      if (!tl.versions.empty()) {
        const Version& prev = tl.versions.back();
        if (!(prev.from < v.from)) r.fail_line(v.line, "versions must be in ascending order of 'from'");
        if (prev.to && !(*prev.to < v.from)) r.fail_line(v.line, "overlaps the previous version, which ends " + prev.to->to_string());
      }
      tl.versions.push_back(std::move(v));
    });
  }
  return tl;
}

/// The line of the first byte outside the ASCII range that stands outside a
/// string and a comment, or 0 (exact for valid TOML, where quotes open strings
/// only). TOML 1.0 allows such characters only inside strings and comments; a
/// missing opening quote before Chinese text is the everyday way to write one
/// elsewhere, and this names the line with a hint where toml++ would report
/// an unexpected character. (The undefined behaviour toml++ 3.3 had on such
/// text is closed in policy/toml.hpp.)
int non_ascii_outside_strings(std::string_view t) {
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

}  // namespace pvd::policy::detail
