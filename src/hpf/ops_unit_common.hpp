// Shared steps of the employer operations (单位网厅, rules.md §3, seed 003):
// the fields of batch rows, the rows' accounts, the unit's rates and pricing.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "hpf/ops_common.hpp"

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

/// The account each row names (its `account_no`), looked up in row order;
/// REQ_NOT_FOUND naming the row's field when unknown.
template <class Row>
std::vector<const state::Account*> row_accounts(OpContext& ctx, const std::vector<Row>& rows) {
  std::vector<const state::Account*> accs;
  for (std::size_t i = 0; i < rows.size(); ++i) accs.push_back(&find_account(ctx, rows[i].account_no, row_field(i, "account_no")));
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
