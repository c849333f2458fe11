// Shared steps of the employer operations (单位网厅, rules.md §3, seed 003):
// the fields of batch rows, the rows' accounts, the unit's rates and pricing.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "hpf/ops_common.hpp"
#include "hpf/rules/common.hpp"

namespace pvd::hpf::ops {

/// "args.rows[i].member".
std::string row_field(std::size_t i, std::string_view member);

/// Decodes args.rows, each row by `read` (then finished: an unknown member is refused).
template <class Read>
auto read_rows(ArgReader& a, Read read) {
  std::vector<decltype(read(a))> rows;
  a.each("rows", [&](ArgReader& x, std::size_t) {
    auto row = read(x);
    x.finish();
    rows.push_back(std::move(row));
  });
  return rows;
}

// ------------------------------------------------------------------ the account a request names
// 003 3, 4, 9 look people up by ID number: every employer operation that
// names an account takes `account_no` or `id_number` (or both, agreeing).

/// How a request (or one of its rows) names an account, and the JSON paths of both members.
struct AccountRef {
  std::optional<std::string> account_no, id_number;
  std::string account_field, id_field;
};

/// Reads `account_no?` and `id_number?` of `a`; neither is REQ_MISSING_FIELD naming account_no.
AccountRef read_account_ref(ArgReader& a);

/// Where an operation looks for the person's account (never a closed one).
enum class AccountScope {
  unit,    // at the unit now
  stints,  // at the unit now, or with a stint there (a month it may still owe, docs/history.md)
  centre,  // at the unit's centre (its profile), any unit
};

/// What an operation wants by ID number: where it looks, and the state it needs (nullptr: any).
struct AccountWanted {
  AccountScope scope = AccountScope::unit;
  bool (*fits)(const state::Account&) = nullptr;
};

/// The states an operation may need (AccountWanted::fits).
bool is_normal_account(const state::Account& a);
bool is_sealed_account(const state::Account& a);

/// The account `ref` names. By account_no: that account (REQ_NOT_FOUND when
/// unknown); with an id_number that is not its person's, REQ_BAD_VALUE. By
/// id_number alone: checked like any ID number (ID_* violations under its
/// field: nullptr), then the person's open accounts in `want.scope` — those
/// that fit when any does, so that one not fitting is judged by the
/// operation's rules as under account_no. One → it; several → REQ_BAD_VALUE
/// asking for account_no; none → REQ_NOT_FOUND, the number masked. `row`
/// numbers the violations of a batch row.
const state::Account* resolve_account(OpContext& ctx, Violations& v, const AccountRef& ref, const state::Unit& unit,
                                      AccountWanted want, rules::Row row = std::nullopt);

/// The field that named the account: account_no when given, else id_number
/// (the field the rules' violations name).
inline const std::string& subject_field(const AccountRef& ref) { return ref.account_no ? ref.account_field : ref.id_field; }

/// The account each row names (its member `account`, read by
/// read_account_ref), resolved in row order; nullptr where the row's ID
/// number is refused (its violations numbered with the row).
template <class Row>
std::vector<const state::Account*> row_accounts(OpContext& ctx, Violations& v, const std::vector<Row>& rows, const state::Unit& unit,
                                                AccountWanted want) {
  std::vector<const state::Account*> accs;
  for (std::size_t i = 0; i < rows.size(); ++i)
    accs.push_back(resolve_account(ctx, v, rows[i].account, unit, want, static_cast<std::int64_t>(i)));
  return accs;
}

/// The unit's rates; an employer unit without them cannot be priced.
std::pair<Rate, Rate> unit_rates(const state::Unit& u);

/// The parts of a base at the given rates, with the rounding in force in
/// month `m` (policy.md §1: pricing month M reads day 1 of M).
state::Deposit price(OpContext& ctx, Money base, const Rate& er, const Rate& ee, YearMonth m, Rounding* used = nullptr);

/// Reprices an account at the unit's current rates from month `m`, when it
/// has a base and the unit has rates (writing the priced parts into `out`
/// when given): `account.deposit_changed` when that changes its deposit.
void reprice_at_unit_rates(OpContext& ctx, OpResult& r, state::Account& m, const state::Unit& u, YearMonth first, ojson* out = nullptr);

/// Makes the unit record its first month (003 5: months are verified in order
/// from the month of its first account opening, or transfer in).
void note_first_month(OpContext& ctx, const state::Unit& u, YearMonth m);

}  // namespace pvd::hpf::ops
