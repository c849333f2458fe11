// Which unit an account may move to. See transfer_target.cpp.
#pragma once

#include "hpf/rules/common.hpp"

namespace pvd::hpf::rules {

/// 000 一: a flexible account moves to a known, active flexible unit other
/// than its own (`target` null when the world holds no HPF unit `to_unit`).
bool check_flex_transfer_target(Violations& v, const state::Unit* target, const std::string& to_unit, const state::Account& a,
                                const std::string& field);
/// 000 一; 003 9: an account does not move to the unit it is in.
bool check_other_unit(Violations& v, const state::Account& a, const state::Unit& u, const std::string& field,
                      std::string_view source = {});

}  // namespace pvd::hpf::rules
