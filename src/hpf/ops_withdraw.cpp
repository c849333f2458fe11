// hpf.withdraw 提取: the withdrawal of the whole balance of any account —
// employer or flexible — on the grounds of HPF Regs Art. 24 (rules.md §3,
// issue 18). The shape of each handler is that of ops_flex_account.cpp; the
// interest to the day and the payout are those of the flexible exit
// (ops_payout.hpp).
#include "hpf/ops.hpp"
#include "provident/rules/codes.hpp"
#include "hpf/ops_common.hpp"
#include "hpf/ops_payout.hpp"
#include "hpf/ops_unit_common.hpp"
#include "hpf/rules.hpp"
#include "id/checks.hpp"

namespace pvd::hpf {

using namespace ops;
using protocol::OpKind;

namespace {

/// The heir or legatee a death withdrawal pays (HPF Regs Art. 24 para. 3).
struct Heir {
  std::string name, id_number;
  std::optional<id::DocumentType> id_type;
  std::string name_field, id_field;
};

std::optional<Heir> read_heir(ArgReader& a) {
  auto x = a.opt_object("heir");
  if (!x) return std::nullopt;
  Heir h{x->name("name"), x->string("id_number", 64), id::read_document_type(*x), x->field("name"), x->field("id_number")};
  x->finish();
  return h;
}

/// The account named by account_no, or by id_number at the centre of the unit
/// that unit_code names (ops_unit_common.hpp resolve_account).
const state::Account* subject_account(OpContext& ctx, Violations& v, const AccountRef& ref, const std::optional<std::string>& unit_code) {
  if (unit_code) return resolve_account(ctx, v, ref, find_unit(ctx, *unit_code, kUnit), {AccountScope::centre});
  if (!ref.account_no) protocol::throw_missing(kUnit);
  const state::Account& acc = find_account(ctx, *ref.account_no, ref.account_field);
  return resolve_account(ctx, v, ref, unit_of(ctx, acc), {AccountScope::centre});
}

/// The account's months billed by an open bill and not paid (its stints up to
/// the month of `today`).
std::vector<YearMonth> billed_unpaid_months(OpContext& ctx, const state::Account& a, YearMonth now) {
  std::vector<YearMonth> out;
  for (const auto& s : a.stints)
    for (YearMonth m = s.from; !(now < m) && !(s.to && *s.to < m); ++m) {
      if (is_paid(a, m)) continue;
      const auto id = ctx.world().bill_paying(a.account_no, m);
      const state::Bill* b = id ? ctx.world().bill(*id) : nullptr;
      if (b && b->status == state::BillStatus::open) out.push_back(m);
    }
  return out;
}

/// The rules of a withdrawal, every violation at once (withdrawal_grounds.cpp,
/// withdrawal_account.cpp).
void check_withdrawal(OpContext& ctx, Violations& v, const state::Account& acc, const state::Unit& unit, rules::WithdrawalReason why,
                      bool heir_given, std::optional<bool> loan_arg, const std::string& subject) {
  const auto& p = ctx.policy();
  rules::check_heir(v, why, heir_given, "args.heir");
  if (why == rules::WithdrawalReason::retirement) {
    const state::Person* person = ctx.world().current_person(acc.person.id_number);
    rules::check_retired(v, p, &ctx.trace(), ctx.as_of(), acc.person, person ? person->retired_from : std::nullopt, subject);
  }
  rules::check_sealed_for(v, p, &ctx.trace(), ctx.today(), why, acc, unit.kind == state::UnitKind::employer, subject);
  // state.md §1: where an argument and a fact say the same thing, the argument wins.
  rules::check_withdraw_no_loan(v, loan_arg.value_or(acc.has_outstanding_loan), loan_arg ? "args.has_outstanding_loan" : subject);
  rules::check_no_unpaid_bill(v, billed_unpaid_months(ctx, acc, ctx.as_of().year_month()), subject);
}

ojson payee_json(const state::Account& acc, const std::optional<Heir>& heir) {
  if (!heir) return {{"name", acc.person.name}, {"id_number", acc.person.id_number}};
  return {{"name", heir->name}, {"id_number", heir->id_number}, {"heir", true}};
}

// ------------------------------------------------------------------ hpf.withdraw 提取
// HPF Regs Art. 24; 002 三.7 (the conditions of the one withdrawal a seed shows); arithmetic.md §3.4.
void withdraw(OpContext& ctx, ArgReader& a, OpResult& r) {
  const AccountRef ref = read_account_ref(a);
  const auto unit_code = a.opt_string("unit_code");
  const auto why = rules::parse_withdrawal_reason(
      a.enumeration("reason", {"retirement", "leave_city", "leave_country", "incapacity", "death"}));
  const auto amount = a.opt_money("amount");
  const auto loan_arg = a.opt_boolean("has_outstanding_loan");
  const auto heir = read_heir(a);
  if (heir && why != rules::WithdrawalReason::death)
    protocol::throw_bad_value("args.heir", "只有死亡提取写明继承人", "only a withdrawal on death names an heir");

  auto& v = r.violations;
  const state::Account* accp = subject_account(ctx, v, ref, unit_code);
  if (!accp) return;
  const state::Account& acc = *accp;
  const std::string& subject = subject_field(ref);
  if (!rules::check_not_closed(v, acc, subject)) return;
  const state::Unit& unit = unit_of(ctx, acc);
  evaluate_under(ctx, unit);

  if (heir) {
    rules::check_name_present(v, heir->name, heir->name_field);
    id::add_document_problems(v, id::parse_document(heir->id_number, heir->id_type, ctx.today(), false), heir->id_field);
  }
  check_withdrawal(ctx, v, acc, unit, why, heir.has_value(), loan_arg, subject);
  const Date on = ctx.effect_time().date();
  if (v.empty()) rules::check_whole_balance(v, amount, payout_on(ctx, acc, on), "args.amount");
  if (!v.empty()) return;

  // Effects (arithmetic.md §3.4; HPF Regs Art. 24 para. 2): the interest to
  // the day is credited, the whole balance leaves as a `withdrawal` entry, the
  // account is closed and its stint ends.
  state::Account& m = ctx.world().edit(acc);
  const Payout p = pay_out(ctx, r, m, on);
  emit(r, events::AccountWithdrawn{m.account_no, std::string(rules::to_string(why)), on, p.payout, p.interest,
                                   heir ? std::optional<std::string>(heir->name) : std::nullopt});
  close_account(ctx, r, m, on);
  r.result["account_no"] = m.account_no;
  r.result["reason"] = std::string(rules::to_string(why));
  put_payout(ctx, r, p, "balance before the withdrawal");
  r.result["payee"] = payee_json(m, heir);
  r.result["status"] = m.status;
}

}  // namespace

void register_withdraw_ops(protocol::Registry& reg) {
  add_ops(reg, OpKind::command, "",
          {{"hpf.withdraw", withdraw, "Withdraw the whole balance on a ground of HPF Regs Art. 24: interest, payout, close", true}});
}

}  // namespace pvd::hpf
