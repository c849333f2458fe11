// Transitional: the two window rules under their former names, for the C ABI
// (capi/capi.cpp), benchmarks/bench_rules.cpp and tests/fuzz/fuzz_policy.cpp.
// The rules live in src/hpf/rules/adjustment_window.cpp and payment_window.cpp;
// include those headers and call pvd::hpf::rules::… instead, then delete this file.
#pragma once

#include "hpf/rules/adjustment_window.hpp"
#include "hpf/rules/payment_window.hpp"

namespace pvd::hpf {

using rules::adjustment_window;
using rules::AdjustmentWindow;
using rules::payment_window_open;

}  // namespace pvd::hpf
