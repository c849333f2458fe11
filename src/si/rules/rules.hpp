// The SI rules (rules.md §4), one small file each under src/si/rules/, named
// after what it decides; each file opens with the clause it implements. A rule
// is a pure function of (policy, as_of, subjects, arguments): it appends
// violations under the field it is given (v.add(code, field, params)) or
// returns a value, and never stops at the first — the handlers (src/si/ops_*.cpp)
// call every rule that applies and report all of them at once. Rules never
// change an entity, emit an event or touch the response.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "provident/policy/policy.hpp"
#include "provident/rules/violation.hpp"
#include "si/base_limits.hpp"
#include "si/billing.hpp"
#include "state/entities.hpp"

namespace pvd::si {

// ------------------------------------------------------------------ units

// unit_code.cpp
/// 001 5.1 注意 a: a unit code has 10 or 12 digits (SI_UNIT_CODE_INVALID).
void check_unit_code(Violations& v, std::string_view code, const std::string& field);
/// decision: a code names one unit of either scheme (SI_UNIT_EXISTS); `existing` is the unit holding it.
void check_unit_code_free(Violations& v, const state::Unit* existing, std::string_view code, const std::string& field);

// unit_active.cpp
/// 004 §2.1.1 办理条件 (1), (3): the unit is registered and active (SI_UNIT_NOT_ACTIVE).
void check_unit_active(Violations& v, const state::Unit& u, const std::string& field);

// ------------------------------------------------------------------ enrollment

// enrollment_classification.cpp
enum class Classification { new_registration, new_enrollment, continuation, transfer, add_type };
std::string_view to_string(Classification c) noexcept;
/// 004 §2.1.1 第一步; 001 7.2.1: what an enrollment is — unknown person →
/// new_registration; active at another unit for a requested type → transfer;
/// active here for other types → add_type; insured before for a requested type →
/// continuation; else new_enrollment.
Classification classify(const state::Person* p, std::string_view unit, std::span<const std::string> types);

// already_enrolled.cpp
/// 004 §2.1.1 办理条件 (2): not already insured here for a requested type (SI_ALREADY_ENROLLED).
void check_not_enrolled_here(Violations& v, const state::Person& p, std::string_view unit,
                             std::span<const std::string> types, const std::string& field);

// enroll_after_work_start.cpp
/// 004 §2.1.1 重点项目说明 (2): the enrollment is strictly later than the work start
/// (SI_ENROLL_BEFORE_WORK_START).
void check_enroll_after_work_start(Violations& v, Date enroll, Date work_start, const std::string& field);

// key_data.cpp
/// 004 §2.1.1, §2.2: a known ID number keeps its recorded name and work start date
/// (SI_KEY_DATA_MISMATCH, one per field); a value the record lacks is filled in.
void check_key_data_matches(Violations& v, const state::Person& p, std::string_view name, Date work_start,
                            const std::string& name_field, const std::string& work_start_field);

// wage_positive.cpp
/// decision: a declared wage is positive (AMOUNT_NOT_POSITIVE).
void check_wage_positive(Violations& v, Money wage, const std::string& field);

// back_pay_flag.cpp
/// 004 §2.1.1 第二步: the back-pay flag defaults to yes for an enrollment before the settlement period.
bool default_back_pay(YearMonth enroll_month, YearMonth settlement_period);
/// 004 §2.1.1 第二步: one flag for every type (SI_BACK_PAY_FLAG_INCONSISTENT). `given`
/// holds the flags the request set; the others take the default. The flag when consistent.
std::optional<bool> resolve_back_pay(Violations& v, const std::map<std::string, bool>& given,
                                     std::span<const std::string> types, bool default_flag, const std::string& field);
/// The months an enrollment back-pays: from its month to the month before the
/// settlement period, when the flag is set.
std::vector<YearMonth> back_pay_months(YearMonth enroll_month, YearMonth settlement_period, bool flag);

// retired_pension.cpp
/// 001 7.1 (decision): pension months from the person's retirement month on are
/// neither enrolled nor charged.
bool retired_in(const state::Person& p, std::string_view type, YearMonth m);
/// 001 7.1 (decision): a retired person is not enrolled for pension again (SI_RETIRED).
void check_not_retired_for(Violations& v, const state::Person& p, std::span<const std::string> types,
                           const std::string& field);
/// 001 7.1 (decision): no flexible pension month from the retirement month on (SI_RETIRED).
void check_not_retired_by(Violations& v, const state::Person& p, YearMonth last, const std::string& field);

// ------------------------------------------------------------------ stop

// enrolled_at_unit.cpp
/// 004 §2.1.2 办理条件 (2): active at this unit for each type (SI_NOT_ENROLLED, per type).
void check_active_for_types(Violations& v, const state::Person& p, std::string_view unit,
                            std::span<const std::string> types, const std::string& field);
/// 004 §2.1.2 办理条件 (2): active at this unit for some type (SI_NOT_ENROLLED, any type).
void check_enrolled_at_unit(Violations& v, bool enrolled, const std::string& field);

// stop_date.cpp
/// 004 §2.1.2 重点项目说明: "停保时间不能晚于当前时间" (SI_STOP_DATE_IN_FUTURE).
void check_stop_not_future(Violations& v, Date stop, Date today, const std::string& field);
/// 004 §2.1.2 重点项目说明: "不能早于上次变更时间", equal allowed (SI_STOP_BEFORE_LAST_CHANGE).
void check_stop_not_before_last_change(Violations& v, const state::Person& p, std::string_view unit, Date stop,
                                       const std::string& field);

// stop_into_billed.cpp
/// 004 §2.1.2 重点项目说明 and decision: a stop that would leave months already billed
/// or paid at (unit, type) outside the enrollment is refused, naming them — refused,
/// not refunded (SI_STOP_INTO_BILLED_MONTHS). The months are those after the stop's month.
void check_stop_not_into_billed(Violations& v, const state::Person& p, std::string_view unit,
                                std::span<const std::string> types, Date stop, const std::string& field);
/// 001 7.1 and decision (issue 12): a retirement from `from` is refused as a stop when
/// pension months from it on are billed or paid (at a unit, or flexible: `flex_months`).
void check_retirement_not_into_billed(Violations& v, const state::Person& p, const std::set<YearMonth>& flex_months,
                                      YearMonth from, const std::string& field);

// stop_without_arrears.cpp
/// 004 《单位职工减少申报指南》: no stop online while the person owes (SI_STOP_HAS_ARREARS).
void check_stop_without_arrears(Violations& v, std::span<const ArrearsMonth> arrears, const std::string& field);

// stop_reason.cpp
/// 004 §2.1.2 第三步: the reason is one of si.stop.reasons, read at `today` (SI_REASON_UNKNOWN).
void check_stop_reason(Violations& v, const policy::Policy& p, policy::Trace* t, Date today, const std::string& reason,
                       const std::string& field);

// stop.cpp
struct StopInput {
  const state::Person& person;
  std::string_view unit_code;
  std::span<const std::string> types;
  std::optional<Date> stop_date;     // nullopt: a batch row's unreadable date (its date rules are skipped)
  std::optional<std::string> reason;  // nullopt: a transfer's implicit stop
  std::span<const ArrearsMonth> arrears;  // the person's arrears at the unit
};
struct StopFields {
  std::string types, stop_date, reason, person;
};
/// Every rule of a stop (si.stop, a si.stop_batch row, a transfer's implicit stop), in order.
void check_stop(Violations& v, const policy::Policy& p, policy::Trace* t, Date today, const StopInput& in,
                const StopFields& at);

// batch_rows.cpp
/// 004 §2.1.3: a batch row's date is exactly yyyymmdd and a real date (BATCH_BAD_DATE).
std::optional<Date> check_batch_date(Violations& v, std::string_view text, std::size_t row, const std::string& field);
/// decision: one row per person (BATCH_DUPLICATE names the earlier row); `first_row`
/// records each person's first row. Whether the row is the person's first.
bool check_batch_first_row(Violations& v, std::map<std::string, std::size_t>& first_row, const std::string& id_number,
                           std::size_t row, const std::string& field);

// ------------------------------------------------------------------ months charged once (issue 12)

// transfer_month_owner.cpp
/// decision (si.transfer_month_owner): the unit that owes month m of `type` when
/// enrollments at several units cover a day of it; nullopt when no unit covers m.
/// A unit that can no longer bill m (`can_bill` false) is passed over while another can.
std::optional<std::string> owing_unit(const PolicyOfUnit& policy_of, policy::Trace* t, const state::Person& p,
                                      std::string_view type, YearMonth m, const CanBill& can_bill = {});

// charged_once.cpp
/// Why (unit, type, m) must not be charged at `unit`, when it must not: the code
/// (SI_MONTH_CHARGED_ELSEWHERE, SI_TRANSFER_MONTH_OTHER_UNIT or SI_RETIRED) and
/// the other place ("" = flexible).
struct NotOwed {
  Code code;
  std::string other;  // the unit charged or owing; "" for flexible; SI_RETIRED: the retirement month
};
/// decision (issue 12): a person-month-type is charged at one place only. The asking
/// `unit` counts as able to bill (it is billing now); the others as `can_bill` says.
std::optional<NotOwed> not_owed_here(const PolicyOfUnit& policy_of, policy::Trace* t, const state::Person& p,
                                     const ChargeIndex& charges, std::string_view unit, std::string_view type,
                                     YearMonth m, bool settled_only = false, const CanBill& can_bill = {});
/// The violation of a run of months of one type not owed at a unit, for `why`.
void add_not_owed(Violations& v, const NotOwed& why, const MonthPeriod& run, const std::string& type,
                  const std::string& field);
/// The months of `type` in `period` not owed at `unit`, one violation per run of the
/// same reason (add_not_owed): those enrolled there (outside `gaps`) as not_owed_here
/// says, those outside it (`gaps`) only when retired (the others are not enrolled).
void check_months_owed_here(Violations& v, const PolicyOfUnit& policy_of, policy::Trace* t, const state::Person& p,
                            const ChargeIndex& charges, const CanBill& can_bill, std::string_view unit,
                            const std::string& type, const MonthPeriod& period, const MonthSet& gaps,
                            const std::string& field);

// ------------------------------------------------------------------ money

// period_order.cpp
/// rules.md §4 si.back_pay: from ≤ to (PERIOD_INVERTED).
void check_period_order(Violations& v, const MonthPeriod& p, const std::string& field);

// back_pay_window.cpp
/// 004 《单位职工核定基数补缴申报指南》: the back-paid months end before the settlement period (SI_BACK_PAY_NOT_PAST).
void check_back_pay_before_settlement(Violations& v, const state::Unit& unit, const MonthPeriod& period,
                                      const std::string& field);

// enrollment_span.cpp
/// 004 《单位职工核定基数补缴申报指南》: every back-paid month lies in an enrollment at the unit; the runs
/// outside it per type (SI_NOT_ENROLLED_IN_PERIOD). `gaps`: the months of `type` outside.
void check_enrolled_in_period(Violations& v, const MonthSet& gaps, const std::string& type, const std::string& field);
/// The same for a person never enrolled at the unit for any type.
void check_some_type_enrolled(Violations& v, std::span<const std::string> types, const MonthPeriod& period,
                              const std::string& field);

// back_pay_unbilled.cpp
/// 004 《单位职工核定基数补缴申报指南》 and decision: a month already paid (SI_MONTH_ALREADY_PAID), or on
/// a bill still open (SI_MONTH_ALREADY_BILLED), is not back-paid again; runs per type.
void check_back_pay_unbilled(Violations& v, const ContributionIndex& index, const std::set<std::string>& open_bills,
                             std::string_view unit, const std::string& type, const MonthPeriod& period,
                             const std::string& field);

// settlement_period.cpp
/// 004 《无变动结算》: the period settled is the unit's settlement period
/// (SI_SETTLE_WRONG_PERIOD), not after the as_of month (SI_SETTLE_FUTURE_PERIOD).
void check_settlement_period(Violations& v, const state::Unit& unit, YearMonth period, YearMonth this_month,
                             const std::string& field);

// settlement_kind.cpp
/// 004 《有变动结算操作指南》: the operations a with-change settlement covers.
bool is_change_op(std::string_view op) noexcept;
/// 004 《无变动结算》/《有变动结算》: no_change only without changes since the last
/// settlement, made or pending (SI_SETTLE_HAS_CHANGES); with_change only with none
/// pending review (SI_SETTLE_PENDING_REVIEW). `pending`: the unit's change cases submitted.
void check_settlement_kind(Violations& v, const state::Unit& unit, std::string_view kind,
                           std::span<const state::Case* const> pending, const std::string& field);

// payment.cpp
/// The late fees of a bill's items recomputed to `paid_date` (SI Law Art. 86), each
/// month's on its own principal; none for a flexible verification (decision).
std::vector<Money> late_fees_to(const policy::Policy& p, policy::Trace* t, const state::Bill& bill, Date paid_date);
/// 003 5 / rules.md §4: a unit's bill is payable by that unit while open; a
/// verification while open (BILL_NOT_PAYABLE).
void check_bill_payable(Violations& v, const state::Bill& bill, const std::optional<std::string>& unit_code,
                        const std::string& field);
/// decision: a payment is recorded on a day that has happened (SI_PAID_DATE_IN_FUTURE).
void check_paid_date(Violations& v, Date paid_date, Date today, const std::string& field);
/// SI Law Art. 86: the amount is the principal plus the late fees to the paid date
/// (PAYMENT_AMOUNT_MISMATCH).
void check_payment_amount(Violations& v, Money amount, Money principal, Money late_fee, const std::string& field);

// ------------------------------------------------------------------ flexible workers

// flex_month_begun.cpp
/// decision on 004 §2.5.5: a month is verified once it has begun (SI_FLEX_FUTURE_MONTH).
void check_flex_month_begun(Violations& v, const MonthPeriod& period, YearMonth this_month, const std::string& field);

// base_within_limits.cpp
/// SI Law Art. 12; arithmetic.md §3.2: a flexible worker's base lies within each
/// month's limits, reported per run of months with the same limits (SI_BASE_OUT_OF_RANGE).
void check_base_within_limits(Violations& v, const policy::Policy& p, policy::Trace* t, Money base,
                              const MonthPeriod& months, const std::string& field);

// flex_month_employed.cpp
/// 004 §2.5.5 and decision (issue 12): a month insured for pension as an employee is
/// not a flexible month (SI_FLEX_MONTH_EMPLOYED, runs per unit).
void check_flex_not_employed(Violations& v, const state::Person& p, const MonthPeriod& period, const std::string& field);

// flex_verified_once.cpp
/// 004 §2.5.5: a month is verified once while its verification stands (SI_FLEX_ALREADY_VERIFIED).
void check_flex_verified_once(Violations& v, const std::set<YearMonth>& verified, const MonthPeriod& period,
                              const std::string& field);

// flex_rollback.cpp
/// decision on 004 §2.5.6: only an open verification is rolled back
/// (SI_FLEX_ROLLBACK_PAID, SI_FLEX_ROLLED_BACK).
void check_flex_rollback(Violations& v, const state::Bill& verification, const std::string& field);

// ------------------------------------------------------------------ money corrections (issue 18)

// bill_withdrawal.cpp
/// decision on 004 《有变动结算操作指南》 and rules.md §3: an SI settlement bill of this unit,
/// still open, may be withdrawn (BILL_NOT_WITHDRAWABLE with the reason).
bool check_si_bill_withdrawable(Violations& v, const state::Bill& b, std::string_view unit_code, const std::string& field);
/// decision: only the unit's last settlement, its bill unpaid, is reversed (SI_SETTLE_NOT_REVERSIBLE).
bool check_settle_reversible(Violations& v, const state::Unit& unit, YearMonth period, const state::Bill* bill,
                             const std::string& field);

// refund.cpp
/// One month of one type a refund names.
struct RefundMonth {
  YearMonth month;
  std::string type;
};
/// Whether (unit or flexible "", type, m) is owed: inside an enrollment there, not a pension month
/// from retirement on, not also paid elsewhere, not after the month of a prepared back-dated stop.
bool refund_month_owed(const state::Person& p, std::string_view unit, std::string_view type, YearMonth m,
                       std::optional<Date> stop);
/// decision: the paid record a refund month returns (its index in p.contributions), or
/// nullopt with SI_REFUND_NOT_PAID, SI_REFUND_OWED or SI_REFUND_ALREADY_REFUNDED (`refunds`:
/// the person's refund bills).
std::optional<std::size_t> check_refund_month(Violations& v, const state::Person& p, std::string_view unit,
                                              const RefundMonth& rm, std::optional<Date> stop,
                                              std::span<const state::Bill* const> refunds, const std::string& field);
/// decision: a month-type is named once (SI_REFUND_MONTH_TWICE on field[i]).
void check_refund_months_once(Violations& v, std::span<const RefundMonth> months, const std::string& field);
/// decision: a stop date a refund prepares has come (SI_REFUND_STOP_DATE_FUTURE).
void check_refund_stop_date(Violations& v, std::optional<Date> stop, Date today, const std::string& field);

}  // namespace pvd::si
