#include "cli/csv.hpp"

namespace pvd::cli::csv {

namespace {

/// The fields of one record starting at the stream's position; `line` counts
/// the lines it spans. False at the end of the input.
bool read_record(std::istream& in, std::vector<std::string>& fields, std::size_t& line, std::optional<ReadError>& err) {
  fields.clear();
  if (in.peek() == std::char_traits<char>::eof()) return false;
  std::string f;
  bool quoted = false, was_quoted = false;
  const std::size_t first = line + 1;
  for (int c; (c = in.get()) != std::char_traits<char>::eof();) {
    if (quoted) {
      if (c == '"' && in.peek() == '"') f.push_back(static_cast<char>(in.get()));
      else if (c == '"') quoted = false;
      else {
        if (c == '\n') ++line;
        f.push_back(static_cast<char>(c));
      }
    } else if (c == '"' && f.empty() && !was_quoted) {
      quoted = was_quoted = true;
    } else if (c == ',') {
      fields.push_back(std::move(f));
      f.clear();
      was_quoted = false;
    } else if (c == '\n') {
      break;
    } else if (c != '\r' || in.peek() != '\n') {
      f.push_back(static_cast<char>(c));
    }
  }
  ++line;
  if (quoted) err = ReadError{first, "a quoted field is not closed"};
  fields.push_back(std::move(f));
  return true;
}

bool blank(const std::vector<std::string>& fields) { return fields.size() == 1 && fields[0].empty(); }

}  // namespace

std::optional<ReadError> read(std::istream& in, Table& out) {
  std::optional<ReadError> err;
  std::size_t line = 0;
  std::vector<std::string> fields;
  for (std::size_t start = 1; !err && read_record(in, fields, line, err); start = line + 1) {
    if (blank(fields)) continue;
    if (out.header.empty()) {
      out.header = fields;
      continue;
    }
    if (fields.size() != out.header.size())
      return ReadError{start, std::to_string(fields.size()) + " fields where the header has " + std::to_string(out.header.size())};
    out.rows.push_back(fields);
    out.lines.push_back(start);
  }
  if (!err && out.header.empty()) err = ReadError{1, "no header line"};
  return err;
}

std::string field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string q = "\"";
  for (char c : text) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

void write_row(std::ostream& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) out << (i ? "," : "") << field(fields[i]);
  out << "\n";
}

}  // namespace pvd::cli::csv
