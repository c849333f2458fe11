// The pages of the queries' lists (protocol.md §1.5 Paging): every list is
// ordered by the listed entity's id in ascending byte order, reads at most
// `limit` entries (default 100, at most 1000) after the id `after`, and answers
// `next`: the id to pass as `after` for the following page, or null when the
// list has ended. Ids are stable, so a page boundary never skips or repeats an
// entry, whatever was added in between.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "protocol/registry.hpp"

namespace pvd::queries {

struct PageArgs {
  std::string after;  // "" = from the first
  std::size_t limit = 100;
};

inline constexpr std::int64_t kDefaultPage = 100, kMaxPage = 1000;

/// Reads `after?` and `limit?`.
inline PageArgs page_args(protocol::ArgReader& a) {
  PageArgs p;
  p.after = a.opt_string("after", 64).value_or("");
  p.limit = static_cast<std::size_t>(a.opt_integer("limit", 1, kMaxPage).value_or(kDefaultPage));
  return p;
}

template <class T>
struct Page {
  std::vector<const T*> items;
  std::optional<std::string> next;
};

/// One page of the entities `fetch(after, n)` lists (ids ascending, at most n)
/// that `keep`. A filter reads further pages until this one is full or the
/// collection ends: the work is bounded by what the filter skips, never by
/// the whole collection when the page fills early.
template <class T, class Fetch, class Id, class Keep>
Page<T> page_of(const PageArgs& p, Fetch fetch, Id id_of, Keep keep) {
  Page<T> out;
  std::string cursor = p.after;
  const std::size_t batch = std::max<std::size_t>(p.limit, 64);
  for (;;) {
    const std::vector<const T*> got = fetch(cursor, batch);
    for (const T* x : got) {
      cursor = id_of(*x);
      if (!keep(*x)) continue;
      out.items.push_back(x);
      if (out.items.size() == p.limit) {
        out.next = cursor;
        return out;
      }
    }
    if (got.empty()) return out;  // a short page may be a filtered one: only an empty one ends the list
  }
}

/// `{"<member>": rows, "next": …}`.
inline protocol::ojson page_result(const char* member, protocol::ojson rows, const std::optional<std::string>& next) {
  return {{member, std::move(rows)}, {"next", next ? protocol::ojson(*next) : protocol::ojson(nullptr)}};
}

}  // namespace pvd::queries
