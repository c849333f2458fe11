// The ceiling for the batch HPF deposit: the arithmetic alone, written by hand
// for the one rounding the benchmarks use (Shanghai: half up to the yuan), with
// no validation pass and no dispatch on the rounding.
//
// It is built for the same instruction sets as the kernel and chosen the same
// way (src/hpf/deposit_batch.cpp): a baseline x86-64 loop in integers, and,
// compiled with the kernel's own target attribute
// ("avx512f,avx512dq,avx512vl,avx2,fma"), the loop the kernel's vector path
// runs — a floating-point quotient corrected exactly in integers — taken at run
// time when the CPU (and OS) has every one of those features, exactly the test
// the kernel makes. So the kernel is compared with a hand-written loop on the
// path it actually runs on this machine, not with a baseline build of it.
#pragma once

#include <cstddef>
#include <cstdint>

namespace bench {

/// out[i] = ⌊(b[i] × rate[i] + 5·10⁷) / 10⁸⌋ × 100 for both parts, on the path
/// this CPU takes. Inputs must be valid (0 ≤ b ≤ ~9.2·10¹², 0 ≤ rate ≤ 10⁶).
void hand_loop(std::size_t n, const std::int64_t* b, const std::int64_t* er, const std::int64_t* ee, std::int64_t* oer,
               std::int64_t* oee) noexcept;
/// The baseline x86-64 loop (integer division by a constant), on any CPU.
void hand_loop_baseline(std::size_t n, const std::int64_t* b, const std::int64_t* er, const std::int64_t* ee,
                        std::int64_t* oer, std::int64_t* oee) noexcept;
/// The path hand_loop takes here (and the kernel, by the same test):
/// "avx512" or "baseline".
const char* hand_loop_path() noexcept;

}  // namespace bench
