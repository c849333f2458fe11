// Employer operations (单位网厅): rules.md §3, seed 003 (Kaifeng).
//
// Reviewed operations (open_accounts, seal, unseal, adjust_rate, adjust_base,
// internal_transfer) are registered reviewable: when the unit's profile lists
// them in review.ops, a direct call becomes a case and case approval runs the
// same handler again later, with ctx.as_of() the submission's moment (time
// rules) and ctx.effect_time() the approval's (dates of effects). State is
// read only through ctx.world(), so the rules about state are those of the
// moment the handler runs (rules.md §6 approve).
#include <algorithm>
#include <map>

#include "hpf/ops.hpp"
#include "hpf/ops_common.hpp"
#include "hpf/rules.hpp"
#include "id/checks.hpp"
#include "provident/core/allocation.hpp"
#include "provident/id/mask.hpp"

namespace pvd::hpf {

using namespace ops;
using policy::Key;
using protocol::OpKind;
using rules::Row;

namespace {

constexpr const char* kUnit = "args.unit_code";
constexpr const char* kAccount = "args.account_no";

std::string row_field(std::size_t i, std::string_view member) {
  return "args.rows[" + std::to_string(i) + "]." + std::string(member);
}

/// The unit's rates; an employer unit without them cannot be priced.
std::pair<Rate, Rate> unit_rates(const state::Unit& u) {
  if (!u.employer_rate || !u.employee_rate)
    protocol::throw_bad_value("facts.units", "单位" + u.unit_code + "没有缴存比例", "unit " + u.unit_code + " has no contribution rates");
  return {*u.employer_rate, *u.employee_rate};
}

/// The parts of a base at the unit's rates, with the rounding in force in
/// month `m` (policy.md §1: pricing month M reads day 1 of M).
state::Deposit price(OpContext& ctx, Money base, const Rate& er, const Rate& ee, YearMonth m, Rounding* used = nullptr) {
  const Rounding rounding = ctx.param<Rounding>(Key::hpf_deposit_rounding, m.first_day());
  if (used) *used = rounding;
  return priced_deposit(m, compute_deposit(base, er, ee, rounding));
}

/// Makes the unit record its first month (003 5: months are verified in order
/// from the month of its first account opening, or transfer in).
void note_first_month(OpContext& ctx, const state::Unit& u, YearMonth m) {
  if (u.first_month) return;
  ctx.world().edit(u).first_month = m;
}

// ------------------------------------------------------------------ hpf.unit.register
// HPF Regs Art. 14 (registration), 18 (rates).
void unit_register(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string unit_code = a.string("unit_code", 64);
  if (rules::trim_space(unit_code).empty()) protocol::throw_missing("args.unit_code");
  const std::string name = a.name("name");
  const std::string credit_code = a.string("credit_code", 64);
  const std::string bank = a.string("bank", 32);
  const std::string kind = a.enumeration("kind", {"employer", "flexible"});
  const auto er = a.opt_rate("employer_rate");
  const auto ee = a.opt_rate("employee_rate");
  if (kind == "employer") {
    if (!er) protocol::throw_missing("args.employer_rate");
    if (!ee) protocol::throw_missing("args.employee_rate");
  } else if (er || ee) {
    protocol::throw_bad_value(er ? "args.employer_rate" : "args.employee_rate", "灵活就业缴存单位没有缴存比例",
                              "a flexible unit has no contribution rates");
  }
  auto& w = ctx.world();
  const Date today = ctx.today();
  auto& v = r.violations;
  rules::check_name_present(v, name, "args.name");
  rules::check_credit_code(v, credit_code, "args.credit_code");
  if (w.unit(unit_code)) rules::add(v, "HPF_UNIT_EXISTS", kUnit, std::nullopt, {{"unit", unit_code}});
  rules::check_bank_known(v, ctx.policy(), &ctx.trace(), today, bank, "args.bank");
  if (kind == "employer")
    rules::check_rates(v, ctx.policy(), &ctx.trace(), today, *er, *ee, "args.employer_rate", "args.employee_rate");
  if (!v.empty()) return;

  state::Unit u;
  u.unit_code = unit_code;
  u.name = name;
  u.credit_code = credit_code;
  u.scheme = "hpf";
  u.kind = kind;
  u.profile = ctx.base_profile_name();
  u.status = "active";
  u.bank = bank;
  u.employer_rate = er;
  u.employee_rate = ee;
  w.add(u);
  r.result["unit_code"] = unit_code;
  r.event({{"type", "unit.registered"}, {"unit_code", unit_code}, {"scheme", "hpf"}, {"kind", kind}, {"profile", u.profile}});
}

// ------------------------------------------------------------------ hpf.unit.open_accounts 个人开户
// 003 1 (single), 2 (batch): all-or-nothing, every failing row reported.
struct OpenRow {
  std::string name, id_number;
  Money base;
  std::optional<std::string> phone;
  std::optional<id::DocumentType> document_type;
};

void open_accounts(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string unit_code = a.string("unit_code");
  std::vector<OpenRow> rows;
  a.each("rows", [&](ArgReader& x, std::size_t) {
    OpenRow row{x.name("name"), x.string("id_number"), x.money("base"), x.opt_string("phone", 32)};
    row.document_type = id::read_document_type(x);
    x.finish();
    rows.push_back(std::move(row));
  });
  auto& w = ctx.world();
  const state::Unit& unit = find_unit(ctx, unit_code, kUnit);
  evaluate_under(ctx, unit);
  const Date today = ctx.today();
  auto& v = r.violations;
  const bool employer = rules::check_employer_unit(v, unit, kUnit, "003 1");
  rules::check_unit_active(v, unit, kUnit);
  std::map<std::string, std::size_t> seen;
  std::vector<std::string> ids(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& row = rows[i];
    const Row rw = static_cast<std::int64_t>(i);
    const auto id = id::check_person_document(v, row.id_number, row.document_type, today, row_field(i, "id_number"), rw);
    rules::check_name_present(v, row.name, row_field(i, "name"), rw);
    if (id) {
      ids[i] = id->number;
      rules::check_not_past_retirement(v, ctx.policy(), &ctx.trace(), ctx.as_of(), id->number, std::nullopt,
                                       row_field(i, "id_number"), rw);
      rules::check_no_open_account(v, accounts_at_centre(ctx, id->number, unit.profile), row_field(i, "id_number"), rw);
      // decision: the later row of a pair is the duplicate.
      auto [it, fresh] = seen.emplace(id->number, i);
      if (!fresh)
        rules::add(v, "BATCH_DUPLICATE", row_field(i, "id_number"), rw,
                   {{"row_no", std::to_string(i + 1)}, {"other_row_no", std::to_string(it->second + 1)}}, "003 2");
    }
    // A base of a request made now is bounded at as_of (policy.md §1).
    rules::check_base(v, ctx.policy(), &ctx.trace(), today, row.base, row_field(i, "base"), rw);
    if (row.phone) rules::check_phone(v, *row.phone, row_field(i, "phone"), rw);
  }
  if (!v.empty() || !employer) return;

  // Effects: every row opens an account, priced with the unit's rates and the
  // rounding in force in the month of effect, payable from that month.
  const LocalDateTime eff = ctx.effect_time();
  const YearMonth month = eff.year_month();
  const auto [er, ee] = unit_rates(unit);
  ojson out = ojson::array();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    Rounding rounding;
    state::Account acc;
    acc.account_no = w.new_id(state::IdKind::account);
    acc.unit_code = unit.unit_code;
    acc.status = "normal";
    acc.person = {rules::trim_space(rows[i].name), ids[i], std::nullopt};
    acc.phone = rows[i].phone;
    acc.opened_on = eff.date();
    acc.base = rows[i].base;
    acc.deposits.push_back(price(ctx, rows[i].base, er, ee, month, &rounding));
    state::Account& created = w.add(acc);
    begin_stint_at(ctx, created, unit, month);
    ojson row = {{"row", i}, {"account_no", created.account_no}};
    put_priced(ctx, row, created.deposits.back(), rows[i].base, er, ee, rounding);
    out.push_back(std::move(row));
    r.event({{"type", "account.opened"}, {"account_no", created.account_no}, {"unit_code", unit.unit_code},
             {"payable_from", month.to_string()}});
  }
  if (!rows.empty()) note_first_month(ctx, unit, month);
  r.result["rows"] = std::move(out);
}

// ------------------------------------------------------------------ hpf.unit.seal / hpf.unit.unseal 封存/启封
// 003 3, 4; HPF Regs Art. 15.
void unit_seal_or_unseal(OpContext& ctx, ArgReader& a, OpResult& r, bool sealing) {
  const std::string unit_code = a.string("unit_code");
  const std::string account_no = a.string("account_no");
  const std::string reason = a.string("reason", 64);
  const state::Unit& unit = find_unit(ctx, unit_code, kUnit);
  const state::Account& acc = find_account(ctx, account_no, kAccount);
  evaluate_under(ctx, unit);
  auto& v = r.violations;
  if (!rules::check_not_closed(v, acc, kAccount)) return;
  // rules.md §1: sealing and unsealing an employer account is the employer's operation.
  rules::check_employer_unit(v, unit, kUnit, sealing ? "003 3" : "003 4");
  rules::check_in_unit(v, acc, unit, kAccount);
  if (sealing) rules::check_normal(v, acc, kAccount, std::nullopt, "003 3");
  else rules::check_sealed(v, acc, "HPF_NOT_SEALED", kAccount);
  if (!sealing)
    rules::check_not_past_retirement(v, ctx.policy(), &ctx.trace(), ctx.as_of(), acc.person.id_number, acc.person.category, kAccount);
  const auto& reasons = ctx.param<policy::ReasonList>(sealing ? Key::hpf_seal_reasons : Key::hpf_unseal_reasons, ctx.today());
  const policy::Reason* why = rules::check_reason(v, reasons, reason, "args.reason", std::nullopt, sealing ? "003 3" : "003 4");
  if (!v.empty()) return;

  const LocalDateTime eff = ctx.effect_time();
  state::Account& m = ctx.world().edit(acc);
  ojson reason_json = {{"code", why->code}, {"zh", why->zh}, {"en", why->en}};
  if (sealing) {
    m.status = "sealed";
    m.sealed_on = eff.date();
    end_stint_for_change(ctx, m, eff.year_month(), false);
    r.event({{"type", "account.sealed"}, {"account_no", m.account_no}, {"sealed_on", eff.date().to_string()}, {"reason", why->code}});
  } else {
    // Payable from the month of effect. Decision: the deposit is priced again
    // with the unit's current rates (a rate change used while the account was
    // sealed reached only normal accounts, 003 7).
    m.status = "normal";
    m.sealed_on.reset();
    const YearMonth first = begin_stint_at(ctx, m, unit, eff.year_month());
    r.event({{"type", "account.unsealed"}, {"account_no", m.account_no}, {"payable_from", first.to_string()},
             {"reason", why->code}});
    if (m.base && unit.employer_rate && unit.employee_rate) {
      const state::Deposit d = price(ctx, *m.base, *unit.employer_rate, *unit.employee_rate, first);
      if (set_deposit(m, d)) deposit_changed_event(r, m, d);
    }
    r.result["payable_from"] = first.to_string();
  }
  r.result["status"] = m.status;
  r.result["reason"] = std::move(reason_json);
}

void unit_seal(OpContext& ctx, ArgReader& a, OpResult& r) { unit_seal_or_unseal(ctx, a, r, true); }
void unit_unseal(OpContext& ctx, ArgReader& a, OpResult& r) { unit_seal_or_unseal(ctx, a, r, false); }

// ------------------------------------------------------------------ hpf.unit.verify_remittance 汇缴核定
// 003 5: "选择核定月份后，页面会自动显示月缴存额、暂存款余额、核定总金额".

/// Whether month `m` of the account still needs billing by unit `unit_code`:
/// the account owed it there (its history, docs/history.md — not its state
/// today: an account that moved away since still owes its earlier months
/// here) and no bill pays it and it is not paid (a month is billed once).
bool to_bill(OpContext& ctx, const state::Account& a, const std::string& unit_code, YearMonth m) {
  return owed_to(a, unit_code, m) && !billed_or_paid(ctx, a, m);
}

void verify_remittance(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string unit_code = a.string("unit_code");
  const YearMonth month = a.month("month");
  auto& w = ctx.world();
  const state::Unit& unit = find_unit(ctx, unit_code, kUnit);
  evaluate_under(ctx, unit);
  auto& v = r.violations;
  rules::check_employer_unit(v, unit, kUnit, "003 5");
  if (ctx.this_month() < month) rules::add(v, "HPF_REMIT_FUTURE_MONTH", "args.month");
  // The unit's first month; decision: facts without one take the month of the
  // earliest opening among the unit's accounts.
  std::optional<YearMonth> first = unit.first_month;
  const std::vector<const state::Account*> accounts = w.accounts_with_stint_at(unit.unit_code);
  if (!first)
    for (const auto* acc : accounts)
      if (!first || acc->opened_on.year_month() < *first) first = acc->opened_on.year_month();
  if (contains_month(unit.verified_months, month)) {
    rules::add(v, "HPF_REMIT_ALREADY_VERIFIED", "args.month", std::nullopt, {{"month", month.to_string()}});
  } else if (!first) {
    // Decision: a unit that never opened an account has no month to verify.
    rules::add(v, "HPF_REMIT_MONTH_GAP", "args.month", std::nullopt, {{"expected", "（尚无开户）", "(no account opened yet)"}});
  } else {
    const YearMonth expected = unit.verified_months.empty() ? *first : unit.verified_months.back() + 1;
    if (month != expected) rules::add(v, "HPF_REMIT_MONTH_GAP", "args.month", std::nullopt, {{"expected", expected.to_string()}});
  }
  if (!v.empty()) return;

  // Rows: accounts that owed the unit that month, not already paid or billed
  // for it, each at the deposit in force for the month; then the months
  // carried from earlier verifications (accounts whose stint here began in a
  // month already verified), each at its own month's deposit.
  struct Line {
    const state::Account* acc;
    const state::Deposit* dep;
    YearMonth month;
  };
  std::vector<Line> lines;
  Money total;
  for (const auto* acc : accounts) {
    if (!to_bill(ctx, *acc, unit.unit_code, month)) continue;
    const state::Deposit& d = deposit_for(*acc, month);
    lines.push_back({acc, &d, month});
    total += d.monthly_deposit;
  }
  const std::size_t regular_lines = lines.size();
  std::vector<state::CarriedMonths> still_carried;
  for (const auto& c : unit.carried) {
    const state::Account* acc = w.account(c.account_no);
    if (!acc) continue;
    bool all_paid = true;
    for (YearMonth m = c.from; !(c.to < m) && m < month; ++m) {
      all_paid = all_paid && is_paid(*acc, m);
      if (!to_bill(ctx, *acc, unit.unit_code, m)) continue;
      const state::Deposit& d = deposit_for(*acc, m);
      lines.push_back({acc, &d, m});
      total += d.monthly_deposit;
    }
    // Kept until every month is paid: a withdrawn bill leaves them to bill again.
    if (!all_paid) still_carried.push_back(c);
  }
  // The suspense balance (暂存款) pays first: used = min(suspense, total),
  // reserved now (released if the bill is withdrawn); due = total − used.
  const Money suspense = unit.suspense_balance;
  const Money used = min(max(suspense, Money()), total);
  const Money due = total - used;
  const Date on = ctx.effect_time().date();

  state::Bill bill;
  bill.bill_id = w.new_id(state::IdKind::bill);
  bill.scheme = "hpf";
  bill.unit_code = unit.unit_code;
  bill.kind = "remittance";
  bill.period = month;
  for (const auto& l : lines)
    bill.items.push_back({l.acc->account_no, std::nullopt, std::nullopt, l.month, l.dep->employer_part, l.dep->employee_part,
                          Money(), std::string("regular"), std::nullopt, std::nullopt, std::nullopt});
  bill.principal = total;
  bill.suspense_used = used;
  bill.amount_due = due;
  bill.status = "open";
  bill.created_on = on;

  state::Unit& u = w.edit(unit);
  if (!u.first_month) u.first_month = first;
  insert_month(u.verified_months, month);
  u.carried = std::move(still_carried);
  if (!used.is_zero()) {
    u.suspense_balance -= used;
    r.event({{"type", "suspense.changed"}, {"unit_code", u.unit_code}, {"change", (-used).to_string()},
             {"balance", u.suspense_balance.to_string()}, {"bill_id", bill.bill_id}});
  }
  ojson rows = ojson::array(), carried = ojson::array();
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const Line& l = lines[i];
    ojson row = {{"account_no", l.acc->account_no}, {"name", l.acc->person.name}};
    if (i >= regular_lines) row["month"] = l.month.to_string();
    put_stored(ctx, row, *l.dep, "deposit in force in " + l.month.to_string() + " (from " + l.dep->from.to_string() + ")");
    (i < regular_lines ? rows : carried).push_back(std::move(row));
  }
  r.event({{"type", "bill.created"}, {"bill_id", bill.bill_id}, {"unit_code", u.unit_code}, {"kind", "remittance"},
           {"period", month.to_string()}, {"amount_due", due.to_string()}});
  if (due.is_zero()) {
    // A bill with nothing due is paid at creation: its entries are posted.
    for (const auto& l : lines) {
      state::Account& m = w.edit(*l.acc);
      post_entry(r, m, "regular", l.month, on, l.dep->monthly_deposit);
    }
    bill.status = "paid";
    bill.paid_on = on;
    r.event({{"type", "bill.paid"}, {"bill_id", bill.bill_id}, {"amount", Money().to_string()}});
  }
  const state::Bill& b = w.add(bill);

