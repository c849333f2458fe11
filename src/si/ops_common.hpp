// What the SI operation handlers (src/si/ops_*.cpp) share. Every handler has one
// shape — decode the arguments, load its subjects, check the rules
// (src/si/rules/), and when none is violated apply the change (si/apply.hpp) and
// emit the events (si/events.hpp) — and takes these shared steps from here:
// loading the unit (with the switch to its policy) and the person, the batch row
// a violation belongs to, pricing a month and rendering amounts.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "id/checks.hpp"
#include "protocol/registry.hpp"
#include "si/base_limits.hpp"
#include "si/billing.hpp"
#include "si/contribution.hpp"
#include "si/apply.hpp"
#include "si/events.hpp"
#include "si/late_fee.hpp"
#include "si/messages.hpp"
#include "si/rules/rules.hpp"
#include "state/world.hpp"

namespace pvd::si {

using protocol::ArgReader;
using protocol::json;
using protocol::ojson;
using protocol::OpContext;
using protocol::OpResult;

// ------------------------------------------------------------------ subjects

/// The SI unit `code` (REQ_NOT_FOUND naming `field` when unknown or not an SI
/// unit); the request is then evaluated under the unit's profile.
const state::Unit& si_unit(OpContext& ctx, const std::string& code, const std::string& field);

/// The person with this (valid, normalised) ID number; REQ_NOT_FOUND naming
/// `field` when unknown. The message masks the number (arithmetic.md §4).
const state::Person& known_person(OpContext& ctx, const std::string& id_number, const std::string& field);
/// The person an ID number as given names: its ID_* violations under `field` and
/// nullptr when the number is not valid (rules.md §7; 15 digits refused);
/// REQ_NOT_FOUND when no person has it; a number that was corrected (issue 18 (1)) is
/// SI_PERSON_ID_CORRECTED naming the new one, and nullptr.
const state::Person* person_by_id(OpContext& ctx, Violations& v, std::string_view id_text, const std::string& field);

/// The flexible verification `id` (REQ_NOT_FOUND naming `field` when there is none).
const state::Bill& flex_verification(OpContext& ctx, const std::string& id, const std::string& field);

/// Each unit's own profile (as the World records it), else the request's:
/// the due dates of its months (arrears at several units).
PolicyOfUnit unit_policies(OpContext& ctx);
/// The person's arrears on the as_of date, at `unit` only when given.
std::vector<ArrearsMonth> arrears_of(OpContext& ctx, const state::Person& p, std::optional<std::string_view> unit);

// ------------------------------------------------------------------ arguments

/// A list of insurance types: strings from kTypes, each once, at least one
/// (REQ_BAD_VALUE otherwise), in kTypes order. Absent and optional → nullopt.
std::optional<std::vector<std::string>> read_types(ArgReader& a, std::string_view name, bool optional);

// ------------------------------------------------------------------ batches

/// The batch's `rows`, each decoded by `read_row(ArgReader&)` (unknown members refused).
template <class ReadRow>
auto read_rows(ArgReader& a, ReadRow&& read_row) {
  std::vector<decltype(read_row(a))> rows;
  a.each("rows", [&](ArgReader& e, std::size_t) {
    auto row = read_row(e);
    e.finish();
    rows.push_back(std::move(row));
  });
  return rows;
}

/// Runs the checks of batch row `row` (0-based): every violation they add
/// carries the row (rules.md §4: a batch reports its rows' violations by row).
template <class Checks>
void check_row(Violations& v, std::size_t row, Checks&& checks) {
  Violations of_row;
  checks(of_row);
  for (auto& x : of_row.list()) x.row = static_cast<std::int64_t>(row);
  v.append(of_row);
}
/// "args.rows[i]." — the prefix of a batch row's fields.
std::string row_field(std::size_t row);

/// The persons the rows of a batch name (si.stop_batch, si.declare_wage), each once.
class RowPersons {
 public:
  explicit RowPersons(OpContext& ctx) : ctx_(ctx) {}
  /// Row `row`'s person (person_by_id under its id_number): nullptr when the number
  /// is not valid, or names the person of an earlier row (check_batch_first_row).
  const state::Person* person(Violations& v, std::size_t row, std::string_view id_text);

 private:
  OpContext& ctx_;
  std::map<std::string, std::size_t> first_row_;  // id → row
};

// ------------------------------------------------------------------ amounts

/// Derivation of a sum of other members.
using protocol::sum_of;
/// Derivation of the base chosen for a wage within the limits.
protocol::Derivation clamp_derivation(Money wage, const BaseLimits& l, Money base);
/// principal, late_fee and total (with derivations from `items_name`[]) into `obj`.
void put_totals(OpContext& ctx, ojson& obj, Money principal, Money late_fee, const char* items_name);

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
PricedMonth price_month(OpContext& ctx, YearMonth m, const std::string& type, Money base, Date until);
/// The JSON of a priced month.
ojson priced_json(const PricedMonth& p, const std::string* id_number, const char* kind, bool explain);

/// The JSON of a month a charging path skipped: {id_number, month, type, code, unit_code | null (flexible)}.
ojson skipped_json(const std::string& id_number, YearMonth m, const std::string& type, const NotOwed& why);

}  // namespace pvd::si
