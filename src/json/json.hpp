// JSON, the engine's one text format (protocol.md §1.3): nlohmann::json for
// input (strictly parsed) and nlohmann::ordered_json for output (members in a
// readable, stable order), with the limits every layer above applies.
//
// Layer `json` (docs/architecture.md): below the entities' codec (state) and
// the protocol. The names stay in namespace pvd::protocol, as protocol.md
// defines them; src/protocol/json.hpp forwards here.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace pvd::protocol {

using json = nlohmann::json;
using ojson = nlohmann::ordered_json;

/// Limits of protocol.md §1.3.
inline constexpr std::size_t kMaxRequestBytes = 16u * 1024u * 1024u;
/// The largest response (the largest legitimate one, a stateless batch of
/// 100,000 accounts with explain, is about 120 MB); a longer one is replaced
/// by REQ_TOO_LARGE, and in store mode nothing is written.
inline constexpr std::size_t kMaxResponseBytes = 256u * 1024u * 1024u;
inline constexpr std::size_t kMaxStringChars = 256;
inline constexpr std::size_t kMaxNameChars = 64;
inline constexpr std::size_t kMaxBatchRows = 100'000;
inline constexpr int kMaxPeriodMonths = 1200;
inline constexpr int kMaxBackPayMonths = 600;
inline constexpr std::size_t kMaxClaimEntries = 1000;
inline constexpr int kMaxDepth = 64;
inline constexpr std::size_t kMaxKeyBytes = 256;  // a member name (the schema's are under 40)

class Tape;

/// Parses a request strictly: one JSON value, UTF-8 checked, no duplicate
/// keys, no NUL characters in strings, nesting at most kMaxDepth. Throws
/// RequestError REQ_MALFORMED (or REQ_TOO_LARGE) with a clear message.
///
/// Given `facts`, the top-level member "facts", when it holds an object, is
/// read onto that tape (src/json/tape.hpp) instead of into the document, which
/// holds an empty object in its place; `facts` stays empty when the request
/// was read the general way (then the document holds the facts).
json parse_request(std::string_view text, Tape* facts = nullptr);

/// Reads JSON text into `out` with parse_request's one-pass reader, for text
/// the engine wrote itself (a stored document). False when the text holds
/// anything that reader leaves to nlohmann's parser (protocol.md §1.3) or
/// refuses: then `out` is unspecified and the caller parses the text the
/// general way, which gives the same document or its error.
bool read_fast(std::string_view text, json& out);

/// Whether JSON text nests arrays and objects at most `max_depth` deep (a
/// linear scan that skips strings): text read back from a store is checked
/// before it is parsed, so that a document planted 200,000 levels deep is
/// refused instead of exhausting the stack when it is written out again.
bool nesting_within(std::string_view text, int max_depth) noexcept;

/// Serialises a response on one line (UTF-8 kept as is).
std::string dump(const ojson& j);

/// An empty object with room for `members` members. nlohmann's ordered_map
/// holds std::pair<const std::string, ojson>, whose move constructor may throw
/// (the const key is copied), so when its vector grows every member already
/// there is deep-copied: an object that receives a large member (a batch's
/// rows, a stateless state) and then more members copies that member each
/// time it grows. Objects built member by member reserve their room first.
inline ojson object_with_room(std::size_t members) {
  ojson o = ojson::object();
  o.get_ref<ojson::object_t&>().reserve(members);
  return o;
}

}  // namespace pvd::protocol
