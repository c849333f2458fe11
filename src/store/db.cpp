// What the store's connections share: reading back the documents it stored.
#include "store/db.hpp"

#include <type_traits>

#include "protocol/json.hpp"

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

}  // namespace pvd::store