  const bool x = ctx.explain();
  r.result["month"] = month.to_string();
  r.result["rows"] = std::move(rows);
  if (!carried.empty()) r.result["carried"] = std::move(carried);
  auto dt = sum_of({"rows[].monthly_deposit", "carried[].monthly_deposit"}, total, std::to_string(lines.size()) + " account-months");
  protocol::put_money(r.result, "total", total, &dt, x);
  auto ds = noted(suspense, "suspense balance (暂存款余额) before this bill");
  protocol::put_money(r.result, "suspense_balance", suspense, &ds, x);
  auto du = noted(used, "min(suspense_balance, total)");
  protocol::put_money(r.result, "suspense_used", used, &du, x);
  auto dd = noted(due, "total − suspense_used");
  protocol::put_money(r.result, "amount_due", due, &dd, x);
  r.result["bill_id"] = b.bill_id;
  r.result["status"] = b.status;
}

// ------------------------------------------------------------------ hpf.unit.verify_back_pay 补缴核定
// 003 6: "选择补缴原因，选择核定月份，输入补缴金额".
struct BackPayRow {
  std::string account_no;
  YearMonth month;
  Money amount;
  std::string reason;
};

/// Splits a back-pay amount into employer and employee parts (decision): in
/// proportion to the parts of the deposit in force for the month, else to the
/// unit's rates, else in two halves (the employer part taking the odd fen);
/// remainder-exact (arithmetic.md §1).
std::pair<Money, Money> split_amount(const state::Account& acc, const state::Unit& u, YearMonth m, Money amount) {
  std::int64_t wer = 0, wee = 0;
  if (const state::Deposit* d = deposit_in_force(acc, m); d && d->monthly_deposit.is_positive()) {
    wer = d->employer_part.as_fen();
    wee = d->employee_part.as_fen();
  } else if (u.employer_rate && u.employee_rate) {
    wer = u.employer_rate->num() * u.employee_rate->den();
    wee = u.employee_rate->num() * u.employer_rate->den();
  }
  if (wer < 0 || wee < 0 || wer + wee == 0) return split_flexible_deposit(amount);
  const std::int64_t weights[] = {wer, wee};
  const auto parts = allocate(amount, weights);
  return {parts[0], parts[1]};
}

