// Employer bills (单位网厅): rules.md §3, seed 003 — verify a month's
// remittance (汇缴核定), verify a back-pay (补缴核定), pay a bill, withdraw a
// bill. Each handler: decode → load subjects → check the rules
// (src/hpf/rules/) → apply → events.
#include "hpf/ops.hpp"
#include "hpf/ops_unit_common.hpp"
#include "hpf/rules.hpp"

namespace pvd::hpf {

using namespace ops;
using protocol::OpKind;
using rules::Row;

namespace {

// ------------------------------------------------------------------ hpf.unit.verify_remittance 汇缴核定
// 003 5: "选择核定月份后，页面会自动显示月缴存额、暂存款余额、核定总金额".

/// Whether month `m` of the account still needs billing by unit `unit_code`:
/// the account owed it there (its history, docs/history.md — not its state
/// today: an account that moved away since still owes its earlier months
/// here) and no bill pays it and it is not paid (a month is billed once).
bool to_bill(OpContext& ctx, const state::Account& a, const std::string& unit_code, YearMonth m) {
  return owed_to(a, unit_code, m) && !billed_or_paid(ctx, a, m);
}

/// One account-month a remittance bills, at the deposit in force for it.
struct Line {
  const state::Account* acc;
  const state::Deposit* dep;
  YearMonth month;
};
struct RemittanceLines {
  std::vector<Line> lines;
  std::size_t regular = 0;  // the first `regular` lines are of the month verified; the rest are carried
  Money total;
  std::vector<state::CarriedMonths> still_carried;
};

/// Rows: accounts that owed the unit that month, not already paid or billed
/// for it, each at the deposit in force for the month; then the months
/// carried from earlier verifications (accounts whose stint here began in a
/// month already verified), each at its own month's deposit.
RemittanceLines remittance_lines(OpContext& ctx, const state::Unit& unit, const std::vector<const state::Account*>& accounts,
                                 YearMonth month) {
  RemittanceLines out;
  auto bill = [&](const state::Account* acc, YearMonth m) {
    if (!to_bill(ctx, *acc, unit.unit_code, m)) return;
    const state::Deposit& d = deposit_for(*acc, m);
    out.lines.push_back({acc, &d, m});
    out.total += d.monthly_deposit;
  };
  for (const auto* acc : accounts) bill(acc, month);
  out.regular = out.lines.size();
  for (const auto& c : unit.carried) {
    const state::Account* acc = ctx.world().account(c.account_no);
    if (!acc) continue;
    bool all_paid = true;
    for (YearMonth m = c.from; !(c.to < m) && m < month; ++m) {
      all_paid = all_paid && is_paid(*acc, m);
      bill(acc, m);
    }
    // Kept until every month is paid: a withdrawn bill leaves them to bill again.
    if (!all_paid) out.still_carried.push_back(c);
  }
  return out;
}

/// The rows and carried members of the response.
void put_remittance_rows(OpContext& ctx, OpResult& r, const RemittanceLines& rl) {
  ojson rows = ojson::array(), carried = ojson::array();
  for (std::size_t i = 0; i < rl.lines.size(); ++i) {
    const Line& l = rl.lines[i];
    // Member by member (the initializer-list form copies each value once more).
    ojson row = ojson::object();
    row["account_no"] = l.acc->account_no;
    row["name"] = l.acc->person.name;
    if (i >= rl.regular) row["month"] = l.month.to_string();
    // The note is for explain only (one per row of a unit of any size).
    put_stored(ctx, row, *l.dep,
               ctx.explain() ? "deposit in force in " + l.month.to_string() + " (from " + l.dep->from.to_string() + ")" : std::string());
    (i < rl.regular ? rows : carried).push_back(std::move(row));
  }
  r.result["rows"] = std::move(rows);
  if (!carried.empty()) r.result["carried"] = std::move(carried);
}

void verify_remittance(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string unit_code = a.string("unit_code");
  const YearMonth month = a.month("month");

  auto& w = ctx.world();
  const state::Unit& unit = load_unit(ctx, unit_code);
  const std::vector<const state::Account*> accounts = w.accounts_with_stint_at(unit.unit_code);
  const std::optional<YearMonth> first = rules::first_month_of(unit, accounts);

  auto& v = r.violations;
  rules::check_employer_unit(v, unit, kUnit, "003 5");
  rules::check_remittance_month(v, unit, first, month, ctx.this_month(), "args.month");
  if (!v.empty()) return;

  RemittanceLines rl = remittance_lines(ctx, unit, accounts, month);
  // The suspense balance (暂存款) pays first: used = min(suspense, total),
  // reserved now (released if the bill is withdrawn); due = total − used.
  const Money suspense = unit.suspense_balance;
  const Money used = min(max(suspense, Money()), rl.total);
  const Money due = rl.total - used;
  const Date on = ctx.effect_time().date();

  std::vector<state::BillItem> items;
  for (const auto& l : rl.lines)
    items.push_back({.account_no = l.acc->account_no,
                     .month = l.month,
                     .employer = l.dep->employer_part,
                     .employee = l.dep->employee_part,
                     .kind = state::LedgerKind::regular});
  state::Bill bill{.bill_id = w.new_id(state::IdKind::bill),
                   .scheme = state::Scheme::hpf,
                   .unit_code = unit.unit_code,
                   .kind = state::BillKind::remittance,
                   .period = month,
                   .items = std::move(items),
                   .principal = rl.total,
                   .suspense_used = used,
                   .amount_due = due,
                   .status = state::BillStatus::open,
                   .created_on = on};

  state::Unit& u = w.edit(unit);
  if (!u.first_month) u.first_month = first;
  insert_month(u.verified_months, month);
  u.carried = std::move(rl.still_carried);
  change_suspense(r, u, -used, bill.bill_id);
  emit(r, events::BillCreated{bill.bill_id, u.unit_code, bill.kind, month, due});
  if (due.is_zero()) {
    // A bill with nothing due is paid at creation: its entries are posted.
    for (const auto& l : rl.lines) post_entry(r, w.edit(*l.acc), state::LedgerKind::regular, l.month, on, l.dep->monthly_deposit);
    bill.status = state::BillStatus::paid;
    bill.paid_on = on;
    emit(r, events::BillPaid{bill.bill_id, Money()});
  }
  const state::Bill& b = w.add(std::move(bill));

  r.result["month"] = month.to_string();
  put_remittance_rows(ctx, r, rl);
  put_sum(ctx, r.result, "total", rl.total, {"rows[].monthly_deposit", "carried[].monthly_deposit"},
          std::to_string(rl.lines.size()) + " account-months");
  put_noted(ctx, r.result, "suspense_balance", suspense, "suspense balance (暂存款余额) before this bill");
  put_noted(ctx, r.result, "suspense_used", used, "min(suspense_balance, total)");
  put_noted(ctx, r.result, "amount_due", due, "total − suspense_used");
  r.result["bill_id"] = b.bill_id;
  r.result["status"] = b.status;
}

// ------------------------------------------------------------------ hpf.unit.verify_back_pay 补缴核定
// 003 6: "选择补缴原因，选择核定月份，输入补缴金额"; the rules: rules/unit_back_pay.cpp.
struct BackPayRow {
  AccountRef account;  // account_no or id_number (an account at the unit now or before)
  YearMonth month;
  Money amount;
  std::string reason;
};

/// Checks every row; returns each row's reason (null where it is unknown or not reached).
std::vector<const policy::Reason*> check_back_pay_rows(OpContext& ctx, Violations& v, const state::Unit& unit,
                                                       const std::vector<BackPayRow>& rows,
                                                       const std::vector<const state::Account*>& accs) {
  const YearMonth now = ctx.this_month();
  const auto& reasons = rules::reason_list(ctx.policy(), &ctx.trace(), ctx.today(), rules::ReasonFor::back_pay);
  std::vector<const policy::Reason*> why(rows.size(), nullptr);
  rules::BatchRows missed_seen;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& row = rows[i];
    if (!accs[i]) continue;
    const state::Account& acc = *accs[i];
    const Row rw = static_cast<std::int64_t>(i);
    const std::string& f_account = subject_field(row.account);
    const std::string f_month = row_field(i, "month"), f_amount = row_field(i, "amount");
    if (!rules::check_not_closed(v, acc, f_account, rw)) continue;
    // An account that has moved on still owes this unit the months of its
    // stints here (decision, docs/history.md); one never here is refused as before.
    const bool ever_here = rules::ever_at_unit(acc, unit.unit_code);
    if (!ever_here) rules::check_in_unit(v, acc, unit, f_account, rw);
    rules::check_back_pay_month_past(v, row.month, now, f_month, rw);
    rules::check_back_pay_amount_positive(v, row.amount, f_amount, rw);
    why[i] = rules::check_reason(v, reasons, row.reason, row_field(i, "reason"), rw, "003 6");
    if (!why[i]) continue;
    const bool missed = why[i]->kind == "missed";
    // The history: a month owed here, at the deposit in force (the amount is
    // not judged for a month already paid or not yet back-payable).
    if (ever_here && row.month < now)
      rules::check_back_pay_in_history(v, acc, unit.unit_code, row.month, row.amount, missed,
                                       row.amount.is_positive() && !is_paid(acc, row.month), f_month, f_amount, rw);
    if (missed) {
      // A missed month (补缴): unpaid, on no open bill, once in the batch.
      rules::check_missed_month_open(v, acc, row.month, ctx.world().bill_paying(acc.account_no, row.month).has_value(), f_month, rw);
      missed_seen.check_unique(v, acc.account_no + " " + row.month.to_string(), i, f_month, "003 6");
    } else {
      rules::check_difference_month_paid(v, acc, row.month, f_month, rw);
    }
  }
  return why;
}

void verify_back_pay(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string unit_code = a.string("unit_code");
  const auto rows = read_rows(
      a, [](ArgReader& x) { return BackPayRow{read_account_ref(x), x.month("month"), x.money("amount"), x.string("reason", 64)}; });

  auto& w = ctx.world();
  const state::Unit& unit = find_unit(ctx, unit_code, kUnit);
  auto& v = r.violations;
  const std::vector<const state::Account*> accs = row_accounts(ctx, v, rows, unit, {AccountScope::stints});
  evaluate_under(ctx, unit);

  rules::check_employer_unit(v, unit, kUnit, "003 6");
  const std::vector<const policy::Reason*> why = check_back_pay_rows(ctx, v, unit, rows, accs);
  if (!v.empty()) return;

  const Date on = ctx.effect_time().date();
  Money total;
  std::vector<state::BillItem> items;
  ojson out = ojson::array();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& row = rows[i];
    const bool missed = why[i]->kind == "missed";
    const state::LedgerKind kind = missed ? state::LedgerKind::back_pay : state::LedgerKind::back_pay_difference;
    const auto [er, ee] = rules::split_back_pay(*accs[i], unit, row.month, row.amount);
    items.push_back({.account_no = accs[i]->account_no, .month = row.month, .employer = er, .employee = ee, .kind = kind});
    total += row.amount;
    // A new hire's earlier month becomes owed here (003 6 新入职人员补缴).
    if (missed && !stint_in(*accs[i], row.month)) own_month(w.edit(*accs[i]), unit.unit_code, row.month);
    ojson o = {{"row", i}, {"account_no", accs[i]->account_no}, {"month", row.month.to_string()}, {"kind", kind}, {"reason", why[i]->code}};
    put_noted(ctx, o, "employer_part", er, "employer share of the amount, in proportion to the parts in force for the month");
    put_noted(ctx, o, "employee_part", ee, "employee share of the amount");
    put_noted(ctx, o, "amount", row.amount, "given");
    out.push_back(std::move(o));
  }
  const state::Bill& b = w.add(state::Bill{.bill_id = w.new_id(state::IdKind::bill),
                                           .scheme = state::Scheme::hpf,
                                           .unit_code = unit.unit_code,
                                           .kind = state::BillKind::back_pay,
                                           .items = std::move(items),
                                           .principal = total,
                                           .amount_due = total,
                                           .status = state::BillStatus::open,
                                           .created_on = on});
  emit(r, events::BillCreated{b.bill_id, unit.unit_code, b.kind, std::nullopt, total});
  r.result["rows"] = std::move(out);
  put_sum(ctx, r.result, "total", total, {"rows[].amount"});
  r.result["bill_id"] = b.bill_id;
}

