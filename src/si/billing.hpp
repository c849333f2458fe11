// What a person's SI records say: enrollments (who is insured where, for which
// type, from when), billed months and arrears (rules.md §4 "Billing").
//
//   billed(M) at unit U for type T  ⇔  an enrollment at (U, T) covers a day of M
//                                      (from ≤ last day of M, to null or ≥ day 1 of M)
//   due(M)   = si.due_day of month M + si.due_month_offset (si::due_date)
//   arrears  = a billed month whose due date is before as_of and which is unpaid
//
// All functions are pure reads of the entities; none changes anything.
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "provident/core/period.hpp"
#include "provident/policy/policy.hpp"
#include "state/entities.hpp"
#include "state/world.hpp"

namespace pvd::si {

// ------------------------------------------------------------------ enrollments

/// Whether an enrollment record covers a day of month m (rules.md §4 Billing:
/// enrolled on any day of M and not stopped before day 1 of M).
bool covers_month(const state::Enrollment& e, YearMonth m);

/// Active = an enrollment at (unit, type) without an end (004 §2.1.2 办理条件
/// "职工在本单位正常参保").
bool active_at(const state::Person& p, std::string_view unit, std::string_view type);
/// The types the person is active for at `unit`, in kTypes order.
std::vector<std::string> active_types_at(const state::Person& p, std::string_view unit);
/// Every type with any enrollment record at `unit`, in kTypes order.
std::vector<std::string> enrolled_types_at(const state::Person& p, std::string_view unit);
/// Units (other than `except`) where the person is active for `type`.
std::vector<std::string> active_units_for(const state::Person& p, std::string_view type, std::string_view except);
/// Whether the person has ever been insured for `type` (any unit, any time).
bool insured_before(const state::Person& p, std::string_view type);
/// Whether the person is active at `unit` for any type.
bool active_anywhere_at(const state::Person& p, std::string_view unit);

/// The enrollment record that prices month m at (unit, type): the record with
/// the latest `from` among those covering a day of m; nullptr when none.
const state::Enrollment* enrollment_for_month(const state::Person& p, std::string_view unit, std::string_view type,
                                              YearMonth m);

/// The months enrolled at (unit, type), open records running to `until`.
MonthSet enrolled_months(const state::Person& p, std::string_view unit, std::string_view type, YearMonth until);

// ------------------------------------------------------------------ contributions

/// Index of a person's contribution records by (unit, type, month).
class ContributionIndex {
 public:
  explicit ContributionIndex(const state::Person& p);
  /// The record for (unit, type, m), or nullptr.
  const state::Contribution* find(std::string_view unit, std::string_view type, YearMonth m) const;
  bool paid(std::string_view unit, std::string_view type, YearMonth m) const {
    const auto* c = find(unit, type, m);
    return c && c->paid;
  }

 private:
  const state::Person& person_;
  std::vector<std::tuple<std::string, std::string, std::int32_t, std::size_t>> keys_;  // sorted
};

/// Index of the record for (unit, type, m) in p.contributions, or nullopt.
std::optional<std::size_t> contribution_index(const state::Person& p, std::string_view unit, std::string_view type,
                                              YearMonth m);

// ------------------------------------------------------------------ arrears

struct ArrearsMonth {
  std::string unit_code, type;
  YearMonth month;
  bool recorded = false;  // a contribution record exists (billed, unpaid)
};

/// Arrears (欠缴, 应缴未缴) of a person on `as_of` (rules.md §4 Billing), at
/// `unit` only when given:
///  (a) every unpaid contribution record whose due date is before as_of;
///  (b) every month the person is billed for at a unit from that unit's
///      settlement period on (months the unit has not settled yet) whose due
///      date is before as_of and which has no record.
/// Decision: months before a unit's settlement period without a record were
/// not billed (an enrollment whose back-pay flag was "no", 004 §2.1.1 第二步),
/// so they are not arrears; a unit absent from the World contributes (a) only.
/// Due dates are those of each unit's own profile (`policy_of(unit_code)`).
using PolicyOfUnit = std::function<const policy::Policy&(std::string_view unit_code)>;
std::vector<ArrearsMonth> arrears(const PolicyOfUnit& policy_of, policy::Trace* t, state::World& w,
                                  const state::Person& p, std::optional<std::string_view> unit, Date as_of);
/// The same with one policy for every unit.
std::vector<ArrearsMonth> arrears(const policy::Policy& pol, policy::Trace* t, state::World& w,
                                  const state::Person& p, std::optional<std::string_view> unit, Date as_of);

}  // namespace pvd::si