void verify_back_pay(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string unit_code = a.string("unit_code");
  std::vector<BackPayRow> rows;
  a.each("rows", [&](ArgReader& x, std::size_t) {
    BackPayRow row{x.string("account_no"), x.month("month"), x.money("amount"), x.string("reason", 64)};
    x.finish();
    rows.push_back(std::move(row));
  });
  auto& w = ctx.world();
  const state::Unit& unit = find_unit(ctx, unit_code, kUnit);
  std::vector<const state::Account*> accs;
  for (std::size_t i = 0; i < rows.size(); ++i) accs.push_back(&find_account(ctx, rows[i].account_no, row_field(i, "account_no")));
  evaluate_under(ctx, unit);
  auto& v = r.violations;
  const YearMonth now = ctx.this_month();
  rules::check_employer_unit(v, unit, kUnit, "003 6");
  const auto& reasons = ctx.param<policy::ReasonList>(Key::hpf_back_pay_reasons, ctx.today());
  std::vector<const policy::Reason*> why(rows.size(), nullptr);
  std::map<std::pair<std::string, YearMonth>, std::size_t> missed_seen;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& row = rows[i];
    const state::Account& acc = *accs[i];
    const Row rw = static_cast<std::int64_t>(i);
    if (!rules::check_not_closed(v, acc, row_field(i, "account_no"), rw)) continue;
    // An account that has moved on still owes this unit the months of its
    // stints here (decision, docs/history.md); one never here is refused as before.
    const bool ever_here = acc.unit_code == unit.unit_code ||
                           std::any_of(acc.stints.begin(), acc.stints.end(), [&](const state::Stint& s) { return s.unit_code == unit.unit_code; });
    if (!ever_here) rules::check_in_unit(v, acc, unit, row_field(i, "account_no"), rw);
    // The current month is verified by remittance (003 5).
    if (!(row.month < now)) rules::add(v, "HPF_BACK_PAY_FUTURE_MONTH", row_field(i, "month"), rw, {}, "003 6");
    if (!row.amount.is_positive()) rules::add(v, "AMOUNT_NOT_POSITIVE", row_field(i, "amount"), rw, {}, "003 6");
    why[i] = rules::check_reason(v, reasons, row.reason, row_field(i, "reason"), rw, "003 6");
    if (!why[i]) continue;
    // The history: a month owed here, at the deposit in force (the amount is
    // not judged for a month already paid or not yet back-payable).
    if (ever_here && row.month < now)
      rules::check_back_pay_in_history(v, acc, unit.unit_code, row.month, row.amount, why[i]->kind == "missed",
                                       row.amount.is_positive() && !is_paid(acc, row.month), row_field(i, "month"),
                                       row_field(i, "amount"), rw);
    if (why[i]->kind == "missed") {
      // A missed month (补缴): unpaid, on no open bill, once in the batch.
      if (rules::check_month_unpaid(v, acc, row.month, row_field(i, "month"), rw, "003 6") &&
          w.bill_paying(acc.account_no, row.month))
        rules::add(v, "HPF_MONTH_ALREADY_BILLED", row_field(i, "month"), rw, {{"month", row.month.to_string()}});
      auto [it, fresh] = missed_seen.emplace(std::make_pair(acc.account_no, row.month), i);
      if (!fresh)
        rules::add(v, "BATCH_DUPLICATE", row_field(i, "month"), rw,
                   {{"row_no", std::to_string(i + 1)}, {"other_row_no", std::to_string(it->second + 1)}}, "003 6");
    } else if (!is_paid(acc, row.month)) {
      // A difference (补缴差额) tops up a month that was paid.
      rules::add(v, "HPF_MONTH_NOT_PAID", row_field(i, "month"), rw, {{"month", row.month.to_string()}});
    }
  }
  if (!v.empty()) return;

  const Date on = ctx.effect_time().date();
  state::Bill bill;
  bill.bill_id = w.new_id(state::IdKind::bill);
  bill.scheme = "hpf";
  bill.unit_code = unit.unit_code;
  bill.kind = "back_pay";
  Money total;
  ojson out = ojson::array();
  const bool x = ctx.explain();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& row = rows[i];
    const bool missed = why[i]->kind == "missed";
    const auto [er, ee] = split_amount(*accs[i], unit, row.month, row.amount);
    bill.items.push_back({row.account_no, std::nullopt, std::nullopt, row.month, er, ee, Money(),
                          std::string(missed ? "back_pay" : "back_pay_difference"), std::nullopt, std::nullopt, std::nullopt});
    total += row.amount;
    // A new hire's earlier month becomes owed here (003 6 新入职人员补缴).
    if (missed && !stint_in(*accs[i], row.month)) own_month(w.edit(*accs[i]), unit.unit_code, row.month);
    ojson o = {{"row", i}, {"account_no", row.account_no}, {"month", row.month.to_string()},
               {"kind", missed ? "back_pay" : "back_pay_difference"}, {"reason", why[i]->code}};
    auto de = noted(er, "employer share of the amount, in proportion to the parts in force for the month");
    auto dd = noted(ee, "employee share of the amount");
    auto da = noted(row.amount, "given");
    protocol::put_money(o, "employer_part", er, &de, x);
    protocol::put_money(o, "employee_part", ee, &dd, x);
    protocol::put_money(o, "amount", row.amount, &da, x);
    out.push_back(std::move(o));
  }
  bill.principal = total;
  bill.amount_due = total;
  bill.status = "open";
  bill.created_on = on;
  const state::Bill& b = w.add(bill);
  r.event({{"type", "bill.created"}, {"bill_id", b.bill_id}, {"unit_code", unit.unit_code}, {"kind", "back_pay"},
           {"amount_due", total.to_string()}});
  r.result["rows"] = std::move(out);
  auto dt = sum_of({"rows[].amount"}, total);
  protocol::put_money(r.result, "total", total, &dt, x);
  r.result["bill_id"] = b.bill_id;
}

