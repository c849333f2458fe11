// provident — the command-line interface (protocol.md §4).
//
//   provident exec [FILE…] [--policy NAME|PATH] [--db PATH|URI] [--readonly] [--stats] [--lenient] [--strict]
//                  [--overlay FILE] [--pretty | --lang zh|en]
//   provident batch deposit|late-fee|min-months|retirement IN.csv OUT.csv [--as-of …] [--policy …] [--overlay FILE]
//   provident demo [--db PATH] [--lang zh|en|both]
//   provident policy list | show NAME [--overlay FILE] | check NAME|FILE… [--overlay FILE]
//   provident ops [OP] [--json | --markdown] | codes [--markdown]
//
// Exit status: 0 when everything went well (every response ok), 1 when a
// response is not ok (an error or a denial), a profile does not load or a
// batch row is bad, 2 for a usage or I/O error (CLI11's parse errors
// included); --help and --version 0.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "cli/batch.hpp"
#include "cli/demo.hpp"
#include "cli/exec.hpp"
#include "cli/ops_cmd.hpp"
#include "cli/policy_cmd.hpp"
#include "provident/rules/violation.hpp"
#include "protocol/json.hpp"
#include "provident/engine.hpp"
#include "provident/version.hpp"

namespace {

/// The overlay file's text, or nullopt after naming the file and errno's reason.
std::optional<std::string> read_text_file(const std::string& path) {
  std::ifstream in;
  if (const auto why = pvd::cli::open_to_read(path, in)) {
    std::cerr << "provident: cannot read the overlay file " << path << ": " << *why << "\n";
    return std::nullopt;
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// "provident foo" → "unknown subcommand foo" (CLI11 would say that a
/// subcommand is required, or that the argument was not expected): the first
/// words of the command line are followed down the subcommands.
std::optional<std::string> unknown_subcommand(CLI::App& app, int argc, char** argv) {
  CLI::App* at = &app;
  std::string path = "provident";
  for (int i = 1; i < argc; ++i) {
    const std::string word = argv[i];
    const auto subs = at->get_subcommands([](CLI::App*) { return true; });
    if (word.empty() || word[0] == '-' || subs.empty()) return std::nullopt;
    const auto it = std::find_if(subs.begin(), subs.end(), [&](CLI::App* s) { return s->get_name() == word; });
    if (it == subs.end()) return "unknown subcommand " + word + "; run " + path + " --help";
    at = *it;
    path += " " + word;
  }
  return std::nullopt;
}

/// Parses the command line: nullopt to go on, else the exit status (0 for
/// --help and --version, 2 for a usage error).
std::optional<int> parse(CLI::App& app, int argc, char** argv) {
  if (const auto unknown = unknown_subcommand(app, argc, argv)) {
    std::cerr << "provident: " << *unknown << "\n";
    return 2;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int status = app.exit(e);  // prints CLI11's message and the --help hint
    return status == 0 ? 0 : 2;
  }
  return std::nullopt;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"provident — rules engine for China's housing provident fund and social insurance"};
  app.set_version_flag("--version", std::string(PROVIDENT_VERSION_STRING));
  app.require_subcommand(1);
  app.footer("Exit status: 0 all ok; 1 a response not ok (an error or a denial), a profile that does not load, a bad batch row; 2 a usage or I/O error.");

  pvd::cli::ExecOptions ex;
  std::string overlay_file, db, lang;
  bool pretty = false;
  auto* exec = app.add_subcommand("exec", "Run JSON requests, one per line, from FILEs or stdin; one answer line per input line");
  exec->add_option("files", ex.files, "Request files read in order ('-' = stdin; none = stdin)");
  exec->add_option("--policy", ex.engine.policy, "Default profile: a shipped name or a file path (default national)");
  exec->add_option("--db", db, "The store: an SQLite database file, or a postgresql:// URI (default: in memory)");
  exec->add_flag("--readonly", ex.engine.readonly, "Open the store read-only: state-changing requests are refused");
  exec->add_flag("--stats", ex.stats, "At the end, the store's retries by cause as one JSON line on stderr");
  exec->add_flag("--lenient", ex.engine.lenient_policy, "Carry the last value of a parameter forward instead of POLICY_NOT_IN_FORCE");
  exec->add_flag("--strict", ex.engine.strict_policy, "Refuse provisional (carried-forward, unpublished) figures with POLICY_NOT_IN_FORCE");
  exec->add_option("--overlay", overlay_file, "A policy overlay file (TOML) applied on top of the default profile");
  auto* pretty_flag = exec->add_flag("--pretty", pretty, "Indented JSON for people (a response spans several lines)");
  exec->add_option("--lang", lang, "One line of text per response in zh or en instead of JSON")
      ->check(CLI::IsMember({"zh", "en"}))
      ->excludes(pretty_flag);

  pvd::cli::BatchOptions batch_opts;
  std::string batch_overlay;
  auto* batch = app.add_subcommand("batch", "Run a batch calculator over a CSV file (a header line names the columns)");
  batch->add_option("calculator", batch_opts.calculator, "deposit, late-fee, min-months or retirement")
      ->required()
      ->check(CLI::IsMember(pvd::cli::batch_calculators()));
  batch->add_option("in", batch_opts.in, "Input CSV")->required();
  batch->add_option("out", batch_opts.out, "Output CSV: the input columns and the results")->required();
  batch->add_option("--as-of", batch_opts.as_of, "The month (YYYY-MM) or day (YYYY-MM-DD) the rules are read on (deposit, retirement)");
  batch->add_option("--policy", batch_opts.engine.policy, "Profile: a shipped name or a file path (default national)");
  batch->add_option("--overlay", batch_overlay, "A policy overlay file (TOML) applied on top of the profile");
  batch->add_flag("--lenient", batch_opts.engine.lenient_policy, "Carry the last value of a parameter forward");
  batch->add_flag("--strict", batch_opts.engine.strict_policy, "Refuse provisional figures");

  std::string demo_db;
  std::string demo_lang = "both";
  auto* demo = app.add_subcommand("demo", "Walk a bilingual story through the seeds' flows");
  demo->add_option("--db", demo_db, "SQLite database file (default: provident-demo.sqlite in the current folder)");
  demo->add_option("--lang", demo_lang, "zh, en or both")->check(CLI::IsMember({"zh", "en", "both"}));

  bool ops_md = false, codes_md = false;
  std::optional<std::string> ops_name;
  bool ops_json = false;
  auto* ops = app.add_subcommand("ops", "List every operation, or describe one: its arguments, result and violations");
  ops->add_option("OP", ops_name, "An operation to describe (hpf.deposit)");
  ops->add_flag("--markdown", ops_md, "As Markdown (docs/operations.md)");
  ops->add_flag("--json", ops_json, "OP's schema as JSON (the describe request's answer)");
  auto* codes = app.add_subcommand("codes", "List every stable violation and error code with its messages and source");
  codes->add_flag("--markdown", codes_md, "As a Markdown table");

  auto* pol = app.add_subcommand("policy", "Inspect and check policy profiles");
  pol->require_subcommand(1);
  pol->add_subcommand("list", "List the shipped profiles");
  std::string show_name, policy_overlay;
  pvd::cli::PolicyCheck check_opts;
  auto* show = pol->add_subcommand("show", "Show every parameter of a profile with its versions and sources");
  show->add_option("name", show_name, "Profile name or file")->required();
  show->add_option("--overlay", policy_overlay, "A policy overlay file (TOML) applied on top of the profile");
  auto* check = pol->add_subcommand("check", "Validate profiles (every error); with --until, check that they answer through a date");
  check->add_option("profiles", check_opts.names, "Profile names or files");
  check->add_flag("--shipped", check_opts.shipped, "Every shipped profile");
  check->add_option("--overlay", policy_overlay, "A policy overlay file (TOML) applied on top of each profile");
  check->add_option("--from", check_opts.from, "First day that must be answered (default 2015-01-01)");
  check->add_option("--until", check_opts.until, "Last day that must be answered (YYYY-MM-DD)");

  if (const auto status = parse(app, argc, argv)) return *status;

  if (exec->parsed()) {
    if (!db.empty()) ex.engine.db_path = db;
    if (!overlay_file.empty() && !(ex.engine.overlay = read_text_file(overlay_file))) return 2;
    ex.output = pretty ? pvd::cli::Output::pretty : lang == "zh" ? pvd::cli::Output::zh
                                                 : lang == "en" ? pvd::cli::Output::en
                                                                : pvd::cli::Output::json;
    return pvd::cli::run_exec(ex);
  }
  if (batch->parsed()) {
    if (!batch_overlay.empty() && !(batch_opts.engine.overlay = read_text_file(batch_overlay))) return 2;
    return pvd::cli::run_batch(batch_opts);
  }
  if (ops->parsed()) return pvd::cli::run_ops(ops_name, ops_json, ops_md);
  if (codes->parsed()) return pvd::cli::run_codes(codes_md);
  if (demo->parsed()) return pvd::cli::run_demo(demo_db.empty() ? "provident-demo.sqlite" : demo_db, demo_lang);
  if (pol->parsed()) {
    std::optional<std::string> overlay;
    if (!policy_overlay.empty() && !(overlay = read_text_file(policy_overlay))) return 2;
    if (pol->got_subcommand("list")) return pvd::cli::run_policy_list();
    if (pol->got_subcommand("show")) return pvd::cli::run_policy_show(show_name, overlay, policy_overlay);
    check_opts.overlay = overlay;
    check_opts.overlay_file = policy_overlay;
    if (pol->got_subcommand("check")) return pvd::cli::run_policy_check(check_opts);
  }
  return 0;
}
