// Rule: a person-month-type is charged at one place only
// Source: decision; 001 7.1
// Codes: SI_MONTH_CHARGED_ELSEWHERE, SI_TRANSFER_MONTH_OTHER_UNIT, SI_RETIRED
// Policy: si.transfer_month_owner
//
// Decision (issue 12): a month of a type is charged (计征) at one place — one unit, or as a
// flexible worker. A contribution record (declared, billed or paid) is a charge; so is, for
// pension, a flexible verification still standing. Every charging path (si.settle, si.back_pay,
// an enrollment's back-pay months, arrears) asks, in this order:
//   - 001 7.1 (decision): a retired person's pension month is not owed (SI_RETIRED);
//   - charged already elsewhere: the first charge stands, because a billed or paid month can
//     only move by a refund, never by being billed twice (SI_MONTH_CHARGED_ELSEWHERE);
//   - the month of a move is owed by one unit (transfer_month_owner.cpp), not by the other
//     (SI_TRANSFER_MONTH_OTHER_UNIT).
// The asking unit counts as able to bill (it is billing now). The handlers report the months
// one violation per run of the same reason, or skip them in a settlement and say so.
#include "si/messages.hpp"
#include "provident/rules/codes.hpp"
#include "si/rules/rules.hpp"

namespace pvd::si {

std::optional<NotOwed> not_owed_here(const PolicyOfUnit& policy_of, policy::Trace* t, const state::Person& p,
                                     const ChargeIndex& charges, std::string_view unit, std::string_view type,
                                     YearMonth m, bool settled_only, const CanBill& can_bill) {
  // 001 7.1 (decision): no pension month from the retirement month on.
  if (retired_in(p, type, m)) return NotOwed{code::SI_RETIRED, p.retired_from->to_string()};
  // Charged already elsewhere: the first charge stands.
  if (auto other = charges.elsewhere(unit, type, m, settled_only)) return NotOwed{code::SI_MONTH_CHARGED_ELSEWHERE, *other};
  // The month of a move is owed by one unit (si.transfer_month_owner).
  CanBill able;
  if (can_bill)
    able = [&](std::string_view u, std::string_view ty, YearMonth x) { return u == unit || can_bill(u, ty, x); };
  if (auto owner = owing_unit(policy_of, t, p, type, m, able); owner && *owner != unit)
    return NotOwed{code::SI_TRANSFER_MONTH_OTHER_UNIT, *owner};
  return std::nullopt;
}

void add_not_owed(Violations& v, const NotOwed& why, const MonthPeriod& run, const std::string& type,
                  const std::string& field) {
  if (why.code == code::SI_RETIRED) {
    v.add(why.code, field, {MessageParam("month", why.other)});
  } else if (why.code == code::SI_MONTH_CHARGED_ELSEWHERE) {
    const MessageParam where = why.other.empty() ? MessageParam("where", "按灵活就业人员", "as a flexible worker")
                                                 : MessageParam("where", "在单位" + why.other, "at unit " + why.other);
    v.add(why.code, field, {month_range_param(run), type_zh_param(type), type_en_param(type), where});
  } else {
    v.add(why.code, field, {month_range_param(run), type_zh_param(type), type_en_param(type), MessageParam("unit", why.other)});
  }
}

void check_months_owed_here(Violations& v, const PolicyOfUnit& policy_of, policy::Trace* t, const state::Person& p,
                            const ChargeIndex& charges, const CanBill& can_bill, std::string_view unit,
                            const std::string& type, const MonthPeriod& period, const MonthSet& gaps,
                            const std::string& field) {
  // Runs of consecutive months with the same reason are reported together.
  std::optional<NotOwed> cur;
  MonthPeriod run{period.from, period.from};
  auto flush = [&] {
    if (cur) add_not_owed(v, *cur, run, type, field);
  };
  for (YearMonth m = period.from; m <= period.to; ++m) {
    std::optional<NotOwed> why;
    if (!gaps.contains(m)) why = not_owed_here(policy_of, t, p, charges, unit, type, m, false, can_bill);
    else if (retired_in(p, type, m)) why = NotOwed{code::SI_RETIRED, p.retired_from->to_string()};
    const bool same = why && cur && why->code == cur->code && why->other == cur->other && run.to + 1 == m;
    if (same) {
      run.to = m;
      continue;
    }
    flush();
    cur = why;
    run = {m, m};
  }
  flush();
}

}  // namespace pvd::si
