// HPF monthly deposit (月缴存额). arithmetic.md §3.1; 住房公积金管理条例 Art. 16, 18.
#pragma once

#include "provident/core/money.hpp"
#include "provident/core/rate.hpp"
#include "provident/core/rounding.hpp"

namespace pvd::hpf {

struct DepositParts {
  Money employer_part, employee_part, monthly_deposit;
};

/// employer_part = round(base × employer_rate), employee_part = round(base ×
/// employee_rate), each with the policy's rounding, then added. Rounding the
/// total instead is wrong (Shanghai: 2,690 × 7% + 7% → 188 + 188 = 376, not 377).
DepositParts compute_deposit(Money base, const Rate& employer_rate, const Rate& employee_rate, Rounding rounding);

}  // namespace pvd::hpf
