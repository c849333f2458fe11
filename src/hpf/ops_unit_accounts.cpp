// Employer operations on units and accounts (单位网厅): rules.md §3, seed 003
// (Kaifeng) — register, open accounts, seal, unseal, internal transfer (the roster
// is a query: src/queries/units_roster.cpp).
//
// Each handler has one shape: decode → load subjects → check the rules
// (src/hpf/rules/) → apply → events. Reviewed operations (open_accounts,
// seal, unseal, adjust_rate, adjust_base, internal_transfer) are registered
// reviewable: when the unit's profile lists them in review.ops, a direct call
// becomes a case and case approval runs the same handler again later, with
// ctx.as_of() the submission's moment (time rules) and ctx.effect_time() the
// approval's (dates of effects). State is read only through ctx.world(), so
// the rules about state are those of the moment the handler runs (rules.md §6
// approve).
#include "hpf/ops.hpp"
#include "provident/rules/codes.hpp"
#include "hpf/ops_unit_common.hpp"
#include "hpf/rules.hpp"
#include "id/checks.hpp"
#include "provident/id/identifiers.hpp"
#include "provident/id/mask.hpp"

namespace pvd::hpf {

using namespace ops;
using protocol::OpKind;
using rules::Row;

namespace {

// ------------------------------------------------------------------ hpf.unit.register
// HPF Regs Art. 14 (registration), 18 (rates).
void unit_register(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string unit_code = a.string("unit_code", 64);
  if (id::trim_space(unit_code).empty()) protocol::throw_missing("args.unit_code");
  const std::string name = a.name("name");
  const std::string credit_code = a.string("credit_code", 64);
  const std::string bank = a.string("bank", 32);
  const state::UnitKind kind = *state::parse_unit_kind(a.enumeration("kind", {"employer", "flexible"}));
  const auto er = a.opt_rate("employer_rate");
  const auto ee = a.opt_rate("employee_rate");
  if (kind == state::UnitKind::employer) {
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
  rules::check_unit_code_free(v, w.unit(unit_code) != nullptr, unit_code, kUnit);
  rules::check_bank_known(v, ctx.policy(), &ctx.trace(), today, bank, "args.bank");
  if (kind == state::UnitKind::employer)
    rules::check_rates(v, ctx.policy(), &ctx.trace(), today, *er, *ee, "args.employer_rate", "args.employee_rate");
  if (!v.empty()) return;

  const state::Unit& u = w.add(state::Unit{.unit_code = unit_code,
                                           .name = name,
                                           .credit_code = credit_code,
                                           .scheme = state::Scheme::hpf,
                                           .kind = kind,
                                           .profile = ctx.base_profile_name(),
                                           .status = state::UnitStatus::active,
                                           .bank = bank,
                                           .employer_rate = er,
                                           .employee_rate = ee});
  r.result["unit_code"] = unit_code;
  emit(r, events::UnitRegistered{unit_code, kind, u.profile});
}

// ------------------------------------------------------------------ hpf.unit.open_accounts 个人开户
// 003 1 (single), 2 (batch): all-or-nothing, every failing row reported.
struct OpenRow {
  std::string name, id_number;
  Money base;
  std::optional<std::string> phone;
  std::optional<id::DocumentType> document_type;
  id::GivenBirth given;  // issue 18 (6)
};

/// Checks every row; returns each row's document (none where it does not parse).
std::vector<std::optional<id::PersonDocument>> check_open_rows(OpContext& ctx, Violations& v, const state::Unit& unit, const std::vector<OpenRow>& rows) {
  const Date today = ctx.today();
  rules::BatchRows seen;
  std::vector<std::optional<id::PersonDocument>> ids(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& row = rows[i];
    const Row rw = static_cast<std::int64_t>(i);
    const std::string id_field = row_field(i, "id_number");
    const auto& id = ids[i] = id::check_person_document(v, row.id_number, row.document_type, row.given, today,
                                                         id::document_fields(row_field(i, ""), rw));
    rules::check_name_present(v, row.name, row_field(i, "name"), rw);
    if (id) {
      rules::check_not_past_retirement(v, ctx.policy(), &ctx.trace(), ctx.as_of(), id->birth, std::nullopt, id_field, rw);
      rules::check_no_open_account(v, accounts_at_centre(ctx, id->number, unit.profile), id_field, rw);
      seen.check_unique(v, id->number, i, id_field, "003 2");
    }
    // A base of a request made now is bounded at as_of (policy.md §1).
    rules::check_base(v, ctx.policy(), &ctx.trace(), today, row.base, row_field(i, "base"), rw);
    if (row.phone) rules::check_phone(v, *row.phone, row_field(i, "phone"), rw);
  }
  return ids;
}

void open_accounts(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string unit_code = a.string("unit_code");
  const auto rows = read_rows(a, [](ArgReader& x) {
    OpenRow row{x.name("name"), x.string("id_number"), x.money("base"), x.opt_string("phone", 32)};
    row.document_type = id::read_document_type(x);
    row.given = id::read_given_birth(x);
    return row;
  });

  auto& w = ctx.world();
  const state::Unit& unit = load_unit(ctx, unit_code);

  auto& v = r.violations;
  const bool employer = rules::check_employer_unit(v, unit, kUnit, "003 1");
  rules::check_unit_active(v, unit, kUnit);
  const auto ids = check_open_rows(ctx, v, unit, rows);
  if (!v.empty() || !employer) return;

  // Effects: every row opens an account, priced with the unit's rates and the
  // rounding in force in the month of effect, payable from that month.
  const LocalDateTime eff = ctx.effect_time();
  const YearMonth month = eff.year_month();
  const auto [er, ee] = unit_rates(unit);
  ojson out = ojson::array();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    // (Computed before the aggregate: GCC 12 destroys members twice when an
    // initializer of a later member throws, PR c++/66139.)
    std::string account_no = w.new_id(state::IdKind::account);
    Rounding rounding;
    state::Deposit deposit = price(ctx, rows[i].base, er, ee, month, &rounding);
    const state::Account& created = open_account(ctx, r,
                                                 {.account_no = std::move(account_no),
                                                  .unit_code = unit.unit_code,
                                                  .status = state::AccountStatus::normal,
                                                  .person = {id::trim_space(rows[i].name), ids[i]->number, std::nullopt, ids[i]->identity},
                                                  .phone = rows[i].phone,
                                                  .opened_on = eff.date(),
                                                  .base = rows[i].base,
                                                  .deposits = {std::move(deposit)}},
                                                 unit, month);
    ojson row = {{"row", i}, {"account_no", created.account_no}};
    put_priced(ctx, row, created.deposits.back(), rows[i].base, er, ee, rounding);
    out.push_back(std::move(row));
  }
  if (!rows.empty()) note_first_month(ctx, unit, month);
  r.result["rows"] = std::move(out);
}

// ------------------------------------------------------------------ hpf.unit.seal / hpf.unit.unseal 封存/启封
// 003 3, 4; HPF Regs Art. 15.
// By ID number the person's account at the unit: a normal one to seal, a sealed one to unseal.
void unit_seal_or_unseal(OpContext& ctx, ArgReader& a, OpResult& r, bool sealing) {
  const std::string unit_code = a.string("unit_code");
  const AccountRef ref = read_account_ref(a);
  const std::string reason = a.string("reason", 64);

  const state::Unit& unit = find_unit(ctx, unit_code, kUnit);
  auto& v = r.violations;
  const state::Account* accp = resolve_account(ctx, v, ref, unit, {AccountScope::unit, sealing ? is_normal_account : is_sealed_account});
  if (!accp) return;
  const state::Account& acc = *accp;
  const std::string& subject = subject_field(ref);
  evaluate_under(ctx, unit);

  const char* source = sealing ? "003 3" : "003 4";
  if (!rules::check_not_closed(v, acc, subject)) return;
  // rules.md §1: sealing and unsealing an employer account is the employer's operation.
  rules::check_employer_unit(v, unit, kUnit, source);
  rules::check_in_unit(v, acc, unit, subject);
  if (sealing) rules::check_normal(v, acc, subject, std::nullopt, "003 3");
  else rules::check_sealed(v, acc, code::HPF_NOT_SEALED, subject);
  if (!sealing)
    rules::check_not_past_retirement(v, ctx.policy(), &ctx.trace(), ctx.as_of(), acc.person, subject);
  const auto& reasons =
      rules::reason_list(ctx.policy(), &ctx.trace(), ctx.today(), sealing ? rules::ReasonFor::seal : rules::ReasonFor::unseal);
  const policy::Reason* why = rules::check_reason(v, reasons, reason, "args.reason", std::nullopt, source);
  if (!v.empty()) return;

  const LocalDateTime eff = ctx.effect_time();
  state::Account& m = ctx.world().edit(acc);
  if (sealing) {
    m.status = state::AccountStatus::sealed;
    m.sealed_on = eff.date();
    end_stint_for_change(ctx, m, eff.year_month(), false);
    emit(r, events::AccountSealed{m.account_no, eff.date(), why->code});
  } else {
    // Payable from the month of effect. Decision: the deposit is priced again
    // with the unit's current rates (a rate change used while the account was
    // sealed reached only normal accounts, 003 7).
    m.status = state::AccountStatus::normal;
    m.sealed_on.reset();
    const YearMonth first = begin_stint_at(ctx, m, unit, eff.year_month());
    emit(r, events::AccountUnsealed{m.account_no, first, why->code});
    reprice_at_unit_rates(ctx, r, m, unit, first);
    r.result["payable_from"] = first.to_string();
  }
  r.result["status"] = m.status;
  r.result["reason"] = {{"code", why->code}, {"zh", why->zh}, {"en", why->en}};
}

void unit_seal(OpContext& ctx, ArgReader& a, OpResult& r) { unit_seal_or_unseal(ctx, a, r, true); }
void unit_unseal(OpContext& ctx, ArgReader& a, OpResult& r) { unit_seal_or_unseal(ctx, a, r, false); }

// ------------------------------------------------------------------ hpf.unit.internal_transfer 内部转移
// 003 9: "输入姓名，证件号码，页面反显转出单位信息".

// By ID number the person's open account at the unit's centre ("输入姓名，证件号码").
void internal_transfer(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string unit_code = a.string("unit_code");
  const AccountRef ref = read_account_ref(a);

  const state::Unit& unit = load_unit(ctx, unit_code);
  auto& v = r.violations;
  const std::string& subject = subject_field(ref);
  const state::Account* accp = resolve_account(ctx, v, ref, unit, {AccountScope::centre});
  if (!accp) return;
  const state::Account& acc = *accp;

  if (!rules::check_not_closed(v, acc, subject)) return;
  rules::check_employer_unit(v, unit, kUnit, "003 9");
  rules::check_unit_active(v, unit, kUnit);
  rules::check_other_unit(v, acc, unit, subject, "003 9");
  rules::check_not_past_retirement(v, ctx.policy(), &ctx.trace(), ctx.as_of(), acc.person, subject);
  if (!v.empty()) return;

  // Effects: the account moves with its balance, normal at the target from the
  // month of effect, priced with the target's rates, its contract cleared.
  // Decision: an account without a base (a flexible one) keeps its deposits
  // until the employer adjusts its base (hpf.unit.adjust_base).
  const LocalDateTime eff = ctx.effect_time();
  state::Account& m = ctx.world().edit(acc);
  const std::string from_unit = m.unit_code;
  // The month of the move is owed once (hpf.transfer.old_unit_owes_month).
  end_stint_for_change(ctx, m, eff.year_month(), true);
  m.unit_code = unit.unit_code;
  m.status = state::AccountStatus::normal;
  m.sealed_on.reset();
  const YearMonth first = begin_stint_at(ctx, m, unit, eff.year_month());
  emit(r, events::AccountTransferred{m.account_no, from_unit, unit.unit_code, first});
  clear_contract(r, m);
  r.result["account_no"] = m.account_no;
  r.result["status"] = m.status;
  r.result["payable_from"] = first.to_string();
  reprice_at_unit_rates(ctx, r, m, unit, first, &r.result);
  note_first_month(ctx, unit, first);
}

}  // namespace

void register_unit_account_ops(protocol::Registry& reg) {
  add_ops(reg, OpKind::command, "unit_code",
          {{"hpf.unit.register", unit_register, "Register an HPF unit"},
           {"hpf.unit.open_accounts", open_accounts, "Open accounts, single or batch (003 1, 2)", true},
           {"hpf.unit.seal", unit_seal, "Seal an employee's account (003 3)", true},
           {"hpf.unit.unseal", unit_unseal, "Unseal an employee's account (003 4)", true},
           {"hpf.unit.internal_transfer", internal_transfer, "Move an account into this unit (003 9)", true}});
}

}  // namespace pvd::hpf
