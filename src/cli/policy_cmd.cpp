// `provident policy list | show | check` (protocol.md §4): a profile is loaded
// with the overlay applied, as `exec --overlay` does, and every error the
// loader finds is printed (LoadError::all), not only the first.
#include "cli/policy_cmd.hpp"

#include <iostream>

#include "provident/engine.hpp"
#include "provident/policy/describe.hpp"
#include "provident/policy/horizon.hpp"
#include "provident/policy/loader.hpp"

namespace pvd::cli {

namespace {

/// Prints every error of e on stderr, one a line, then how many.
void print_errors(const std::string& name, const pvd::policy::LoadError& e) {
  for (const auto& m : e.all()) std::cerr << m << "\n";
  std::cerr << name << ": " << e.all().size() << (e.all().size() == 1 ? " error\n" : " errors\n");
}

/// The profile with the overlay applied, or null after printing every error.
pvd::policy::PolicyPtr load(const std::string& name, const std::optional<std::string>& overlay,
                            const std::string& overlay_file) {
  try {
    auto p = pvd::policy::load_profile(name);
    return overlay ? pvd::policy::apply_overlay(p, *overlay, overlay_file) : p;
  } catch (const pvd::policy::LoadError& e) {
    print_errors(name, e);
    return nullptr;
  }
}

void print_versions(const pvd::policy::Policy& p, pvd::policy::Key k) {
  const auto& info = pvd::policy::info(k);
  const auto& tl = p.timeline(k);
  std::cout << info.name << "  (" << info.meaning << "; group " << info.group << ")\n";
  if (tl.empty()) {
    std::cout << "    (no value)\n";
    return;
  }
  for (const auto& v : tl.versions) {
    std::cout << "    " << v.from.to_string() << " .. " << (v.to ? v.to->to_string() : std::string("          "))
              << "  " << pvd::policy::describe(v.value) << (v.verified ? "" : "   [illustrative]") << "\n"
              << "        source: " << v.source << "  (" << v.file << ":" << v.line << ")\n";
    if (!v.note.empty()) std::cout << "        note: " << v.note << "\n";
  }
}

/// With --until: whether every parameter answers from `from` to `until`.
bool answers(const std::string& name, const pvd::policy::Policy& p, pvd::Date from, pvd::Date until) {
  const auto h = pvd::policy::horizon(p, from, until);
  std::size_t provisional = 0, unverified = 0;
  for (const auto& ph : h.parameters) {
    provisional += ph.provisional.size();
    unverified += ph.unverified.size();
    std::cout << "  " << pvd::policy::info(ph.key).name << ": in force until "
              << (ph.last_in_force ? ph.last_in_force->to_string() : std::string("never"));
    for (const auto& g : ph.gaps)
      if (g.declared) std::cout << "; declared gap " << g.days.from.to_string() << ".." << g.days.to.to_string();
    for (const auto& v : ph.provisional) std::cout << "; provisional " << v;
    std::cout << "\n";
  }
  for (const auto& problem : h.problems) std::cerr << name << ": " << problem << "\n";
  std::cout << name << ": " << (h.problems.empty() ? "answers" : "does NOT answer") << " from " << from.to_string()
            << " until " << until.to_string() << " (" << h.parameters.size() << " parameters, " << provisional
            << " provisional and " << unverified << " unverified versions in the range)\n";
  return h.problems.empty();
}

}  // namespace

int run_policy_list() {
  for (const auto& name : pvd::Engine::shipped_profiles()) {
    auto p = pvd::policy::load_profile(name);
    std::cout << name << "  " << p->title_zh() << " / " << p->title_en() << "\n";
    std::string chain;
    for (const auto& l : p->lineage()) chain += (chain.empty() ? "" : " → ") + l;
    std::cout << "    extends: " << chain << "\n    covers:";
    for (const auto& [g, w] : p->coverages()) std::cout << " " << g << " " << w.from.to_string() << ".." << w.to.to_string() << ";";
    std::cout << "\n";
  }
  return 0;
}

int run_policy_show(const std::string& name, const std::optional<std::string>& overlay, const std::string& overlay_file) {
  const auto p = load(name, overlay, overlay_file);
  if (!p) return 1;
  std::cout << p->name() << "  " << p->title_zh() << " / " << p->title_en() << "\n";
  for (const auto& [g, w] : p->coverages()) std::cout << "covers " << g << ": " << w.from.to_string() << " .. " << w.to.to_string() << "\n";
  std::cout << "\n";
  for (const auto& k : pvd::policy::all_keys()) print_versions(*p, k.key);
  return 0;
}

// `provident policy check NAME|FILE… [--shipped] [--overlay FILE] [--from D]
// [--until D]`: each profile loads; with --until, every parameter it covers
// answers on every day from --from (default 2015-01-01) to --until except the
// gaps it declares (issue 15). Prints per profile the parameters' last days in
// force and the provisional and unverified versions the range rests on.
int run_policy_check(const PolicyCheck& check) {
  std::vector<std::string> names = check.names;
  if (check.shipped)
    for (const auto& n : pvd::Engine::shipped_profiles()) names.push_back(n);
  if (names.empty()) {
    std::cerr << "provident: policy check: name a profile or file, or give --shipped\n";
    return 2;
  }
  std::optional<pvd::Date> from = pvd::Date::of(2015, 1, 1), until;
  if (!check.from.empty() && !(from = pvd::Date::parse(check.from))) {
    std::cerr << "provident: policy check: --from is not a date (YYYY-MM-DD): " << check.from << "\n";
    return 2;
  }
  if (!check.until.empty() && !(until = pvd::Date::parse(check.until))) {
    std::cerr << "provident: policy check: --until is not a date (YYYY-MM-DD): " << check.until << "\n";
    return 2;
  }
  int failed = 0;
  for (const auto& name : names) {
    const auto p = load(name, check.overlay, check.overlay_file);
    if (!p) ++failed;
    else if (!until) std::cout << name << (check.overlay ? " with " + check.overlay_file : std::string()) << ": ok\n";
    else if (!answers(name, *p, *from, *until)) ++failed;
  }
  return failed ? 1 : 0;
}

}  // namespace pvd::cli
