// The message parameters SI violations carry ({type_zh}, {type_en}, {month}),
// and the runs of consecutive months a violation names at once.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "provident/core/period.hpp"
#include "provident/rules/violation.hpp"

namespace pvd::si {

/// {type_zh} / {type_en} of an insurance type ("养老保险" / "pension").
MessageParam type_zh_param(std::string_view type);
MessageParam type_en_param(std::string_view type);
/// {type_zh} / {type_en} of "any insurance type" (社会保险 / social).
MessageParam any_type_zh();
MessageParam any_type_en();

/// {month}: "2024-01", or "2024-01至2024-03" / "2024-01 to 2024-03" for a range.
MessageParam month_range_param(const MonthPeriod& p);

/// The months as runs of consecutive months, ascending (duplicates count once).
std::vector<MonthPeriod> month_runs(std::span<const YearMonth> months);

}  // namespace pvd::si
