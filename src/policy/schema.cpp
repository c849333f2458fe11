// The parameter schema (policy.md §2). Each key belongs to a coverage group: a
// profile declares, per group, the window of days its data covers, and every
// required key of the group must have exactly one value on each of those days
// (checked by the temporal coverage test).
#include "provident/policy/schema.hpp"

#include <array>
#include <unordered_map>

namespace pvd::policy {

namespace {

constexpr std::int64_t kMoneyMax = 100'000'000'00;  // 100 million yuan, in fen: a sane bound for a parameter

using enum Kind;
const std::array<KeyInfo, kKeyCount> kKeys = {{
    {Key::banks, "banks", banks, "general", true, 0, 0, "bank codes with zh/en names"},
    {Key::card_luhn_required, "card.luhn_required", boolean, "general", true, 0, 0, "Luhn check on card numbers"},
    {Key::review_ops, "review.ops", ops, "general", true, 0, 0, "operations that need review"},

    {Key::hpf_rate_min, "hpf.rate.min", rate, "hpf", true, 0, 0, "lowest rate of each party"},
    {Key::hpf_rate_max, "hpf.rate.max", rate, "hpf", true, 0, 0, "highest rate of each party"},
    {Key::hpf_rate_whole_percent, "hpf.rate.whole_percent", boolean, "hpf", true, 0, 0, "rates must be whole percentages"},
    {Key::hpf_rate_employee_not_below_employer, "hpf.rate.employee_not_below_employer", boolean, "hpf", true, 0, 0, "employee rate not below employer rate"},
    {Key::hpf_deposit_rounding, "hpf.deposit.rounding", rounding, "hpf", true, 0, 0, "rounding of each part of a deposit"},
    {Key::hpf_payment_window, "hpf.payment_window", window, "hpf", true, 0, 0, "when remittance and back-pay are accepted"},
    {Key::hpf_unit_adjust_base_months, "hpf.unit.adjust_base.months", month_list, "hpf", true, 0, 0, "months in which employers may adjust bases (empty = any)"},
    {Key::hpf_sign_require_type1_card, "hpf.sign.require_type1_card", boolean, "hpf", true, 0, 0, "contract card must be a Type I account"},
    {Key::hpf_exit_min_sealed_months, "hpf.exit.min_sealed_months", integer, "hpf", true, 0, 600, "completed months sealed before exit"},
    {Key::hpf_flex_min_age, "hpf.flex.min_age", integer, "hpf", true, 0, 100, "minimum age for a flexible account"},
    {Key::hpf_flex_female_category, "hpf.flex.female_category", category, "hpf", true, 0, 0, "retirement category of women without one"},
    {Key::hpf_flex_adjust_months, "hpf.flex.adjust.months", month_list, "hpf", true, 0, 0, "months in which a flexible deposit may change (empty = any)"},
    {Key::hpf_flex_adjust_per_year, "hpf.flex.adjust.per_year", integer, "hpf", true, 0, 12, "adjustments a calendar year (0 = unlimited)"},
    {Key::hpf_back_pay_max_months, "hpf.back_pay.max_months", integer, "hpf", true, 0, 1200, "how far back a flexible back-pay reaches (0 = no limit)"},
    {Key::hpf_seal_reasons, "hpf.seal.reasons", reasons, "hpf", true, 0, 0, "employer seal reasons"},
    {Key::hpf_unseal_reasons, "hpf.unseal.reasons", reasons, "hpf", true, 0, 0, "employer unseal reasons"},
    {Key::hpf_back_pay_reasons, "hpf.back_pay.reasons", back_pay_reasons, "hpf", true, 0, 0, "employer back-pay reasons"},
    {Key::hpf_transfer_old_unit_owes_month, "hpf.transfer.old_unit_owes_month", boolean, "hpf", true, 0, 0, "the unit an account leaves owes the month of the move (else the unit it joins)"},

    {Key::hpf_base_floor, "hpf.base.floor", money, "hpf_base", true, 0, kMoneyMax, "lowest contribution base"},
    {Key::hpf_base_cap, "hpf.base.cap", money, "hpf_base", true, 0, kMoneyMax, "highest contribution base"},

    {Key::hpf_flex_monthly_min, "hpf.flex.monthly_min", money, "hpf_flex", true, 0, kMoneyMax, "lowest flexible monthly deposit"},
    {Key::hpf_flex_monthly_max, "hpf.flex.monthly_max", money, "hpf_flex", true, 0, kMoneyMax, "highest flexible monthly deposit"},
    {Key::hpf_seal_commitment_text, "hpf.seal.commitment_text", text, "hpf_flex", true, 0, 0, "the text copied before sealing"},

    {Key::hpf_interest_rate, "hpf.interest.rate", rate, "hpf_interest", true, 0, 0, "annual deposit rate"},
    {Key::hpf_interest_method, "hpf.interest.method", interest_method, "hpf_interest", true, 0, 0, "monthly, daily or two_rate"},
    {Key::hpf_interest_rounding, "hpf.interest.rounding", rounding, "hpf_interest", true, 0, 0, "rounding of a year's interest"},
    {Key::hpf_interest_current_year_rate, "hpf.interest.current_year_rate", rate, "hpf_interest", false, 0, 0, "two_rate: rate on the year's deposits"},
    {Key::hpf_interest_carried_over_rate, "hpf.interest.carried_over_rate", rate, "hpf_interest", false, 0, 0, "two_rate: rate on carried-over balances"},

    {Key::si_base_floor_ratio, "si.base.floor_ratio", rate, "si", true, 0, 0, "base floor as a ratio of the average wage"},
    {Key::si_base_cap_ratio, "si.base.cap_ratio", rate, "si", true, 0, 0, "base cap as a ratio of the average wage"},
    {Key::si_base_rounding, "si.base.rounding", rounding, "si", true, 0, 0, "rounding of the base limits"},
    {Key::si_amount_rounding, "si.amount.rounding", rounding, "si", true, 0, 0, "rounding of contribution amounts"},
    {Key::si_rates_pension_employer, "si.rates.pension.employer", rate, "si", true, 0, 0, "pension, employer"},
    {Key::si_rates_pension_employee, "si.rates.pension.employee", rate, "si", true, 0, 0, "pension, employee"},
    {Key::si_rates_medical_employer, "si.rates.medical.employer", rate, "si", true, 0, 0, "medical, employer"},
    {Key::si_rates_medical_employee, "si.rates.medical.employee", rate, "si", true, 0, 0, "medical, employee"},
    {Key::si_rates_unemployment_employer, "si.rates.unemployment.employer", rate, "si", true, 0, 0, "unemployment, employer"},
    {Key::si_rates_unemployment_employee, "si.rates.unemployment.employee", rate, "si", true, 0, 0, "unemployment, employee"},
    {Key::si_rates_injury_employer, "si.rates.injury.employer", rate, "si", true, 0, 0, "work injury, employer"},
    {Key::si_rates_injury_employee, "si.rates.injury.employee", rate, "si", true, 0, 0, "work injury, employee"},
    {Key::si_rates_maternity_employer, "si.rates.maternity.employer", rate, "si", true, 0, 0, "maternity, employer"},
    {Key::si_rates_maternity_employee, "si.rates.maternity.employee", rate, "si", true, 0, 0, "maternity, employee"},
    {Key::si_flex_rate, "si.flex.rate", rate, "si", true, 0, 0, "flexible pension rate"},
    {Key::si_flex_personal_rate, "si.flex.personal_rate", rate, "si", true, 0, 0, "flexible pension share to the personal account"},
    {Key::si_due_day, "si.due_day", integer, "si", true, 1, 31, "day of the due month"},
    {Key::si_due_month_offset, "si.due_month_offset", integer, "si", true, 0, 12, "months after the contribution month"},
    {Key::si_year_start_month, "si.year_start_month", integer, "si", true, 1, 12, "first month of a declared wage's year"},
    {Key::si_stop_reasons, "si.stop.reasons", reasons, "si", true, 0, 0, "stop reason codes"},
    {Key::si_transfer_month_owner, "si.transfer_month_owner", text, "si", true, 0, 0, "which unit owes the month of a move between units: old | new"},

    {Key::si_avg_wage, "si.avg_wage", money, "si_wage", true, 0, kMoneyMax, "average monthly wage for the base limits"},
    // Cities whose SI limits are not the national ratios of an average wage (Beijing) state them.
    {Key::si_base_floor, "si.base.floor", money, "si_limits", true, 0, kMoneyMax, "SI base floor, stated (instead of avg_wage × ratio)"},
    {Key::si_base_cap, "si.base.cap", money, "si_limits", true, 0, kMoneyMax, "SI base cap, stated (instead of avg_wage × ratio)"},

    {Key::si_late_fee_daily_rate, "si.late_fee.daily_rate", rate, "si_late_fee", true, 0, 0, "late fee a day"},
    {Key::si_late_fee_rounding, "si.late_fee.rounding", rounding, "si_late_fee", true, 0, 0, "rounding of a late fee"},

    {Key::pension_min_work_months, "pension.min_work_months", integer, "pension", true, 0, 1200, "declared work years minimum, in months"},
    {Key::pension_min_contribution_months, "pension.min_contribution_months", integer, "pension", true, 0, 1200, "minimum contribution months, by retirement month"},
    {Key::pension_promotion_once_per_year, "pension.promotion_once_per_year", year_range, "pension", true, 0, 0, "years with at most one promotion record"},
    {Key::pension_check_retirement_age, "pension.check_retirement_age", boolean, "pension", true, 0, 0, "refuse a claim before the earliest allowed month"},
    {Key::retirement_reform_start, "retirement.reform_start", year_month, "pension", false, 0, 0, "first month of the 2024 reform"},
    {Key::retirement_m60, "retirement.M60", retirement_rule, "pension", true, 0, 0, "men, originally 60"},
    {Key::retirement_f55, "retirement.F55", retirement_rule, "pension", true, 0, 0, "women, originally 55"},
    {Key::retirement_f50, "retirement.F50", retirement_rule, "pension", true, 0, 0, "women, originally 50"},
    {Key::retirement_flexible_early_months, "retirement.flexible.early_months", integer, "pension", true, 0, 120, "flexible early retirement, months"},
    {Key::retirement_flexible_late_months, "retirement.flexible.late_months", integer, "pension", true, 0, 120, "flexible late retirement, months"},
}};

constexpr std::array<std::string_view, 10> kGroups = {"general", "hpf", "hpf_base", "hpf_flex", "hpf_interest",
                                                      "si", "si_wage", "si_limits", "si_late_fee", "pension"};

}  // namespace

const KeyInfo& info(Key k) noexcept { return kKeys[static_cast<std::size_t>(k)]; }
std::span<const KeyInfo> all_keys() noexcept { return kKeys; }

std::optional<Key> key_by_name(std::string_view name) noexcept {
  static const auto idx = [] {
    std::unordered_map<std::string_view, Key> m;
    for (const auto& k : kKeys) m.emplace(k.name, k.key);
    return m;
  }();
  auto it = idx.find(name);
  if (it == idx.end()) return std::nullopt;
  return it->second;
}

std::span<const std::string_view> all_groups() noexcept { return kGroups; }
bool is_group(std::string_view g) noexcept {
  for (auto x : kGroups)
    if (x == g) return true;
  return false;
}

}  // namespace pvd::policy
