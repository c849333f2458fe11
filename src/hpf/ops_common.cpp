#include "hpf/ops_common.hpp"

namespace pvd::hpf::ops {

using policy::Key;

const state::Account& find_account(OpContext& ctx, const std::string& account_no, const std::string& field) {
  const state::Account* a = ctx.world().account(account_no);
  if (!a) protocol::throw_not_found(field, "公积金账户", "provident fund account", account_no);
  return *a;
}

const state::Unit& find_unit(OpContext& ctx, const std::string& unit_code, const std::string& field) {
  const state::Unit* u = ctx.world().unit(unit_code);
  if (!u || u->scheme != "hpf") protocol::throw_not_found(field, "公积金缴存单位", "provident fund unit", unit_code);
  return *u;
}

const state::Unit& unit_of(OpContext& ctx, const state::Account& a) {
  const state::Unit* u = ctx.world().unit(a.unit_code);
  if (!u) protocol::throw_not_found("facts.units", "账户所属单位", "unit of the account", a.unit_code);
  return *u;
}

void evaluate_under(OpContext& ctx, const state::Unit& u) {
  if (!u.profile.empty()) ctx.use_profile(u.profile);
}

std::vector<const state::Account*> accounts_at_centre(OpContext& ctx, const std::string& id_number, const std::string& profile) {
  std::vector<const state::Account*> out;
  for (const auto* acc : ctx.world().accounts_of_person(id_number)) {
    const state::Unit* u = ctx.world().unit(acc->unit_code);
    if (!u || u->profile == profile || u->profile.empty() || profile.empty()) out.push_back(acc);
  }
  return out;
}

const state::Deposit& deposit_for(const state::Account& a, YearMonth m) {
  const state::Deposit* d = deposit_in_force(a, m);
  if (!d)
    protocol::throw_bad_value("facts.accounts", "账户" + a.account_no + "在" + m.to_string() + "没有生效的月缴存额",
                              "account " + a.account_no + " has no deposit in force in " + m.to_string());
  return *d;
}

void post_entry(OpResult& r, state::Account& a, const std::string& kind, std::optional<YearMonth> month, Date date, Money amount) {
  post(a, kind, month, date, amount);
  r.event({{"type", "ledger.posted"},
           {"account_no", a.account_no},
           {"kind", kind},
           {"month", month ? ojson(month->to_string()) : ojson(nullptr)},
           {"amount", amount.to_string()}});
}

bool billed_or_paid(OpContext& ctx, const state::Account& a, YearMonth m) {
  return is_paid(a, m) || ctx.world().bill_paying(a.account_no, m).has_value();
}

YearMonth end_stint_for_change(OpContext& ctx, state::Account& a, YearMonth m, bool moving) {
  const state::Stint* open = open_stint(a);
  if (!open) return m;
  const bool old_owes = moving && ctx.param<bool>(Key::hpf_transfer_old_unit_owes_month, m.first_day());
  const YearMonth last = old_owes || (!(m < open->from) && billed_or_paid(ctx, a, m)) ? m : m - 1;
  end_stint(a, last);
  return last + 1;
}

YearMonth begin_stint_at(OpContext& ctx, state::Account& a, const state::Unit& u, YearMonth m) {
  const YearMonth first = begin_stint(a, u.unit_code, m);
  a.payable_from = first;
  if (u.kind == "employer" && !u.verified_months.empty() && !(u.verified_months.back() < first)) {
    // 003 5: months are verified in order; these were verified before the stint began.
    state::Unit& mu = ctx.world().edit(u);
    mu.carried.push_back({a.account_no, first, mu.verified_months.back()});
  }
  return first;
}

void deposit_changed_event(OpResult& r, const state::Account& a, const state::Deposit& d) {
  r.event({{"type", "account.deposit_changed"},
           {"account_no", a.account_no},
           {"from", d.from.to_string()},
           {"employer_part", d.employer_part.to_string()},
           {"employee_part", d.employee_part.to_string()},
           {"monthly_deposit", d.monthly_deposit.to_string()}});
}

Derivation sum_of(std::vector<std::string> terms, Money value, std::string note) {
  Derivation d;
  d.terms = std::move(terms);
  d.note = std::move(note);
  d.value = value;
  return d;
}

Derivation noted(Money value, std::string note) {
  Derivation d;
  d.note = std::move(note);
  d.value = value;
  return d;
}

Derivation deposit_derivation(const state::Deposit& d, YearMonth month) {
  return sum_of({"employer_part", "employee_part"}, d.monthly_deposit,
                "deposit in force in " + month.to_string() + " (from " + d.from.to_string() + "): " + d.employer_part.to_string() +
                    " + " + d.employee_part.to_string());
}

void put_priced(OpContext& ctx, ojson& obj, const state::Deposit& d, Money base, const Rate& er, const Rate& ee,
                const Rounding& rounding) {
  const bool x = ctx.explain();
  auto de = protocol::product(base, er, rounding, d.employer_part);
  auto dd = protocol::product(base, ee, rounding, d.employee_part);
  protocol::put_money(obj, "employer_part", d.employer_part, &de, x);
  protocol::put_money(obj, "employee_part", d.employee_part, &dd, x);
  auto sum = sum_of({"employer_part", "employee_part"}, d.monthly_deposit, "each part rounded, then added (arithmetic.md §3.1)");
  protocol::put_money(obj, "monthly_deposit", d.monthly_deposit, &sum, x);
}

void put_stored(OpContext& ctx, ojson& obj, const state::Deposit& d, const std::string& note) {
  const bool x = ctx.explain();
  auto de = noted(d.employer_part, note + ": employer part");
  auto dd = noted(d.employee_part, note + ": employee part");
  protocol::put_money(obj, "employer_part", d.employer_part, &de, x);
  protocol::put_money(obj, "employee_part", d.employee_part, &dd, x);
  auto sum = sum_of({"employer_part", "employee_part"}, d.monthly_deposit, note);
  protocol::put_money(obj, "monthly_deposit", d.monthly_deposit, &sum, x);
}

ojson bank_json(OpContext& ctx, const std::optional<std::string>& code) {
  if (!code) return nullptr;
  for (const auto& b : ctx.param<policy::BankList>(Key::banks, ctx.today()))
    if (b.code == *code) return {{"code", b.code}, {"zh", b.zh}, {"en", b.en}};
  return {{"code", *code}, {"zh", *code}, {"en", *code}};
}

}  // namespace pvd::hpf::ops
