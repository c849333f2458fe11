// Rule: promotion records end by the retirement, run forward and change at most once a year
// Source: 001 7.1.5 (1); 001 7.1.5 (3); rules.md §5
// Codes: PENSION_PROMOTION_AFTER_RETIREMENT, PENSION_PROMOTION_INVERTED, PENSION_PROMOTION_TWICE_IN_YEAR
// Policy: pension.promotion_once_per_year
//
// 001 7.1.5 (职务升降): (1) 「升降日期不能大于离退休日期」, and a closed record has from ≤ to;
// (3) 「填写2014-2024年的升降信息，对应年度最多只能一次升降」 — the years are the profile's
// pension.promotion_once_per_year (read on the as_of date); a record counts in the year its
// `from` falls in. The range each record lasts (rules.md §5): a closed record its own; an open
// record until the day before the next record's `from`, the last one until the retirement date
// — the ranges overlaps.cpp checks.
// Decision: an open record starting the same day as the next lasts at least its own day.
#include <algorithm>
#include "provident/rules/codes.hpp"
#include <map>
#include <numeric>

#include "pension/rules/rules.hpp"

namespace pvd::pension {

std::vector<DatePeriod> promotion_ranges(const std::vector<Promotion>& records, Date retirement) {
  std::vector<std::size_t> order(records.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return records[x].from < records[y].from; });
  std::vector<DatePeriod> out(records.size());
  for (std::size_t k = 0; k < order.size(); ++k) {
    const Promotion& r = records[order[k]];
    Date end;
    if (r.to) end = *r.to;
    else if (k + 1 < order.size()) end = std::max(r.from, records[order[k + 1]].from - 1);  // decision: at least its own day
    else end = retirement;
    out[order[k]] = {r.from, end};
  }
  return out;
}

void check_promotion_dates(Violations& v, const std::vector<Promotion>& records, Date retirement) {
  for (std::size_t i = 0; i < records.size(); ++i) {
    const std::string field = "args.promotions[" + std::to_string(i) + "]";
    // (1) 「升降日期不能大于离退休日期」.
    if (retirement < records[i].from) v.add(code::PENSION_PROMOTION_AFTER_RETIREMENT, field + ".from");
    if (records[i].to && *records[i].to < records[i].from) v.add(code::PENSION_PROMOTION_INVERTED, field);
  }
}

void check_promotions_once_a_year(Violations& v, const policy::Policy& p, policy::Trace* t, Date today,
                                  const std::vector<Promotion>& records) {
  // (3) 「对应年度最多只能一次升降」.
  const auto& years = p.get<policy::YearRange>(policy::Key::pension_promotion_once_per_year, today, t);
  std::map<int, int> per_year;
  for (const auto& r : records)
    if (years.contains(r.from.year())) ++per_year[r.from.year()];
  for (const auto& [year, n] : per_year)
    if (n > 1) v.add(code::PENSION_PROMOTION_TWICE_IN_YEAR, "args.promotions", {{"year", std::to_string(year)}});
}

}  // namespace pvd::pension
