// The HPF rules of rules.md §1–3, one small function per rule, each citing its
// source. A check appends its violation (code, field, row, parameters) and
// returns whether the rule holds; it reads every number, window, list and text
// from policy, at the date policy.md §1 names (admissibility at as_of, pricing
// on day 1 of the contribution month).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "hpf/windows.hpp"
#include "provident/id/citizen_id.hpp"
#include "provident/policy/policy.hpp"
#include "provident/rules/violation.hpp"
#include "state/entities.hpp"

namespace pvd::hpf::rules {

using Row = std::optional<std::int64_t>;
using policy::Policy;
using policy::Trace;

/// Appends violation `code` (registry messages) with an optional batch row.
void add(Violations& v, std::string_view code, std::string field, Row row = std::nullopt,
         std::initializer_list<MessageParam> params = {}, std::string_view source = {});

// ------------------------------------------------------------------ rules.md §1: the account model

/// A closed account accepts only queries; its other state checks are skipped.
bool check_not_closed(Violations& v, const state::Account& a, const std::string& field, Row row = std::nullopt);
/// rules.md §1: personal operations apply only to accounts of a flexible unit (seed 000 菜单介绍).
bool check_flexible_unit(Violations& v, const state::Unit& u, const std::string& field, std::string_view source = {});
/// rules.md §1: employer operations need an employer unit (seed 003).
bool check_employer_unit(Violations& v, const state::Unit& u, const std::string& field, std::string_view source = {});
/// rules.md §1: the unit is active.
bool check_unit_active(Violations& v, const state::Unit& u, const std::string& field);
bool check_normal(Violations& v, const state::Account& a, const std::string& field, Row row = std::nullopt,
                  std::string_view source = {});
/// `code` names the specific violation (HPF_NOT_SEALED, HPF_TRANSFER_NOT_SEALED, HPF_EXIT_NOT_SEALED).
bool check_sealed(Violations& v, const state::Account& a, std::string_view code, const std::string& field,
                  Row row = std::nullopt);
bool check_in_unit(Violations& v, const state::Account& a, const state::Unit& u, const std::string& field,
                   Row row = std::nullopt);
/// HPF Regs Art. 13: one open account per person per centre. `others` are the
/// person's accounts; a closed account does not count.
bool check_no_open_account(Violations& v, const std::vector<const state::Account*>& others, const std::string& field,
                           Row row = std::nullopt);

// ------------------------------------------------------------------ identifiers (rules.md §7)

/// NAME_REQUIRED: a name that is empty or only white space.
bool check_name_present(Violations& v, const std::string& name, const std::string& field, Row row = std::nullopt);
/// PHONE_INVALID (002 三.5).
bool check_phone(Violations& v, const std::string& phone, const std::string& field, Row row = std::nullopt);
/// BANK_UNKNOWN: a bank code not in the policy's `banks` list; returns the bank.
const policy::Bank* check_bank_known(Violations& v, const Policy& p, Trace* t, Date on, const std::string& code,
                                     const std::string& field);
/// USCC_INVALID (GB 32100-2015).
bool check_credit_code(Violations& v, const std::string& code, const std::string& field);

// ------------------------------------------------------------------ flexible employment (rules.md §2)

/// 002 三.6 / 002 一: the monthly deposit lies in [hpf.flex.monthly_min, hpf.flex.monthly_max] at `on`.
bool check_deposit_range(Violations& v, const Policy& p, Trace* t, Date on, Money amount, const std::string& field,
                         std::string_view source = {});
/// Whether `amount` lies in the flexible range at `on` (no violation).
bool deposit_in_range(const Policy& p, Trace* t, Date on, Money amount);

/// 002 一; Shanghai 2025 flexible measures: age at as_of (completed years) ≥
/// hpf.flex.min_age and the as_of month before the statutory retirement month
/// (category given, else men M60 and women hpf.flex.female_category).
bool check_flex_age(Violations& v, const Policy& p, Trace* t, LocalDateTime as_of, const id::CitizenId& id,
                    const std::optional<std::string>& category, const std::string& field);

/// The statutory retirement month of a depositor (category given, else men
/// M60 and women hpf.flex.female_category), under the rules in force on `on`.
YearMonth retirement_month(const Policy& p, Trace* t, Date on, const id::CitizenId& id, const std::optional<std::string>& category);

/// 000 一, 002 一; HPF Regs Art. 24 (1) (retirement ends deposits: the fund is
/// withdrawn): nobody at or past the statutory retirement month starts or
/// restarts deposits — opening, transfer in, unsealing, internal transfer.
/// An ID number that does not parse is left to the checks of identifiers.
bool check_not_past_retirement(Violations& v, const Policy& p, Trace* t, LocalDateTime as_of, std::string_view id_number,
                               const std::optional<std::string>& category, const std::string& field, Row row = std::nullopt);

/// 003 6 (补缴核定 "选择核定月份，输入补缴金额"): a back-paid month is one the
/// account owed this unit — inside one of its stints here — or, for a missed
/// month, one before the account's first stint when that stint is here (a new
/// hire's earlier month, 新入职人员补缴: owed here from then on). A missed
/// month costs the deposit in force for it (before the first deposit: the
/// first deposit). Decision: a missed month's amount that differs is refused
/// (a difference has its own reasons, 补缴差额).
bool check_back_pay_in_history(Violations& v, const state::Account& a, const std::string& unit_code, YearMonth m, Money amount,
                               bool missed, bool check_amount, const std::string& month_field, const std::string& amount_field, Row row);

/// 002 三.6 (月缴存额调整): an adjustment changes the amount; one to the amount
/// already in force would use up the year's change for nothing.
bool check_adjustment_changes(Violations& v, const state::Account& a, YearMonth from, Money deposit, const std::string& field);

/// 002 三.1 注, 三.2 注: remittance and back-pay inside hpf.payment_window.
bool check_payment_window(Violations& v, const Policy& p, Trace* t, LocalDateTime as_of, std::string_view source);

/// 000 四; 002 三.6: adjustment open — the month is listed and the yearly count
/// is not used up. Adds HPF_ADJUST_OUTSIDE_WINDOW and/or HPF_ADJUST_ALREADY_DONE.
bool check_adjustment_open(Violations& v, const AdjustmentWindow& w);
/// The {months} parameter of HPF_ADJUST_OUTSIDE_WINDOW: "7月" / "July".
MessageParam months_param(const policy::MonthList& months);

/// 000 五; 002 三.3: the commitment copied equals hpf.seal.commitment_text,
/// surrounding white space ignored.
bool check_commitment(Violations& v, const Policy& p, Trace* t, Date on, const std::string& given, const std::string& field);
/// Trims ASCII white space, U+3000 (ideographic space) and U+00A0 at both ends.
std::string trim_space(std::string_view s);

/// 000 一 注意, 三: the card's holder name is the depositor's.
bool check_sign_name(Violations& v, const std::string& account_name, const std::string& person_name, const std::string& field);
/// CARD_INVALID: 16–19 digits and, when card.luhn_required, the Luhn check.
bool check_card(Violations& v, const Policy& p, Trace* t, Date on, const std::string& card_no, const std::string& field);
/// 000 一 注意: the card's bank is the unit's collection bank.
bool check_card_bank(Violations& v, const Policy& p, Trace* t, Date on, const std::string& bank, const state::Unit& u,
                     const std::string& field);
/// 000 一 注意: a Type I (一类) account when hpf.sign.require_type1_card.
bool check_card_class(Violations& v, const Policy& p, Trace* t, Date on, std::int64_t card_class, const std::string& field);

/// 000 一: a contract card is signed before remittance and back-pay.
bool check_signed(Violations& v, const state::Account& a, const std::string& field);
/// 002 三.1: a month is paid at most once.
bool check_month_unpaid(Violations& v, const state::Account& a, YearMonth m, const std::string& field, Row row = std::nullopt,
                        std::string_view source = {});

/// 002 三.2: the back-pay range. `end` before the as_of month, not before the
/// first payable month, not before the lapse limit (as_of month −
/// hpf.back_pay.max_months); the months are every unpaid month from the first
/// payable, not lapsed, month through `end`.
struct BackPayPlan {
  std::vector<YearMonth> months;
  std::optional<YearMonth> lapse_limit;  // months before it have lapsed
  bool range_ok = false;
};
BackPayPlan plan_flex_back_pay(Violations& v, const Policy& p, Trace* t, LocalDateTime as_of, const state::Account& a,
                               YearMonth end, const std::string& field);

/// Completed months from `from` to `to` (a month completes on the same day of a
/// later month, clamped to that month's end: sealed 31 January completes a month
/// on 28/29 February).
int completed_months(Date from, Date to);
/// 002 三.7; HPF Regs Art. 24: exit needs the account sealed at least hpf.exit.min_sealed_months.
bool check_sealed_long_enough(Violations& v, const Policy& p, Trace* t, Date on, const state::Account& a, const std::string& field);
/// 002 三.7: no outstanding HPF loan.
bool check_no_loan(Violations& v, bool has_loan, const std::string& field);

// ------------------------------------------------------------------ employer (rules.md §3)

/// HPF Regs Art. 18; policy flags: each rate within [hpf.rate.min, hpf.rate.max],
/// whole percentages when hpf.rate.whole_percent, the employee rate not below
/// the employer rate when hpf.rate.employee_not_below_employer.
bool check_rates(Violations& v, const Policy& p, Trace* t, Date on, const Rate& er, const Rate& ee, const std::string& er_field,
                 const std::string& ee_field);
/// HPF Regs Art. 16; arithmetic.md §3.1: a base within [hpf.base.floor, hpf.base.cap] at `on`.
bool check_base(Violations& v, const Policy& p, Trace* t, Date on, Money base, const std::string& field, Row row = std::nullopt);
/// 003 3, 4, 6: a reason code from the policy list; returns the reason.
const policy::Reason* check_reason(Violations& v, const policy::ReasonList& list, const std::string& code,
                                   const std::string& field, Row row = std::nullopt, std::string_view source = {});

/// "5%", "7.5%": a rate as a percentage for messages.
std::string percent_text(const Rate& r);

}  // namespace pvd::hpf::rules
