// The batch HPF deposit over arrays (protocol.md §2 pvd_hpf_deposit_batch),
// shared by the C ABI and the Python bindings. Per-row base and rates, each
// part rounded with the policy's rounding; rows are checked and computed in
// blocks of kDepositBlockRows (the inputs read from memory once); nothing is
// allocated per row.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "provident/core/rounding.hpp"

namespace pvd::hpf {

struct BatchError {
  std::size_t row = 0;
  std::string field;    // "base_fen", "employer_rate_micros", "employee_rate_micros"
  std::string message;  // English, names the row and the field
};

/// out_employer[i] = round(base[i] × employer_rate[i] / 10⁶), likewise for the
/// employee part. Rates are millionths in [0, 1'000'000]; bases are fen ≥ 0.
/// The outputs must not overlap the inputs or each other (the C ABI refuses
/// overlapping arrays before calling). Returns the first invalid row or nullopt. On an invalid row the outputs are
/// unspecified: the blocks before that row's block may have been written.
std::optional<BatchError> deposit_batch(Rounding rounding, std::size_t n, const std::int64_t* base_fen,
                                        const std::int64_t* employer_rate_micros, const std::int64_t* employee_rate_micros,
                                        std::int64_t* out_employer_fen, std::int64_t* out_employee_fen) noexcept;

/// Rows computed at a time: the 3 input arrays × 8 bytes × 512 rows = 12 KiB,
/// within the L1 data cache of every x86-64 core (32 KiB or more), so a block
/// holding a value beyond its kernel's range is still in L1 when it is done again.
inline constexpr std::size_t kDepositBlockRows = 512;

/// The deposit's kernels, one per instruction set: `baseline` (x86-64, integer
/// division by constants) on every CPU; `avx512` (a floating-point quotient
/// corrected exactly in integers, eight rows at a time) where the CPU and OS
/// have AVX-512 F/DQ/VL. deposit_batch takes the best one available.
enum class DepositKernel { baseline, avx512 };

/// Whether this CPU (and OS) can run kernel `k`.
bool deposit_kernel_available(DepositKernel k) noexcept;
/// The kernel deposit_batch runs on this CPU.
DepositKernel deposit_kernel_chosen() noexcept;
/// "baseline" or "avx512".
const char* deposit_kernel_name(DepositKernel k) noexcept;

/// deposit_batch on kernel `k` (the baseline when `k` is not available here):
/// the tests run every kernel this CPU offers against the exact arithmetic.
std::optional<BatchError> deposit_batch_on(DepositKernel k, Rounding rounding, std::size_t n,
                                           const std::int64_t* base_fen, const std::int64_t* employer_rate_micros,
                                           const std::int64_t* employee_rate_micros, std::int64_t* out_employer_fen,
                                           std::int64_t* out_employee_fen) noexcept;

}  // namespace pvd::hpf
