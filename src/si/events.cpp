#include "si/events.hpp"
#include "si/wage_items.hpp"

#include <utility>

namespace pvd::si::events {

using protocol::ojson;

namespace {

/// An event's members after its type, in order; a discarded value (absent) is left out.
using Members = std::initializer_list<std::pair<const char*, ojson>>;

ojson event(const char* type, Members members) {
  ojson e = ojson::object();
  e["type"] = type;
  for (const auto& [name, value] : members)
    if (!value.is_discarded()) e[name] = value;
  return e;
}

/// An optional member: its value, or absent.
template <class T>
ojson optional(const std::optional<T>& v) {
  return v ? ojson(*v) : ojson(ojson::value_t::discarded);
}

}  // namespace

ojson encode(const UnitRegistered& e) {
  return event("unit.registered",
               {{"unit_code", e.unit_code}, {"scheme", state::to_text(e.scheme)}, {"kind", state::to_text(e.kind)}, {"profile", e.profile}});
}

ojson encode(const UnitStatusChanged& e) {
  return event("unit.status_changed", {{"unit_code", e.unit_code}, {"from", e.from}, {"to", e.to}});
}

ojson encode(const Enrolled& e) {
  return event("si.enrolled", {{"unit_code", e.unit_code}, {"id_number", e.id_number}, {"classification", e.classification},
                               {"types", e.types}, {"enroll_date", e.enroll_date.to_string()},
                               {"base", e.base.to_string()}, {"back_pay", e.back_pay},
                               {"wage_items", e.wage_items.empty() ? ojson(ojson::value_t::discarded) : wage_items_json(e.wage_items)}});
}

ojson encode(const Stopped& e) {
  return event("si.stopped", {{"unit_code", e.unit_code}, {"id_number", e.id_number}, {"types", e.types},
                              {"stop_date", e.stop_date.to_string()}, {"reason", e.reason}});
}

ojson encode(const WageDeclared& e) {
  return event("si.wage_declared", {{"unit_code", e.unit_code}, {"id_number", e.id_number}, {"year", e.year},
                                    {"from_month", e.from_month.to_string()}, {"base", e.base.to_string()}});
}

ojson encode(const BackPayDeclared& e) {
  return event("si.back_pay_declared", {{"unit_code", e.unit_code}, {"id_number", e.id_number},
                                        {"from", e.from.to_string()}, {"to", e.to.to_string()}, {"types", e.types},
                                        {"principal", e.principal.to_string()}});
}

ojson encode(const BillCreated& e) {
  const std::optional<std::string> period = e.period ? std::optional(e.period->to_string()) : std::nullopt;
  return event("bill.created", {{"bill_id", e.bill_id}, {"unit_code", optional(e.unit_code)},
                                {"id_number", optional(e.id_number)}, {"kind", state::to_text(e.kind)}, {"period", optional(period)},
                                {"amount_due", e.amount_due.to_string()}});
}

ojson encode(const Settled& e) {
  return event("si.settled", {{"unit_code", e.unit_code}, {"period", e.period.to_string()}, {"kind", e.kind},
                              {"bill_id", e.bill_id}, {"next_period", e.next_period.to_string()}});
}

ojson encode(const BillPaid& e) {
  return event("bill.paid",
               {{"bill_id", e.bill_id}, {"amount", e.amount.to_string()}, {"paid_date", e.paid_date.to_string()}});
}

ojson encode(const BillWithdrawn& e) { return event("bill.withdrawn", {{"bill_id", e.bill_id}}); }

ojson encode(const Retired& e) {
  ojson ended = ojson::array();
  for (const auto& s : e.pension_ended) ended.push_back({{"unit_code", s.unit_code}, {"stop_date", s.stop_date.to_string()}});
  return event("si.retired",
               {{"id_number", e.id_number}, {"retired_from", e.retired_from.to_string()}, {"pension_ended", ended}});
}

// issue 18 (pension after retirement; flexible workers)
ojson encode(const PensionBankRecorded& e) {
  return event("pension.bank_recorded", {{"id_number", e.id_number}, {"bank", e.bank}, {"card_masked", e.card_masked},
                                         {"replaced", e.replaced}});
}

ojson encode(const PensionQualified& e) {
  return event("pension.qualified", {{"id_number", e.id_number}, {"year", e.year}, {"date", e.date.to_string()},
                                     {"method", e.method}});
}

ojson encode(const FlexRegistered& e) {
  return event("si.flex.registered", {{"id_number", e.id_number}, {"types", e.types}, {"from", e.from.to_string()},
                                      {"base", e.base.to_string()}});
}

ojson encode(const FlexEnded& e) {
  return event("si.flex.ended",
               {{"id_number", e.id_number}, {"types", e.types}, {"to", e.to.to_string()}, {"reason", e.reason}});
}

// issue 18: money corrections
ojson encode(const Refunded& e) {
  ojson months = ojson::array();
  for (const auto& [m, t] : e.months) months.push_back({{"month", m.to_string()}, {"type", t}});
  return event("si.refunded", {{"bill_id", e.bill_id}, {"unit_code", optional(e.unit_code)}, {"id_number", e.id_number},
                               {"months", months}, {"amount", e.amount.to_string()}, {"reason", e.reason}});
}

ojson encode(const SettlementReversed& e) {
  return event("si.settlement_reversed", {{"unit_code", e.unit_code}, {"period", e.period.to_string()},
                                          {"bill_id", e.bill_id}, {"settlement_period", e.settlement_period.to_string()}});
}

// ---- issue 18 (institutions' wages)
ojson encode(const MonthlyWageDeclared& e) {
  return event("si.monthly_wage_declared", {{"unit_code", e.unit_code}, {"id_number", e.id_number},
                                            {"period", e.period.to_string()}, {"wage", e.wage.to_string()},
                                            {"wage_items", wage_items_json(e.wage_items)}, {"base", e.base.to_string()}});
}

// ---- issue 18 corrections
ojson encode(const PersonChanged& e) {
  return event("si.person_changed", {{"id_number", e.id_number}, {"changes", e.changes}, {"reason", e.reason}});
}

ojson encode(const PersonLockChanged& e) {
  return event(e.locked ? "si.person_locked" : "si.person_unlocked", {{"id_number", e.id_number}, {"reason", e.reason}});
}

ojson encode(const UnitChanged& e) {
  return event("unit.changed", {{"unit_code", e.unit_code}, {"changes", e.changes}, {"reason", e.reason}});
}

}  // namespace pvd::si::events
