// Rule: a stop or a retirement does not leave billed or paid months outside the enrollment
// Source: 004 §2.1.2 重点项目说明; 001 7.1; decision
// Codes: SI_STOP_INTO_BILLED_MONTHS
// Policy: -
//
// 004 §2.1.2 重点项目说明: 「停保时间不能早于上次变更时间」 — and no refund is named. Decision: a stop
// (si.stop, a si.stop_batch row, a transfer's implicit stop) that would leave months already
// billed or paid at (unit, type) outside the enrollment is refused, naming them — refused, not
// refunded (refunds are a later operation). The months are those after the stop's month.
// 001 7.1; decision (issue 12): an approved pension claim ends the pension enrollments as a stop
// on the day before the retirement month, with the same refusal — and a flexible pension month
// from the retirement month on (verified or paid) refuses it too.
#include <vector>
#include "provident/rules/codes.hpp"

#include "si/messages.hpp"
#include "si/rules/rules.hpp"

namespace pvd::si {

namespace {

void add_billed_runs(Violations& v, std::span<const YearMonth> months, std::string_view type, const std::string& field) {
  for (const auto& r : month_runs(months))
    v.add(code::SI_STOP_INTO_BILLED_MONTHS, field, {month_range_param(r), type_zh_param(type), type_en_param(type)});
}

}  // namespace

void check_stop_not_into_billed(Violations& v, const state::Person& p, std::string_view unit,
                                std::span<const std::string> types, Date stop, const std::string& field) {
  // A month billed or paid after the stop's month would stand outside any enrollment.
  const YearMonth last = stop.year_month();
  for (const auto& t : types) {
    std::vector<YearMonth> months;
    for (const auto& c : p.contributions)
      if (c.unit_code == unit && c.type == t && last < c.month && (c.paid || c.bill_id)) months.push_back(c.month);
    add_billed_runs(v, months, t, field);
  }
}

void check_retirement_not_into_billed(Violations& v, const state::Person& p, const std::set<YearMonth>& flex_months,
                                      YearMonth from, const std::string& field) {
  // At each unit: as a stop on the day before the retirement month.
  const std::string pension[1] = {"pension"};
  std::set<std::string> units;
  for (const auto& c : p.contributions)
    if (c.type == "pension" && !c.unit_code.empty()) units.insert(c.unit_code);
  for (const auto& u : units) check_stop_not_into_billed(v, p, u, pension, from.first_day() - 1, field);
  // As a flexible worker: the verified months from the retirement month on.
  const std::vector<YearMonth> flex(flex_months.lower_bound(from), flex_months.end());
  add_billed_runs(v, flex, "pension", field);
}

}  // namespace pvd::si