/// The unit and the bill a bill operation names (unknown ones are
/// REQ_NOT_FOUND), evaluated under the unit's profile; `ours` says whether
/// the bill is an HPF bill of that unit.
struct UnitBill {
  const state::Unit& unit;
  const state::Bill& bill;
  bool ours;
};
UnitBill find_unit_bill(OpContext& ctx, const std::string& unit_code, const std::string& bill_id) {
  const state::Unit& unit = find_unit(ctx, unit_code, kUnit);
  const state::Bill* bill = ctx.world().bill(bill_id);
  if (!bill) protocol::throw_not_found("args.bill_id", "核定单", "bill", bill_id);
  evaluate_under(ctx, unit);
  return {unit, *bill, bill->scheme == "hpf" && bill->unit_code && *bill->unit_code == unit.unit_code};
}

// ------------------------------------------------------------------ hpf.unit.pay 缴款入账
// 003 5 (暂存款: the excess of a payment is kept as the unit's suspense balance).
void unit_pay(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string unit_code = a.string("unit_code");
  const std::string bill_id = a.string("bill_id", 64);
  const Money amount = a.money("amount");
  auto& w = ctx.world();
  const auto [unit, bill_ref, ours] = find_unit_bill(ctx, unit_code, bill_id);
  const state::Bill* bill = &bill_ref;
  auto& v = r.violations;
  const bool payable = ours && bill->status == "open";
  if (!payable) {
    rules::add(v, "BILL_NOT_PAYABLE", "args.bill_id");
    return;
  }
  if (amount < bill->amount_due)
    rules::add(v, "PAYMENT_TOO_SMALL", "args.amount", std::nullopt, {{"amount", amount.to_string()}, {"due", bill->amount_due.to_string()}});
  // State rules at the moment of payment: a month is paid at most once (state.md §4).
  std::vector<const state::Account*> accs;
  for (const auto& item : bill->items) {
    const std::string no = item.account_no.value_or("");
    const state::Account* acc = w.account(no);
    if (!acc) protocol::throw_not_found("facts.accounts", "核定单中的公积金账户", "provident fund account of the bill", no);
    accs.push_back(acc);
    const std::string kind = item.kind.value_or("regular");
    if (acc->status == "closed") rules::add(v, "HPF_ACCOUNT_CLOSED", "args.bill_id");
    else if (pays_month(kind)) rules::check_month_unpaid(v, *acc, item.month, "args.bill_id", std::nullopt, "003 5");
  }
  if (!v.empty()) return;

  const Date on = ctx.effect_time().date();
  const bool x = ctx.explain();
  ojson posted = ojson::array();
  for (std::size_t i = 0; i < bill->items.size(); ++i) {
    const auto& item = bill->items[i];
    const std::string kind = item.kind.value_or("regular");
    const Money amt = item.employer + item.employee;
    state::Account& m = w.edit(*accs[i]);
    post_entry(r, m, kind, item.month, on, amt);
    ojson p = {{"account_no", m.account_no}, {"month", item.month.to_string()}, {"kind", kind}};
    auto d = sum_of({"employer", "employee"}, amt, item.employer.to_string() + " + " + item.employee.to_string());
    protocol::put_money(p, "amount", amt, &d, x);
    posted.push_back(std::move(p));
  }
  state::Bill& b = w.edit(*bill);
  b.status = "paid";
  b.paid_on = on;
  r.event({{"type", "bill.paid"}, {"bill_id", b.bill_id}, {"amount", amount.to_string()}});
  const Money excess = amount - b.amount_due;
  state::Unit& u = w.edit(unit);
  if (!excess.is_zero()) {
    u.suspense_balance += excess;
    r.event({{"type", "suspense.changed"}, {"unit_code", u.unit_code}, {"change", excess.to_string()},
             {"balance", u.suspense_balance.to_string()}, {"bill_id", b.bill_id}});
  }
  r.result["posted"] = std::move(posted);
  auto de = noted(excess, "amount − amount_due, kept as suspense (暂存款)");
  protocol::put_money(r.result, "excess", excess, &de, x);
  auto ds = noted(u.suspense_balance, "suspense balance after the payment");
  protocol::put_money(r.result, "suspense_balance", u.suspense_balance, &ds, x);
}

