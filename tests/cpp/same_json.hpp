// Whether two documents are the same with the same JSON types: nlohmann's ==
// takes an unsigned 5 for a signed 5, which a reader that types numbers
// differently must not be forgiven. Shared by the C++ tests and the fuzz
// harnesses (tests/fuzz/fuzz_tape.cpp includes it from here).
#pragma once

#include <cstddef>

#include <nlohmann/json.hpp>

namespace pvd::test {

inline bool same_json(const nlohmann::json& a, const nlohmann::json& b) {
  if (a.type() != b.type()) return false;
  if (a.is_object()) {
    if (a.size() != b.size()) return false;
    for (auto it = a.begin(); it != a.end(); ++it)
      if (!b.contains(it.key()) || !same_json(*it, b.at(it.key()))) return false;
    return true;
  }
  if (a.is_array()) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (!same_json(a[i], b[i])) return false;
    return true;
  }
  return a == b;
}

}  // namespace pvd::test
