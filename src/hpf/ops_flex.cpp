// Flexible employment (灵活就业) operations: rules.md §2, seeds 000 and 002.
//
// Each handler decodes its arguments, looks its subjects up through
// ctx.world() (so that a reviewed or re-evaluated request sees the state of
// the moment), evaluates under the unit's profile, lists every violation at
// once (a closed account yields only HPF_ACCOUNT_CLOSED), and only then
// changes entities through world.edit()/add() and emits state.md §3 events.
// Time rules read ctx.as_of(); dates written into entities use
// ctx.effect_time().
#include "hpf/ops.hpp"
#include "hpf/ops_common.hpp"
#include "hpf/rules.hpp"
#include "hpf/windows.hpp"
#include "id/checks.hpp"
#include "provident/id/mask.hpp"

namespace pvd::hpf {

using namespace ops;
using policy::Key;
using protocol::OpKind;

namespace {

constexpr const char* kAccount = "args.account_no";

/// protocol.md §1.3: one back-pay covers at most 600 months.
constexpr std::size_t kMaxBackPayMonths = 600;

void count_adjustment(state::Account& acc, int year) {
  acc.adjust_count = acc.last_adjust_year && *acc.last_adjust_year == year ? acc.adjust_count + 1 : 1;
  acc.last_adjust_year = year;
}

// ------------------------------------------------------------------ hpf.flex.open 开户
// 002 一; HPF Regs Art. 13; Shanghai 2025 flexible measures (age).
void flex_open(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string unit_code = a.string("unit_code");
  const std::string name = a.name("name");
  const std::string id_number = a.string("id_number");
  const auto document_type = id::read_document_type(a);  // 002 一: 选择证件类型
  const Money deposit = a.money("monthly_deposit");
  const auto phone = a.opt_string("phone");
  const auto category = a.opt_enumeration("category", {"M60", "F55", "F50"});
  const auto account_no = a.opt_string("account_no", 64);

  auto& w = ctx.world();
  const state::Unit& unit = find_unit(ctx, unit_code, "args.unit_code");
  evaluate_under(ctx, unit);
  if (account_no) {
    if (account_no->empty()) protocol::throw_bad_value("args.account_no", "不能为空", "must not be empty");
    if (w.account(*account_no)) protocol::throw_bad_value("args.account_no", "该账号已被使用", "the account number is already in use");
  }
  const LocalDateTime now = ctx.as_of();
  const Date today = now.date();
  auto& v = r.violations;
  // rules.md §7: every operation that changes state requires 18 digits; the
  // document must carry the birth date and gender the age rule reads.
  const auto id = id::check_person_document(v, id_number, document_type, today, "args.id_number");
  rules::check_name_present(v, name, "args.name");
  // A person with a sealed account uses transfer-in instead (rules.md §2).
  if (id) rules::check_no_open_account(v, accounts_at_centre(ctx, id->number, unit.profile), "args.id_number");
  rules::check_flexible_unit(v, unit, "args.unit_code", "002 一");
  rules::check_unit_active(v, unit, "args.unit_code");
  if (id) rules::check_flex_age(v, ctx.policy(), &ctx.trace(), now, *id, category, "args.id_number");
  rules::check_deposit_range(v, ctx.policy(), &ctx.trace(), today, deposit, "args.monthly_deposit", "002 一");
  if (phone) rules::check_phone(v, *phone, "args.phone");
  if (!v.empty()) return;

  // Effects: normal, unsigned, payable from the month of opening.
  const LocalDateTime eff = ctx.effect_time();
  state::Account acc;
  acc.account_no = account_no ? *account_no : w.new_id(state::IdKind::account);
  acc.unit_code = unit.unit_code;
  acc.status = "normal";
  acc.person = {rules::trim_space(name), id->number, category};
  acc.phone = phone;
  acc.opened_on = eff.date();
  acc.deposits.push_back(flexible_deposit(eff.year_month(), deposit));
  state::Account& created = w.add(acc);
  begin_stint_at(ctx, created, unit, eff.year_month());

  r.result["account_no"] = created.account_no;
  r.result["payable_from"] = eff.year_month().to_string();
  auto d = noted(deposit, "chosen by the depositor within the flexible range");
  protocol::put_money(r.result, "monthly_deposit", deposit, &d, ctx.explain());
  r.event({{"type", "account.opened"},
           {"account_no", created.account_no},
           {"unit_code", unit.unit_code},
           {"payable_from", eff.year_month().to_string()}});
}

// ------------------------------------------------------------------ hpf.flex.transfer_in 转移
// 000 一 (转移 → 启封 → 签约); 002 二.
void flex_transfer_in(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string account_no = a.string("account_no");
  const std::string to_unit = a.string("to_unit");
  auto& w = ctx.world();
  const state::Account& acc = find_account(ctx, account_no, kAccount);
  // The target is a secondary reference: unknown is a violation (protocol.md §1.2).
  const state::Unit* target = w.unit(to_unit);
  if (target && target->scheme != "hpf") target = nullptr;
  if (target) evaluate_under(ctx, *target);
  else if (const state::Unit* cur = w.unit(acc.unit_code)) evaluate_under(ctx, *cur);
  auto& v = r.violations;
  if (!rules::check_not_closed(v, acc, kAccount)) return;
  // An employer account is sealed by the employer first (000 一: 个人账户状态还是封存).
  rules::check_sealed(v, acc, "HPF_TRANSFER_NOT_SEALED", kAccount);
  if (!target) {
    rules::add(v, "HPF_UNIT_UNKNOWN", "args.to_unit", std::nullopt, {{"unit", to_unit}});
  } else {
    rules::check_flexible_unit(v, *target, "args.to_unit", "000 一");
    // Decision: a suspended flexible unit accepts no transfer (rules.md §1 "active").
    rules::check_unit_active(v, *target, "args.to_unit");
    if (target->unit_code == acc.unit_code) rules::add(v, "HPF_TRANSFER_SAME_UNIT", "args.to_unit");
  }
  // A transfer in is the first step to deposit again (000 一: 转移 → 启封).
  rules::check_not_past_retirement(v, ctx.policy(), &ctx.trace(), ctx.as_of(), acc.person.id_number, acc.person.category, kAccount);
  if (!v.empty()) return;

  // Effects: the account moves and stays sealed; its contract is cleared
  // (rules.md §1); a flexible account has no base (state.md §2).
  state::Account& m = w.edit(acc);
  const std::string from_unit = m.unit_code;
  m.unit_code = target->unit_code;
  m.base.reset();
  r.event({{"type", "account.transferred"}, {"account_no", m.account_no}, {"from_unit", from_unit}, {"to_unit", target->unit_code}});
  if (m.contract) {
    m.contract.reset();
    r.event({{"type", "account.contract_cleared"}, {"account_no", m.account_no}});
  }
  r.result["status"] = m.status;
  r.result["next_steps"] = ojson::array({"hpf.unseal", "hpf.flex.sign"});
  // 000 一 注意: the card signed next must be of the unit's collection bank.
  r.result["required_bank"] = bank_json(ctx, target->bank);
}

// ------------------------------------------------------------------ hpf.unseal 启封 (personal)
// 000 一 注, 二; 002 三.4; decision (default amount).
void unseal(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string account_no = a.string("account_no");
  const auto given = a.opt_money("monthly_deposit");
  const state::Account& acc = find_account(ctx, account_no, kAccount);
  auto& v = r.violations;
  if (!rules::check_not_closed(v, acc, kAccount)) return;
  const state::Unit& unit = unit_of(ctx, acc);
  evaluate_under(ctx, unit);
  const LocalDateTime now = ctx.as_of();
  const Date today = now.date();
  rules::check_flexible_unit(v, unit, kAccount, "000 二");
  rules::check_sealed(v, acc, "HPF_NOT_SEALED", kAccount);
  rules::check_not_past_retirement(v, ctx.policy(), &ctx.trace(), now, acc.person.id_number, acc.person.category, kAccount);

  // The amount: by default the last monthly deposit in force (decision). When
  // that is missing or outside today's flexible range, an amount must be
  // given (the seed's editable field). Otherwise the field is editable only
  // while adjustment is open (000 一 注: "如果月缴存额输入框可以编辑则代表可以调基,
  // 灰色不可编辑则代表不可以进行调基操作"), and a change counts as that year's
  // adjustment.
  const state::Deposit* last = last_deposit(acc);
  const bool default_ok = last && rules::deposit_in_range(ctx.policy(), &ctx.trace(), today, last->monthly_deposit);
  const AdjustmentWindow aw = adjustment_window(ctx.policy(), &ctx.trace(), now, acc.last_adjust_year, acc.adjust_count);
  const bool editable = !default_ok || aw.open();
  Money chosen = default_ok ? last->monthly_deposit : Money();
  bool is_adjustment = false;
  if (!default_ok) {
    if (!given) rules::add(v, "HPF_DEPOSIT_REQUIRED", "args.monthly_deposit");
    else if (rules::check_deposit_range(v, ctx.policy(), &ctx.trace(), today, *given, "args.monthly_deposit", "000 一 注"))
      chosen = *given;
  } else if (given && *given != last->monthly_deposit) {
    if (!aw.open()) rules::add(v, "HPF_DEPOSIT_NOT_ADJUSTABLE", "args.monthly_deposit");
    else if (rules::check_deposit_range(v, ctx.policy(), &ctx.trace(), today, *given, "args.monthly_deposit", "000 一 注")) {
      chosen = *given;
      is_adjustment = true;
    }
  }
  r.result["deposit_editable"] = editable;
  if (default_ok) {
    auto dd = noted(last->monthly_deposit, "the last monthly deposit in force (from " + last->from.to_string() + ")");
    protocol::put_money(r.result, "default_monthly_deposit", last->monthly_deposit, &dd, ctx.explain());
  }
  if (!v.empty()) return;

  // Effects: normal, payable from the month of effect.
  const LocalDateTime eff = ctx.effect_time();
  state::Account& m = ctx.world().edit(acc);
  m.status = "normal";
  m.sealed_on.reset();
  const YearMonth first = begin_stint_at(ctx, m, unit, eff.year_month());
  r.event({{"type", "account.unsealed"}, {"account_no", m.account_no}, {"payable_from", first.to_string()}});
  const state::Deposit nd = flexible_deposit(first, chosen);
  if (set_deposit(m, nd)) deposit_changed_event(r, m, nd);
  if (is_adjustment) count_adjustment(m, today.year());

  auto d = is_adjustment ? noted(chosen, "changed while adjustment is open; counts as this year's adjustment")
           : default_ok ? noted(chosen, "the last monthly deposit in force")
                        : noted(chosen, "given: the last deposit was missing or outside the flexible range");
  protocol::put_money(r.result, "monthly_deposit", chosen, &d, ctx.explain());
  r.result["payable_from"] = first.to_string();
}

// ------------------------------------------------------------------ hpf.flex.sign 签约
// 000 一 注意, 三.
void flex_sign(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string account_no = a.string("account_no");
  const std::string account_name = a.name("account_name");
  const std::string card_no = a.string("card_no", 64);
  const std::string bank = a.string("bank", 32);
  const std::int64_t card_class = a.integer("card_class", 1, 3);
  const state::Account& acc = find_account(ctx, account_no, kAccount);
  auto& v = r.violations;
  if (!rules::check_not_closed(v, acc, kAccount)) return;
  const state::Unit& unit = unit_of(ctx, acc);
  evaluate_under(ctx, unit);
  const Date today = ctx.today();
  const auto& p = ctx.policy();
  rules::check_flexible_unit(v, unit, kAccount, "000 三");
  rules::check_normal(v, acc, kAccount, std::nullopt, "000 一");
  rules::check_sign_name(v, account_name, acc.person.name, "args.account_name");
  rules::check_card(v, p, &ctx.trace(), today, card_no, "args.card_no");
  // An unknown bank code is reported as such; its mismatch is then implied.
  if (rules::check_bank_known(v, p, &ctx.trace(), today, bank, "args.bank"))
    rules::check_card_bank(v, p, &ctx.trace(), today, bank, unit, "args.bank");
  rules::check_card_class(v, p, &ctx.trace(), today, card_class, "args.card_class");
  if (!v.empty()) return;

  // Effects: the contract is set, replacing an earlier one.
  state::Account& m = ctx.world().edit(acc);
  m.contract = state::Contract{bank, account_name, card_no, card_class};
  const std::string masked = id::mask_card_number(card_no);
  r.result["card_masked"] = masked;
  r.event({{"type", "account.signed"}, {"account_no", m.account_no}, {"bank", bank}, {"card_masked", masked}});
}

// ------------------------------------------------------------------ hpf.flex.adjust 月缴存额调整
// 000 四; 002 三.6.
void flex_adjust(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string account_no = a.string("account_no");
  const Money deposit = a.money("monthly_deposit");
  const state::Account& acc = find_account(ctx, account_no, kAccount);
  auto& v = r.violations;
  if (!rules::check_not_closed(v, acc, kAccount)) return;
  const state::Unit& unit = unit_of(ctx, acc);
  evaluate_under(ctx, unit);
  const LocalDateTime now = ctx.as_of();
  rules::check_flexible_unit(v, unit, kAccount, "000 四");
  rules::check_normal(v, acc, kAccount, std::nullopt, "002 三.6");
  rules::check_adjustment_open(v, adjustment_window(ctx.policy(), &ctx.trace(), now, acc.last_adjust_year, acc.adjust_count));
  rules::check_deposit_range(v, ctx.policy(), &ctx.trace(), now.date(), deposit, "args.monthly_deposit");
  rules::check_adjustment_changes(v, acc, now.year_month(), deposit, "args.monthly_deposit");
  if (!v.empty()) return;

  // Effects: in force from the month of the request; months already paid keep
  // their amounts (their ledger entries are not touched).
  const YearMonth from = ctx.effect_time().year_month();
  state::Account& m = ctx.world().edit(acc);
  const state::Deposit nd = flexible_deposit(from, deposit);
  set_deposit(m, nd);
  count_adjustment(m, now.date().year());
  deposit_changed_event(r, m, nd);
  auto d = noted(deposit, "chosen by the depositor within the flexible range");
  protocol::put_money(r.result, "monthly_deposit", deposit, &d, ctx.explain());
  r.result["from_month"] = from.to_string();
}

// ------------------------------------------------------------------ hpf.seal 封存 (personal)
// 000 五; 002 三.3.
void seal(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string account_no = a.string("account_no");
  const std::string commitment = a.string("commitment", 1024);
  const bool agreed = a.boolean("agreed");
  const state::Account& acc = find_account(ctx, account_no, kAccount);
  auto& v = r.violations;
  if (!rules::check_not_closed(v, acc, kAccount)) return;
  const state::Unit& unit = unit_of(ctx, acc);
  evaluate_under(ctx, unit);
  rules::check_flexible_unit(v, unit, kAccount, "000 五");
  rules::check_normal(v, acc, kAccount, std::nullopt, "000 五");
  rules::check_commitment(v, ctx.policy(), &ctx.trace(), ctx.today(), commitment, "args.commitment");
  // 000 五: "然后点击同意按钮才可以进行下一步".
  if (!agreed) rules::add(v, "HPF_SEAL_NOT_AGREED", "args.agreed");
  if (!v.empty()) return;

  // Effects: sealed on the day of effect. Flexible deposits are voluntary: the
  // unpaid months of the stint are no debts and are no longer payable (the
  // next stint starts at unseal).
  const Date on = ctx.effect_time().date();
  state::Account& m = ctx.world().edit(acc);
  m.status = "sealed";
  m.sealed_on = on;
  end_stint_for_change(ctx, m, on.year_month(), false);
  r.result["sealed_on"] = on.to_string();
  r.event({{"type", "account.sealed"}, {"account_no", m.account_no}, {"sealed_on", on.to_string()}});
}

// ------------------------------------------------------------------ hpf.flex.remit 汇缴
// 002 三.1 注.
void flex_remit(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string account_no = a.string("account_no");
  const state::Account& acc = find_account(ctx, account_no, kAccount);
  auto& v = r.violations;
  if (!rules::check_not_closed(v, acc, kAccount)) return;
  const state::Unit& unit = unit_of(ctx, acc);
  evaluate_under(ctx, unit);
  const LocalDateTime now = ctx.as_of();
  const YearMonth month = now.year_month();
  rules::check_payment_window(v, ctx.policy(), &ctx.trace(), now, "002 三.1 注");
  rules::check_flexible_unit(v, unit, kAccount, "002 三.1");
  rules::check_normal(v, acc, kAccount, std::nullopt, "002 三.1");
  rules::check_signed(v, acc, kAccount);
  // A month is owed once: one an employer owes (the month of a move, by
  // hpf.transfer.old_unit_owes_month) or has billed is not remitted here.
  if (rules::check_month_unpaid(v, acc, month, kAccount, std::nullopt, "002 三.1") && acc.status == "normal" &&
      (!owed_to(acc, acc.unit_code, month) || ctx.world().bill_paying(acc.account_no, month)))
    rules::add(v, "HPF_MONTH_NOT_OWED_HERE", kAccount, std::nullopt, {{"month", month.to_string()}}, "002 三.1");
  if (!v.empty()) return;

  // Effects: a `regular` entry for the month at the deposit in force for it.
  const state::Deposit& d = deposit_for(acc, month);
  state::Account& m = ctx.world().edit(acc);
  post_entry(r, m, "regular", month, ctx.effect_time().date(), d.monthly_deposit);
  r.result["month"] = month.to_string();
  auto der = deposit_derivation(d, month);
  protocol::put_money(r.result, "amount", d.monthly_deposit, &der, ctx.explain());
  auto db = noted(m.balance, "balance after the entry");
  protocol::put_money(r.result, "balance", m.balance, &db, ctx.explain());
}

// ------------------------------------------------------------------ hpf.flex.back_pay 补缴
// 002 三.2.
void flex_back_pay(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string account_no = a.string("account_no");
  const YearMonth end = a.month("end_month");
  const state::Account& acc = find_account(ctx, account_no, kAccount);
  auto& v = r.violations;
  if (!rules::check_not_closed(v, acc, kAccount)) return;
  const state::Unit& unit = unit_of(ctx, acc);
  evaluate_under(ctx, unit);
  const LocalDateTime now = ctx.as_of();
  rules::check_payment_window(v, ctx.policy(), &ctx.trace(), now, "002 三.2 注");
  rules::check_flexible_unit(v, unit, kAccount, "002 三.2");
  const bool normal = rules::check_normal(v, acc, kAccount, std::nullopt, "002 三.2");
  rules::check_signed(v, acc, kAccount);
  // The range is judged on the current stint only (a sealed account has none).
  rules::BackPayPlan plan;
  if (normal) plan = rules::plan_flex_back_pay(v, ctx.policy(), &ctx.trace(), now, acc, end, "args.end_month");
  if (plan.months.size() > kMaxBackPayMonths)
    protocol::throw_bad_value("args.end_month", "一次补缴最多600个月", "one back-pay covers at most 600 months");
  if (!v.empty()) return;

  // Effects: a `back_pay` entry for every unpaid month, each at the deposit in
  // force for that month (not today's).
  const Date on = ctx.effect_time().date();
  state::Account& m = ctx.world().edit(acc);
  ojson months = ojson::array();
  Money total;
  for (YearMonth month : plan.months) {
    const state::Deposit& d = deposit_for(m, month);
    post_entry(r, m, "back_pay", month, on, d.monthly_deposit);
    total += d.monthly_deposit;
    ojson row = {{"month", month.to_string()}};
    auto der = deposit_derivation(d, month);
    protocol::put_money(row, "amount", d.monthly_deposit, &der, ctx.explain());
    months.push_back(std::move(row));
  }
  r.result["months"] = std::move(months);
  auto der = sum_of({"months[].amount"}, total, std::to_string(plan.months.size()) + " months");
  protocol::put_money(r.result, "total", total, &der, ctx.explain());
  if (plan.lapse_limit) r.result["lapsed_before"] = plan.lapse_limit->to_string();
}

// ------------------------------------------------------------------ hpf.change_phone 信息变更
// 002 三.5.
void change_phone(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string account_no = a.string("account_no");
  const std::string phone = a.string("phone", 32);
  const state::Account& acc = find_account(ctx, account_no, kAccount);
  if (const state::Unit* u = ctx.world().unit(acc.unit_code)) evaluate_under(ctx, *u);
  auto& v = r.violations;
  if (!rules::check_not_closed(v, acc, kAccount)) return;
  rules::check_phone(v, phone, "args.phone");
  if (!v.empty()) return;
  state::Account& m = ctx.world().edit(acc);
  m.phone = phone;
  const std::string masked = id::mask_phone(phone);
  r.result["phone_masked"] = masked;
  r.event({{"type", "account.phone_changed"}, {"account_no", m.account_no}, {"phone_masked", masked}});
}

// ------------------------------------------------------------------ hpf.exit 退出缴存提取
// 002 三.7; HPF Regs Art. 24; arithmetic.md §3.4.
void exit_withdrawal(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string account_no = a.string("account_no");
  const auto loan_arg = a.opt_boolean("has_outstanding_loan");
  const state::Account& acc = find_account(ctx, account_no, kAccount);
  auto& v = r.violations;
  if (!rules::check_not_closed(v, acc, kAccount)) return;
  const state::Unit& unit = unit_of(ctx, acc);
  evaluate_under(ctx, unit);
  const Date today = ctx.today();
  rules::check_flexible_unit(v, unit, kAccount, "002 三.7");
  const bool sealed = rules::check_sealed(v, acc, "HPF_EXIT_NOT_SEALED", kAccount);
  // state.md §1: where an argument and a fact say the same thing, the argument wins.
  rules::check_no_loan(v, loan_arg.value_or(acc.has_outstanding_loan), loan_arg ? "args.has_outstanding_loan" : kAccount);
  if (sealed) rules::check_sealed_long_enough(v, ctx.policy(), &ctx.trace(), today, acc, kAccount);
  if (!v.empty()) return;

  // Effects (arithmetic.md §3.4): unsettled earlier interest years are credited
  // first; then the current interest year up to the day of exit; the payout is
  // the whole balance, as a `withdrawal` entry; the account is closed.
  const Date on = ctx.effect_time().date();
  const auto& p = ctx.policy();
  state::Account& m = ctx.world().edit(acc);
  const Money before = m.balance;
  const int current = interest_year_of(on);
  std::vector<CreditedYear> years = settle_years(m, p, &ctx.trace(), current - 1);
  if (!m.interest_settled_through || *m.interest_settled_through < current) {
    CreditedYear part = partial_year_interest(m, p, &ctx.trace(), on);
    if (!part.result.interest.is_zero()) post(m, "interest", std::nullopt, on, part.result.interest);
    years.push_back(std::move(part));
  }
  Money interest;
  ojson years_json = ojson::array();
  std::string note;
  for (const auto& y : years) {
    interest += y.result.interest;
    const Date dated = y.partial ? on : interest_year_end(y.year);
    r.event({{"type", "interest.credited"},
             {"account_no", m.account_no},
             {"year", y.year},
             {"date", dated.to_string()},
             {"amount", y.result.interest.to_string()},
             {"partial", y.partial}});
    ojson yj = {{"year", y.year}, {"partial", y.partial}, {"method", y.result.method}};
    protocol::Derivation d;
    d.exact = y.result.exact;
    d.rounding = y.result.rounding;
    d.note = "interest year ending " + interest_year_end(y.year).to_string() + ", method " + y.result.method +
             (y.partial ? ", up to " + (on - 1).to_string() : "");
    d.value = y.result.interest;
    protocol::put_money(yj, "interest", y.result.interest, &d, ctx.explain());
    years_json.push_back(std::move(yj));
    note += (note.empty() ? "" : " + ") + std::to_string(y.year) + (y.partial ? " (partial)" : "");
  }
  const Money payout = m.balance;
  if (!payout.is_zero()) post_entry(r, m, "withdrawal", std::nullopt, on, -payout);
  m.status = "closed";
  r.event({{"type", "account.closed"}, {"account_no", m.account_no}, {"closed_on", on.to_string()}});

  auto di = sum_of({"years[].interest"}, interest, "interest years " + note);
  protocol::put_money(r.result, "interest", interest, &di, ctx.explain());
  auto dp = sum_of({"balance", "interest"}, payout, "balance " + before.to_string() + " + interest " + interest.to_string());
  protocol::put_money(r.result, "payout", payout, &dp, ctx.explain());
  auto db = noted(before, "balance before exit");
  protocol::put_money(r.result, "balance", before, &db, ctx.explain());
  r.result["years"] = std::move(years_json);
}

}  // namespace

void register_flex_ops(protocol::Registry& reg) {
  reg.add({"hpf.flex.open", OpKind::command, flex_open, false, "", "Open a flexible-employment account (002 一)"});
  reg.add({"hpf.flex.transfer_in", OpKind::command, flex_transfer_in, false, "", "Move a sealed account to a flexible unit (000 一)"});
  reg.add({"hpf.unseal", OpKind::command, unseal, false, "", "Unseal a flexible account (000 二; 002 三.4)"});
  reg.add({"hpf.flex.sign", OpKind::command, flex_sign, false, "", "Sign the payment card contract (000 三)"});
  reg.add({"hpf.flex.adjust", OpKind::command, flex_adjust, false, "", "Adjust the monthly deposit (000 四; 002 三.6)"});
  reg.add({"hpf.seal", OpKind::command, seal, false, "", "Seal a flexible account with the commitment (000 五)"});
  reg.add({"hpf.flex.remit", OpKind::command, flex_remit, false, "", "Remit the current month (002 三.1)"});
  reg.add({"hpf.flex.back_pay", OpKind::command, flex_back_pay, false, "", "Back-pay unpaid months (002 三.2)"});
  reg.add({"hpf.change_phone", OpKind::command, change_phone, false, "", "Change the mobile number (002 三.5)"});
  reg.add({"hpf.exit", OpKind::command, exit_withdrawal, false, "", "Exit withdrawal: interest, payout, close (002 三.7)"});
}

}  // namespace pvd::hpf
