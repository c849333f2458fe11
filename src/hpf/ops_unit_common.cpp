#include "hpf/ops_unit_common.hpp"

#include "hpf/rules.hpp"
#include "id/checks.hpp"
#include "provident/id/identifiers.hpp"
#include "provident/id/mask.hpp"

namespace pvd::hpf::ops {

using policy::Key;

std::string row_field(std::size_t i, std::string_view member) {
  return "args.rows[" + std::to_string(i) + "]." + std::string(member);
}

std::pair<Rate, Rate> unit_rates(const state::Unit& u) {
  if (!u.employer_rate || !u.employee_rate)
    protocol::throw_bad_value("facts.units", "单位" + u.unit_code + "没有缴存比例", "unit " + u.unit_code + " has no contribution rates");
  return {*u.employer_rate, *u.employee_rate};
}

state::Deposit price(OpContext& ctx, Money base, const Rate& er, const Rate& ee, YearMonth m, Rounding* used) {
  const Rounding rounding = ctx.param<Rounding>(Key::hpf_deposit_rounding, m.first_day());
  if (used) *used = rounding;
  return priced_deposit(m, compute_deposit(base, er, ee, rounding));
}

void reprice_at_unit_rates(OpContext& ctx, OpResult& r, state::Account& m, const state::Unit& u, YearMonth first, ojson* out) {
  if (!m.base || !u.employer_rate || !u.employee_rate) return;
  Rounding rounding;
  const state::Deposit d = price(ctx, *m.base, *u.employer_rate, *u.employee_rate, first, &rounding);
  change_deposit(r, m, d);
  if (out) put_priced(ctx, *out, d, *m.base, *u.employer_rate, *u.employee_rate, rounding);
}

void note_first_month(OpContext& ctx, const state::Unit& u, YearMonth m) {
  if (u.first_month) return;
  ctx.world().edit(u).first_month = m;
}

// ------------------------------------------------------------------ the account a request names

AccountRef read_account_ref(ArgReader& a) {
  AccountRef ref{a.opt_string("account_no"), a.opt_string("id_number"), a.field("account_no"), a.field("id_number")};
  if (!ref.account_no && !ref.id_number) protocol::throw_missing(ref.account_field);
  return ref;
}

bool is_normal_account(const state::Account& a) { return a.status == state::AccountStatus::normal; }
bool is_sealed_account(const state::Account& a) { return a.status == state::AccountStatus::sealed; }

namespace {

bool in_scope(const state::Account& acc, const state::Unit& unit, AccountScope scope) {
  switch (scope) {
    case AccountScope::unit: return acc.unit_code == unit.unit_code;
    case AccountScope::stints: return rules::ever_at_unit(acc, unit.unit_code);
    case AccountScope::centre: return true;  // accounts_at_centre chose them
  }
  return false;
}

// The person's open accounts in the scope; of them, those that fit when any does.
std::vector<const state::Account*> accounts_wanted(OpContext& ctx, const std::string& id_number, const state::Unit& unit,
                                                   AccountWanted want) {
  const auto all = want.scope == AccountScope::centre ? accounts_at_centre(ctx, id_number, unit.profile)
                                                      : ctx.world().accounts_of_person(id_number);
  std::vector<const state::Account*> open, fitting;
  for (const auto* acc : all) {
    if (acc->status == state::AccountStatus::closed || !in_scope(*acc, unit, want.scope)) continue;
    open.push_back(acc);
    if (want.fits && want.fits(*acc)) fitting.push_back(acc);
  }
  return fitting.empty() ? open : fitting;
}

[[noreturn]] void throw_no_account(const std::string& field, AccountScope scope, const std::string& id_number) {
  const bool unit = scope == AccountScope::unit, stints = scope == AccountScope::stints;
  protocol::throw_not_found(field,
                            unit     ? "该证件号码在本单位的未销户公积金账户"
                            : stints ? "该证件号码在本单位缴存过的未销户公积金账户"
                                     : "该证件号码的未销户公积金账户",
                            unit     ? "open provident fund account of the person at the unit"
                            : stints ? "open provident fund account of the person that deposits or deposited at the unit"
                                     : "open provident fund account of the person",
                            id::mask_id_number(id_number));
}

// The ID number as stored (trimmed, check character upper case).
std::string stored_form(const std::string& id_number) {
  std::string s = id::trim_space(id_number);
  for (char& c : s) c = c == 'x' ? 'X' : c;
  return s;
}

[[noreturn]] void throw_several(const std::string& field, const std::vector<const state::Account*>& accs) {
  std::string nos;
  for (const auto* acc : accs) nos += (nos.empty() ? "" : ", ") + acc->account_no;
  protocol::throw_bad_value(field, "该证件号码对应多个账户（" + nos + "），请给出account_no",
                            "the person has several such accounts (" + nos + "): give account_no");
}

}  // namespace

const state::Account* resolve_account(OpContext& ctx, Violations& v, const AccountRef& ref, const state::Unit& unit,
                                      AccountWanted want, rules::Row row) {
  if (ref.account_no) {
    const state::Account& acc = find_account(ctx, *ref.account_no, ref.account_field);
    if (ref.id_number && stored_form(*ref.id_number) != acc.person.id_number)
      protocol::throw_bad_value(ref.id_field, "证件号码与账户" + acc.account_no + "的证件号码不符",
                                "the ID number is not that of account " + acc.account_no);
    return &acc;
  }
  const auto id = id::check_citizen_id(v, *ref.id_number, ctx.today(), false, ref.id_field, row);
  if (!id) return nullptr;
  const auto accs = accounts_wanted(ctx, id->number, unit, want);
  if (accs.empty()) throw_no_account(ref.id_field, want.scope, id->number);
  if (accs.size() > 1) throw_several(ref.id_field, accs);
  return accs.front();
}

}  // namespace pvd::hpf::ops
