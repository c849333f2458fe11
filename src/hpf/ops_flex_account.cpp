// Flexible employment (灵活就业) operations on the account: rules.md §2, seeds
// 000 and 002 — open, transfer in, unseal, sign, adjust, seal, change phone.
//
// Each handler has one shape: decode its arguments → load its subjects
// through ctx.world() (so that a reviewed or re-evaluated request sees the
// state of the moment), evaluating under the unit's profile → check the rules
// (src/hpf/rules/), listing every violation at once (a closed account yields
// only HPF_ACCOUNT_CLOSED) → apply, changing entities through
// world.edit()/add() → emit the state.md §3 events. Time rules read
// ctx.as_of(); dates written into entities use ctx.effect_time().
#include "hpf/ops.hpp"
#include "provident/rules/codes.hpp"
#include "hpf/ops_common.hpp"
#include "hpf/rules.hpp"
#include "id/checks.hpp"
#include "provident/id/identifiers.hpp"
#include "provident/id/mask.hpp"

namespace pvd::hpf {

using namespace ops;
using protocol::OpKind;

namespace {

// ------------------------------------------------------------------ hpf.flex.open 开户
// 002 一; HPF Regs Art. 13; Shanghai 2025 flexible measures (age).
void flex_open(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string unit_code = a.string("unit_code");
  const std::string name = a.name("name");
  const std::string id_number = a.string("id_number");
  const auto document_type = id::read_document_type(a);  // 002 一: 选择证件类型
  const id::GivenBirth given = id::read_given_birth(a);  // issue 18 (6): a document without them
  const Money deposit = a.money("monthly_deposit");
  const auto phone = a.opt_string("phone");
  const auto category = a.opt_enumeration("category", {"M60", "F55", "F50"});
  const auto account_no = a.opt_string("account_no", 64);

  auto& w = ctx.world();
  const state::Unit& unit = load_unit(ctx, unit_code);
  if (account_no) {
    if (account_no->empty()) protocol::throw_bad_value("args.account_no", "不能为空", "must not be empty");
    if (w.account(*account_no)) protocol::throw_bad_value("args.account_no", "该账号已被使用", "the account number is already in use");
  }

  const LocalDateTime now = ctx.as_of();
  const Date today = now.date();
  auto& v = r.violations;
  // rules.md §7: every operation that changes state requires 18 digits of a
  // GB 11643 number; a passport or a 2017 permanent residence ID gives the
  // birth date and gender the age rule reads (issue 18 (6)).
  const auto id = id::check_person_document(v, id_number, document_type, given, today, id::document_fields("args."));
  rules::check_name_present(v, name, "args.name");
  // A person with a sealed account uses transfer-in instead (rules.md §2).
  if (id) rules::check_no_open_account(v, accounts_at_centre(ctx, id->number, unit.profile), "args.id_number");
  rules::check_flexible_unit(v, unit, "args.unit_code", "002 一");
  rules::check_unit_active(v, unit, "args.unit_code");
  if (id) rules::check_flex_age(v, ctx.policy(), &ctx.trace(), now, id->birth, category, "args.id_number");
  rules::check_deposit_range(v, ctx.policy(), &ctx.trace(), today, deposit, "args.monthly_deposit", "002 一");
  if (phone) rules::check_phone(v, *phone, "args.phone");
  if (!v.empty()) return;

  // Effects: normal, unsigned, payable from the month of opening.
  const LocalDateTime eff = ctx.effect_time();
  std::string number = account_no ? *account_no : w.new_id(state::IdKind::account);
  const state::Account& created = open_account(ctx, r,
                                               {.account_no = std::move(number),
                                                .unit_code = unit.unit_code,
                                                .status = state::AccountStatus::normal,
                                                .person = {id::trim_space(name), id->number, category, id->identity},
                                                .phone = phone,
                                                .opened_on = eff.date(),
                                                .deposits = {flexible_deposit(eff.year_month(), deposit)}},
                                               unit, eff.year_month());
  r.result["account_no"] = created.account_no;
  r.result["payable_from"] = eff.year_month().to_string();
  put_noted(ctx, r.result, "monthly_deposit", deposit, "chosen by the depositor within the flexible range");
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
  if (target && target->scheme != state::Scheme::hpf) target = nullptr;
  if (target) evaluate_under(ctx, *target);
  else if (const state::Unit* cur = w.unit(acc.unit_code)) evaluate_under(ctx, *cur);

  auto& v = r.violations;
  if (!rules::check_not_closed(v, acc, kAccount)) return;
  // An employer account is sealed by the employer first (000 一: 个人账户状态还是封存).
  rules::check_sealed(v, acc, code::HPF_TRANSFER_NOT_SEALED, kAccount);
  rules::check_flex_transfer_target(v, target, to_unit, acc, "args.to_unit");
  // A transfer in is the first step to deposit again (000 一: 转移 → 启封).
  rules::check_not_past_retirement(v, ctx.policy(), &ctx.trace(), ctx.as_of(), acc.person, kAccount);
  if (!v.empty()) return;

  // Effects: the account moves and stays sealed; its contract is cleared
  // (rules.md §1); a flexible account has no base (state.md §2).
  state::Account& m = w.edit(acc);
  const std::string from_unit = m.unit_code;
  m.unit_code = target->unit_code;
  m.base.reset();
  emit(r, events::AccountTransferred{m.account_no, from_unit, target->unit_code});
  clear_contract(r, m);
  r.result["status"] = m.status;
  r.result["next_steps"] = ojson::array({"hpf.unseal", "hpf.flex.sign"});
  // 000 一 注意: the card signed next must be of the unit's collection bank.
  r.result["required_bank"] = bank_json(ctx, target->bank);
}

// ------------------------------------------------------------------ hpf.unseal 启封 (personal)
// 000 一 注, 二; 002 三.4; decision (default amount): rules/deposit_amount.cpp.
void unseal(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string account_no = a.string("account_no");
  const auto given = a.opt_money("monthly_deposit");

  auto& v = r.violations;
  const auto s = load_flex_account(ctx, account_no, v);
  if (!s) return;
  const state::Account& acc = s->account;

  const LocalDateTime now = ctx.as_of();
  rules::check_flexible_unit(v, s->unit, kAccount, "000 二");
  rules::check_sealed(v, acc, code::HPF_NOT_SEALED, kAccount);
  rules::check_not_past_retirement(v, ctx.policy(), &ctx.trace(), now, acc.person, kAccount);
  const rules::UnsealDeposit dep = rules::choose_unseal_deposit(v, ctx.policy(), &ctx.trace(), now, acc, given, "args.monthly_deposit");
  r.result["deposit_editable"] = dep.editable;
  if (dep.default_ok)
    put_noted(ctx, r.result, "default_monthly_deposit", dep.last->monthly_deposit,
              "the last monthly deposit in force (from " + dep.last->from.to_string() + ")");
  if (!v.empty()) return;

  // Effects: normal, payable from the month of effect.
  const LocalDateTime eff = ctx.effect_time();
  state::Account& m = ctx.world().edit(acc);
  m.status = state::AccountStatus::normal;
  m.sealed_on.reset();
  const YearMonth first = begin_stint_at(ctx, m, s->unit, eff.year_month());
  emit(r, events::AccountUnsealed{m.account_no, first});
  change_deposit(r, m, flexible_deposit(first, dep.chosen));
  if (dep.is_adjustment) count_adjustment(m, now.date().year());

  put_noted(ctx, r.result, "monthly_deposit", dep.chosen,
            dep.is_adjustment ? "changed while adjustment is open; counts as this year's adjustment"
            : dep.default_ok  ? "the last monthly deposit in force"
                              : "given: the last deposit was missing or outside the flexible range");
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

  auto& v = r.violations;
  const auto s = load_flex_account(ctx, account_no, v);
  if (!s) return;

  const Date today = ctx.today();
  const auto& p = ctx.policy();
  rules::check_flexible_unit(v, s->unit, kAccount, "000 三");
  rules::check_normal(v, s->account, kAccount, std::nullopt, "000 一");
  rules::check_sign_name(v, account_name, s->account.person.name, "args.account_name");
  rules::check_card(v, p, &ctx.trace(), today, card_no, "args.card_no");
  // An unknown bank code is reported as such; its mismatch is then implied.
  if (rules::check_bank_known(v, p, &ctx.trace(), today, bank, "args.bank"))
    rules::check_card_bank(v, p, &ctx.trace(), today, bank, s->unit, "args.bank");
  rules::check_card_class(v, p, &ctx.trace(), today, card_class, "args.card_class");
  if (!v.empty()) return;

  // Effects: the contract is set, replacing an earlier one.
  state::Account& m = ctx.world().edit(s->account);
  m.contract = state::Contract{.bank = bank, .account_name = account_name, .card_no = card_no, .card_class = card_class};
  const std::string masked = id::mask_card_number(card_no);
  r.result["card_masked"] = masked;
  emit(r, events::AccountSigned{m.account_no, bank, masked});
}

// ------------------------------------------------------------------ hpf.flex.adjust 月缴存额调整
// 000 四; 002 三.6: the July rule, rules/adjustment_window.cpp.
void flex_adjust(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string account_no = a.string("account_no");
  const Money deposit = a.money("monthly_deposit");

  auto& v = r.violations;
  const auto s = load_flex_account(ctx, account_no, v);
  if (!s) return;
  const state::Account& acc = s->account;

  const LocalDateTime now = ctx.as_of();
  rules::check_flexible_unit(v, s->unit, kAccount, "000 四");
  rules::check_normal(v, acc, kAccount, std::nullopt, "002 三.6");
  rules::check_adjustment_open(v, rules::adjustment_window(ctx.policy(), &ctx.trace(), now, acc.last_adjust_year, acc.adjust_count));
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
  emit(r, deposit_changed(m, nd));
  put_noted(ctx, r.result, "monthly_deposit", deposit, "chosen by the depositor within the flexible range");
  r.result["from_month"] = from.to_string();
}

// ------------------------------------------------------------------ hpf.seal 封存 (personal)
// 000 五; 002 三.3.
void seal(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string account_no = a.string("account_no");
  const std::string commitment = a.string("commitment", 1024);
  const bool agreed = a.boolean("agreed");

  auto& v = r.violations;
  const auto s = load_flex_account(ctx, account_no, v);
  if (!s) return;

  rules::check_flexible_unit(v, s->unit, kAccount, "000 五");
  rules::check_normal(v, s->account, kAccount, std::nullopt, "000 五");
  rules::check_commitment(v, ctx.policy(), &ctx.trace(), ctx.today(), commitment, "args.commitment");
  rules::check_seal_agreed(v, agreed, "args.agreed");
  if (!v.empty()) return;

  // Effects: sealed on the day of effect. Flexible deposits are voluntary: the
  // unpaid months of the stint are no debts and are no longer payable (the
  // next stint starts at unseal).
  const Date on = ctx.effect_time().date();
  state::Account& m = ctx.world().edit(s->account);
  m.status = state::AccountStatus::sealed;
  m.sealed_on = on;
  end_stint_for_change(ctx, m, on.year_month(), false);
  r.result["sealed_on"] = on.to_string();
  emit(r, events::AccountSealed{m.account_no, on});
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
  emit(r, events::PhoneChanged{m.account_no, masked});
}

}  // namespace

void register_flex_account_ops(protocol::Registry& reg) {
  add_ops(reg, OpKind::command, "",
          {{"hpf.flex.open", flex_open, "Open a flexible-employment account (002 一)"},
           {"hpf.flex.transfer_in", flex_transfer_in, "Move a sealed account to a flexible unit (000 一)"},
           {"hpf.unseal", unseal, "Unseal a flexible account (000 二; 002 三.4)"},
           {"hpf.flex.sign", flex_sign, "Sign the payment card contract (000 三)"},
           {"hpf.flex.adjust", flex_adjust, "Adjust the monthly deposit (000 四; 002 三.6)"},
           {"hpf.seal", seal, "Seal a flexible account with the commitment (000 五)"},
           {"hpf.change_phone", change_phone, "Change the mobile number (002 三.5)"}});
}

}  // namespace pvd::hpf
