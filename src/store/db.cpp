// What the store's connections share: reading back the documents it stored.
#include "store/db.hpp"

#include <type_traits>

#include "json/tape.hpp"
#include "protocol/json.hpp"
#include "state/entities.hpp"

namespace pvd::store {

template <class J>
J parse_stored(const std::string& text, const char* what) {
  // What the engine wrote is read in one pass (an account's document: most of
  // a unit's verification); anything that reader leaves, the general parser
  // reads after the depth check, as before.
  if constexpr (std::is_same_v<J, protocol::json>) {
    J fast;
    if (protocol::read_fast(text, fast)) return fast;
  }
  if (!protocol::nesting_within(text, kMaxStoredDepth))
    throw StoreError(kCorruptCode, std::string("a stored ") + what + " nests deeper than " + std::to_string(kMaxStoredDepth) + " levels");
  try {
    return J::parse(text);
  } catch (const std::exception&) {
    throw StoreError(kCorruptCode, std::string("a stored ") + what + " is not valid JSON");
  }
}
template protocol::json parse_stored<protocol::json>(const std::string&, const char*);
template protocol::ojson parse_stored<protocol::ojson>(const std::string&, const char*);

template <class T>
T decode_stored(const std::string& text, const char* what, T (*decode)(const protocol::json&, const std::string&),
                const std::string& path) {
  protocol::Tape tape;
  if (tape.read(text)) {
    T x;
    if (state::decode_tape(tape, x)) return x;
  }
  return decode(parse_stored<protocol::json>(text, what), path);
}
#define PVD_DECODE_STORED(T)                                                                                 \
  template T decode_stored<T>(const std::string&, const char*, T (*)(const protocol::json&, const std::string&), \
                              const std::string&);
PVD_DECODE_STORED(state::Unit)
PVD_DECODE_STORED(state::Account)
PVD_DECODE_STORED(state::Person)
PVD_DECODE_STORED(state::Bill)
PVD_DECODE_STORED(state::Case)
#undef PVD_DECODE_STORED

}  // namespace pvd::store
