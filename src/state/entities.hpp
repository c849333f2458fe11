// The entities operations read and write (state.md §2): units, HPF accounts,
// SI persons, bills and cases. Stateless hosts send them as `facts`; the
// reference store keeps them. Both hand them to the same decision functions.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "json/json.hpp"
#include "provident/core/date.hpp"
#include "provident/core/money.hpp"
#include "provident/core/rate.hpp"
#include "state/vocabulary.hpp"

namespace pvd::state {

/// A unit's rate change (003 7): approved (已复核), then used (已使用) by the
/// next base adjustment — kept, with the month its rates apply from (used_in),
/// the day it was used (used_on) and its approved case (case_id; none when the
/// change was not reviewed), until the next change replaces it.
struct RateChange {
  Rate employer_rate, employee_rate;
  std::optional<YearMonth> effective_month;
  RateChangeState state{};
  std::optional<YearMonth> used_in;
  std::optional<Date> used_on;
  std::optional<std::string> case_id;
};

/// Months an account owes to nobody yet because they had been verified before
/// the account's stint at the unit began (opened, moved in or unsealed late in
/// a month already verified): the unit's next verification bills them
/// (docs/history.md). Dropped once every month is paid.
struct CarriedMonths {
  std::string account_no;
  YearMonth from, to;
};

// ---- issue 18 corrections (004 §2.2): one corrected field, its old value kept.
struct FieldChange {
  Date date;
  std::string field, old_value, new_value, reason;
};

struct Unit {
  std::string unit_code, name, credit_code;
  Scheme scheme{};
  UnitKind kind{};      // hpf: employer | flexible; si: enterprise | institution
  std::string profile;  // policy profile the unit is evaluated under
  UnitStatus status = UnitStatus::active;
  std::optional<std::string> bank;  // HPF collection bank code
  std::optional<Rate> employer_rate, employee_rate;  // HPF employer units
  Money suspense_balance;                            // 暂存款余额
  std::optional<YearMonth> first_month;              // HPF: month of the first account opening
  std::vector<YearMonth> verified_months;            // HPF remittance verification
  std::vector<CarriedMonths> carried;                // HPF: owed months verified before the stint began
  std::optional<RateChange> rate_change;
  std::optional<YearMonth> settlement_period, last_settled_period;  // SI
  std::int64_t changes_since_settlement = 0;
  // issue 18 corrections (004 §2.2.4, §2.2.5): general data and the history of changes.
  std::optional<std::string> address, phone;
  std::vector<FieldChange> changes;
};

// issue 18 (6) intake: what a number that carries no birth date and gender (a passport, a
// 2017 permanent residence ID) leaves to the request — recorded only for those documents; a
// number of the GB 11643 form is its own record (absent here). Read through state::birth_and_gender.
struct Identity {
  std::optional<std::string> id_type;  // passport | foreign_permanent
  std::optional<Date> birth_date;
  std::optional<std::string> gender;   // male | female
};

struct PersonRef {
  std::string name, id_number;
  std::optional<std::string> category;  // M60 | F55 | F50
  Identity identity = {};               // issue 18 (6)
};

struct Deposit {
  YearMonth from;
  Money employer_part, employee_part, monthly_deposit;
};

struct Contract {
  std::string bank, account_name, card_no;
  std::int64_t card_class = 1;
};

struct LedgerEntry {
  LedgerKind kind{};
  std::optional<YearMonth> month;
  Date date;
  Money amount;
  std::optional<std::string> corrects;  // correction entries name the entry they correct
};

/// One stint of an HPF account (docs/history.md): the months `from` … `to`
/// (inclusive; open-ended while `to` is empty) are owed to the unit
/// `unit_code` — by its remittance for an employer unit, by the depositor for a
/// flexible one. Stints of one account never overlap and are ascending.
struct Stint {
  std::string unit_code;
  YearMonth from;
  std::optional<YearMonth> to;
};

struct Account {
  std::string account_no, unit_code;
  AccountStatus status = AccountStatus::normal;
  PersonRef person;
  std::optional<std::string> phone;
  Date opened_on;
  std::optional<Date> sealed_on;
  std::optional<Money> base;  // employer accounts
  std::vector<Deposit> deposits;  // ascending by from
  std::optional<YearMonth> payable_from;
  std::vector<YearMonth> paid_months;    // ascending
  std::vector<Stint> stints;             // where each month belongs (ascending, disjoint)
  std::optional<Contract> contract;
  std::optional<std::int64_t> last_adjust_year;
  std::int64_t adjust_count = 0;  // adjustments made in last_adjust_year
  Money balance;
  std::optional<std::int64_t> interest_settled_through;
  std::vector<LedgerEntry> ledger;
  bool has_outstanding_loan = false;
  std::vector<FieldChange> changes;  // issue 18 corrections: hpf.account.change's history
};

// issue 18 (itemised wages, 004 §2.1.1 (3), §2.3.2): one item of an institution's wage.
struct WageItem {
  std::string name;
  Money amount;
};

struct Enrollment {
  std::string unit_code, type;
  Date from;
  std::optional<Date> to;
  Money base;
  bool back_pay = false;
  // issue 18: an institution's itemised wage the base was derived from (empty: a single wage).
  std::vector<WageItem> wage_items;
};

struct Contribution {
  std::string unit_code, type;
  YearMonth month;
  Money base, employer, employee;
  std::optional<std::string> bill_id;
  bool paid = false;
};

// issue 18 (pension after retirement): the pension's bank account (001 7.1.6), kept
// with the accounts it replaced, and the annual qualification (待遇资格认证).
struct PensionBank {
  std::string bank, account_name, card_no;
  Date since;                 // the day it was recorded
  std::optional<Date> until;  // the day it was replaced (history entries only)
};
struct Qualification {
  Date date;
  std::string method;
};

struct Person {
  std::string id_number, name;
  std::optional<std::string> category;
  std::optional<Date> work_start_date;
  std::vector<Enrollment> enrollments;
  std::vector<Contribution> contributions;
  std::map<std::string, Date> last_change_date;  // per unit_code
  // 001 7.1: the first month the person is retired (an approved pension claim's
  // retirement month); no pension is enrolled, billed or paid from it on.
  std::optional<YearMonth> retired_from;
  // issue 18 (pension after retirement)
  std::optional<PensionBank> pension_bank;
  std::vector<PensionBank> pension_bank_history;  // replaced accounts, oldest first
  std::vector<Qualification> qualifications;      // ascending by date
  // issue 18 corrections (004 §2.2.1–§2.2.3): general data, the lock, the history of changes.
  std::optional<std::string> phone, address;
  bool locked = false;
  std::vector<FieldChange> changes;
  // issue 18 (1) ID number corrections (docs/state.md §2): the numbers this person was
  // known by before (oldest first); on the record left under a corrected number (a
  // tombstone: no enrollments, contributions or name) the number it was corrected to.
  std::vector<std::string> previous_ids;
  std::optional<std::string> moved_to;
  Identity identity = {};  // issue 18 (6) intake
};

struct BillItem {
  std::optional<std::string> account_no, id_number, type;
  YearMonth month;
  Money employer, employee, late_fee;
  std::optional<LedgerKind> kind;      // HPF: regular | back_pay | back_pay_difference
  std::optional<Money> base;           // SI: the base priced
  std::optional<Money> pool, personal; // SI flexible: the 20% split
  std::optional<std::string> refunds;  // SI refund items (issue 18): the bill whose payment they return
};

struct Bill {
  std::string bill_id;
  Scheme scheme{};
  std::optional<std::string> unit_code, id_number;
  BillKind kind{};
  std::optional<YearMonth> period;
  std::vector<BillItem> items;
  Money principal, late_fee, suspense_used, amount_due;
  BillStatus status = BillStatus::open;
  Date created_on;
  std::optional<Date> due_date;
  std::optional<Date> paid_on;
};

struct CaseHistoryEntry {
  CaseStatus status{};
  LocalDateTime as_of;
  std::string note;
};

struct Case {
  std::string case_id, op;
  protocol::json args = protocol::json::object();
  std::optional<LocalDateTime> submitted_as_of;
  CaseStatus status = CaseStatus::draft;
  std::optional<std::string> reason;
  std::optional<std::string> unit_code;  // the unit the case belongs to (for case.list)
  std::optional<std::string> profile;    // the policy it was submitted under
  std::vector<CaseHistoryEntry> history;
  // An approved hpf.unit.adjust_rate case, once its change is used (003 7 已使用):
  // the month its rates apply from and the day it was used.
  std::optional<YearMonth> used_in;
  std::optional<Date> used_on;
};

struct Facts {
  std::vector<Unit> units;
  std::vector<Account> accounts;
  std::vector<Person> persons;
  std::vector<Bill> bills;
  std::vector<Case> cases;
};

// ------------------------------------------------------------------ codec
// Strict decoding (state.md §1): a member not in the schema, a wrong JSON type
// or a bad value is REQ_BAD_VALUE naming the path ("facts.accounts[0].paid_months[3]").

Unit decode_unit(const protocol::json& j, const std::string& path);
Account decode_account(const protocol::json& j, const std::string& path);
Person decode_person(const protocol::json& j, const std::string& path);
Bill decode_bill(const protocol::json& j, const std::string& path);
Case decode_case(const protocol::json& j, const std::string& path);
Facts decode_facts(const protocol::json& j, const std::string& path = "facts");
/// The same from a tape holding the entity's object at its first node
/// (src/json/tape.hpp): false when the tape's reader declines, and then the
/// caller decodes the document (the same entity, or the error naming the path).
/// For Unit, Account, Person, Bill, Case and Facts.
template <class T>
bool decode_tape(const protocol::Tape& t, T& out);

protocol::ojson encode(const Unit& u);
protocol::ojson encode(const Account& a);
protocol::ojson encode(const Person& p);
protocol::ojson encode(const Bill& b);
protocol::ojson encode(const Case& c);
protocol::ojson encode(const Facts& f);

}  // namespace pvd::state
