// `provident exec` (protocol.md §4): JSON requests from files or stdin, one
// answer line per input line, the exit status telling whether all were ok.
#pragma once

#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "provident/engine.hpp"

namespace pvd::cli {

/// How the answers are written.
enum class Output { json, pretty, zh, en };

struct ExecOptions {
  pvd::EngineOptions engine;
  std::vector<std::string> files;  // in order; "-" or none = stdin
  Output output = Output::json;
  /// At the end, one JSON line on stderr: the store's retries by cause
  /// (docs/postgresql.md, "Retries").
  bool stats = false;
};

/// Opens `path` for reading: nullopt, or errno's reason why not (a folder
/// included: "Is a directory").
std::optional<std::string> open_to_read(const std::string& path, std::ifstream& in);

/// The engine, or null after writing why it does not open on stderr.
std::unique_ptr<pvd::Engine> open_engine(const pvd::EngineOptions& options);

/// Exit status: 0 when every response is ok, 1 when any is not (an error or a
/// denial), 2 when a file cannot be read or the engine cannot be opened.
int run_exec(const ExecOptions& options);

/// A response as one line of text in zh or en (`--lang`): "ok", "denied" or
/// "error", the operation, then the result's members or each violation's or
/// the error's code, field and message in that language.
std::string summary(const std::string& response_json, bool zh);

/// A response indented for people (`--pretty`).
std::string pretty(const std::string& response_json);

}  // namespace pvd::cli
