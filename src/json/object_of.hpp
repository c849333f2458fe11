// An output object built from its members in order: object_of("type",
// "ledger.posted", "amount", "600.00", …). nlohmann's initializer-list form
// ({{"type", …}, {"amount", …}}) builds a [name, value] array per member,
// checks that every element is such a pair, copies them, and searches the
// names already there at each insertion; an event is built for every command
// answered, so this appends instead (the names given are distinct: the caller
// writes them once each). Same members, same order, same document. Layer `json`.
#pragma once

#include <utility>

#include "json/json.hpp"

namespace pvd::protocol {

namespace detail {
inline void append_members(ojson::object_t&) {}
template <class V, class... Rest>
void append_members(ojson::object_t& m, const char* name, V&& value, Rest&&... rest) {
  m.emplace_back(name, ojson(std::forward<V>(value)));
  append_members(m, std::forward<Rest>(rest)...);
}
}  // namespace detail

/// The object of the members given as name, value, name, value, … in order.
template <class... Members>
ojson object_of(Members&&... members) {
  static_assert(sizeof...(Members) % 2 == 0, "object_of takes names and values in pairs");
  ojson o = object_with_room(sizeof...(Members) / 2);
  detail::append_members(o.get_ref<ojson::object_t&>(), std::forward<Members>(members)...);
  return o;
}

}  // namespace pvd::protocol
