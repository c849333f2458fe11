// si.person.change, si.person.lock, si.person.unlock (issue 18; 004 §2.2.1 人员关键信息修改,
// §2.2.2 人员一般信息修改, §2.2.3 人员信息锁定): a person's name, work start date, mobile number
// and address corrected, each change kept in the person's `changes` history with its old
// value; a locked record refuses changes until unlocked. The rules are in
// si/rules/person_change.cpp and si/rules/person_lock.cpp.
//
// Decision: one request may correct key data (name, work start date: §2.2.1, materials
// required) and general data (phone, address: §2.2.2) together; where a profile lists
// si.person.change in review.ops (Handan) the whole request becomes one case, so that the
// record never shows half a correction. General data alone is corrected directly where
// the profile does not review it (docs/rules.md §4 corrections).
// Decision: the ID number is not corrected here (a new_id_number is refused as an unknown
// argument): the store keys persons, person_units and bills by it, and moving every key at
// once is left to a later issue (docs/rules.md §4 corrections).
#include "provident/id/identifiers.hpp"
#include "provident/rules/codes.hpp"
#include "si/ops.hpp"
#include "si/ops_common.hpp"
#include "si/rules/person_rules.hpp"

namespace pvd::si::ops {

namespace {

/// What si.person.change was asked to set (absent: left as it is).
struct PersonEdit {
  std::optional<std::string> name;
  std::optional<Date> work_start_date;
  std::optional<std::string> phone, address;
};

/// The fields whose given value differs from the record.
std::vector<FieldEdit> edits_of(const state::Person& p, const PersonEdit& in) {
  std::vector<FieldEdit> edits;
  const auto date_text = [](const std::optional<Date>& d) { return d ? std::optional(d->to_string()) : std::nullopt; };
  state::edit_if_changed(edits, "name", p.name, in.name);
  state::edit_if_changed(edits, "work_start_date", date_text(p.work_start_date), date_text(in.work_start_date));
  state::edit_if_changed(edits, "phone", p.phone, in.phone);
  state::edit_if_changed(edits, "address", p.address, in.address);
  return edits;
}

/// Every rule of a correction of `p`, all reported at once.
void check_person_edit(OpContext& ctx, Violations& v, const state::Person& p, const PersonEdit& in,
                       const std::vector<FieldEdit>& edits, const std::string& reason) {
  check_person_unlocked(v, p, "args.id_number");
  check_person_insured(v, p, ctx.today(), "args.id_number");
  if (in.name && id::name_is_blank(*in.name)) v.add(code::NAME_REQUIRED, "args.name");  // rules.md §7
  if (in.work_start_date) check_work_start_before_enrollments(v, p, *in.work_start_date, "args.work_start_date");
  if (in.phone && !id::phone_valid(*in.phone)) v.add(code::PHONE_INVALID, "args.phone");  // 002 三.5
  if (in.address) check_address(v, *in.address, "args.address");
  check_change_reason(v, reason, "args.reason");
  check_something_changes(v, edits, "args");
}

void apply_person_edit(state::Person& m, const PersonEdit& in, const std::vector<FieldEdit>& edits, Date today,
                       const std::string& reason) {
  if (in.name) m.name = *in.name;
  if (in.work_start_date) m.work_start_date = in.work_start_date;
  if (in.phone) m.phone = in.phone;
  if (in.address) m.address = in.address;
  state::record_changes(m.changes, edits, today, reason);
}

/// si.person.lock (lock = true) and si.person.unlock: the lock set, and kept in the history.
void set_lock(OpContext& ctx, ArgReader& a, OpResult& r, bool lock) {
  const std::string id_text = a.string("id_number");
  const std::string reason = a.string("reason", 200);
  Violations& v = r.violations;
  const state::Person* person = person_by_id(ctx, v, id_text, "args.id_number");
  if (!person) return;
  check_lock_change(v, *person, lock, "args.id_number");
  check_change_reason(v, reason, "args.reason");
  if (!v.empty()) return;

  state::Person& m = ctx.world().edit(*person);
  m.locked = lock;
  state::record_changes(m.changes, {{"locked", lock ? "false" : "true", lock ? "true" : "false"}}, ctx.today(), reason);
  r.result["id_number"] = m.id_number;
  r.result["locked"] = lock;
  emit(r, events::PersonLockChanged{.id_number = m.id_number, .locked = lock, .reason = reason});
}

}  // namespace

// si.person.change {id_number, name?, work_start_date?, phone?, address?, reason} — 004 §2.2.1, §2.2.2.
void person_change(OpContext& ctx, ArgReader& a, OpResult& r) {
  // ---- decode
  const std::string id_text = a.string("id_number");
  PersonEdit in{.name = a.opt_string("name", protocol::kMaxNameChars),
                .work_start_date = a.opt_date("work_start_date"),
                .phone = a.opt_string("phone", 32),
                .address = a.opt_string("address", 200)};
  const std::string reason = a.string("reason", 200);

  // ---- subjects, rules
  Violations& v = r.violations;
  const state::Person* person = person_by_id(ctx, v, id_text, "args.id_number");
  if (!person) return;
  const std::vector<FieldEdit> edits = edits_of(*person, in);
  check_person_edit(ctx, v, *person, in, edits, reason);
  if (!v.empty()) return;

  // ---- apply, events
  state::Person& m = ctx.world().edit(*person);
  apply_person_edit(m, in, edits, ctx.today(), reason);
  r.result["id_number"] = m.id_number;
  r.result["changes"] = state::edits_json(edits);
  emit(r, events::PersonChanged{.id_number = m.id_number, .changes = state::edits_json(edits), .reason = reason});
}

// si.person.lock {id_number, reason} — 004 §2.2.3.
void person_lock(OpContext& ctx, ArgReader& a, OpResult& r) { set_lock(ctx, a, r, true); }

// si.person.unlock {id_number, reason} — 004 §2.2.3.
void person_unlock(OpContext& ctx, ArgReader& a, OpResult& r) { set_lock(ctx, a, r, false); }

}  // namespace pvd::si::ops
