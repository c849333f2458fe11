// Fuzz target: facts and stored documents read without a document
// (protocol.md §1.3, src/json/tape.hpp) against the reading of record — the
// one-pass reader into nlohmann's document, then the ArgReader.
//
// Properties checked on every input, not only "no crash":
//  - the tape accepts a text exactly when the one-pass reader does, and holds
//    the same document (the same members, the same JSON types);
//  - for the facts and each stored entity (unit, account, person, bill, case):
//    the tape's reader decodes the text exactly when the document's reader
//    does — it declines nothing the document's reader accepts, and accepts
//    nothing it refuses — and to the same entity (written out, byte for byte);
//    where the document's reader stops with another exception than a refusal,
//    the tape's reader declines or stops with the same;
//  - a request carrying the text as its facts (when it nests at most 63 deep)
//    reads to the same envelope, with the facts on the tape (their text, less
//    the white space around it) and an empty object in their place.
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <typeinfo>

#include <nlohmann/json.hpp>

#include "../cpp/same_json.hpp"
#include "fuzz_check.hpp"
#include "json/json.hpp"
#include "json/tape.hpp"
#include "provident/core/error.hpp"
#include "state/encode_text.hpp"
#include "state/entities.hpp"

using pvd::protocol::json;
using pvd_fuzz::show;

namespace {

template <class T>
std::string written(const T& x) {  // the entity's own document text
  if constexpr (std::is_same_v<T, pvd::state::Facts>) {
    std::string out;
    pvd::state::encode_text(out, x);
    return out;
  } else {
    return pvd::state::encode(x).dump();
  }
}

// How a decoding ended: the entity's text, or "refused" (a RequestError), or
// the type of anything else it threw (the engine answers both the same way).
template <class T, class Decode>
std::string outcome(Decode decode) {
  try {
    return "ok " + written(decode());
  } catch (const pvd::RequestError&) {
    return "refused";
  } catch (const std::exception& e) {
    return std::string("threw ") + typeid(e).name();
  }
}

// Decodes `doc` the general way and `tape` the fast way: what the general way
// accepts, the fast way accepts alike; what it refuses, the fast way declines
// (or stops with the same exception, which the engine answers the same way).
template <class T, class Decode>
void compare(const char* what, const json& doc, const pvd::protocol::Tape& tape, Decode decode, std::string_view text) {
  const std::string general = outcome<T>([&] { return decode(doc); });
  const std::string fast = outcome<T>([&] {
    T x{};
    if (!pvd::state::decode_tape(tape, x)) throw pvd::RequestError("DECLINED", "", "", "");
    return x;
  });
  if (general.starts_with("ok ")) {
    PVD_FUZZ_CHECK(fast == general, std::string(what) + ": the tape's reader " +
                                        (fast.starts_with("ok ") ? "decoded differently: " : "declined what the document's reader accepts: ") +
                                        show(text));
  } else {
    PVD_FUZZ_CHECK(!fast.starts_with("ok ") && (fast == "refused" || fast == general),
                   std::string(what) + ": the tape's reader accepted what the document's reader refuses: " + show(text));
  }
}

// The text without the JSON white space around it.
std::string_view trimmed(std::string_view s) {
  const auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && ws(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (text.find('\0') != std::string_view::npos) return 0;  // refused before either reader (parse_request)
  json doc;
  const bool dom = pvd::protocol::read_fast(text, doc);
  pvd::protocol::Tape tape;
  const bool taped = tape.read(text);
  PVD_FUZZ_CHECK(dom == taped, std::string(taped ? "the tape read what the one-pass reader gives up on: "
                                                 : "the tape gave up on what the one-pass reader reads: ") + show(text));
  if (!taped) return 0;
  PVD_FUZZ_CHECK(pvd::test::same_json(pvd::protocol::to_json({&tape, 0}), doc), "the tape holds another document: " + show(text));
  if (!doc.is_object()) return 0;

  using namespace pvd::state;
  compare<Facts>("facts", doc, tape, [](const json& j) { return decode_facts(j); }, text);
  compare<Unit>("unit", doc, tape, [](const json& j) { return decode_unit(j, "u"); }, text);
  compare<Account>("account", doc, tape, [](const json& j) { return decode_account(j, "a"); }, text);
  compare<Person>("person", doc, tape, [](const json& j) { return decode_person(j, "p"); }, text);
  compare<Bill>("bill", doc, tape, [](const json& j) { return decode_bill(j, "b"); }, text);
  compare<Case>("case", doc, tape, [](const json& j) { return decode_case(j, "c"); }, text);

  // The same text as a request's facts, one level deeper (so at most 63 levels of its own).
  if (!pvd::protocol::nesting_within(text, pvd::protocol::kMaxDepth - 1)) return 0;
  const std::string request = std::string(R"({"op":"x","facts":)") + std::string(text) + "}";
  pvd::protocol::Tape facts;
  const json envelope = pvd::protocol::parse_request(request, &facts);
  PVD_FUZZ_CHECK(!facts.empty() && facts.source() == trimmed(text), "the facts were not read onto the tape: " + show(text));
  PVD_FUZZ_CHECK(envelope == json({{"op", "x"}, {"facts", json::object()}}), "another envelope: " + show(text));
  return 0;
}
