// hpf.account.change (issue 18; 002 三.5 信息变更; 004 §2.2 for the history rule): the account
// holder's ID number, name and mobile number corrected, each change kept in the account's
// `changes` history with its old value. The mobile number follows hpf.change_phone's rule
// (002 三.5: 11 digits, 1[3-9]…; masked in the response and the event).
//
// Decision: a closed account is not corrected (HPF_ACCOUNT_CLOSED, as hpf.change_phone).
// Decision: the reason and the nothing-to-change rules are the SI corrections' own
// (si/rules/person_change.cpp): one definition for every correction.
// Decision (issue 18 (1)): the account is named by account_no, or as the unit operations name
// one, by id_number + unit_code (ops_unit_common.hpp resolve_account: the person's open
// account at the unit; several ask for account_no). Both given must agree.
// Decision (issue 18 (1)): `new_id_number` is checked as at opening (002 一): a valid document
// number (id::check_person_document, read as the form it shows), one open account per person
// per centre (HPF Regs Art. 13: HPF_ACCOUNT_EXISTS when the new number holds another), and an
// account still deposited to (normal) not past the statutory retirement month that the new
// number's birth date and gender give (HPF_PAST_RETIREMENT). The account is keyed by
// account_no, so only the holder's number and the store's index column change; its bills keep
// the number they name (none: HPF items name the account). The SI person is another agency's
// record and is not changed (si.person.change corrects it).
// Decision: no centre's manual reviews an account holder's data (002 三.5 changes the mobile
// number directly), so hpf.account.change is in no review list.
#include "hpf/ops.hpp"
#include "hpf/ops_common.hpp"
#include "hpf/ops_unit_common.hpp"
#include "hpf/rules.hpp"
#include "id/checks.hpp"
#include "si/rules/person_rules.hpp"

namespace pvd::hpf {

using namespace ops;

namespace {

/// The account the request names: account_no, or id_number at unit_code (both: agreeing).
const state::Account* account_named(OpContext& ctx, Violations& v, const AccountRef& ref,
                                    const std::optional<std::string>& unit_code) {
  if (!ref.account_no && !unit_code) protocol::throw_missing("args.unit_code");
  const state::Account* by_no = ref.account_no ? &find_account(ctx, *ref.account_no, ref.account_field) : nullptr;
  if (by_no && !unit_code && !ref.id_number) return by_no;  // its unit need not be among the facts
  const state::Unit& unit = find_unit(ctx, unit_code ? *unit_code : by_no->unit_code, "args.unit_code");
  const state::Account* acc = resolve_account(ctx, v, ref, unit, {AccountScope::unit});
  if (acc && acc->unit_code != unit.unit_code)
    protocol::throw_bad_value("args.unit_code", "不是账户" + acc->account_no + "所在的单位",
                              "is not the unit of account " + acc->account_no);
  return acc;
}

/// issue 18 (1): the new number's checks (the Decision above); the number as stored when valid.
std::optional<std::string> check_new_id(OpContext& ctx, Violations& v, const state::Account& acc,
                                        const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  const std::string field = "args.new_id_number";
  const auto id = id::check_person_document(v, *text, std::nullopt, ctx.today(), field);
  if (!id || id->number == acc.person.id_number) return id ? std::optional(id->number) : std::nullopt;
  const state::Unit* unit = ctx.world().unit(acc.unit_code);
  std::vector<const state::Account*> others;
  for (const auto* a : accounts_at_centre(ctx, id->number, unit ? unit->profile : std::string()))
    if (a->account_no != acc.account_no) others.push_back(a);
  rules::check_no_open_account(v, others, field);
  if (acc.status == state::AccountStatus::normal)
    rules::check_not_past_retirement(v, ctx.policy(), &ctx.trace(), ctx.as_of(), id->number, acc.person.category, field);
  return id->number;
}

// hpf.account.change {account_no? | id_number + unit_code, new_id_number?, name?, phone?, reason}.
void account_change(OpContext& ctx, ArgReader& a, OpResult& r) {
  // ---- decode
  const AccountRef ref = read_account_ref(a);
  const auto unit_code = a.opt_string("unit_code");
  const auto new_id_text = a.opt_string("new_id_number", 64);
  const auto name = a.opt_string("name", protocol::kMaxNameChars);
  const auto phone = a.opt_string("phone", 32);
  const std::string reason = a.string("reason", 200);

  // ---- subjects, rules
  auto& v = r.violations;
  const state::Account* found = account_named(ctx, v, ref, unit_code);
  if (!found) return;
  const state::Account& acc = *found;
  if (const state::Unit* u = ctx.world().unit(acc.unit_code)) evaluate_under(ctx, *u);
  if (!rules::check_not_closed(v, acc, subject_field(ref))) return;
  const auto new_id = check_new_id(ctx, v, acc, new_id_text);
  std::vector<state::FieldEdit> edits;
  state::edit_if_changed(edits, "id_number", acc.person.id_number, new_id);
  state::edit_if_changed(edits, "name", acc.person.name, name);
  state::edit_if_changed(edits, "phone", acc.phone, phone);
  if (name) rules::check_name_present(v, *name, "args.name");
  if (phone) rules::check_phone(v, *phone, "args.phone");
  si::check_change_reason(v, reason, "args.reason");
  if (!new_id_text || new_id) si::check_something_changes(v, edits, "args");  // an invalid number is its own violation
  if (!v.empty()) return;

  // ---- apply, events
  state::Account& m = ctx.world().edit(acc);
  if (new_id) m.person.id_number = *new_id;
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
          {{"hpf.account.change", account_change,
            "Correct an account holder's ID number, name or mobile number (信息变更), by account_no or id_number + unit_code"}});
}

}  // namespace pvd::hpf