// ------------------------------------------------------------------ hpf.unit.withdraw_bill 撤销核定
// rules.md §3 (verify_remittance: the suspense used is "reserved now, released
// if the bill is withdrawn"); state.md: bill status `withdrawn`, event
// `bill.withdrawn`. Decisions where the spec is silent: only an open bill of
// this unit can be withdrawn; a remittance bill only while its month is the
// unit's last verified month (verification goes in month order, so a withdrawn
// month is verified again next); its month is no longer verified, its suspense
// returns to the unit, and its months can be billed again.
void withdraw_bill(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string unit_code = a.string("unit_code");
  const std::string bill_id = a.string("bill_id", 64);
  auto& w = ctx.world();
  const auto [unit, bill_ref, ours] = find_unit_bill(ctx, unit_code, bill_id);
  const state::Bill* bill = &bill_ref;
  auto& v = r.violations;
  if (!ours || bill->status != "open") {
    const bool paid = bill->status == "paid";
    rules::add(v, "BILL_NOT_WITHDRAWABLE", "args.bill_id", std::nullopt,
               {{"reason", !ours ? "不属于本单位" : paid ? "已缴款" : "已撤销",
                 !ours ? "it is not this unit's" : paid ? "it is paid" : "it is already withdrawn"}});
    return;
  }
  const bool remittance = bill->kind == "remittance" && bill->period;
  if (remittance && (unit.verified_months.empty() || unit.verified_months.back() != *bill->period)) {
    rules::add(v, "BILL_NOT_WITHDRAWABLE", "args.bill_id", std::nullopt,
               {{"reason", "其后月份已核定", "a later month is verified"}});
    return;
  }
  state::Bill& b = w.edit(*bill);
  b.status = "withdrawn";
  r.event({{"type", "bill.withdrawn"}, {"bill_id", b.bill_id}, {"unit_code", unit.unit_code}});
  // Its months can be billed again: a withdrawn bill pays no month (World::bill_paying).
  state::Unit& u = w.edit(unit);
  if (remittance) u.verified_months.pop_back();
  if (!b.suspense_used.is_zero()) {
    u.suspense_balance += b.suspense_used;
    r.event({{"type", "suspense.changed"}, {"unit_code", u.unit_code}, {"change", b.suspense_used.to_string()},
             {"balance", u.suspense_balance.to_string()}, {"bill_id", b.bill_id}});
  }
  const bool x = ctx.explain();
  r.result["bill_id"] = b.bill_id;
  r.result["status"] = "withdrawn";
  auto dr = noted(b.suspense_used, "suspense reserved by the bill, released");
  protocol::put_money(r.result, "suspense_released", b.suspense_used, &dr, x);
  auto ds = noted(u.suspense_balance, "suspense balance after the withdrawal");
  protocol::put_money(r.result, "suspense_balance", u.suspense_balance, &ds, x);
}

