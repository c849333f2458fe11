// Plain C entry points for benchmarks/compare.py (ctypes), so that the C++
// batch kernel and a hand-written loop are timed on numpy's own arrays, in
// the same process as numpy and provident.Engine:
//
//   peer_kernel              pvd::hpf::deposit_batch (the kernel the C ABI and
//                            Python call) with the rounding given as (mode, unit)
//   peer_hand_loop           the ceiling: half up to the yuan written out by hand
//                            for this one rounding, no validation, on the
//                            instruction set the kernel's path uses here
//                            (hand_loop.hpp)
//   peer_hand_loop_baseline  the same for baseline x86-64, on any CPU
//   peer_hand_loop_path      "avx512" or "baseline": the path both take here
//
// Not part of the library.
#include <cstddef>
#include <cstdint>

#include "hand_loop.hpp"
#include "hpf/deposit_batch.hpp"

extern "C" {

__attribute__((visibility("default"))) int peer_kernel(int mode, int unit, std::size_t n, const std::int64_t* base,
                                                       const std::int64_t* er, const std::int64_t* ee, std::int64_t* oer,
                                                       std::int64_t* oee) {
  const pvd::Rounding r{static_cast<pvd::RoundingMode>(mode), static_cast<pvd::RoundingUnit>(unit)};
  return pvd::hpf::deposit_batch(r, n, base, er, ee, oer, oee) ? 1 : 0;
}

__attribute__((visibility("default"))) void peer_hand_loop(std::size_t n, const std::int64_t* b, const std::int64_t* er,
                                                           const std::int64_t* ee, std::int64_t* oer, std::int64_t* oee) {
  bench::hand_loop(n, b, er, ee, oer, oee);
}

__attribute__((visibility("default"))) void peer_hand_loop_baseline(std::size_t n, const std::int64_t* b,
                                                                    const std::int64_t* er, const std::int64_t* ee,
                                                                    std::int64_t* oer, std::int64_t* oee) {
  bench::hand_loop_baseline(n, b, er, ee, oer, oee);
}

__attribute__((visibility("default"))) const char* peer_hand_loop_path() { return bench::hand_loop_path(); }
}
