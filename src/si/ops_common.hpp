// Helpers shared by the SI operation handlers (ops_units.cpp, ops_people.cpp,
// ops_money.cpp): decoding the arguments every SI operation has, looking up
// their subjects, and rendering amounts.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "id/checks.hpp"
#include "si/billing.hpp"
#include "protocol/registry.hpp"
#include "provident/id/mask.hpp"
#include "si/base_limits.hpp"
#include "si/contribution.hpp"
#include "si/late_fee.hpp"
#include "state/world.hpp"

namespace pvd::si {

/// The SI unit `code` (REQ_NOT_FOUND naming `field` when unknown or not an SI
/// unit); the request is then evaluated under the unit's profile.
const state::Unit& si_unit(protocol::OpContext& ctx, const std::string& code, const std::string& field);

/// The person with this (valid, normalised) ID number; REQ_NOT_FOUND naming
/// `field` when unknown. The message masks the number (arithmetic.md §4).
const state::Person& known_person(protocol::OpContext& ctx, const std::string& id_number, const std::string& field);

/// Each unit's own profile (as the World records it), else the request's:
/// the due dates of its months (arrears at several units).
PolicyOfUnit unit_policies(protocol::OpContext& ctx);
/// The person's arrears on the as_of date, at `unit` only when given.
std::vector<ArrearsMonth> arrears_of(protocol::OpContext& ctx, const state::Person& p, std::optional<std::string_view> unit);

/// A list of insurance types: strings from kTypes, each once, at least one
/// (REQ_BAD_VALUE otherwise). Absent and optional → nullopt.
std::optional<std::vector<std::string>> read_types(protocol::ArgReader& a, std::string_view name, bool optional);

/// "2024-01" or "2024-01至2024-03" / "2024-01 to 2024-03": the {month}
/// parameter of a message about a range of months.
MessageParam month_range_param(const MonthPeriod& p);

/// The message parameters of "any insurance type" ({type_zh} 社会保险).
MessageParam any_type_zh();
MessageParam any_type_en();

/// The message parameters of a month not owed at a unit (billing.hpp not_owed_here)
/// and the violation for a run of such months of one type.
void add_not_owed(Violations& v, const NotOwed& why, const MonthPeriod& run, const std::string& type,
                  const std::string& field, std::optional<std::int64_t> row = std::nullopt);
/// The JSON of a month a charging path skipped: {id_number, month, type, code, unit_code | null (flexible)}.
protocol::ojson skipped_json(const std::string& id_number, YearMonth m, const std::string& type, const NotOwed& why);

/// Derivation of a sum of other members.
protocol::Derivation sum_of(std::vector<std::string> terms, Money value);
/// Derivation of the base chosen for a wage within the limits.
protocol::Derivation clamp_derivation(Money wage, const BaseLimits& l, Money base);

/// One priced contribution month of one type, with its late fee to `until`.
struct PricedMonth {
  YearMonth month;
  std::string type;
  Money base, employer, employee;
  LateFee late_fee;
  protocol::Derivation employer_derivation, employee_derivation;
  Money principal() const { return employer + employee; }
};
/// Prices month m of `type` at `base`; the late fee runs from the month's due
/// date to `until` (arithmetic.md §3.3: per contribution month, on its
/// employer + employee principal, rounded per month).
PricedMonth price_month(protocol::OpContext& ctx, YearMonth m, const std::string& type, Money base, Date until);
/// The JSON of a priced month.
protocol::ojson priced_json(const PricedMonth& p, const std::string* id_number, const char* kind, bool explain);

}  // namespace pvd::si
