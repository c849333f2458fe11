// Statutory retirement age under the 2024 reform (全国人大常委会关于实施渐进式延迟
// 法定退休年龄的决定, in force 2025-01-01). arithmetic.md §3.5.
//
//   R0    = birth month + original age          (the original retirement month)
//   k     = R0 − reform start (2025-01), in months
//   delay = k < 0 ? 0 : min(max_delay, floor(k / step) + 1)
//   retirement month = R0 + delay; statutory age = original age + delay months
//
// Categories: M60 (men, 60; one month per 4, to 63), F55 (women cadres, 55;
// one per 4, to 58), F50 (women workers, 50; one per 2, to 55). Flexible
// retirement (Measures Art. 3): up to 36 months earlier than the statutory
// month but never before the original age; up to 36 months later.
//
// The flexible window is a rule with a start, not only a number: it exists
// for a statutory month on or after retirement.reform_start (2025-01, the
// Decision of 2024-09-13 in force 2025-01-01) under rules in force on as_of
// that give it months. A man born 1960-01 retired in 2020-01 under the old
// rules: asked in 2026 he has no window (earliest = latest = statutory), not
// one reaching 2023-01 that never existed for him.
#pragma once

#include <optional>
#include <string_view>

#include "provident/policy/policy.hpp"

namespace pvd::pension {

enum class Category { M60, F55, F50 };
std::optional<Category> parse_category(std::string_view s) noexcept;
std::string_view to_string(Category c) noexcept;
bool is_female(Category c) noexcept;

struct Retirement {
  YearMonth original_month;   // R0
  YearMonth statutory_month;  // R0 + delay
  int delay_months = 0;
  int age_years = 0, age_months = 0;  // statutory age
  YearMonth earliest_month;   // flexible early retirement, never below the original age
  YearMonth latest_month;     // flexible late retirement
  bool flexible_window = false;  // false: earliest = latest = statutory (no window for this person)
};

/// The rules in force on `rules_on` (the request's as_of) for a person born in
/// `birth`.
Retirement statutory_retirement(const policy::Policy& p, policy::Trace* t, Date rules_on, YearMonth birth, Category c);

/// Minimum contribution months for a pension (arithmetic.md §3.6): keyed by the
/// retirement month, read on its day 1 (180 up to 2029, +6 a year from 2030,
/// 240 from 2039). The rule beside its source: pension/rules/minimum_months.cpp.
int min_contribution_months(const policy::Policy& p, policy::Trace* t, YearMonth retirement_month);

}  // namespace pvd::pension
