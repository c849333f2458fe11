// Every policy parameter the engine knows: its key, kind, group and bounds.
// policy.md §2. A key not listed here is refused when a profile is loaded.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace pvd::policy {

enum class Kind : std::uint8_t {
  boolean, integer, rate, money, rounding, window, month_list, text, reasons, back_pay_reasons, banks, ops,
  year_range, retirement_rule, date, year_month, category, interest_method
};

/// Parameters by id. The order is the schema order; `Key::count_` is the size.
enum class Key : std::uint16_t {
  banks, card_luhn_required, review_ops,
  hpf_rate_min, hpf_rate_max, hpf_rate_whole_percent, hpf_rate_employee_not_below_employer,
  hpf_deposit_rounding, hpf_payment_window, hpf_unit_adjust_base_months, hpf_sign_require_type1_card,
  hpf_exit_min_sealed_months, hpf_flex_min_age, hpf_flex_female_category, hpf_flex_adjust_months,
  hpf_flex_adjust_per_year, hpf_back_pay_max_months, hpf_seal_reasons, hpf_unseal_reasons, hpf_back_pay_reasons, hpf_transfer_old_unit_owes_month,
  hpf_base_floor, hpf_base_cap,
  hpf_flex_monthly_min, hpf_flex_monthly_max, hpf_seal_commitment_text,
  hpf_interest_rate, hpf_interest_method, hpf_interest_rounding, hpf_interest_current_year_rate, hpf_interest_carried_over_rate,
  si_base_floor_ratio, si_base_cap_ratio, si_base_rounding, si_amount_rounding,
  si_rates_pension_employer, si_rates_pension_employee, si_rates_medical_employer, si_rates_medical_employee,
  si_rates_unemployment_employer, si_rates_unemployment_employee, si_rates_injury_employer, si_rates_injury_employee,
  si_rates_maternity_employer, si_rates_maternity_employee,
  si_flex_rate, si_flex_personal_rate, si_due_day, si_due_month_offset, si_year_start_month, si_stop_reasons,
  si_transfer_month_owner,
  si_avg_wage, si_base_floor, si_base_cap,
  si_late_fee_daily_rate, si_late_fee_rounding,
  pension_min_work_months, pension_min_contribution_months, pension_promotion_once_per_year,
  pension_check_retirement_age, retirement_reform_start, retirement_m60, retirement_f55, retirement_f50,
  retirement_flexible_early_months, retirement_flexible_late_months,
  count_
};

constexpr std::size_t kKeyCount = static_cast<std::size_t>(Key::count_);

struct KeyInfo {
  Key key;
  std::string_view name;   // "hpf.rate.min"
  Kind kind;
  std::string_view group;  // coverage group ("hpf", "hpf_base", …)
  bool required;           // must have a value on every day of the group's window
  std::int64_t min = 0;    // bounds for integers (inclusive); for money in fen
  std::int64_t max = 0;
  std::string_view meaning;
};

const KeyInfo& info(Key k) noexcept;
std::span<const KeyInfo> all_keys() noexcept;
std::optional<Key> key_by_name(std::string_view name) noexcept;

/// The coverage groups, in schema order.
std::span<const std::string_view> all_groups() noexcept;
bool is_group(std::string_view g) noexcept;

}  // namespace pvd::policy
