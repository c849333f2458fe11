// The unit queries (docs/queries.md §3): what units.cpp (the unit information
// screens) and units_roster.cpp (the rosters) share.
#pragma once

#include <optional>

#include "queries/queries.hpp"

namespace pvd::queries::units {

/// The unit `unit_code` of `scheme`; REQ_NOT_FOUND naming args.unit_code when
/// there is none, or it belongs to the other scheme (docs/queries.md §3). The
/// request is then evaluated under the unit's profile.
const state::Unit& unit_of_scheme(protocol::OpContext& ctx, const std::string& unit_code, state::Scheme scheme);

/// A month or a date as text, or null.
template <class T>
protocol::ojson text_or_null(const std::optional<T>& x) {
  return x ? protocol::ojson(x->to_string()) : protocol::ojson(nullptr);
}

/// The day a query is asked (its as_of), or nullopt without one.
std::optional<Date> query_day(const protocol::OpContext& ctx);

void hpf_roster(protocol::OpContext& ctx, protocol::ArgReader& a, protocol::OpResult& r);
void si_roster(protocol::OpContext& ctx, protocol::ArgReader& a, protocol::OpResult& r);

}  // namespace pvd::queries::units