// ------------------------------------------------------------------ hpf.unit.adjust_rate 缴存比例调整
// 003 7: "后台审核通过后办理状态为已复核 … 基数调整后比例调整才会生效 … 显示办理状态为已使用".

/// Whether a rate change of the unit is submitted (a pending case) or
/// approved but not yet used (003 7). While a case is being approved, that
/// case itself does not count.
bool rate_change_pending(OpContext& ctx, const state::Unit& u) {
  if (u.rate_change) return true;
  if (ctx.applying_case()) return false;
  for (const auto* c : ctx.world().cases_of_unit(u.unit_code))
    if (c->op == "hpf.unit.adjust_rate" && c->status == "submitted") return true;
  return false;
}

void adjust_rate(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string unit_code = a.string("unit_code");
  const Rate er = a.rate("employer_rate");
  const Rate ee = a.rate("employee_rate");
  const auto effective = a.opt_month("effective_month");
  const state::Unit& unit = find_unit(ctx, unit_code, kUnit);
  evaluate_under(ctx, unit);
  auto& v = r.violations;
  rules::check_employer_unit(v, unit, kUnit, "003 7");
  rules::check_rates(v, ctx.policy(), &ctx.trace(), ctx.today(), er, ee, "args.employer_rate", "args.employee_rate");
  if (rate_change_pending(ctx, unit)) rules::add(v, "HPF_RATE_CHANGE_PENDING", kUnit);
  if (effective && *effective < ctx.this_month())
    rules::add(v, "HPF_EFFECTIVE_MONTH_INVALID", "args.effective_month", std::nullopt,
               {{"rule", "不得早于当月", "must not be before the current month"}}, "003 7");
  if (!v.empty()) return;

  // Effects: the change is approved (已复核) — at once when the centre does not
  // review it, else when its case is approved; it waits for the next base
  // adjustment (hpf.unit.adjust_base) to be used.
  state::Unit& u = ctx.world().edit(unit);
  u.rate_change = state::RateChange{er, ee, effective, "approved"};
  r.event({{"type", "rate_change.approved"}, {"unit_code", u.unit_code}, {"employer_rate", er.to_string()},
           {"employee_rate", ee.to_string()}, {"effective_month", effective ? ojson(effective->to_string()) : ojson(nullptr)}});
  r.result["state"] = "approved";
  r.result["employer_rate"] = er.to_string();
  r.result["employee_rate"] = ee.to_string();
  r.result["effective_month"] = effective ? ojson(effective->to_string()) : ojson(nullptr);
  r.result["note"] = {{"zh", "基数调整后比例调整才会生效"}, {"en", "The new rates take effect with the next base adjustment"}};
}

// ------------------------------------------------------------------ hpf.unit.adjust_base 缴存基数批量调整
// 003 8 (and 003 7: an approved rate change is used by it).
struct BaseRow {
  std::string account_no;
  Money base;
};

