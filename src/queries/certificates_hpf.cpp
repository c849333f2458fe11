// hpf.account.certificate (缴存证明): an HPF account's status, unit, deposit
// in force, months paid, balance and the interest credited per year, from the
// account, its unit and its whole ledger (World::ledger_between).
#include <map>

#include "provident/id/mask.hpp"
#include "queries/certificates.hpp"

namespace pvd::queries::certificates {

namespace {

/// The account `args.account_no` names, or the one `args.id_number` names.
/// Decision: a person with several accounts (one per unit over a career) has
/// at most one normal one; that one is certified. Without one, the certificate
/// needs account_no (REQ_BAD_VALUE on args.id_number).
const state::Account& certified_account(OpContext& ctx, ArgReader& a) {
  const auto no = a.opt_string("account_no", 32);
  const auto id_number = a.opt_string("id_number", 32);
  if (no.has_value() == id_number.has_value()) {
    if (!no) protocol::throw_missing("args.account_no");
    protocol::throw_bad_value("args.id_number", "account_no与id_number只能给出一个", "give either account_no or id_number, not both");
  }
  state::World& w = ctx.world();
  if (no) {
    const state::Account* acc = w.account(*no);
    if (!acc) protocol::throw_not_found("args.account_no", "账户", "account", *no);
    return *acc;
  }
  const auto all = w.accounts_of_person(*id_number);
  if (all.empty()) protocol::throw_not_found("args.id_number", "账户", "account", id::mask_id_number(*id_number));
  if (all.size() == 1) return *all.front();
  const state::Account* normal = nullptr;
  std::size_t normals = 0;
  for (const state::Account* acc : all)
    if (acc->status == state::AccountStatus::normal) normal = acc, ++normals;
  if (normals != 1)
    protocol::throw_bad_value("args.id_number", "该人员有多个账户且没有唯一的正常账户，请给出account_no",
                              "the person has several accounts and no single normal one: give account_no");
  return *normal;
}

/// The deposit in force: the account's latest (deposits are ascending), with
/// its base and the unit's rates. Decision: a query reads the entities as
/// they are (docs/queries.md §1.1), so the deposit is the latest one, as on
/// hpf.unit.roster; a sealed account keeps the parts it had when sealed while
/// the rates are the unit's now.
ojson deposit_json(const state::Account& acc, const state::Unit* unit) {
  if (acc.deposits.empty()) return nullptr;
  const state::Deposit* in_force = &acc.deposits.back();
  auto rate = [](const std::optional<Rate>& x) { return x ? ojson(x->to_string()) : ojson(nullptr); };
  return {{"from", in_force->from.to_string()},
          {"base", acc.base ? ojson(acc.base->to_string()) : ojson(nullptr)},
          {"employer_rate", unit ? rate(unit->employer_rate) : ojson(nullptr)},
          {"employee_rate", unit ? rate(unit->employee_rate) : ojson(nullptr)},
          {"employer_part", in_force->employer_part.to_string()},
          {"employee_part", in_force->employee_part.to_string()},
          {"monthly_deposit", in_force->monthly_deposit.to_string()}};
}

ojson months_paid_json(const state::Account& acc) {
  const auto& m = acc.paid_months;  // ascending
  return {{"count", m.size()}, {"first", m.empty() ? ojson(nullptr) : ojson(m.front().to_string())},
          {"last", m.empty() ? ojson(nullptr) : ojson(m.back().to_string())}};
}

/// The interest year an entry dated `d` belongs to: the year ending on 30 June
/// (arithmetic.md §3.4), named by that year.
int interest_year(Date d) { return d.year_month().month() <= 6 ? d.year_month().year() : d.year_month().year() + 1; }

/// The interest credited, per interest year, from the whole ledger (a store's
/// settled years included).
ojson interest_json(state::World& w, const state::Account& acc) {
  std::map<int, Money> per_year;
  Money total;
  const YearMonth first = YearMonth::of(1400, 1), last = YearMonth::of(9999, 12);
  for (const auto& e : w.ledger_between(acc.account_no, first, last))
    if (e.entry.kind == state::LedgerKind::interest) {
      per_year[interest_year(e.entry.date)] += e.entry.amount;
      total += e.entry.amount;
    }
  ojson years = ojson::array();
  for (const auto& [year, amount] : per_year) years.push_back({{"year", year}, {"amount", amount.to_string()}});
  return {{"years", years}, {"total", total.to_string()}};
}

}  // namespace

// hpf.account.certificate {account_no | id_number} — 缴存证明 (003; 002): the
// account's status, unit, deposit in force (base, rates, parts), months paid
// (count, first, last), balance, interest credited per year and sealed_on.
void account_certificate(OpContext& ctx, ArgReader& a, OpResult& r) {
  const state::Account& acc = certified_account(ctx, a);
  state::World& w = ctx.world();
  const state::Unit* unit = w.unit(acc.unit_code);
  r.result = {{"account_no", acc.account_no}, {"id_number", acc.person.id_number}, {"name", acc.person.name},
              {"unit_code", acc.unit_code}, {"unit_name", unit ? ojson(unit->name) : ojson(nullptr)},
              {"status", acc.status}, {"opened_on", acc.opened_on.to_string()}, {"sealed_on", text_or_null(acc.sealed_on)},
              {"deposit", deposit_json(acc, unit)}, {"months_paid", months_paid_json(acc)},
              {"balance", acc.balance.to_string()}, {"interest", interest_json(w, acc)}};
}

}  // namespace pvd::queries::certificates
