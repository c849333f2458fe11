#include "hpf/ops_common.hpp"
#include "provident/rules/codes.hpp"

namespace pvd::hpf::ops {

using policy::Key;

// ------------------------------------------------------------------ subjects

const state::Account& find_account(OpContext& ctx, const std::string& account_no, const std::string& field) {
  const state::Account* a = ctx.world().account(account_no);
  if (!a) protocol::throw_not_found(field, "公积金账户", "provident fund account", account_no);
  return *a;
}

const state::Unit& find_unit(OpContext& ctx, const std::string& unit_code, const std::string& field) {
  const state::Unit* u = ctx.world().unit(unit_code);
  if (!u || u->scheme != state::Scheme::hpf) protocol::throw_not_found(field, "公积金缴存单位", "provident fund unit", unit_code);
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

std::optional<FlexSubject> load_flex_account(OpContext& ctx, const std::string& account_no, Violations& v) {
  const state::Account& acc = find_account(ctx, account_no, kAccount);
  // rules.md §1: a closed account accepts only queries.
  if (acc.status == state::AccountStatus::closed) {
    v.add(code::HPF_ACCOUNT_CLOSED, kAccount);
    return std::nullopt;
  }
  const state::Unit& unit = unit_of(ctx, acc);
  evaluate_under(ctx, unit);
  return FlexSubject{acc, unit};
}

const state::Unit& load_unit(OpContext& ctx, const std::string& unit_code) {
  const state::Unit& unit = find_unit(ctx, unit_code, kUnit);
  evaluate_under(ctx, unit);
  return unit;
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

// ------------------------------------------------------------------ effects with their events

state::Account& open_account(OpContext& ctx, OpResult& r, state::Account acc, const state::Unit& u, YearMonth m) {
  state::Account& created = ctx.world().add(std::move(acc));
  begin_stint_at(ctx, created, u, m);
  emit(r, events::AccountOpened{created.account_no, u.unit_code, m});
  return created;
}

void post_entry(OpResult& r, state::Account& a, state::LedgerKind kind, std::optional<YearMonth> month, Date date, Money amount) {
  post(a, kind, month, date, amount);
  emit(r, events::LedgerPosted{a.account_no, kind, month, amount});
}

events::DepositChanged deposit_changed(const state::Account& a, const state::Deposit& d) {
  return {a.account_no, d.from, d.employer_part, d.employee_part, d.monthly_deposit};
}

bool change_deposit(OpResult& r, state::Account& a, const state::Deposit& d) {
  if (!set_deposit(a, d)) return false;
  emit(r, deposit_changed(a, d));
  return true;
}

void change_suspense(OpResult& r, state::Unit& u, Money change, const std::string& bill_id) {
  if (change.is_zero()) return;
  u.suspense_balance += change;
  emit(r, events::SuspenseChanged{u.unit_code, change, u.suspense_balance, bill_id});
}

void clear_contract(OpResult& r, state::Account& a) {
  if (!a.contract) return;
  a.contract.reset();
  emit(r, events::ContractCleared{a.account_no});
}

// ------------------------------------------------------------------ history

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
  if (u.kind == state::UnitKind::employer && !u.verified_months.empty() && !(u.verified_months.back() < first)) {
    // 003 5: months are verified in order; these were verified before the stint began.
    state::Unit& mu = ctx.world().edit(u);
    mu.carried.push_back({a.account_no, first, mu.verified_months.back()});
  }
  return first;
}

// ------------------------------------------------------------------ explained amounts


Derivation deposit_derivation(const state::Deposit& d, YearMonth month) {
  return sum_of({"employer_part", "employee_part"}, d.monthly_deposit,
                "deposit in force in " + month.to_string() + " (from " + d.from.to_string() + "): " + d.employer_part.to_string() +
                    " + " + d.employee_part.to_string());
}

// Without explain the derivations are not shown, so none is built (a bill
// puts three amounts per row of a unit of any size).
void put_noted(OpContext& ctx, ojson& obj, const std::string& name, Money value, std::string note) {
  if (!ctx.explain()) return protocol::put_money(obj, name, value, nullptr, false);
  const Derivation d = noted(value, std::move(note));
  protocol::put_money(obj, name, value, &d, true);
}

void put_sum(OpContext& ctx, ojson& obj, const std::string& name, Money value, std::vector<std::string> terms, std::string note) {
  if (!ctx.explain()) return protocol::put_money(obj, name, value, nullptr, false);
  const Derivation d = sum_of(std::move(terms), value, std::move(note));
  protocol::put_money(obj, name, value, &d, true);
}

void put_priced(OpContext& ctx, ojson& obj, const state::Deposit& d, Money base, const Rate& er, const Rate& ee,
                const Rounding& rounding) {
  const bool x = ctx.explain();
  auto de = protocol::product(base, er, rounding, d.employer_part);
  auto dd = protocol::product(base, ee, rounding, d.employee_part);
  protocol::put_money(obj, "employer_part", d.employer_part, &de, x);
  protocol::put_money(obj, "employee_part", d.employee_part, &dd, x);
  put_sum(ctx, obj, "monthly_deposit", d.monthly_deposit, {"employer_part", "employee_part"},
          "each part rounded, then added (arithmetic.md §3.1)");
}

void put_stored(OpContext& ctx, ojson& obj, const state::Deposit& d, const std::string& note) {
  if (!ctx.explain()) {
    protocol::put_money(obj, "employer_part", d.employer_part, nullptr, false);
    protocol::put_money(obj, "employee_part", d.employee_part, nullptr, false);
    protocol::put_money(obj, "monthly_deposit", d.monthly_deposit, nullptr, false);
    return;
  }
  put_noted(ctx, obj, "employer_part", d.employer_part, note + ": employer part");
  put_noted(ctx, obj, "employee_part", d.employee_part, note + ": employee part");
  put_sum(ctx, obj, "monthly_deposit", d.monthly_deposit, {"employer_part", "employee_part"}, note);
}

ojson credit_interest_year(OpContext& ctx, OpResult& r, const state::Account& a, const CreditedYear& y, std::optional<Date> exit_on) {
  const Date year_end = interest_year_end(y.year);
  const bool partial = y.partial && exit_on;
  emit(r, events::InterestCredited{a.account_no, y.year, partial ? *exit_on : year_end, y.result.interest, y.partial});
  ojson out = {{"year", y.year}};
  if (exit_on) out["partial"] = y.partial;
  out["method"] = y.result.method;
  if (!ctx.explain()) {  // no derivation asked: none built (a unit's settlement credits 100,000 accounts)
    protocol::put_money(out, "interest", y.result.interest, nullptr, false);
    return out;
  }
  protocol::Derivation d;
  d.exact = y.result.exact;
  d.rounding = y.result.rounding;
  d.note = "interest year ending " + year_end.to_string() + ", method " + y.result.method +
           (partial ? ", up to " + (*exit_on - 1).to_string() : "");
  d.value = y.result.interest;
  protocol::put_money(out, "interest", y.result.interest, &d, true);
  return out;
}

ojson bank_json(OpContext& ctx, const std::optional<std::string>& code) {
  if (!code) return nullptr;
  for (const auto& b : ctx.param<policy::BankList>(Key::banks, ctx.today()))
    if (b.code == *code) return {{"code", b.code}, {"zh", b.zh}, {"en", b.en}};
  return {{"code", *code}, {"zh", *code}, {"en", *code}};
}

// ------------------------------------------------------------------ registration

void add_ops(protocol::Registry& reg, protocol::OpKind kind, std::string_view case_unit_arg, std::initializer_list<OpRow> rows) {
  for (const auto& row : rows)
    reg.add({.name = std::string(row.name),
             .kind = kind,
             .handler = row.handler,
             .reviewable = row.reviewable,
             .case_unit_arg = std::string(case_unit_arg),
             .summary = std::string(row.summary)});
}

}  // namespace pvd::hpf::ops
