// Rule: a payment pays an open bill exactly — its principal and the late fees to the day paid
// Source: SI Law Art. 86; arithmetic.md §3.3; 003 5; rules.md §4; decision
// Codes: BILL_NOT_PAYABLE, SI_PAID_DATE_IN_FUTURE, PAYMENT_AMOUNT_MISMATCH
// Policy: si.late_fee.daily_rate, si.late_fee.rounding, si.due_day, si.due_month_offset
//
// SI Law Art. 86: a unit that does not pay in time pays a late fee (滞纳金) from the day the
// contribution was due. The amount paid is the principal plus the late fees recomputed to the
// paid date, per contribution month on its own employer + employee principal (arithmetic.md
// §3.3); the fee the bill shows, computed to its as_of, is informational.
// 003 5 / rules.md §4: a bill is paid by its own unit while open; a flexible verification while
// open. Decision: flexible contributions are voluntary and carry no late fee. Decision: a payment
// is recorded on a day that has happened.
#include "si/late_fee.hpp"
#include "provident/rules/codes.hpp"
#include "si/rules/rules.hpp"

namespace pvd::si {

std::vector<Money> late_fees_to(const policy::Policy& p, policy::Trace* t, const state::Bill& bill, Date paid_date) {
  // SI Law Art. 86, per contribution month (decision: none on a flexible verification).
  std::vector<Money> fees;
  for (const auto& i : bill.items) {
    Money fee;
    if (bill.kind != state::BillKind::flex) fee = compute_late_fee(p, t, i.employer + i.employee, due_date(p, t, i.month), paid_date).fee;
    fees.push_back(fee);
  }
  return fees;
}

void check_bill_payable(Violations& v, const state::Bill& bill, const std::optional<std::string>& unit_code,
                        const std::string& field) {
  // 003 5 / rules.md §4: a bill of this unit (any payer for a verification), still open.
  const bool payer = bill.kind == state::BillKind::flex || bill.unit_code == unit_code;
  if (!payer || bill.status != state::BillStatus::open) v.add(code::BILL_NOT_PAYABLE, field);
}

void check_paid_date(Violations& v, Date paid_date, Date today, const std::string& field) {
  // decision: a payment is recorded on a day that has happened.
  if (today < paid_date) v.add(code::SI_PAID_DATE_IN_FUTURE, field);
}

void check_payment_amount(Violations& v, Money amount, Money principal, Money late_fee, const std::string& field) {
  // SI Law Art. 86: principal + late fees to the paid date.
  const Money due = principal + late_fee;
  if (amount != due)
    v.add(code::PAYMENT_AMOUNT_MISMATCH, field,
          {{"due", due.to_string()}, {"principal", principal.to_string()}, {"late_fee", late_fee.to_string()}});
}

}  // namespace pvd::si
