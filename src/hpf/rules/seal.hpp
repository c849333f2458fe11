// What a flexible depositor does before sealing: copy and agree to the commitment. See seal.cpp.
#pragma once

#include "hpf/rules/common.hpp"

namespace pvd::hpf::rules {

/// 000 五; 002 三.3: the commitment copied equals hpf.seal.commitment_text,
/// surrounding white space ignored (id::trim_space).
bool check_commitment(Violations& v, const Policy& p, Trace* t, Date on, const std::string& given, const std::string& field);
/// 000 五: the commitment is agreed to.
bool check_seal_agreed(Violations& v, bool agreed, const std::string& field);

}  // namespace pvd::hpf::rules
