// The tables of a profile (policy.md §1): the parameters, found by walking
// the dotted keys of the schema, and [coverage] and [gaps], by group.
#include "policy/builder.hpp"

namespace pvd::policy {

namespace {

bool is_prefix_of_a_key(const std::string& p) {
  for (const auto& k : all_keys())
    if (k.name.size() > p.size() && k.name.substr(0, p.size()) == p && k.name[p.size()] == '.') return true;
  return false;
}

}  // namespace

void Builder::walk(const toml::table& t, const std::string& prefix, std::map<Key, Timeline>& out,
                   const std::string& profile) const {
  for (auto&& member : t) {  // not a structured binding: the lambda captures it (clang 14)
    const auto& k = member.first;
    const toml::node& node = member.second;
    if (prefix.empty() && (k.str() == "profile" || k.str() == "coverage" || k.str() == "gaps")) continue;
    const std::string path = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
    go_on([&] { walk_member(path, node, out, profile); });
  }
}

// One member of a table: a key's versions (each bad version kept, the others
// read on), a table of keys, or an unknown key.
void Builder::walk_member(const std::string& path, const toml::node& node, std::map<Key, Timeline>& out,
                          const std::string& profile) const {
  if (auto key = key_by_name(path)) {
    const auto r = reader(path);
    out[*key] = detail::read_timeline(r, *key, r.array(node, "a parameter is written as [[" + path + "]] version tables"),
                                      profile, [&](const std::function<void()>& step) { go_on(step); });
    return;
  }
  if (const auto* sub = node.as_table(); sub && is_prefix_of_a_key(path)) {
    walk(*sub, path, out, profile);
    return;
  }
  // Name the whole unknown key ("no.such.key"), not just its first segment.
  std::string full = path;
  const toml::node* at = &node;
  while (const auto* sub = at->as_table()) {
    if (sub->size() != 1) break;
    full += "." + std::string(sub->cbegin()->first.str());
    at = &sub->cbegin()->second;
  }
  reader(full).fail(at, "unknown key");
}

template <class F>
void Builder::each_group(const toml::node& n, const char* table, F&& f) const {
  for (auto&& group : reader(table).table(n, "expected a table of groups")) {  // captured below: no structured binding (clang 14)
    const auto& gk = group.first;
    const toml::node& gv = group.second;
    const auto r = reader(table + ("." + std::string(gk.str())));
    go_on([&] {
      if (!is_group(gk.str())) r.fail(&gv, "unknown coverage group");
      f(std::string(gk.str()), r, gv);
    });
  }
}

// [coverage]: per group, the window of days the profile's data covers
// (policy.md §1); a profile's window of a group replaces the inherited one.
void Builder::read_coverage(const toml::node& c, Policy& policy) const {
  each_group(c, "coverage", [&](const std::string& group, const detail::NodeReader& r, const toml::node& gv) {
    const auto& w = r.table(gv, "expected { from = 2020-01-01, to = 2026-12-31 }");
    policy.coverage_[group] = r.period(w, {"from", "to"}, "a coverage window needs from and to");
  });
}

// [gaps]: per coverage group, the periods whose figures were not found
// (issue 15: a documented gap, never a guessed figure). A profile's list of
// a group replaces the one it inherits.
void Builder::read_gaps(const toml::node& g, Policy& policy) const {
  each_group(g, "gaps", [&](const std::string& group, const detail::NodeReader& r, const toml::node& gv) {
    std::vector<DeclaredGap> list;
    for (const auto& e : r.array(gv, "expected [{ from = 2015-01-01, to = 2019-06-30, note = \"…\" }, …]")) {
      const auto& w = r.table(e, "expected { from, to, note }");
      const char* missing = "a gap needs from, to and note (why the figure is missing)";
      const toml::node* note = w.get("note");
      const DatePeriod days = r.period(w, {"from", "to", "note"}, missing);
      if (!note) r.fail(&w, missing);
      DeclaredGap gap{days, r.string(*note)};
      if (gap.note.empty()) r.fail(note, "empty note");
      list.push_back(std::move(gap));
    }
    policy.gaps_[group] = std::move(list);
  });
}

}  // namespace pvd::policy