// ------------------------------------------------------------------ bills of a unit

/// The unit and the bill a bill operation names (unknown ones are
/// REQ_NOT_FOUND), evaluated under the unit's profile; `ours` says whether
/// the bill is an HPF bill of that unit.
struct UnitBill {
  const state::Unit& unit;
  const state::Bill& bill;
  bool ours;
};
UnitBill load_unit_bill(OpContext& ctx, const std::string& unit_code, const std::string& bill_id) {
  const state::Unit& unit = find_unit(ctx, unit_code, kUnit);
  const state::Bill* bill = ctx.world().bill(bill_id);
  if (!bill) protocol::throw_not_found("args.bill_id", "核定单", "bill", bill_id);
  evaluate_under(ctx, unit);
  return {unit, *bill, bill->scheme == state::Scheme::hpf && bill->unit_code && *bill->unit_code == unit.unit_code};
}

// ------------------------------------------------------------------ hpf.unit.pay 缴款入账
// 003 5 (暂存款: the excess of a payment is kept as the unit's suspense balance).
void unit_pay(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string unit_code = a.string("unit_code");
  const std::string bill_id = a.string("bill_id", 64);
  const Money amount = a.money("amount");

  auto& w = ctx.world();
  const auto [unit, bill, ours] = load_unit_bill(ctx, unit_code, bill_id);
  auto& v = r.violations;
  if (!rules::check_bill_payable(v, bill, ours)) return;
  rules::check_payment_covers(v, bill, amount);
  // State rules at the moment of payment: a month is paid at most once (state.md §4).
  std::vector<const state::Account*> accs;
  for (const auto& item : bill.items) {
    const std::string no = item.account_no.value_or("");
    const state::Account* acc = w.account(no);
    if (!acc) protocol::throw_not_found("facts.accounts", "核定单中的公积金账户", "provident fund account of the bill", no);
    accs.push_back(acc);
    rules::check_bill_item_payable(v, *acc, item);
  }
  if (!v.empty()) return;

  const Date on = ctx.effect_time().date();
  ojson posted = ojson::array();
  for (std::size_t i = 0; i < bill.items.size(); ++i) {
    const auto& item = bill.items[i];
    const state::LedgerKind kind = item.kind.value_or(state::LedgerKind::regular);
    const Money amt = item.employer + item.employee;
    state::Account& m = w.edit(*accs[i]);
    post_entry(r, m, kind, item.month, on, amt);
    ojson p = ojson::object();
    p["account_no"] = m.account_no;
    p["month"] = item.month.to_string();
    p["kind"] = kind;
    put_sum(ctx, p, "amount", amt, {"employer", "employee"},
            ctx.explain() ? item.employer.to_string() + " + " + item.employee.to_string() : std::string());
    posted.push_back(std::move(p));
  }
  state::Bill& b = w.edit(bill);
  b.status = state::BillStatus::paid;
  b.paid_on = on;
  emit(r, events::BillPaid{b.bill_id, amount});
  const Money excess = amount - b.amount_due;
  state::Unit& u = w.edit(unit);
  change_suspense(r, u, excess, b.bill_id);
  r.result["posted"] = std::move(posted);
  put_noted(ctx, r.result, "excess", excess, "amount − amount_due, kept as suspense (暂存款)");
  put_noted(ctx, r.result, "suspense_balance", u.suspense_balance, "suspense balance after the payment");
}

