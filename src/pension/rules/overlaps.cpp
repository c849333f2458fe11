// Rule: a claim's adjustments do not overlap, nor do its promotion periods
// Source: 001 7.1.3 (2); 001 7.1.5 (2)
// Codes: PENSION_ADJUSTMENT_OVERLAP, PENSION_PROMOTION_OVERLAP
// Policy: -
//
// 001 7.1.3 (2): 「时间段不能重复」 — the additions and reductions together; 001 7.1.5 (2):
// 「职务升降时间段不能重复」 — the ranges the promotion records last (promotions.cpp). One violation
// per entry that overlaps entries starting before it, naming up to kMaxOverlapOthers of them
// (issue 13: n entries can make n(n−1)/2 pairs); found by sorting and sweeping
// (core/period.hpp), O(n log n + k).
#include "pension/rules/rules.hpp"
#include "provident/rules/codes.hpp"

namespace pvd::pension {

namespace {

/// "1、2、3、4、5等另外995条" / "1, 2, 3, 4, 5 and 995 more": the entries an entry overlaps (1-based).
template <class Entry>
MessageParam others_param(const Entry& e) {
  std::string zh, en;
  for (std::size_t k = 0; k < e.others.size(); ++k) {
    zh += (k ? "、" : "") + std::to_string(e.others[k] + 1);
    en += (k ? ", " : "") + std::to_string(e.others[k] + 1);
  }
  if (e.more) {
    zh += "等另外" + std::to_string(e.more);  // the template says 条
    en += " and " + std::to_string(e.more) + " more";
  }
  return {"a_no", zh, (e.others.size() + e.more == 1 ? "entry " : "entries ") + en};
}

/// One violation of `code` per entry overlapping earlier ones, at `list`[index].
template <class Report>
void add_overlaps(Violations& v, const Report& report, Code code, const std::string& list) {
  for (const auto& e : report.entries)
    v.add(code, list + "[" + std::to_string(e.index) + "]", {others_param(e), {"b_no", std::to_string(e.index + 1)}});
}

}  // namespace

OverlapReport<YearMonth> check_adjustment_overlaps(Violations& v, const std::vector<Adjustment>& adjustments) {
  // 「时间段不能重复」 — additions and reductions together.
  std::vector<MonthPeriod> ps;
  ps.reserve(adjustments.size());
  for (const auto& a : adjustments) ps.push_back(a.period);
  auto report = overlap_report<YearMonth>(ps, kMaxOverlapOthers, kMaxOverlapPairs);
  add_overlaps(v, report, code::PENSION_ADJUSTMENT_OVERLAP, "args.adjustments");
  return report;
}

OverlapReport<Date> check_promotion_overlaps(Violations& v, const std::vector<DatePeriod>& ranges) {
  // 「职务升降时间段不能重复」.
  auto report = overlap_report<Date>(ranges, kMaxOverlapOthers, kMaxOverlapPairs);
  add_overlaps(v, report, code::PENSION_PROMOTION_OVERLAP, "args.promotions");
  return report;
}

}  // namespace pvd::pension
