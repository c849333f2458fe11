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
// Decision (issue 18 (1)): the ID number is corrected by `new_id_number` (key data, §2.2.1):
// the person — enrollments, contributions, pension bank and qualifications, history — moves
// whole to a record under the new number, which lists the old one in `previous_ids` and keeps
// the change in `changes` (the old number masked in responses and events). The record under
// the old number stays as a tombstone: no name, enrollments or contributions, only `moved_to`
// and that change, so that every request naming the old number is answered clearly
// (SI_PERSON_ID_CORRECTED) and the number is never given to anyone else. Bills are history
// and keep the number they were made under; readers of a person's bills follow previous_ids,
// and the payment of a bill naming the old number reaches the person through moved_to
// (docs/state.md §2, World::current_person).
#include "id/checks.hpp"
#include "provident/id/identifiers.hpp"
#include "provident/rules/codes.hpp"
#include "si/ops.hpp"
#include "si/ops_common.hpp"
#include "si/rules/person_rules.hpp"

namespace pvd::si::ops {

namespace {

/// What si.person.change was asked to set (absent: left as it is).
struct PersonEdit {
  std::optional<std::string> id_number;  // new_id_number, valid and normalised (issue 18 (1))
  bool id_refused = false;                // a new_id_number was given and is not valid
  std::optional<std::string> name;
  std::optional<Date> work_start_date;
  std::optional<std::string> phone, address;
};

/// The fields whose given value differs from the record.
std::vector<FieldEdit> edits_of(const state::Person& p, const PersonEdit& in) {
  std::vector<FieldEdit> edits;
  const auto date_text = [](const std::optional<Date>& d) { return d ? std::optional(d->to_string()) : std::nullopt; };
  state::edit_if_changed(edits, "id_number", p.id_number, in.id_number);
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
  // A new ID number that is not valid is its own violation, not "nothing to change".
  if (!in.id_refused) check_something_changes(v, edits, "args");
}

void apply_person_edit(state::Person& m, const PersonEdit& in, const std::vector<FieldEdit>& edits, Date today,
                       const std::string& reason) {
  if (in.name) m.name = *in.name;
  if (in.work_start_date) m.work_start_date = in.work_start_date;
  if (in.phone) m.phone = in.phone;
  if (in.address) m.address = in.address;
  state::record_changes(m.changes, edits, today, reason);
}

/// issue 18 (1): the new number as a document (id::check_person_document: the number read as the
/// form it shows), free in the store, and keeping a retired person's birth date and gender.
std::optional<std::string> check_new_id(OpContext& ctx, Violations& v, const state::Person& p,
                                        const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  const std::string field = "args.new_id_number";
  const auto id = id::check_person_document(v, *text, std::nullopt, ctx.today(), field);
  if (!id || id->number == p.id_number) return id ? std::optional(id->number) : std::nullopt;
  check_id_free(v, ctx.world().person(id->number), id->number, field);
  if (const auto old = id::parse_citizen_id(p.id_number, ctx.today(), false).id)
    check_id_keeps_retirement(v, p, *old, *id, field);
  return id->number;
}

/// issue 18 (1): the person moves whole to the new number; the old record becomes a tombstone
/// naming it (the Decision above). Returns the person under the new number.
state::Person& rekey(state::World& w, const state::Person& p, const std::string& new_id, Date today,
                     const std::string& reason) {
  state::Person moved = p;
  const std::string old_id = p.id_number;
  moved.id_number = new_id;
  moved.previous_ids.push_back(old_id);
  state::Person& tomb = w.edit(p);
  tomb = state::Person{.id_number = old_id, .name = ""};
  tomb.moved_to = new_id;
  state::record_changes(tomb.changes, {{"id_number", old_id, new_id}}, today, reason);
  // A number corrected before leads straight to the newest one (one hop for every reader).
  for (const auto& earlier : moved.previous_ids)
    if (const state::Person* t = earlier == old_id ? nullptr : w.person(earlier); t && t->moved_to)
      w.edit(*t).moved_to = new_id;
  return w.add(std::move(moved));
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

// si.person.change {id_number, new_id_number?, name?, work_start_date?, phone?, address?, reason}
// — 004 §2.2.1, §2.2.2.
void person_change(OpContext& ctx, ArgReader& a, OpResult& r) {
  // ---- decode
  const std::string id_text = a.string("id_number");
  const auto new_id_text = a.opt_string("new_id_number", 64);
  PersonEdit in{.name = a.opt_string("name", protocol::kMaxNameChars),
                .work_start_date = a.opt_date("work_start_date"),
                .phone = a.opt_string("phone", 32),
                .address = a.opt_string("address", 200)};
  const std::string reason = a.string("reason", 200);

  // ---- subjects, rules
  Violations& v = r.violations;
  const state::Person* person = person_by_id(ctx, v, id_text, "args.id_number");
  if (!person) return;
  in.id_number = check_new_id(ctx, v, *person, new_id_text);
  in.id_refused = new_id_text && !in.id_number;
  const std::vector<FieldEdit> edits = edits_of(*person, in);
  check_person_edit(ctx, v, *person, in, edits, reason);
  if (!v.empty()) return;

  // ---- apply, events
  state::World& w = ctx.world();
  state::Person& m = in.id_number && *in.id_number != person->id_number
                         ? rekey(w, *person, *in.id_number, ctx.today(), reason)
                         : w.edit(*person);
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
