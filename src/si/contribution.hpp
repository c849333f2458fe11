// SI contributions per insurance type. arithmetic.md §3.2: employer =
// round(base × employer_rate), employee = round(base × employee_rate), rates
// and rounding in force in the contribution month.
#pragma once

#include <array>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/registry.hpp"
#include "provident/policy/policy.hpp"

namespace pvd::si {

/// The insurance types (险种), in their usual order.
inline constexpr std::array<std::string_view, 5> kTypes = {"pension", "medical", "unemployment", "injury", "maternity"};
bool is_type(std::string_view t) noexcept;
std::string type_zh(std::string_view t);

struct ContributionItem {
  std::string type;
  Money employer, employee;
  protocol::Derivation employer_derivation, employee_derivation;
};

/// The employer and employee rates of one type in force on `on` (the rounding
/// of SI amounts is amount_rounding's): what pricing a type reads from the
/// policy (contributions below; the batch kernel reads it once per month,
/// src/fastpath).
struct TypeRates {
  const Rate* employer = nullptr;
  const Rate* employee = nullptr;
};
TypeRates type_rates(const policy::Policy& p, policy::Trace* t, Date on, std::string_view type);
Rounding amount_rounding(const policy::Policy& p, policy::Trace* t, Date on);

/// One item per type, priced in month `m`.
std::vector<ContributionItem> contributions(const policy::Policy& p, policy::Trace* t, YearMonth m, Money base,
                                            std::span<const std::string> types);

/// A flexible worker's pension month (decision on 004 §2.5.5 and 国发〔2005〕38号):
/// total = round(base × si.flex.rate), personal = round(base × si.flex.personal_rate),
/// pool = total − personal, with si.amount.rounding — rates and rounding in force on
/// day 1 of the month.
struct FlexMonth {
  Money total, personal, pool;
  protocol::Derivation total_derivation, personal_derivation;
};
FlexMonth flex_contribution(const policy::Policy& p, policy::Trace* t, YearMonth m, Money base);

}  // namespace pvd::si
