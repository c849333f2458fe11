#include "hpf/events.hpp"

#include "json/object_of.hpp"

namespace pvd::hpf::events {

namespace {

template <class T>
ojson or_null(const std::optional<T>& v) {
  return v ? ojson(v->to_string()) : ojson(nullptr);
}

/// Adds `name` when the optional member is present.
template <class T>
void put_present(ojson& o, const char* name, const std::optional<T>& v) {
  if (v) o[name] = [&] {
    if constexpr (std::is_same_v<T, std::string>) return *v;
    else return v->to_string();
  }();
}

}  // namespace

ojson encode(const UnitRegistered& e) {
  return protocol::object_of("type", "unit.registered", "unit_code", e.unit_code, "scheme", "hpf",
                             "kind", state::to_text(e.kind), "profile", e.profile);
}

ojson encode(const AccountOpened& e) {
  return protocol::object_of("type", "account.opened", "account_no", e.account_no, "unit_code", e.unit_code,
                             "payable_from", e.payable_from.to_string());
}

ojson encode(const AccountTransferred& e) {
  ojson o = protocol::object_of("type", "account.transferred", "account_no", e.account_no, "from_unit", e.from_unit,
                                "to_unit", e.to_unit);
  put_present(o, "from", e.from);
  return o;
}

ojson encode(const ContractCleared& e) { return protocol::object_of("type", "account.contract_cleared",
                                                                    "account_no", e.account_no); }

ojson encode(const AccountSealed& e) {
  ojson o = protocol::object_of("type", "account.sealed", "account_no", e.account_no,
                                "sealed_on", e.sealed_on.to_string());
  put_present(o, "reason", e.reason);
  return o;
}

ojson encode(const AccountUnsealed& e) {
  ojson o = protocol::object_of("type", "account.unsealed", "account_no", e.account_no,
                                "payable_from", e.payable_from.to_string());
  put_present(o, "reason", e.reason);
  return o;
}

ojson encode(const AccountSigned& e) {
  return protocol::object_of("type", "account.signed", "account_no", e.account_no, "bank", e.bank,
                             "card_masked", e.card_masked);
}

ojson encode(const PhoneChanged& e) {
  return protocol::object_of("type", "account.phone_changed", "account_no", e.account_no,
                             "phone_masked", e.phone_masked);
}

// issue 18 corrections
ojson encode(const AccountChanged& e) {
  return protocol::object_of("type", "account.changed", "account_no", e.account_no, "changes", e.changes,
                             "reason", e.reason);
}

ojson encode(const AccountClosed& e) {
  return protocol::object_of("type", "account.closed", "account_no", e.account_no,
                             "closed_on", e.closed_on.to_string());
}

ojson encode(const DepositChanged& e) {
  return protocol::object_of("type", "account.deposit_changed", "account_no", e.account_no, "from", e.from.to_string(),
                             "employer_part", e.employer_part.to_string(), "employee_part", e.employee_part.to_string(),
                             "monthly_deposit", e.monthly_deposit.to_string());
}

ojson encode(const BaseChanged& e) {
  return protocol::object_of("type", "account.base_changed", "account_no", e.account_no, "base", e.base.to_string(),
                             "from", e.from.to_string());
}

ojson encode(const LedgerPosted& e) {
  return protocol::object_of("type", "ledger.posted", "account_no", e.account_no, "kind", state::to_text(e.kind),
                             "month", or_null(e.month), "amount", e.amount.to_string());
}

ojson encode(const InterestCredited& e) {
  return protocol::object_of("type", "interest.credited", "account_no", e.account_no, "year", e.year,
                             "date", e.date.to_string(), "amount", e.amount.to_string(), "partial", e.partial);
}

ojson encode(const BillCreated& e) {
  ojson o = protocol::object_of("type", "bill.created", "bill_id", e.bill_id, "unit_code", e.unit_code,
                                "kind", state::to_text(e.kind));
  put_present(o, "period", e.period);
  o["amount_due"] = e.amount_due.to_string();
  return o;
}

ojson encode(const BillPaid& e) { return protocol::object_of("type", "bill.paid", "bill_id", e.bill_id,
                                                             "amount", e.amount.to_string()); }

ojson encode(const BillWithdrawn& e) { return protocol::object_of("type", "bill.withdrawn", "bill_id", e.bill_id,
                                                                  "unit_code", e.unit_code); }

ojson encode(const SuspenseChanged& e) {
  return protocol::object_of("type", "suspense.changed", "unit_code", e.unit_code, "change", e.change.to_string(),
                             "balance", e.balance.to_string(), "bill_id", e.bill_id);
}

ojson encode(const RateChangeApproved& e) {
  return protocol::object_of("type", "rate_change.approved", "unit_code", e.unit_code,
                             "employer_rate", e.employer_rate.to_string(), "employee_rate", e.employee_rate.to_string(),
                             "effective_month", or_null(e.effective_month));
}

ojson encode(const RateChangeUsed& e) {
  return protocol::object_of("type", "rate_change.used", "unit_code", e.unit_code,
                             "employer_rate", e.employer_rate.to_string(), "employee_rate", e.employee_rate.to_string(),
                             "effective_month", e.effective_month.to_string());
}

// issue 18 (5): hpf.withdraw.
ojson encode(const AccountWithdrawn& e) {
  return protocol::object_of("type", "account.withdrawn", "account_no", e.account_no, "reason", e.reason,
                             "date", e.date.to_string(), "amount", e.amount.to_string(),
                             "interest", e.interest.to_string(),
                             "payee_name", e.payee_name ? ojson(*e.payee_name) : ojson(nullptr));
}

// issue 18 (2): hpf.ledger.correct.
ojson encode(const LedgerCorrected& e) {
  return protocol::object_of("type", "ledger.corrected", "account_no", e.account_no, "corrects", e.corrects,
                             "amount", e.amount.to_string(), "balance", e.balance.to_string(), "reason", e.reason);
}

}  // namespace pvd::hpf::events
