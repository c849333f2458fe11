// What a person's SI records say: enrollments (who is insured where, for which
// type, from when), contribution records, where each month is charged, and
// arrears (rules.md §4 "Billing"):
//
//   billed(M) at unit U for type T  ⇔  an enrollment at (U, T) covers a day of M
//                                      (from ≤ last day of M, to null or ≥ day 1 of M)
//   due(M)   = si.due_day of month M + si.due_month_offset (si::due_date)
//   arrears  = a billed month whose due date is before as_of and which is unpaid
//
// All functions are pure reads of the entities; none changes anything. The
// rules that decide with them (which unit owes a month of a move, whether a
// month is charged once, a stop without arrears …) are in si/rules/.
#pragma once

#include <functional>
#include <map>
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

// ------------------------------------------------------------------ one true history (issue 12)
//
// A person-month-type is charged (计征) at one place only: one unit, or as a
// flexible worker. A contribution record — declared, billed or paid — is a
// charge; so is, for pension, a flexible verification still standing (open
// or paid). Every charging path (si.settle, si.back_pay, an enrollment's
// back-pay months, si.flex.verify) asks these functions first.

/// Each unit's own profile (the World's record of it), else the request's.
using PolicyOfUnit = std::function<const policy::Policy&(std::string_view unit_code)>;

/// Months of the person's flexible verifications still standing (open or paid).
std::set<YearMonth> flex_verified_months(state::World& w, std::string_view id_number);
/// The same for a flexible worker's bills already looked up.
std::set<YearMonth> flex_verified_months(const std::vector<const state::Bill*>& bills);

/// Where each (type, month) of a person is charged: unit codes, "" for flexible.
class ChargeIndex {
 public:
  ChargeIndex(const state::Person& p, const std::set<YearMonth>& flex_months);
  /// A place other than `unit` where (type, m) is charged — a unit code, or ""
  /// (as a flexible worker) — when there is one. `settled_only`: count only
  /// records already billed or paid, and flexible charges (a declared record
  /// elsewhere is billed by its own unit's next settlement; the first to bill wins).
  std::optional<std::string> elsewhere(std::string_view unit, std::string_view type, YearMonth m,
                                       bool settled_only = false) const;

 private:
  struct Place {
    std::string unit;
    bool settled;
  };
  std::map<std::pair<std::string, std::int32_t>, std::vector<Place>, std::less<>> at_;
};

/// Whether a unit can still bill (unit, type, m): it has not settled m yet, or it holds
/// a record of it. Empty: every unit can.
using CanBill = std::function<bool(std::string_view unit, std::string_view type, YearMonth m)>;
/// The World's answer for one person: a unit absent from the World, or without a
/// settlement period, can; so can one whose settlement period is not after m, or
/// which holds a record of (type, m) (declared, billed or paid).
CanBill can_still_bill(state::World& w, const state::Person& p);

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
/// Months a unit does not owe (not_owed_here, si/rules/charged_once.cpp: charged
/// elsewhere, a transfer month owed by the other unit, a retired person's pension)
/// are not its arrears.
std::vector<ArrearsMonth> arrears(const PolicyOfUnit& policy_of, policy::Trace* t, state::World& w,
                                  const state::Person& p, std::optional<std::string_view> unit, Date as_of);
/// The same with one policy for every unit.
std::vector<ArrearsMonth> arrears(const policy::Policy& pol, policy::Trace* t, state::World& w,
                                  const state::Person& p, std::optional<std::string_view> unit, Date as_of);

}  // namespace pvd::si
