// si.flex.register, si.flex.end (issue 18; rules.md §4; seed 004 §2.5.5–§2.5.6,
// headings only): a person never insured by a unit for a type — or no longer —
// registers as a flexible worker (an enrollment whose unit_code is "", the
// flexible marker: si/rules/flexible_rules.hpp), whose months si.flex.verify
// then verifies; the flexible insurance ends on request, on a unit's enrollment
// (si.enroll) or on retirement (pension.claim).
#include "provident/id/identifiers.hpp"
#include "provident/rules/codes.hpp"
#include "si/ops.hpp"
#include "si/ops_common.hpp"
#include "si/rules/flexible_rules.hpp"
#include "si/rules/person_rules.hpp"

namespace pvd::si::ops {

namespace {

struct RegisterArgs {
  std::string id_text, name;
  std::optional<id::DocumentType> document_type;
  Date work_start;
  std::vector<std::string> types;
  Money base;
  YearMonth from;
};

// {id_number, document_type?, name, work_start_date, types, base, from}.
RegisterArgs read_register(ArgReader& a) {
  RegisterArgs in;
  in.id_text = a.string("id_number");
  in.document_type = id::read_document_type(a);
  in.name = a.name("name");
  in.work_start = a.date("work_start_date");
  in.types = *read_types(a, "types", false);
  in.base = a.money("base");
  in.from = a.month("from");
  return in;
}

/// The person to register: the known one (key data it lacks filled in), or a new one.
state::Person& take_flex_person(state::World& w, const state::Person* known, const std::string& id_number,
                                const RegisterArgs& in) {
  if (!known) return w.add(state::Person{.id_number = id_number, .name = in.name, .work_start_date = in.work_start});
  state::Person& p = w.edit(*known);
  if (p.name.empty()) p.name = in.name;
  if (!p.work_start_date) p.work_start_date = in.work_start;
  return p;
}

}  // namespace

// si.flex.register — decisions: si/rules/flexible_registration.cpp, flexible_types.cpp.
void flex_register(OpContext& ctx, ArgReader& a, OpResult& r) {
  // ---- decode
  const RegisterArgs in = read_register(a);
  state::World& w = ctx.world();

  // ---- rules
  Violations& v = r.violations;
  const auto id = id::check_person_document(v, in.id_text, in.document_type, ctx.today(), "args.id_number");
  if (id::name_is_blank(in.name)) v.add(code::NAME_REQUIRED, "args.name");  // rules.md §7
  check_flex_types_allowed(v, ctx.policy(), &ctx.trace(), in.from.first_day(), in.types, "args.types");
  check_flex_after_work_start(v, in.from, in.work_start, "args.from");
  check_base_within_limits(v, ctx.policy(), &ctx.trace(), in.base, {in.from, in.from}, "args.base");
  const state::Person* person = id ? w.person(id->number) : nullptr;
  if (person && !check_not_corrected(v, *person, "args.id_number")) person = nullptr;  // issue 18 (1)
  if (person) {
    check_key_data_matches(v, *person, in.name, in.work_start, "args.name", "args.work_start_date");
    check_not_retired_for(v, *person, in.types, "args.types");
    check_flex_not_at_unit(v, *person, in.types, in.from, "args.from");
    check_flex_not_registered(v, *person, in.types, in.from, "args.from");
  }
  const BaseLimits limits = limits_in_month(ctx.policy(), &ctx.trace(), in.from);
  r.result["floor"] = limits.floor.to_string();
  r.result["cap"] = limits.cap.to_string();
  if (!v.empty()) return;

  // ---- apply
  state::Person& p = take_flex_person(w, person, id->number, in);
  ojson enrollments = ojson::array();
  for (const auto& t : in.types) {
    p.enrollments.push_back({.unit_code = std::string(kFlexibleUnit), .type = t, .from = in.from.first_day(),
                             .to = std::nullopt, .base = in.base, .back_pay = false});
    enrollments.push_back({{"type", t}, {"from", in.from.first_day().to_string()}, {"base", in.base.to_string()}});
  }
  r.result["id_number"] = p.id_number;
  r.result["new_person"] = person == nullptr;
  r.result["from"] = in.from.to_string();
  r.result["enrollments"] = std::move(enrollments);

  // ---- events
  emit(r, events::FlexRegistered{.id_number = p.id_number, .types = in.types, .from = in.from, .base = in.base});
}

// si.flex.end {id_number, to, types?} — decisions: si/rules/flexible_end.cpp.
void flex_end(OpContext& ctx, ArgReader& a, OpResult& r) {
  // ---- decode
  const std::string id_text = a.string("id_number");
  const YearMonth to = a.month("to");
  const auto given = read_types(a, "types", true);

  // ---- subjects
  Violations& v = r.violations;
  const state::Person* person = person_by_id(ctx, v, id_text, "args.id_number");
  if (!person) return;
  state::World& w = ctx.world();
  std::vector<std::string> types;
  if (given) {
    types = *given;
  } else {
    for (auto t : kTypes)
      if (open_flexible(*person, t)) types.emplace_back(t);
    if (types.empty()) types.emplace_back("pension");  // reported as not registered
  }

  // ---- rules
  check_flex_open(v, *person, types, given ? "args.types" : "args.id_number");
  check_flex_end_after_start(v, *person, types, to, "args.to");
  check_flex_end_not_into_verified(v, flex_verified_months(w, person->id_number), to, "args.to");
  if (!v.empty()) return;

  // ---- apply
  state::Person& p = w.edit(*person);
  const auto ended = apply_flex_end(p, types, to);
  r.result["id_number"] = p.id_number;
  r.result["types"] = ended;
  r.result["to"] = to.to_string();

  // ---- events
  emit(r, events::FlexEnded{.id_number = p.id_number, .types = ended, .to = to, .reason = "request"});
}

}  // namespace pvd::si::ops
