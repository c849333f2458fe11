// Remainder-exact allocation: splitting a total into parts that add up to it.
// arithmetic.md §1 ("Splitting a total into parts uses a remainder-exact
// allocation whose parts add up to the total").
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "provident/core/money.hpp"

namespace pvd {

/// Splits `total` in proportion to non-negative `weights` (not all zero) by the
/// largest-remainder method: each part is floor(total × w / Σw) toward zero,
/// and the fen left over go one each to the parts with the largest remainders
/// (earlier index first on ties). The parts always add up to `total`.
std::vector<Money> allocate(Money total, std::span<const std::int64_t> weights);

/// A flexible deposit stored as two parts: equal when the total is even in fen,
/// the employer part taking the odd fen otherwise (arithmetic.md §3.1).
/// Returns {employer_part, employee_part}.
std::pair<Money, Money> split_flexible_deposit(Money total);

}  // namespace pvd
