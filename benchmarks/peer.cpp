// Plain C entry points for benchmarks/compare.py (ctypes), so that the C++
// batch kernel and a hand-written loop are timed on numpy's own arrays, in
// the same process as numpy and provident.Engine:
//
//   peer_kernel     pvd::hpf::deposit_batch (the kernel the C ABI and Python
//                   call) with the rounding given as (mode, unit) codes
//   peer_hand_loop  the ceiling: half up to the yuan written out by hand for
//                   this one rounding, no validation
//
// Not part of the library.
#include <cstddef>
#include <cstdint>

#include "hpf/deposit_batch.hpp"

extern "C" {

__attribute__((visibility("default"))) int peer_kernel(int mode, int unit, std::size_t n, const std::int64_t* base,
                                                       const std::int64_t* er, const std::int64_t* ee, std::int64_t* oer,
                                                       std::int64_t* oee) {
  const pvd::Rounding r{static_cast<pvd::RoundingMode>(mode), static_cast<pvd::RoundingUnit>(unit)};
  return pvd::hpf::deposit_batch(r, n, base, er, ee, oer, oee) ? 1 : 0;
}

__attribute__((visibility("default"))) void peer_hand_loop(std::size_t n, const std::int64_t* __restrict b,
                                                           const std::int64_t* __restrict er, const std::int64_t* __restrict ee,
                                                           std::int64_t* __restrict oer, std::int64_t* __restrict oee) {
  for (std::size_t i = 0; i < n; ++i) {
    oer[i] = (b[i] * er[i] + 50'000'000) / 100'000'000 * 100;
    oee[i] = (b[i] * ee[i] + 50'000'000) / 100'000'000 * 100;
  }
}
}
