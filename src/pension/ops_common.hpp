// What the pension operation handlers (ops_calculators.cpp, ops_claim.cpp)
// share: the protocol names every handler uses, the category argument, and
// months rendered as a list.
#pragma once

#include "pension/retirement.hpp"
#include "protocol/registry.hpp"

namespace pvd::pension {

using protocol::ArgReader;
using protocol::json;
using protocol::ojson;
using protocol::OpContext;
using protocol::OpResult;

/// `category`: M60 | F55 | F50 (REQ_BAD_VALUE otherwise).
Category read_category(ArgReader& a);
/// ["2020-01", …]: every month of the set, ascending.
ojson months_json(const MonthSet& s);

}  // namespace pvd::pension