void adjust_base(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string unit_code = a.string("unit_code");
  const YearMonth effective = a.month("effective_month");
  std::vector<BaseRow> rows;
  a.each("rows", [&](ArgReader& x, std::size_t) {
    BaseRow row{x.string("account_no"), x.money("base")};
    x.finish();
    rows.push_back(std::move(row));
  });
  auto& w = ctx.world();
  const state::Unit& unit = find_unit(ctx, unit_code, kUnit);
  std::vector<const state::Account*> accs;
  for (std::size_t i = 0; i < rows.size(); ++i) accs.push_back(&find_account(ctx, rows[i].account_no, row_field(i, "account_no")));
  evaluate_under(ctx, unit);
  auto& v = r.violations;
  const LocalDateTime now = ctx.as_of();
  const bool employer = rules::check_employer_unit(v, unit, kUnit, "003 8");
  // A centre may open base adjustment only in some months (empty = any month).
  const auto& months = ctx.param<policy::MonthList>(Key::hpf_unit_adjust_base_months, now.date());
  if (!months.empty() && std::find(months.begin(), months.end(), now.year_month().month()) == months.end())
    rules::add(v, "HPF_ADJUST_OUTSIDE_WINDOW", "as_of", std::nullopt, {{"what", "缴存基数", "Contribution bases"}, rules::months_param(months)},
               "003 8");
  // The new base takes effect in the current or the next month (decision on 003 8).
  if (effective != now.year_month() && effective != now.year_month() + 1)
    rules::add(v, "HPF_EFFECTIVE_MONTH_INVALID", "args.effective_month", std::nullopt,
               {{"rule", "须为当月或下月", "must be the current or the next month"}}, "003 8");
  std::map<std::string, std::size_t> seen;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Row rw = static_cast<std::int64_t>(i);
    const state::Account& acc = *accs[i];
    const std::string f = row_field(i, "account_no");
    if (!rules::check_not_closed(v, acc, f, rw)) continue;
    rules::check_in_unit(v, acc, unit, f, rw);
    rules::check_normal(v, acc, f, rw, "003 8");
    auto [it, fresh] = seen.emplace(acc.account_no, i);
    if (!fresh)
      rules::add(v, "BATCH_DUPLICATE", f, rw, {{"row_no", std::to_string(i + 1)}, {"other_row_no", std::to_string(it->second + 1)}}, "003 8");
    // Bounded by the limits in force for the effective month (rules.md §3).
    rules::check_base(v, ctx.policy(), &ctx.trace(), effective.first_day(), rows[i].base, row_field(i, "base"), rw);
  }
  if (!v.empty() || !employer) return;

  // An approved rate change is used now (003 7), when its own effective month
  // (if any) has come by this adjustment's effective month (decision);
  // it then applies to every normal account of the unit from `effective`.
  state::Unit& u = w.edit(unit);
  bool rate_used = false;
  if (u.rate_change && u.rate_change->state == "approved" &&
      (!u.rate_change->effective_month || !(effective < *u.rate_change->effective_month))) {
    u.employer_rate = u.rate_change->employer_rate;
    u.employee_rate = u.rate_change->employee_rate;
    r.event({{"type", "rate_change.used"}, {"unit_code", u.unit_code}, {"employer_rate", u.employer_rate->to_string()},
             {"employee_rate", u.employee_rate->to_string()}, {"effective_month", effective.to_string()}});
    u.rate_change.reset();
    rate_used = true;
  }
  const auto [er, ee] = unit_rates(u);
  Rounding rounding;
  ojson out = ojson::array();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    state::Account& m = w.edit(*accs[i]);
    m.base = rows[i].base;
    r.event({{"type", "account.base_changed"}, {"account_no", m.account_no}, {"base", rows[i].base.to_string()},
             {"from", effective.to_string()}});
    const state::Deposit d = price(ctx, rows[i].base, er, ee, effective, &rounding);
    if (set_deposit(m, d)) deposit_changed_event(r, m, d);
    ojson o = {{"row", i}, {"account_no", m.account_no}};
    auto db = noted(rows[i].base, "given");
    protocol::put_money(o, "base", rows[i].base, &db, ctx.explain());
    put_priced(ctx, o, d, rows[i].base, er, ee, rounding);
    out.push_back(std::move(o));
  }
  // Accounts without a row keep their base; with new rates they are priced again.
  ojson repriced = ojson::array();
  if (rate_used) {
    for (const auto* acc : w.accounts_of_unit(u.unit_code)) {
      if (acc->status != "normal" || !acc->base || seen.count(acc->account_no)) continue;
      state::Account& m = w.edit(*acc);
      const state::Deposit d = price(ctx, *m.base, er, ee, effective);
      if (set_deposit(m, d)) deposit_changed_event(r, m, d);
      repriced.push_back(m.account_no);
    }
  }
  r.result["effective_month"] = effective.to_string();
  r.result["rows"] = std::move(out);
  r.result["rate_change_used"] = rate_used;
  r.result["employer_rate"] = er.to_string();
  r.result["employee_rate"] = ee.to_string();
  r.result["repriced"] = std::move(repriced);
}

