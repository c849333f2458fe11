// The events of the HPF operations (state.md §3): one struct per event type,
// one encoder each. An event's JSON members appear in the order of its struct
// (ordered_json), `type` first; an optional member that is empty is left out,
// except where a member is always present and null when empty (noted).
#pragma once

#include <optional>
#include <string>

#include "protocol/json.hpp"
#include "provident/core/date.hpp"
#include "provident/core/money.hpp"
#include "provident/core/rate.hpp"
#include "state/vocabulary.hpp"

namespace pvd::hpf::events {

using protocol::ojson;

struct UnitRegistered {  // unit.registered
  std::string unit_code;
  state::UnitKind kind{};
  std::string profile;  // scheme is "hpf"
};
struct AccountOpened {  // account.opened
  std::string account_no, unit_code;
  YearMonth payable_from;
};
struct AccountTransferred {  // account.transferred
  std::string account_no, from_unit, to_unit;
  std::optional<YearMonth> from;  // an employer's internal transfer: the first month owed there
};
struct ContractCleared {  // account.contract_cleared
  std::string account_no;
};
struct AccountSealed {  // account.sealed
  std::string account_no;
  Date sealed_on;
  std::optional<std::string> reason;  // an employer's seal: the reason code
};
struct AccountUnsealed {  // account.unsealed
  std::string account_no;
  YearMonth payable_from;
  std::optional<std::string> reason;  // an employer's unseal: the reason code
};
struct AccountSigned {  // account.signed
  std::string account_no, bank, card_masked;
};
struct PhoneChanged {  // account.phone_changed
  std::string account_no, phone_masked;
};
struct AccountClosed {  // account.closed
  std::string account_no;
  Date closed_on;
};
struct DepositChanged {  // account.deposit_changed
  std::string account_no;
  YearMonth from;
  Money employer_part, employee_part, monthly_deposit;
};
struct BaseChanged {  // account.base_changed
  std::string account_no;
  Money base;
  YearMonth from;
};
struct LedgerPosted {  // ledger.posted
  std::string account_no;
  state::LedgerKind kind{};
  std::optional<YearMonth> month;  // null when the entry pays no month
  Money amount;
};
struct InterestCredited {  // interest.credited
  std::string account_no;
  int year = 0;
  Date date;
  Money amount;
  bool partial = false;
};
struct BillCreated {  // bill.created
  std::string bill_id, unit_code;
  state::BillKind kind{};
  std::optional<YearMonth> period;  // a remittance bill's month
  Money amount_due;
};
struct BillPaid {  // bill.paid
  std::string bill_id;
  Money amount;
};
struct BillWithdrawn {  // bill.withdrawn
  std::string bill_id, unit_code;
};
struct SuspenseChanged {  // suspense.changed
  std::string unit_code;
  Money change, balance;
  std::string bill_id;
};
struct RateChangeApproved {  // rate_change.approved
  std::string unit_code;
  Rate employer_rate, employee_rate;
  std::optional<YearMonth> effective_month;  // null when not given
};
struct RateChangeUsed {  // rate_change.used
  std::string unit_code;
  Rate employer_rate, employee_rate;
  YearMonth effective_month;
};

// issue 18 corrections: account.changed {account_no, changes: [{field, old, new}], reason}
struct AccountChanged {
  std::string account_no;
  ojson changes;
  std::string reason;
};
ojson encode(const AccountChanged& e);

ojson encode(const UnitRegistered& e);
ojson encode(const AccountOpened& e);
ojson encode(const AccountTransferred& e);
ojson encode(const ContractCleared& e);
ojson encode(const AccountSealed& e);
ojson encode(const AccountUnsealed& e);
ojson encode(const AccountSigned& e);
ojson encode(const PhoneChanged& e);
ojson encode(const AccountClosed& e);
ojson encode(const DepositChanged& e);
ojson encode(const BaseChanged& e);
ojson encode(const LedgerPosted& e);
ojson encode(const InterestCredited& e);
ojson encode(const BillCreated& e);
ojson encode(const BillPaid& e);
ojson encode(const BillWithdrawn& e);
ojson encode(const SuspenseChanged& e);
ojson encode(const RateChangeApproved& e);
ojson encode(const RateChangeUsed& e);

// issue 18 (5): hpf.withdraw.
struct AccountWithdrawn {  // account.withdrawn
  std::string account_no, reason;  // the ground (HPF Regs Art. 24)
  Date date;
  Money amount, interest;  // the payout, and the interest credited to the day within it
  std::optional<std::string> payee_name;  // death: the heir or legatee paid
};
ojson encode(const AccountWithdrawn& e);
/// ledger.corrected {account_no, corrects, amount, balance, reason} (issue 18): a correction entry posted.
struct LedgerCorrected {
  std::string account_no, corrects;
  Money amount, balance;
  std::string reason;
};
ojson encode(const LedgerCorrected& e);

}  // namespace pvd::hpf::events
