// The contribution base limits. See base_limits.cpp.
#pragma once

#include "hpf/rules/common.hpp"

namespace pvd::hpf::rules {

/// HPF Regs Art. 16; arithmetic.md §3.1: a base within [hpf.base.floor, hpf.base.cap] at `on`.
bool check_base(Violations& v, const Policy& p, Trace* t, Date on, Money base, const std::string& field, Row row = std::nullopt);

}  // namespace pvd::hpf::rules
