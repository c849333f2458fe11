// `provident exec` (protocol.md §4): the input files are opened before any
// request runs; each input line gets exactly one answer line (a blank line an
// empty line, a comment line itself), so that output line n answers input
// line n.
#include "cli/exec.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "protocol/json.hpp"

namespace pvd::cli {

namespace {

/// The input streams in order, each opened before any request runs; a file
/// that cannot be read is named with errno's reason.
struct Inputs {
  std::vector<std::unique_ptr<std::ifstream>> owned;
  std::vector<std::streambuf*> streams;
  std::string error;
};

Inputs open_inputs(const std::vector<std::string>& files) {
  Inputs in;
  if (files.empty()) in.streams.push_back(std::cin.rdbuf());
  for (const auto& f : files) {
    if (f == "-") {
      in.streams.push_back(std::cin.rdbuf());
      continue;
    }
    auto s = std::make_unique<std::ifstream>();
    if (const auto why = open_to_read(f, *s)) {
      in.error = "provident: exec: cannot read " + f + ": " + *why;
      return in;
    }
    in.streams.push_back(s->rdbuf());
    in.owned.push_back(std::move(s));
  }
  return in;
}

/// One line read up to the request limit (protocol.md §1.3) and no further:
/// the rest of a longer line is skipped without being kept, and the line
/// answers REQ_TOO_LARGE (the engine's own check on what it got).
struct Line {
  std::string text;
  bool too_long = false;
};

bool read_line(std::streambuf* in, Line& line) {
  const std::size_t limit = pvd::protocol::kMaxRequestBytes + 1;
  line.text.clear();
  line.too_long = false;
  bool more = false;
  for (int c; (c = in->sbumpc()) != std::char_traits<char>::eof();) {
    more = true;
    if (c == '\n') break;
    if (line.text.size() < limit) line.text.push_back(static_cast<char>(c));
    else line.too_long = true;
  }
  if (more && !line.text.empty() && line.text.back() == '\r' && !line.too_long) line.text.pop_back();
  return more;
}

bool is_blank(const std::string& s) { return s.find_first_not_of(" \t") == std::string::npos; }

bool is_comment(const Line& l) {
  const auto first = l.text.find_first_not_of(" \t");
  return !l.too_long && first != std::string::npos && l.text[first] == '#';
}

bool is_ok(const std::string& response) { return response.starts_with("{\"ok\":true"); }

std::string render(const std::string& response, Output output) {
  switch (output) {
    case Output::json: return response;
    case Output::pretty: return pretty(response);
    case Output::zh: return summary(response, true);
    case Output::en: return summary(response, false);
  }
  return response;
}

}  // namespace

std::optional<std::string> open_to_read(const std::string& path, std::ifstream& in) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return std::strerror(EISDIR);
  errno = 0;
  in.open(path, std::ios::binary);
  if (!in) return std::strerror(errno ? errno : EIO);
  return std::nullopt;
}

std::unique_ptr<pvd::Engine> open_engine(const pvd::EngineOptions& options) {
  try {
    return std::make_unique<pvd::Engine>(options);
  } catch (const std::exception& e) {
    std::cerr << "provident: cannot open the engine: " << e.what() << "\n";
    return nullptr;
  }
}

int run_exec(const ExecOptions& options) {
  std::ios::sync_with_stdio(false);  // first: it replaces std::cin's buffer, which open_inputs keeps
  Inputs inputs = open_inputs(options.files);
  if (!inputs.error.empty()) {
    std::cerr << inputs.error << "\n";
    return 2;
  }
  const auto engine = open_engine(options.engine);
  if (!engine) return 2;
  bool all_ok = true;
  Line line;
  for (std::streambuf* in : inputs.streams) {
    while (read_line(in, line)) {
      if (is_blank(line.text) && !line.too_long) {
        std::cout << '\n' << std::flush;
      } else if (is_comment(line)) {
        std::cout << line.text << '\n' << std::flush;
      } else {
        const std::string response = engine->execute(line.text);
        all_ok = all_ok && is_ok(response);
        std::cout << render(response, options.output) << '\n' << std::flush;
      }
    }
  }
  if (options.stats) {
    const auto r = engine->store_retries();
    std::cerr << "{\"store_retries\":{\"serialization\":" << r.serialization << ",\"deadlock\":" << r.deadlock
              << ",\"unique\":" << r.unique << ",\"other\":" << r.other << "}}\n";
  }
  return all_ok ? 0 : 1;
}

}  // namespace pvd::cli
