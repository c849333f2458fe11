// The facts written straight as JSON text (src/json/writer.hpp): the bytes of
// protocol::dump(state::encode(facts)) without the document in between — a
// stateless response's state is most of it. Layer `state`.
#pragma once

#include <string>

#include "state/entities.hpp"

namespace pvd::state {

/// Appends the facts as dump(encode(f)) writes them.
void encode_text(std::string& out, const Facts& f);

class World;
/// Appends the world's entities as encode_text(out, w.snapshot()) writes them,
/// read where the world holds them instead of copied into facts first: a
/// stateless response's state.
void encode_text(std::string& out, World& w);

/// A stored entity's document (Unit, Account, Person, Bill, Case) as
/// encode(x).dump() writes it: what the store keeps in its `doc` column.
template <class T>
std::string document_text(const T& x);

}  // namespace pvd::state
