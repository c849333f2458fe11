// The CSV of `provident batch` (protocol.md §4): RFC 4180 fields (commas,
// double quotes with "" inside them, CRLF or LF lines), a header line naming
// the columns, blank lines skipped.
#pragma once

#include <cstddef>
#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace pvd::cli::csv {

struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::size_t> lines;  // the file line each row starts on (the header is line 1)
};

/// The table, or the line and reason of a malformed line (an open quote, a
/// row with another number of fields than the header).
struct ReadError {
  std::size_t line;
  std::string reason;
};
std::optional<ReadError> read(std::istream& in, Table& out);

/// One field, quoted when it holds a comma, a quote or a line break.
std::string field(const std::string& text);
void write_row(std::ostream& out, const std::vector<std::string>& fields);

}  // namespace pvd::cli::csv
