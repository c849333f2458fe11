// hpf.ledger.correct (issue 18; rules/ledger_correction.cpp): a wrong ledger entry is
// corrected by a new entry of kind `correction` naming it — the ledger stays append-only
// and the balance the sum of its entries.
#include "hpf/ops.hpp"
#include "provident/id/identifiers.hpp"
#include "hpf/ops_common.hpp"
#include "hpf/rules.hpp"

namespace pvd::hpf {

using namespace ops;
using protocol::OpKind;

namespace {

// hpf.ledger.correct {account_no, corrects, amount, reason}: `amount` is the signed
// difference (−376.00 takes back a deposit of 376.00 posted twice).
void ledger_correct(OpContext& ctx, ArgReader& a, OpResult& r) {
  // ---- decode
  const std::string account_no = a.string("account_no");
  const std::string corrects = a.string("corrects", 20);
  const Money amount = a.money("amount");
  const std::string reason = a.string("reason", 200);

  // ---- subjects
  const state::Account& acc = find_account(ctx, account_no, "args.account_no");
  // The whole ledger (a store's keeps every year): every month from the first to the last there is.
  const std::vector<state::LedgerRecord> ledger = ctx.world().ledger_between(account_no, YearMonth::of(1, 1), YearMonth::of(9999, 12));

  // ---- rules
  Violations& v = r.violations;
  if (id::name_is_blank(reason)) v.add(code::CHANGE_REASON_REQUIRED, "args.reason");  // decision: a correction says why
  if (!rules::check_not_closed(v, acc, "args.account_no")) return;
  const state::LedgerRecord* target = rules::corrected_entry(v, ledger, corrects, "args.corrects");
  if (!target) return;
  if (!rules::check_correction(v, ledger, *target, corrects, amount, acc.balance, "args.corrects", "args.amount")) return;

  // ---- apply: the entry is dated today, in the corrected entry's month
  state::Account& ac = ctx.world().edit(acc);
  post_entry(r, ac, state::LedgerKind::correction, target->entry.month, ctx.effect_time().date(), amount);
  ac.ledger.back().corrects = corrects;
  r.result["account_no"] = account_no;
  r.result["corrects"] = corrects;
  r.result["amount"] = amount.to_string();
  r.result["balance"] = ac.balance.to_string();

  // ---- events
  emit(r, events::LedgerCorrected{.account_no = account_no, .corrects = corrects, .amount = amount,
                                  .balance = ac.balance, .reason = reason});
}

}  // namespace

void register_ledger_ops(protocol::Registry& reg) {
  add_ops(reg, OpKind::command, "",
          {{"hpf.ledger.correct", ledger_correct, "Correct a ledger entry by a correction entry", true}});
}

}  // namespace pvd::hpf
