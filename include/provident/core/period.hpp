// Inclusive ranges of months or days, and the two checks every rule on periods
// needs: which pairs overlap (with the shared range), and how many distinct
// months a set of periods covers (with the months covered twice).
// arithmetic.md §3.7. Order (from ≤ to) is checked by the rules, not here:
// inverted periods are skipped by these algorithms.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "provident/core/date.hpp"
#include "provident/core/year_month.hpp"

namespace pvd {

template <class Point>
struct Period {
  Point from{};
  Point to{};
  bool inverted() const noexcept { return to < from; }
  bool contains(Point p) const noexcept { return !(p < from) && !(to < p); }
  bool within(const Period& outer) const noexcept { return !(from < outer.from) && !(outer.to < to); }
  friend bool operator==(const Period&, const Period&) = default;
};

using MonthPeriod = Period<YearMonth>;
using DatePeriod = Period<Date>;

/// Number of months in a non-inverted month period (0 when inverted).
inline int month_count(const MonthPeriod& p) noexcept { return p.inverted() ? 0 : (p.to - p.from) + 1; }
/// Number of days in a non-inverted day period (0 when inverted).
inline int day_count(const DatePeriod& p) noexcept { return p.inverted() ? 0 : (p.to - p.from) + 1; }

/// One overlapping pair: indexes into the input (a < b) and the shared range.
template <class Point>
struct Overlap {
  std::size_t a = 0;
  std::size_t b = 0;
  Period<Point> shared{};
};

/// Every pair of periods that share at least one point, each reported once
/// with a < b, ordered by (a, b). Sort by start and sweep: O(n log n + k) for k
/// pairs. Inverted periods take no part.
template <class Point>
std::vector<Overlap<Point>> find_overlaps(std::span<const Period<Point>> periods);

extern template std::vector<Overlap<YearMonth>> find_overlaps(std::span<const MonthPeriod>);
extern template std::vector<Overlap<Date>> find_overlaps(std::span<const DatePeriod>);

/// Overlaps reported in bounded space: n periods can make n(n−1)/2 pairs,
/// and a report of them all would grow with the square of its input.
template <class Point>
struct OverlapReport {
  /// A period that overlaps periods starting before it (ties: lower index
  /// first): up to `max_others` of those by ascending index, and how many more.
  struct Entry {
    std::size_t index = 0;
    std::vector<std::size_t> others;
    std::size_t more = 0;
  };
  std::vector<Entry> entries;          // ascending by index; every overlapping pair is in one entry
  std::vector<Overlap<Point>> pairs;   // the pairs of the entries' listed others, at most `max_pairs`, by (a, b)
  std::int64_t pair_count = 0;         // every overlapping pair
};

/// The overlaps of `periods`, bounded: O(n log n + n · max_others) time and
/// O(n + max_pairs) space whatever the number of pairs. Inverted periods take no part.
template <class Point>
OverlapReport<Point> overlap_report(std::span<const Period<Point>> periods, std::size_t max_others, std::size_t max_pairs);

extern template OverlapReport<YearMonth> overlap_report(std::span<const MonthPeriod>, std::size_t, std::size_t);
extern template OverlapReport<Date> overlap_report(std::span<const DatePeriod>, std::size_t, std::size_t);

/// A set of months as sorted, disjoint, non-adjacent ranges.
class MonthSet {
 public:
  MonthSet() = default;
  /// The union of the periods (inverted ones skipped). O(n log n).
  static MonthSet of(std::span<const MonthPeriod> periods);

  const std::vector<MonthPeriod>& ranges() const noexcept { return ranges_; }
  std::int64_t count() const noexcept;
  bool contains(YearMonth m) const noexcept;
  bool empty() const noexcept { return ranges_.empty(); }

  MonthSet united(const MonthSet& o) const;
  MonthSet minus(const MonthSet& o) const;
  MonthSet clipped(const MonthPeriod& window) const;
  /// Every month, ascending.
  std::vector<YearMonth> months() const;

 private:
  std::vector<MonthPeriod> ranges_;
};

/// Months covered by the periods as a set, and the months covered by two or
/// more of them (paid twice). O(n log n).
struct MonthCoverage {
  MonthSet covered;
  MonthSet twice;
};
MonthCoverage cover(std::span<const MonthPeriod> periods);

}  // namespace pvd
