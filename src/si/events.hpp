// The events the SI and pension operations emit (state.md §3; docs/protocol.md),
// one struct per event and one encoder each: the struct names the members, the
// encoder writes them in their stable order. Handlers emit them with
// emit(r, events::Stopped{.unit_code = …, …}).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "protocol/registry.hpp"
#include "state/entities.hpp"
#include "state/vocabulary.hpp"

namespace pvd::si::events {

/// unit.registered {unit_code, scheme, kind, profile}
struct UnitRegistered {
  std::string unit_code;
  state::Scheme scheme{};
  state::UnitKind kind{};
  std::string profile;
};
/// unit.status_changed {unit_code, from, to}
struct UnitStatusChanged {
  std::string unit_code, from, to;
};
/// si.enrolled {unit_code, id_number, classification, types, enroll_date, base, back_pay}
struct Enrolled {
  std::string unit_code, id_number, classification;
  std::vector<std::string> types;
  Date enroll_date;
  Money base;
  bool back_pay = false;
  std::vector<state::WageItem> wage_items;  // issue 18: an institution's items (the member only when given)
};
/// si.stopped {unit_code, id_number, types, stop_date, reason} — reason "transfer" or
/// "retirement" for the stops a transfer or a pension claim makes.
struct Stopped {
  std::string unit_code, id_number;
  std::vector<std::string> types;
  Date stop_date;
  std::string reason;
};
/// si.wage_declared {unit_code, id_number, year, from_month, base}
struct WageDeclared {
  std::string unit_code, id_number;
  int year = 0;
  YearMonth from_month;
  Money base;
};
/// si.back_pay_declared {unit_code, id_number, from, to, types, principal} — decision:
/// state.md §3 names no event for a back-pay; the recorded months are an audit fact,
/// so this event (an addition to the stable list) says what the next settlement bills.
struct BackPayDeclared {
  std::string unit_code, id_number;
  YearMonth from, to;
  std::vector<std::string> types;
  Money principal;
};
/// bill.created {bill_id, unit_code (a unit's bill), id_number (a verification), kind,
/// period (a settlement), amount_due}
struct BillCreated {
  std::string bill_id;
  std::optional<std::string> unit_code, id_number;
  state::BillKind kind{};
  std::optional<YearMonth> period;
  Money amount_due;
};
/// si.settled {unit_code, period, kind, bill_id, next_period}
struct Settled {
  std::string unit_code;
  YearMonth period;
  std::string kind, bill_id;
  YearMonth next_period;
};
/// bill.paid {bill_id, amount, paid_date}
struct BillPaid {
  std::string bill_id;
  Money amount;
  Date paid_date;
};
/// bill.withdrawn {bill_id}
struct BillWithdrawn {
  std::string bill_id;
};
/// si.retired {id_number, retired_from, pension_ended: [{unit_code, stop_date}]}
struct Retired {
  struct Ended {
    std::string unit_code;
    Date stop_date;
  };
  std::string id_number;
  YearMonth retired_from;
  std::vector<Ended> pension_ended;
};

// issue 18 (pension after retirement; flexible workers)
/// pension.bank_recorded {id_number, bank, card_masked, replaced} — `replaced`: an account was recorded before.
struct PensionBankRecorded {
  std::string id_number, bank, card_masked;
  bool replaced = false;
};
/// pension.qualified {id_number, year, date, method}
struct PensionQualified {
  std::string id_number;
  int year = 0;
  Date date;
  std::string method;
};
/// si.flex.registered {id_number, types, from, base}
struct FlexRegistered {
  std::string id_number;
  std::vector<std::string> types;
  YearMonth from;
  Money base;
};
/// si.flex.ended {id_number, types, to, reason} — reason "request" (si.flex.end) or
/// "enrolled" (a unit enrolled the person: si.enroll).
struct FlexEnded {
  std::string id_number;
  std::vector<std::string> types;
  YearMonth to;
  std::string reason;
};
/// si.refunded {bill_id, unit_code (null: flexible), id_number, months: [{month, type}], amount, reason} (issue 18)
struct Refunded {
  std::string bill_id;
  std::optional<std::string> unit_code;
  std::string id_number;
  std::vector<std::pair<YearMonth, std::string>> months;
  Money amount;
  std::string reason;
};
/// si.settlement_reversed {unit_code, period, bill_id, settlement_period} (issue 18)
struct SettlementReversed {
  std::string unit_code;
  YearMonth period;
  std::string bill_id;
  YearMonth settlement_period;
};
// ---- issue 18 corrections (004 §2.2): `changes` are [{field, old, new}] (state::edits_json).
/// si.person_changed {id_number, changes, reason}
struct PersonChanged {
  std::string id_number;
  protocol::ojson changes;
  std::string reason;
};
/// si.person_locked {id_number, reason} / si.person_unlocked {id_number, reason}
struct PersonLockChanged {
  std::string id_number;
  bool locked = false;
  std::string reason;
};
/// unit.changed {unit_code, changes, reason}
struct UnitChanged {
  std::string unit_code;
  protocol::ojson changes;
  std::string reason;
};
// ---- issue 18 (institutions' wages, 004 §2.3.2)
/// si.monthly_wage_declared {unit_code, id_number, period, wage, wage_items, base}
struct MonthlyWageDeclared {
  std::string unit_code, id_number;
  YearMonth period;
  Money wage, base;
  std::vector<state::WageItem> wage_items;
};
protocol::ojson encode(const MonthlyWageDeclared& e);

protocol::ojson encode(const PersonChanged& e);
protocol::ojson encode(const PersonLockChanged& e);
protocol::ojson encode(const UnitChanged& e);

protocol::ojson encode(const UnitRegistered& e);
protocol::ojson encode(const UnitStatusChanged& e);
protocol::ojson encode(const Enrolled& e);
protocol::ojson encode(const Stopped& e);
protocol::ojson encode(const WageDeclared& e);
protocol::ojson encode(const BackPayDeclared& e);
protocol::ojson encode(const BillCreated& e);
protocol::ojson encode(const Settled& e);
protocol::ojson encode(const BillPaid& e);
protocol::ojson encode(const BillWithdrawn& e);
protocol::ojson encode(const Retired& e);
protocol::ojson encode(const PensionBankRecorded& e);
protocol::ojson encode(const PensionQualified& e);
protocol::ojson encode(const FlexRegistered& e);
protocol::ojson encode(const FlexEnded& e);
protocol::ojson encode(const Refunded& e);
protocol::ojson encode(const SettlementReversed& e);

}  // namespace pvd::si::events

namespace pvd::si {

/// Appends the event to the operation's events.
template <class Event>
void emit(protocol::OpResult& r, const Event& e) {
  r.event(events::encode(e));
}

}  // namespace pvd::si
