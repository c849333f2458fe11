// The month an employer's rate or base change takes effect in. See effective_month.cpp.
#pragma once

#include "hpf/rules/common.hpp"

namespace pvd::hpf::rules {

/// 003 7: a rate change's effective month, when given, is not before the current month.
bool check_rate_effective_month(Violations& v, std::optional<YearMonth> effective, YearMonth now, const std::string& field);
/// 003 8 (decision): a base adjustment takes effect in the current or the next month.
bool check_base_effective_month(Violations& v, YearMonth effective, YearMonth now, const std::string& field);

}  // namespace pvd::hpf::rules
