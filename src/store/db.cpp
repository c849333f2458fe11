// What the store's connections share: reading back the documents it stored.
#include "store/db.hpp"

#include "protocol/json.hpp"

namespace pvd::store {

template <class J>
J parse_stored(const std::string& text, const char* what) {
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
