// The batch HPF deposit over arrays (protocol.md §2 pvd_hpf_deposit_batch),
// shared by the C ABI and the Python bindings. Per-row base and rates, each
// part rounded with the policy's rounding; every row is validated before any
// output is written; nothing is allocated per row.
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
/// Returns the first invalid row (nothing written) or nullopt.
std::optional<BatchError> deposit_batch(Rounding rounding, std::size_t n, const std::int64_t* base_fen,
                                        const std::int64_t* employer_rate_micros, const std::int64_t* employee_rate_micros,
                                        std::int64_t* out_employer_fen, std::int64_t* out_employee_fen) noexcept;

}  // namespace pvd::hpf