// ------------------------------------------------------------------ hpf.unit.internal_transfer 内部转移
// 003 9: "输入姓名，证件号码，页面反显转出单位信息".
void internal_transfer(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string unit_code = a.string("unit_code");
  const auto account_no = a.opt_string("account_no");
  const auto id_number = a.opt_string("id_number");
  if (!account_no && !id_number) protocol::throw_missing("args.account_no");
  if (account_no && id_number)
    protocol::throw_bad_value("args.id_number", "account_no与id_number只能给出一个", "give either account_no or id_number, not both");
  const state::Unit& unit = find_unit(ctx, unit_code, kUnit);
  evaluate_under(ctx, unit);
  auto& v = r.violations;
  const std::string subject = account_no ? kAccount : "args.id_number";
  const state::Account* accp = nullptr;
  if (account_no) {
    accp = &find_account(ctx, *account_no, kAccount);
  } else {
    const auto id = id::check_citizen_id(v, *id_number, ctx.today(), false, "args.id_number");
    if (!id) return;
    for (const auto* x : accounts_at_centre(ctx, id->number, unit.profile))
      if (x->status != "closed") accp = x;
    if (!accp) protocol::throw_not_found("args.id_number", "该证件号码的未销户公积金账户", "open provident fund account of the person",
                                         id::mask_id_number(id->number));
  }
  const state::Account& acc = *accp;
  if (!rules::check_not_closed(v, acc, subject)) return;
  rules::check_employer_unit(v, unit, kUnit, "003 9");
  rules::check_unit_active(v, unit, kUnit);
  if (acc.unit_code == unit.unit_code) rules::add(v, "HPF_TRANSFER_SAME_UNIT", subject, std::nullopt, {}, "003 9");
  rules::check_not_past_retirement(v, ctx.policy(), &ctx.trace(), ctx.as_of(), acc.person.id_number, acc.person.category, subject);
  if (!v.empty()) return;

  // Effects: the account moves with its balance, normal at the target from the
  // month of effect, priced with the target's rates, its contract cleared.
  // Decision: an account without a base (a flexible one) keeps its deposits
  // until the employer adjusts its base (hpf.unit.adjust_base).
  const LocalDateTime eff = ctx.effect_time();
  auto& w = ctx.world();
  state::Account& m = w.edit(acc);
  const std::string from_unit = m.unit_code;
  // The month of the move is owed once (hpf.transfer.old_unit_owes_month).
  end_stint_for_change(ctx, m, eff.year_month(), true);
  m.unit_code = unit.unit_code;
  m.status = "normal";
  m.sealed_on.reset();
  const YearMonth first = begin_stint_at(ctx, m, unit, eff.year_month());
  r.event({{"type", "account.transferred"}, {"account_no", m.account_no}, {"from_unit", from_unit}, {"to_unit", unit.unit_code},
           {"from", first.to_string()}});
  if (m.contract) {
    m.contract.reset();
    r.event({{"type", "account.contract_cleared"}, {"account_no", m.account_no}});
  }
  r.result["account_no"] = m.account_no;
  r.result["status"] = m.status;
  r.result["payable_from"] = first.to_string();
  if (m.base && unit.employer_rate && unit.employee_rate) {
    Rounding rounding;
    const state::Deposit d = price(ctx, *m.base, *unit.employer_rate, *unit.employee_rate, first, &rounding);
    if (set_deposit(m, d)) deposit_changed_event(r, m, d);
    put_priced(ctx, r.result, d, *m.base, *unit.employer_rate, *unit.employee_rate, rounding);
  }
  note_first_month(ctx, unit, first);
}

// ------------------------------------------------------------------ hpf.unit.roster 缴存职工数据导出 (query)
// 003 8: "点击缴存职工数据导出" — the template the base adjustment starts from.
void roster(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string unit_code = a.string("unit_code");
  const state::Unit& unit = find_unit(ctx, unit_code, kUnit);
  evaluate_under(ctx, unit);
  const std::optional<YearMonth> month = ctx.has_as_of() ? std::optional(ctx.this_month()) : std::nullopt;
  ojson out = ojson::array();
  for (const auto* acc : ctx.world().accounts_of_unit(unit.unit_code)) {
    if (acc->status == "closed") continue;
    ojson o = {{"account_no", acc->account_no},
               {"name", acc->person.name},
               {"id_number", acc->person.id_number},
               {"status", acc->status},
               {"employer_rate", unit.employer_rate ? ojson(unit.employer_rate->to_string()) : ojson(nullptr)},
               {"employee_rate", unit.employee_rate ? ojson(unit.employee_rate->to_string()) : ojson(nullptr)}};
    if (acc->base) {
      auto db = noted(*acc->base, "the account's base");
      protocol::put_money(o, "base", *acc->base, &db, ctx.explain());
    } else {
      o["base"] = nullptr;
    }
    const state::Deposit* d = month ? deposit_in_force(*acc, *month) : last_deposit(*acc);
    if (d) {
      put_stored(ctx, o, *d, "deposit in force from " + d->from.to_string());
    } else {
      o["monthly_deposit"] = nullptr;
    }
    out.push_back(std::move(o));
  }
  r.result["unit_code"] = unit.unit_code;
  r.result["count"] = out.size();
  r.result["accounts"] = std::move(out);
}

}  // namespace

void register_unit_ops(protocol::Registry& reg) {
  reg.add({"hpf.unit.register", OpKind::command, unit_register, false, "unit_code", "Register an HPF unit"});
  reg.add({"hpf.unit.open_accounts", OpKind::command, open_accounts, true, "unit_code", "Open accounts, single or batch (003 1, 2)"});
  reg.add({"hpf.unit.seal", OpKind::command, unit_seal, true, "unit_code", "Seal an employee's account (003 3)"});
  reg.add({"hpf.unit.unseal", OpKind::command, unit_unseal, true, "unit_code", "Unseal an employee's account (003 4)"});
  reg.add({"hpf.unit.verify_remittance", OpKind::command, verify_remittance, false, "unit_code", "Verify a month's remittance (003 5)"});
  reg.add({"hpf.unit.verify_back_pay", OpKind::command, verify_back_pay, false, "unit_code", "Verify a back-pay (003 6)"});
  reg.add({"hpf.unit.pay", OpKind::command, unit_pay, false, "unit_code", "Pay a bill; the excess goes to suspense (003 5)"});
  reg.add({"hpf.unit.withdraw_bill", OpKind::command, withdraw_bill, false, "unit_code", "Withdraw an open bill; its suspense is released"});
  reg.add({"hpf.unit.adjust_rate", OpKind::command, adjust_rate, true, "unit_code", "Change the unit's rates (003 7)"});
  reg.add({"hpf.unit.adjust_base", OpKind::command, adjust_base, true, "unit_code", "Adjust bases in a batch (003 8)"});
  reg.add({"hpf.unit.internal_transfer", OpKind::command, internal_transfer, true, "unit_code", "Move an account into this unit (003 9)"});
  reg.add({"hpf.unit.roster", OpKind::query, roster, false, "unit_code", "The unit's accounts (003 8)"});
}

}  // namespace pvd::hpf
