// provident — the command-line interface (protocol.md §4).
//
//   provident exec [--policy NAME|PATH] [--db PATH] [--lenient] [--overlay FILE]
//   provident demo [--db PATH] [--lang zh|en|both]
//   provident policy list | show NAME | check FILE
#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "cli/demo.hpp"
#include "engine/operations.hpp"
#include "provident/rules/violation.hpp"
#include "protocol/json.hpp"
#include "provident/engine.hpp"
#include "provident/policy/describe.hpp"
#include "provident/policy/horizon.hpp"
#include "provident/policy/loader.hpp"
#include "provident/version.hpp"

namespace {

std::optional<std::string> read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

int run_exec(const pvd::EngineOptions& options) {
  std::unique_ptr<pvd::Engine> engine;
  try {
    engine = std::make_unique<pvd::Engine>(options);
  } catch (const std::exception& e) {
    std::cerr << "provident: cannot open the engine: " << e.what() << "\n";
    return 2;
  }
  std::ios::sync_with_stdio(false);
  std::string line;
  // A line is read up to the request limit (protocol.md §1.3) and no
  // further: the rest of a longer line is skipped without being kept, and
  // the line answers REQ_TOO_LARGE (the engine's own check on what it got).
  const std::size_t limit = pvd::protocol::kMaxRequestBytes + 1;
  for (;;) {
    line.clear();
    bool more = false, too_long = false;
    std::streambuf* in = std::cin.rdbuf();
    for (int c; (c = in->sbumpc()) != std::char_traits<char>::eof();) {
      more = true;
      if (c == '\n') break;
      if (line.size() < limit) line.push_back(static_cast<char>(c));
      else too_long = true;
    }
    if (!more) break;
    if (!line.empty() && line.back() == '\r' && !too_long) line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;  // blank lines are skipped
    std::cout << engine->execute(line) << '\n' << std::flush;
  }
  return 0;
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

std::string md_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += "\\|";
    else out.push_back(c);
  }
  return out;
}

// `provident ops`: every registered operation (the registry is the truth).
int run_ops(bool markdown) {
  const auto ops = pvd::engine::operations().all();
  auto kind = [](pvd::protocol::OpKind k) {
    return k == pvd::protocol::OpKind::calculator ? "calculator" : k == pvd::protocol::OpKind::command ? "command" : "query";
  };
  if (markdown) {
    std::cout << "| operation | kind | may be reviewed | what it does |\n|---|---|---|---|\n";
    for (const auto* op : ops)
      std::cout << "| `" << op->name << "` | " << kind(op->kind) << " | " << (op->reviewable ? "yes" : "") << " | "
                << md_escape(op->summary) << " |\n";
    return 0;
  }
  for (const auto* op : ops) std::cout << op->name << "\t" << kind(op->kind) << (op->reviewable ? "\treviewable" : "\t") << "\t" << op->summary << "\n";
  return 0;
}

// `provident codes`: every stable violation and error code with its messages and source.
int run_codes(bool markdown) {
  if (markdown) {
    std::cout << "| code | kind | message (zh-CN) | message (en) | source |\n|---|---|---|---|---|\n";
    for (const auto& c : pvd::all_codes())
      std::cout << "| `" << c.code << "` | " << (c.is_error ? "error" : "violation") << " | " << md_escape(c.message_zh) << " | "
                << md_escape(c.message_en) << " | " << md_escape(c.source) << " |\n";
    return 0;
  }
  for (const auto& c : pvd::all_codes())
    std::cout << c.code << "\t" << (c.is_error ? "error" : "violation") << "\t" << c.source << "\t" << c.message_en << "\n";
  return 0;
}

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

int run_policy_show(const std::string& name) {
  pvd::policy::PolicyPtr p;
  try {
    p = pvd::policy::load_profile(name);
  } catch (const std::exception& e) {
    std::cerr << "provident: " << e.what() << "\n";
    return 1;
  }
  std::cout << p->name() << "  " << p->title_zh() << " / " << p->title_en() << "\n";
  for (const auto& [g, w] : p->coverages()) std::cout << "covers " << g << ": " << w.from.to_string() << " .. " << w.to.to_string() << "\n";
  std::cout << "\n";
  for (const auto& k : pvd::policy::all_keys()) print_versions(*p, k.key);
  return 0;
}