// ------------------------------------------------------------------ hpf.unit.withdraw_bill 撤销核定
// rules.md §3; state.md: bill status `withdrawn`, event `bill.withdrawn`; the
// rule: rules/bill_state.cpp. Its month is no longer verified, its suspense
// returns to the unit, and its months can be billed again.
void withdraw_bill(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string unit_code = a.string("unit_code");
  const std::string bill_id = a.string("bill_id", 64);

  auto& w = ctx.world();
  const auto [unit, bill, ours] = load_unit_bill(ctx, unit_code, bill_id);
  if (!rules::check_bill_withdrawable(r.violations, bill, ours, unit)) return;

  const bool remittance = bill.kind == state::BillKind::remittance && bill.period;
  state::Bill& b = w.edit(bill);
  b.status = state::BillStatus::withdrawn;
  emit(r, events::BillWithdrawn{b.bill_id, unit.unit_code});
  // Its months can be billed again: a withdrawn bill pays no month (World::bill_paying).
  state::Unit& u = w.edit(unit);
  if (remittance) u.verified_months.pop_back();
  change_suspense(r, u, b.suspense_used, b.bill_id);
  r.result["bill_id"] = b.bill_id;
  r.result["status"] = "withdrawn";
  put_noted(ctx, r.result, "suspense_released", b.suspense_used, "suspense reserved by the bill, released");
  put_noted(ctx, r.result, "suspense_balance", u.suspense_balance, "suspense balance after the withdrawal");
}

}  // namespace

void register_unit_bill_ops(protocol::Registry& reg) {
  add_ops(reg, OpKind::command, "unit_code",
          {{"hpf.unit.verify_remittance", verify_remittance, "Verify a month's remittance (003 5)"},
           {"hpf.unit.verify_back_pay", verify_back_pay, "Verify a back-pay (003 6)"},
           {"hpf.unit.pay", unit_pay, "Pay a bill; the excess goes to suspense (003 5)"},
           {"hpf.unit.withdraw_bill", withdraw_bill, "Withdraw an open bill; its suspense is released"}});
}

}  // namespace pvd::hpf
