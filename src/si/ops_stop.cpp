// si.stop, si.stop_batch (rules.md §4; seed 004 §2.1.2, §2.1.3;
// 《单位职工减少申报指南》): a person's insurance at a unit ends on the stop date
// (the last insured day); every rule of a stop is in si/rules/stop.cpp.
#include "si/ops.hpp"
#include "si/ops_common.hpp"

namespace pvd::si::ops {

namespace {

/// A stop the rules allowed: the person, the types ended, the date and the reason.
struct Ready {
  const state::Person* person;
  std::vector<std::string> types;
  Date date;
  std::string reason;
};

/// Ends the stops at the unit and counts the change once; their events in order.
void apply_stops(OpContext& ctx, const std::string& unit_code, const std::vector<Ready>& stops) {
  state::World& w = ctx.world();
  for (const auto& x : stops) apply_stop(w.edit(*x.person), unit_code, x.types, x.date);
  if (!stops.empty()) count_change(w, *w.unit(unit_code));
}

void emit_stops(OpResult& r, const std::string& unit_code, const std::vector<Ready>& stops) {
  for (const auto& x : stops)
    emit(r, events::Stopped{.unit_code = unit_code, .id_number = x.person->id_number, .types = x.types,
                            .stop_date = x.date, .reason = x.reason});
}

}  // namespace

// si.stop {unit_code, id_number, stop_date, reason, types?} — 004 §2.1.2;
// 《单位职工减少申报指南》.
void stop(OpContext& ctx, ArgReader& a, OpResult& r) {
  // ---- decode
  const std::string unit_code = a.string("unit_code");
  const std::string id_text = a.string("id_number");
  const Date stop_date = a.date("stop_date");
  const std::string reason = a.string("reason");
  const auto given_types = read_types(a, "types", true);

  // ---- subjects
  si_unit(ctx, unit_code, "args.unit_code");
  Violations& v = r.violations;
  const state::Person* person = person_by_id(ctx, v, id_text, "args.id_number");
  if (!person) return;
  // Default: every type the person is active for here.
  const std::vector<std::string> types = given_types ? *given_types : active_types_at(*person, unit_code);

  // ---- rules
  check_enrolled_at_unit(v, !types.empty(), "args.id_number");
  const auto owed = arrears_of(ctx, *person, unit_code);
  check_stop(v, ctx.policy(), &ctx.trace(), ctx.today(), {*person, unit_code, types, stop_date, reason, owed},
             {"args.types", "args.stop_date", "args.reason", "args.id_number"});
  if (!v.empty()) return;

  // ---- apply, events
  const std::vector<Ready> stops{{person, types, stop_date, reason}};
  apply_stops(ctx, unit_code, stops);
  r.result["stopped"] = ojson(types);
  r.result["stop_date"] = stop_date.to_string();
  emit_stops(r, unit_code, stops);
}

// si.stop_batch {unit_code, rows: [{id_number, stop_date: "yyyymmdd", reason}]} —
// 004 §2.1.3 ("变更时间的格式为：yyyymmdd"). Each row as si.stop, all or nothing;
// violations carry `row` (0-based) and the messages name the row from 1.
void stop_batch(OpContext& ctx, ArgReader& a, OpResult& r) {
  // ---- decode
  const std::string unit_code = a.string("unit_code");
  struct Row {
    std::string id_text, date_text, reason;
  };
  const auto rows = read_rows(a, [](ArgReader& e) {
    return Row{.id_text = e.string("id_number"), .date_text = e.string("stop_date"), .reason = e.string("reason")};
  });

  // ---- subjects and rules, row by row
  si_unit(ctx, unit_code, "args.unit_code");
  Violations& v = r.violations;
  std::vector<Ready> ready;
  RowPersons persons(ctx);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    check_row(v, i, [&](Violations& rv) {
      const std::string at = row_field(i);
      const auto date = check_batch_date(rv, rows[i].date_text, i, at + "stop_date");
      const state::Person* person = persons.person(rv, i, rows[i].id_text);
      if (!person) return;
      const std::vector<std::string> types = active_types_at(*person, unit_code);
      check_enrolled_at_unit(rv, !types.empty(), at + "id_number");
      const auto owed = arrears_of(ctx, *person, unit_code);
      check_stop(rv, ctx.policy(), &ctx.trace(), ctx.today(), {*person, unit_code, types, date, rows[i].reason, owed},
                 {at + "types", at + "stop_date", at + "reason", at + "id_number"});
      if (date) ready.push_back({person, types, *date, rows[i].reason});
    });
  }
  if (!v.empty()) return;

  // ---- apply, events
  apply_stops(ctx, unit_code, ready);
  ojson out = ojson::array();
  for (std::size_t i = 0; i < ready.size(); ++i)
    out.push_back({{"row", static_cast<std::int64_t>(i)}, {"id_number", ready[i].person->id_number},
                   {"stopped", ojson(ready[i].types)}, {"stop_date", ready[i].date.to_string()}});
  r.result["rows"] = out;
  emit_stops(r, unit_code, ready);
}

}  // namespace pvd::si::ops
