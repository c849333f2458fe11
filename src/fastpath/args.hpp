// The arguments of the typed fast paths (protocol.md §2–3): exact integers,
// each checked against one Range for the C ABI and the Python module alike.
// Out of range is REQ_BAD_VALUE (fastpath::Error) naming the argument, its
// value and its range, and the row in a batch.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string_view>

#include "pension/retirement.hpp"
#include "provident/core/date.hpp"

namespace pvd::fastpath {

/// What an integer argument may be, and how to say that it is not.
struct Range {
  std::int64_t lo, hi;  // inclusive
  std::string_view zh;  // follows the field's name
  std::string_view en;  // follows the field's name and the value
  constexpr bool contains(std::int64_t v) const noexcept { return v >= lo && v <= hi; }
};

// The calendar of the exact types (provident.h §2): 1400-01-01 … 9999-12-31.
/// Month serials year*12 + month-1: 1400-01 … 9999-12.
extern const Range kMonthSerial;
/// Day serials, days since 1970-01-01: 1400-01-01 … 9999-12-31.
extern const Range kDaySerial;
/// Date-times, seconds since 1970-01-01T00:00:00 China Standard Time.
extern const Range kMoment;
/// Birth months and dates: their retirement (at most 70 years on) falls by 9999-12.
extern const Range kBirthMonth, kBirthDate;
/// Category codes: 1 M60, 2 F55, 3 F50 (the C ABI's PVD_CATEGORY_*).
extern const Range kCategoryCode;
/// Principals in fen: 0 … the protocol's money limit.
extern const Range kPrincipalFen;

[[noreturn]] void out_of_range(const Range& r, std::int64_t v, std::string_view field,
                               std::optional<std::size_t> row = std::nullopt);
/// Writes `v` at row i of `out` when that output is wanted (a kernel's optional outputs).
inline void put(std::int64_t* out, std::size_t i, std::int64_t v) noexcept {
  if (out) out[i] = v;
}

inline void check(const Range& r, std::int64_t v, std::string_view field) {
  if (!r.contains(v)) out_of_range(r, v, field);
}
inline void check_row(const Range& r, std::size_t row, std::int64_t v, std::string_view field) {
  if (!r.contains(v)) out_of_range(r, v, field, row);
}

YearMonth month_arg(std::int64_t serial, std::string_view field);
Date day_arg(std::int64_t serial, std::string_view field);
LocalDateTime moment_arg(std::int64_t seconds, std::string_view field);
pension::Category category_of(std::int64_t code) noexcept;  // a code within kCategoryCode
pension::Category category_arg(std::int64_t code, std::string_view field);

/// Output arrays of n int64 given by the caller: none may overlap an input
/// or another output (the kernels read every input before they write).
struct Output {
  const std::int64_t* data;
  std::string_view name;
};
void check_outputs_apart(std::size_t n, std::initializer_list<const std::int64_t*> inputs,
                         std::initializer_list<Output> outputs);

}  // namespace pvd::fastpath