// `provident policy check NAME|FILE… [--shipped] [--from D] [--until D]`: each
// profile loads; with --until, every parameter it covers answers on every day
// from --from (default 2015-01-01) to --until except the gaps it declares
// (issue 15). Prints per profile the parameters' last days in force and the
// provisional and unverified versions the range rests on.
int run_policy_check(std::vector<std::string> names, bool shipped, const std::string& from_text,
                     const std::string& until_text) {
  if (shipped)
    for (const auto& n : pvd::Engine::shipped_profiles()) names.push_back(n);
  if (names.empty()) {
    std::cerr << "provident: policy check: name a profile or file, or give --shipped\n";
    return 2;
  }
  std::optional<pvd::Date> from = pvd::Date::of(2015, 1, 1), until;
  if (!from_text.empty() && !(from = pvd::Date::parse(from_text))) {
    std::cerr << "provident: policy check: --from is not a date (YYYY-MM-DD): " << from_text << "\n";
    return 2;
  }
  if (!until_text.empty() && !(until = pvd::Date::parse(until_text))) {
    std::cerr << "provident: policy check: --until is not a date (YYYY-MM-DD): " << until_text << "\n";
    return 2;
  }
  int failed = 0;
  for (const auto& name : names) {
    pvd::policy::PolicyPtr p;
    try {
      p = pvd::policy::load_profile(name);
    } catch (const std::exception& e) {
      std::cerr << e.what() << "\n";
      ++failed;
      continue;
    }
    if (!until) {
      std::cout << name << ": ok\n";
      continue;
    }
    const auto h = pvd::policy::horizon(*p, *from, *until);
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
    std::cout << name << ": " << (h.problems.empty() ? "answers" : "does NOT answer") << " from " << from->to_string()
              << " until " << until->to_string() << " (" << h.parameters.size() << " parameters, " << provisional
              << " provisional and " << unverified << " unverified versions in the range)\n";
    if (!h.problems.empty()) ++failed;
  }
  return failed ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"provident — rules engine for China's housing provident fund and social insurance"};
  app.set_version_flag("--version", std::string(PROVIDENT_VERSION_STRING));
  app.require_subcommand(1);

  pvd::EngineOptions options;
  std::string overlay_file;
  auto* exec = app.add_subcommand("exec", "Run JSON requests, one per line on stdin, one response per line on stdout");
  exec->add_option("--policy", options.policy, "Default profile: a shipped name or a file path (default national)");
  std::string db;
  exec->add_option("--db", db, "SQLite database file for the store (default: in memory)");
  exec->add_flag("--lenient", options.lenient_policy, "Carry the last value of a parameter forward instead of POLICY_NOT_IN_FORCE");
  exec->add_flag("--strict", options.strict_policy, "Refuse provisional (carried-forward, unpublished) figures with POLICY_NOT_IN_FORCE");
  exec->add_option("--overlay", overlay_file, "A policy overlay file (TOML) applied on top of the default profile");

  std::string demo_db;
  std::string demo_lang = "both";
  auto* demo = app.add_subcommand("demo", "Walk a bilingual story through the seeds' flows");
  demo->add_option("--db", demo_db, "SQLite database file (default: provident-demo.sqlite in the current folder)");
  demo->add_option("--lang", demo_lang, "zh, en or both")->check(CLI::IsMember({"zh", "en", "both"}));

  bool ops_md = false, codes_md = false;
  auto* ops = app.add_subcommand("ops", "List every operation with its kind");
  ops->add_flag("--markdown", ops_md, "As a Markdown table");
  auto* codes = app.add_subcommand("codes", "List every stable violation and error code with its messages and source");
  codes->add_flag("--markdown", codes_md, "As a Markdown table");

  auto* pol = app.add_subcommand("policy", "Inspect and check policy profiles");
  pol->require_subcommand(1);
  pol->add_subcommand("list", "List the shipped profiles");
  std::string show_name, check_from, check_until;
  std::vector<std::string> check_names;
  bool check_shipped = false;
  pol->add_subcommand("show", "Show every parameter of a profile with its versions and sources")
      ->add_option("name", show_name, "Profile name or file")->required();
  auto* check = pol->add_subcommand("check", "Validate profiles; with --until, check that they answer through a date");
  check->add_option("profiles", check_names, "Profile names or files");
  check->add_flag("--shipped", check_shipped, "Every shipped profile");
  check->add_option("--from", check_from, "First day that must be answered (default 2015-01-01)");
  check->add_option("--until", check_until, "Last day that must be answered (YYYY-MM-DD)");

  CLI11_PARSE(app, argc, argv);

  if (exec->parsed()) {
    if (!db.empty()) options.db_path = db;
    if (!overlay_file.empty()) {
      auto text = read_text_file(overlay_file);
      if (!text) {
        std::cerr << "provident: cannot read the overlay file " << overlay_file << "\n";
        return 2;
      }
      options.overlay = *text;
    }
    return run_exec(options);
  }
  if (ops->parsed()) return run_ops(ops_md);
  if (codes->parsed()) return run_codes(codes_md);
  if (demo->parsed()) return pvd::cli::run_demo(demo_db.empty() ? "provident-demo.sqlite" : demo_db, demo_lang);
  if (pol->parsed()) {
    if (pol->got_subcommand("list")) return run_policy_list();
    if (pol->got_subcommand("show")) return run_policy_show(show_name);
    if (pol->got_subcommand("check")) return run_policy_check(check_names, check_shipped, check_from, check_until);
  }
  return 0;
}
