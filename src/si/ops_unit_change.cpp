// si.unit.change (issue 18; 004 §2.2.4 单位一般信息修改, §2.2.5 单位关键信息修改): a unit's name and
// unified social credit code (key data) and its address (general data) corrected, each change
// kept in the unit's `changes` history with its old value.
//
// Decision: §2.2.4 and §2.2.5 are headings without text (docs/sources.md): the operation is
// reviewable, but no profile lists it in review.ops until a manual says the 分中心 reviews it.
// Decision: the unit code is not corrected (it is the unit's key and its login name, 001 5.1).
#include "provident/id/identifiers.hpp"
#include "provident/rules/codes.hpp"
#include "si/ops.hpp"
#include "si/ops_common.hpp"
#include "si/rules/person_rules.hpp"

namespace pvd::si::ops {

// si.unit.change {unit_code, name?, credit_code?, address?, reason} — 004 §2.2.4, §2.2.5.
void unit_change(OpContext& ctx, ArgReader& a, OpResult& r) {
  // ---- decode
  const std::string code = a.string("unit_code");
  const auto name = a.opt_string("name", protocol::kMaxNameChars);
  const auto credit = a.opt_string("credit_code", 32);
  const auto address = a.opt_string("address", 200);
  const std::string reason = a.string("reason", 200);

  // ---- subjects, rules
  const state::Unit& unit = si_unit(ctx, code, "args.unit_code");
  std::vector<FieldEdit> edits;
  state::edit_if_changed(edits, "name", unit.name, name);
  state::edit_if_changed(edits, "credit_code", unit.credit_code, credit);
  state::edit_if_changed(edits, "address", unit.address, address);
  Violations& v = r.violations;
  if (name && id::name_is_blank(*name)) v.add(code::NAME_REQUIRED, "args.name");                // rules.md §7
  if (credit && !id::credit_code_valid(*credit)) v.add(code::USCC_INVALID, "args.credit_code");  // GB 32100-2015
  if (address) check_address(v, *address, "args.address");
  check_change_reason(v, reason, "args.reason");
  check_something_changes(v, edits, "args");
  if (!v.empty()) return;

  // ---- apply, events
  state::Unit& m = ctx.world().edit(unit);
  if (name) m.name = *name;
  if (credit) m.credit_code = *credit;
  if (address) m.address = address;
  state::record_changes(m.changes, edits, ctx.today(), reason);
  r.result["unit_code"] = m.unit_code;
  r.result["changes"] = state::edits_json(edits);
  emit(r, events::UnitChanged{.unit_code = m.unit_code, .changes = state::edits_json(edits), .reason = reason});
}

}  // namespace pvd::si::ops
