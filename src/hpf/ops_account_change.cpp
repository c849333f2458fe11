// hpf.account.change (issue 18; 002 三.5 信息变更; 004 §2.2 for the history rule): the account
// holder's name and mobile number corrected, each change kept in the account's `changes`
// history with its old value. The mobile number follows hpf.change_phone's rule (002 三.5:
// 11 digits, 1[3-9]…; masked in the response and the event).
//
// Decision: a closed account is not corrected (HPF_ACCOUNT_CLOSED, as hpf.change_phone).
// Decision: the reason and the nothing-to-change rules are the SI corrections' own
// (si/rules/person_change.cpp): one definition for every correction.
#include "hpf/ops.hpp"
#include "hpf/ops_common.hpp"
#include "hpf/rules.hpp"
#include "si/rules/person_rules.hpp"

namespace pvd::hpf {

using namespace ops;

namespace {

// hpf.account.change {account_no, name?, phone?, reason}.
void account_change(OpContext& ctx, ArgReader& a, OpResult& r) {
  // ---- decode
  const std::string account_no = a.string("account_no");
  const auto name = a.opt_string("name", protocol::kMaxNameChars);
  const auto phone = a.opt_string("phone", 32);
  const std::string reason = a.string("reason", 200);

  // ---- subjects, rules
  const state::Account& acc = find_account(ctx, account_no, kAccount);
  if (const state::Unit* u = ctx.world().unit(acc.unit_code)) evaluate_under(ctx, *u);
  auto& v = r.violations;
  if (!rules::check_not_closed(v, acc, kAccount)) return;
  std::vector<state::FieldEdit> edits;
  state::edit_if_changed(edits, "name", acc.person.name, name);
  state::edit_if_changed(edits, "phone", acc.phone, phone);
  if (name) rules::check_name_present(v, *name, "args.name");
  if (phone) rules::check_phone(v, *phone, "args.phone");
  si::check_change_reason(v, reason, "args.reason");
  si::check_something_changes(v, edits, "args");
  if (!v.empty()) return;

  // ---- apply, events
  state::Account& m = ctx.world().edit(acc);
  if (name) m.person.name = *name;
  if (phone) m.phone = phone;
  state::record_changes(m.changes, edits, ctx.today(), reason);
  r.result["account_no"] = m.account_no;
  r.result["changes"] = state::edits_json(edits);
  emit(r, events::AccountChanged{m.account_no, state::edits_json(edits), reason});
}

}  // namespace

void register_account_change_ops(protocol::Registry& reg) {
  add_ops(reg, protocol::OpKind::command, "",
          {{"hpf.account.change", account_change, "Correct an account holder's name or mobile number (信息变更)"}});
}

}  // namespace pvd::hpf
