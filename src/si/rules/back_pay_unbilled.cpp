// Rule: a back-pay bills no month already paid or on an open bill
// Source: 004 《单位职工核定基数补缴申报指南》; decision
// Codes: SI_MONTH_ALREADY_PAID, SI_MONTH_ALREADY_BILLED
// Policy: -
//
// 004 《单位职工核定基数补缴申报指南》: a back-pay charges months not yet paid — a month paid at the
// unit for the type is refused. Decision: a month on a bill still open is paid through that
// bill, not billed again. Each reported per run of consecutive months and type.
#include <vector>
#include "provident/rules/codes.hpp"

#include "si/messages.hpp"
#include "si/rules/rules.hpp"

namespace pvd::si {

void check_back_pay_unbilled(Violations& v, const ContributionIndex& index, const std::set<std::string>& open_bills,
                             std::string_view unit, const std::string& type, const MonthPeriod& period,
                             const std::string& field) {
  std::vector<YearMonth> paid, billed;
  for (YearMonth m = period.from; m <= period.to; ++m) {
    const state::Contribution* c = index.find(unit, type, m);
    if (!c) continue;
    if (c->paid) paid.push_back(m);
    else if (c->bill_id && open_bills.count(*c->bill_id)) billed.push_back(m);
  }
  for (const auto& run : month_runs(paid))
    v.add(code::SI_MONTH_ALREADY_PAID, field, {month_range_param(run), type_zh_param(type), type_en_param(type)});
  // decision: a month on an open bill is paid through that bill.
  for (const auto& run : month_runs(billed))
    v.add(code::SI_MONTH_ALREADY_BILLED, field, {month_range_param(run), type_zh_param(type), type_en_param(type)});
}

}  // namespace pvd::si
