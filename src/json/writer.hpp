// The append-only JSON writer (protocol.md §1.3): documents and values
// appended to a string exactly as protocol::dump writes them — nlohmann's
// dump on one line, UTF-8 kept, only '"', '\\' and control characters
// escaped — so that a large part of a response (a stateless command's state)
// can be written straight from the entities instead of through a document.
//
// Layer `json`, beside json.hpp (kept apart so that the many files including
// json.hpp do not depend on it).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "json/json.hpp"

namespace pvd::protocol {

/// Appends `j` as dump(j) writes it.
void write_json(std::string& out, const ojson& j);
/// Appends `s` as a JSON string (as dump writes a string value).
void write_json_string(std::string& out, std::string_view s);
/// Appends an integer as dump writes it.
void write_json_integer(std::string& out, std::int64_t i);
/// dump(j), but the member `name` of the object `j` (null there) written as
/// `text`, JSON text written by the caller; as dump(j) when `text` is empty.
std::string dump_with(const ojson& j, std::string_view name, std::string_view text);

}  // namespace pvd::protocol
