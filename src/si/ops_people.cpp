// SI people (rules.md §4; seed 004 §2.1, §2.3; seed 001 7.2): si.enroll,
// si.stop, si.stop_batch, si.declare_wage. Each handler decodes every
// argument first, then runs every rule (all violations at once), and changes
// entities only when there is none.
#include <algorithm>
#include <map>

#include "provident/id/identifiers.hpp"
#include "si/billing.hpp"
#include "si/ops.hpp"
#include "si/ops_common.hpp"
#include "si/rules.hpp"

namespace pvd::si {

using protocol::ArgReader;
using protocol::json;
using protocol::OpContext;
using protocol::OpKind;
using protocol::OpResult;
using protocol::ojson;

namespace {

ojson types_json(const std::vector<std::string>& types) {
  ojson a = ojson::array();
  for (const auto& t : types) a.push_back(t);
  return a;
}

/// `back_pay`: one boolean for every type, or {type: boolean} (rules.md §4).
std::map<std::string, bool> read_back_pay(ArgReader& a, const std::vector<std::string>& types) {
  std::map<std::string, bool> out;
  const json* raw = a.raw("back_pay");
  if (!raw) return out;
  if (raw->is_boolean()) {
    for (const auto& t : types) out[t] = raw->get<bool>();
    return out;
  }
  if (!raw->is_object())
    protocol::throw_bad_value("args.back_pay", "应为布尔值或{险种: 布尔值}", "expected a boolean or {type: boolean}");
  for (auto it = raw->begin(); it != raw->end(); ++it) {
    const std::string field = "args.back_pay." + it.key();
    if (std::find(types.begin(), types.end(), it.key()) == types.end())
      protocol::throw_bad_value(field, "不是本次参保的险种", "not one of the requested types");
    if (!it->is_boolean()) protocol::throw_bad_value(field, "应为布尔值", "expected a boolean");
    out[it.key()] = it->get<bool>();
  }
  return out;
}

/// The active types the person has at `unit` among `wanted`.
std::vector<std::string> active_among(const state::Person& p, std::string_view unit, const std::vector<std::string>& wanted) {
  std::vector<std::string> out;
  for (const auto& t : wanted)
    if (active_at(p, unit, t)) out.push_back(t);
  return out;
}

// ------------------------------------------------------------------ si.enroll

// si.enroll {unit_code, id_number, document_type?, name, work_start_date, enroll_date, types,
// wage, back_pay?, category?} — 004 §2.1.1; 001 7.2.
void enroll(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string unit_code = a.string("unit_code");
  const std::string id_text = a.string("id_number");
  const auto document_type = id::read_document_type(a);  // 004 §2.1.1 第一步: 选择证件类型
  const std::string name = a.name("name");
  const Date work_start = a.date("work_start_date");
  const Date enroll_date = a.date("enroll_date");
  const std::vector<std::string> types = *read_types(a, "types", false);
  const Money wage = a.money("wage");
  const std::map<std::string, bool> given_flags = read_back_pay(a, types);
  const auto category = a.opt_enumeration("category", {"M60", "F55", "F50"});

  const state::Unit& unit = si_unit(ctx, unit_code, "args.unit_code");
  state::World& w = ctx.world();
  Violations& v = r.violations;

  check_unit_active(v, unit, {"args.unit_code", {}});
  const auto id = id::check_person_document(v, id_text, document_type, ctx.today(), "args.id_number");
  if (id::name_is_blank(name)) add(v, "NAME_REQUIRED", {"args.name", {}});
  if (!wage.is_positive()) add(v, "AMOUNT_NOT_POSITIVE", {"args.wage", {}});
  check_enroll_after_work_start(v, enroll_date, work_start, {"args.enroll_date", {}});

  // 004 §2.1.1 第二步: the back-pay flag defaults from the settlement period.
  const YearMonth enroll_month = enroll_date.year_month();
  const bool default_flag = unit.settlement_period && default_back_pay(enroll_month, *unit.settlement_period);
  const auto flag = resolve_back_pay(v, given_flags, types, default_flag, {"args.back_pay", {}});

  const state::Person* person = id ? w.person(id->number) : nullptr;
  const Classification cls = classify(person, unit_code, types);
  if (id) r.result["classification"] = std::string(to_string(cls));
  if (person) {
    check_not_enrolled_here(v, *person, unit_code, types, {"args.types", {}});
    check_key_data_matches(v, *person, name, work_start, {"args.name", {}}, {"args.work_start_date", {}});
    check_not_retired_for(v, *person, types, {"args.types", {}});
  }

  // Transfer (单位间转移): stopped at the old unit the day before enrollment here;
  // that stop is checked as si.stop, its violations under `field: transfer`.
  std::vector<std::pair<std::string, std::vector<std::string>>> old_units;
  if (person && cls == Classification::transfer) {
    for (const auto& t : types)
      for (const auto& u : active_units_for(*person, t, unit_code))
        if (std::none_of(old_units.begin(), old_units.end(), [&](const auto& x) { return x.first == u; }))
          old_units.push_back({u, active_among(*person, u, types)});
    const At tr{"transfer", {}};
    for (const auto& [u, ts] : old_units)
      check_stop(ctx, v, {person, u, ts, enroll_date - 1, std::nullopt}, {tr, tr, tr, tr});
  }

  // 004 §2.1.1 (申报工资): wage → base within the limits of the enrollment month's year.
  const BaseLimits limits = limits_in_month(ctx.policy(), &ctx.trace(), enroll_month);
  const Money base = clamp_base(wage, limits);
  const auto base_d = clamp_derivation(wage, limits, base);
  protocol::put_money(r.result, "base", base, &base_d, ctx.explain());
  r.result["floor"] = limits.floor.to_string();
  r.result["cap"] = limits.cap.to_string();
  const std::vector<YearMonth> bp_months =
      flag && unit.settlement_period ? back_pay_months(enroll_month, *unit.settlement_period, *flag) : std::vector<YearMonth>{};
  ojson months = ojson::array();
  for (auto m : bp_months) months.push_back(m.to_string());
  r.result["back_pay"] = flag.value_or(default_flag);
  r.result["back_pay_months"] = months;
  if (!v.empty()) return;

  // ---- effects
  state::Person* p = nullptr;
  if (person) {
    p = &w.edit(*person);
    // Key data the record lacks are filled in (those it holds were checked to match).
    if (p->name.empty()) p->name = name;
    if (!p->work_start_date) p->work_start_date = work_start;
    if (!p->category && category) p->category = category;
  } else {
    state::Person np;
    np.id_number = id->number;
    np.name = name;
    np.category = category;
    np.work_start_date = work_start;
    p = &w.add(std::move(np));
  }
  ojson transfer = ojson::array();
  for (const auto& [u, ts] : old_units) {
    apply_stop(*p, u, ts, enroll_date - 1);
    if (const state::Unit* ou = w.unit(u)) count_change(w, *ou);
    transfer.push_back({{"unit_code", u}, {"types", types_json(ts)}, {"stop_date", (enroll_date - 1).to_string()}});
    r.event({{"type", "si.stopped"}, {"unit_code", u}, {"id_number", p->id_number}, {"types", types_json(ts)},
             {"stop_date", (enroll_date - 1).to_string()}, {"reason", "transfer"}});
  }
  ojson enrollments = ojson::array();
  for (const auto& t : types) {
    p->enrollments.push_back({unit_code, t, enroll_date, std::nullopt, base, *flag});
    enrollments.push_back({{"type", t}, {"from", enroll_date.to_string()}, {"base", base.to_string()}, {"back_pay", *flag}});
  }
  note_change(*p, unit_code, enroll_date);
  // Back-pay months (补收) are recorded now, unbilled: the next settlement bills them
  // as back-pay items with late fees from their own due dates (rules.md §4). Each is
  // priced at the wage within that month's limits (arithmetic.md §3.2). decision (issue
  // 12): a month charged elsewhere or owed by the other unit of a move is skipped and
  // reported (`back_pay_skipped`).
  const ChargeIndex charges(*p, flex_verified_months(w, p->id_number));
  const PolicyOfUnit policy_of = unit_policies(ctx);
  const CanBill can_bill = can_still_bill(w, *p);
  ojson bp_skipped = ojson::array();
  for (auto m : bp_months) {
    const Money mb = clamp_base(wage, limits_in_month(ctx.policy(), &ctx.trace(), m));
    for (const auto& t : types) {
      if (contribution_index(*p, unit_code, t, m)) continue;
      if (auto why = not_owed_here(policy_of, &ctx.trace(), *p, charges, unit_code, t, m, false, can_bill)) {
        bp_skipped.push_back(skipped_json(p->id_number, m, t, *why));
        continue;
      }
      const PricedMonth pm = price_month(ctx, m, t, mb, ctx.today());
      p->contributions.push_back({unit_code, t, m, mb, pm.employer, pm.employee, std::nullopt, false});
    }
  }
  count_change(w, unit);
  r.result["id_number"] = p->id_number;
  r.result["enrollments"] = enrollments;
  r.result["back_pay_skipped"] = std::move(bp_skipped);
  if (!old_units.empty()) r.result["transfer_from"] = transfer;
  r.event({{"type", "si.enrolled"}, {"unit_code", unit_code}, {"id_number", p->id_number},
           {"classification", std::string(to_string(cls))}, {"types", types_json(types)},
           {"enroll_date", enroll_date.to_string()}, {"base", base.to_string()}, {"back_pay", *flag}});
}

// ------------------------------------------------------------------ si.stop

// si.stop {unit_code, id_number, stop_date, reason, types?} — 004 §2.1.2;
// 《单位职工减少申报指南》.
void stop(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string unit_code = a.string("unit_code");
  const std::string id_text = a.string("id_number");
  const Date stop_date = a.date("stop_date");
  const std::string reason = a.string("reason");
  const auto given_types = read_types(a, "types", true);

  si_unit(ctx, unit_code, "args.unit_code");
  Violations& v = r.violations;
  const auto id = id::check_citizen_id(v, id_text, ctx.today(), false, "args.id_number");
  if (!id) return;
  const state::Person& person = known_person(ctx, id->number, "args.id_number");
  // Default: every type the person is active for here.
  const std::vector<std::string> types = given_types ? *given_types : active_types_at(person, unit_code);
  if (types.empty()) add(v, "SI_NOT_ENROLLED", {"args.id_number", {}}, {any_type_zh(), any_type_en()});
  check_stop(ctx, v, {&person, unit_code, types, stop_date, reason},
             {{"args.types", {}}, {"args.stop_date", {}}, {"args.reason", {}}, {"args.id_number", {}}});
  if (!v.empty()) return;

  state::Person& p = ctx.world().edit(person);
  apply_stop(p, unit_code, types, stop_date);
  count_change(ctx.world(), *ctx.world().unit(unit_code));
  r.result["stopped"] = types_json(types);
  r.result["stop_date"] = stop_date.to_string();
  r.event({{"type", "si.stopped"}, {"unit_code", unit_code}, {"id_number", p.id_number}, {"types", types_json(types)},
           {"stop_date", stop_date.to_string()}, {"reason", reason}});
}

// ------------------------------------------------------------------ si.stop_batch

// si.stop_batch {unit_code, rows: [{id_number, stop_date: "yyyymmdd", reason}]} —
// 004 §2.1.3 ("变更时间的格式为：yyyymmdd"). Each row as si.stop, all or nothing;
// violations carry `row` (0-based) and the messages name the row from 1.
void stop_batch(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string unit_code = a.string("unit_code");
  struct Row {
    std::string id_text, date_text, reason;
  };
  std::vector<Row> rows;
  a.each("rows", [&](ArgReader& e, std::size_t) {
    Row x;
    x.id_text = e.string("id_number");
    x.date_text = e.string("stop_date");
    x.reason = e.string("reason");
    e.finish();
    rows.push_back(std::move(x));
  });

  si_unit(ctx, unit_code, "args.unit_code");
  Violations& v = r.violations;
  struct Ready {
    const state::Person* person;
    std::vector<std::string> types;
    Date date;
    std::string reason;
  };
  std::vector<Ready> ready;
  std::map<std::string, std::size_t> first_row;  // id → row
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto row = static_cast<std::int64_t>(i);
    const std::string base = "args.rows[" + std::to_string(i) + "].";
    const MessageParam row_no("row_no", std::to_string(i + 1));
    // 004 §2.1.3: the date is exactly yyyymmdd and a real date.
    const auto date = Date::parse_compact(rows[i].date_text);
    if (!date) add(v, "BATCH_BAD_DATE", {base + "stop_date", row}, {row_no});
    const auto id = id::check_citizen_id(v, rows[i].id_text, ctx.today(), false, base + "id_number", row);
    if (!id) continue;
    // decision: one row per person (BATCH_DUPLICATE names the earlier row).
    if (auto [it, fresh] = first_row.emplace(id->number, i); !fresh) {
      add(v, "BATCH_DUPLICATE", {base + "id_number", row}, {row_no, {"other_row_no", std::to_string(it->second + 1)}});
      continue;
    }
    const state::Person& person = known_person(ctx, id->number, base + "id_number");
    const std::vector<std::string> types = active_types_at(person, unit_code);
    if (types.empty()) add(v, "SI_NOT_ENROLLED", {base + "id_number", row}, {any_type_zh(), any_type_en()});
    if (date) {
      check_stop_not_future(v, *date, ctx.today(), {base + "stop_date", row});
      check_stop_not_before_last_change(v, person, unit_code, *date, {base + "stop_date", row});
      check_stop_not_into_billed(v, person, unit_code, types, *date, {base + "stop_date", row});
    }
    check_no_arrears_at(ctx, v, person, unit_code, {base + "id_number", row});
    check_stop_reason(ctx, v, rows[i].reason, {base + "reason", row});
    if (date) ready.push_back({&person, types, *date, rows[i].reason});
  }
  if (!v.empty()) return;

  ojson out = ojson::array();
  std::int64_t i = 0;
  for (const auto& x : ready) {
    state::Person& p = ctx.world().edit(*x.person);
    apply_stop(p, unit_code, x.types, x.date);
    out.push_back({{"row", i++}, {"id_number", p.id_number}, {"stopped", types_json(x.types)},
                   {"stop_date", x.date.to_string()}});
    r.event({{"type", "si.stopped"}, {"unit_code", unit_code}, {"id_number", p.id_number}, {"types", types_json(x.types)},
             {"stop_date", x.date.to_string()}, {"reason", x.reason}});
  }
  if (!ready.empty()) count_change(ctx.world(), *ctx.world().unit(unit_code));
  r.result["rows"] = out;
}

// ------------------------------------------------------------------ si.declare_wage

/// The declared base takes effect from `from` at (unit, type): the open record
/// starting before `from` is split there; records starting on or after it take
/// the new base (a later declaration wins from its month on: decision).
void apply_declared_base(state::Person& p, const std::string& unit, const std::string& type, YearMonth from, Money base) {
  const Date day1 = from.first_day();
  std::vector<state::Enrollment> added;
  for (auto& e : p.enrollments) {
    if (e.unit_code != unit || e.type != type) continue;
    if (!(e.from < day1) && (!e.to || !(*e.to < day1))) {
      e.base = base;
    } else if (!e.to && e.from < day1) {
      added.push_back({unit, type, day1, std::nullopt, base, false});
      e.to = day1 - 1;
    }
  }
  for (auto& e : added) p.enrollments.push_back(std::move(e));
}

// si.declare_wage {unit_code, year, rows: [{id_number, wage}]} — 年度工资申报.
// decision (004 lists §2.3.1 without text): each row's person is active at the
// unit and the wage is positive; base = wage within the year's limits, in force
// from month si.year_start_month of `year`.
void declare_wage(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string unit_code = a.string("unit_code");
  const int year = static_cast<int>(a.integer("year", 1991, 9999));
  struct Row {
    std::string id_text;
    Money wage;
  };
  std::vector<Row> rows;
  a.each("rows", [&](ArgReader& e, std::size_t) {
    Row x;
    x.id_text = e.string("id_number");
    x.wage = e.money("wage");
    e.finish();
    rows.push_back(std::move(x));
  });

  si_unit(ctx, unit_code, "args.unit_code");
  Violations& v = r.violations;
  const YearMonth from = year_start(ctx.policy(), &ctx.trace(), year);
  const BaseLimits limits = limits_in_month(ctx.policy(), &ctx.trace(), from);
  struct Ready {
    const state::Person* person;
    Money wage, base;
  };
  std::vector<Ready> ready;
  std::map<std::string, std::size_t> first_row;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto row = static_cast<std::int64_t>(i);
    const std::string base = "args.rows[" + std::to_string(i) + "].";
    if (!rows[i].wage.is_positive()) add(v, "AMOUNT_NOT_POSITIVE", {base + "wage", row});
    const auto id = id::check_citizen_id(v, rows[i].id_text, ctx.today(), false, base + "id_number", row);
    if (!id) continue;
    if (auto [it, fresh] = first_row.emplace(id->number, i); !fresh) {
      add(v, "BATCH_DUPLICATE", {base + "id_number", row},
          {{"row_no", std::to_string(i + 1)}, {"other_row_no", std::to_string(it->second + 1)}});
      continue;
    }
    const state::Person& person = known_person(ctx, id->number, base + "id_number");
    if (!active_anywhere_at(person, unit_code)) add(v, "SI_NOT_ENROLLED", {base + "id_number", row}, {any_type_zh(), any_type_en()});
    ready.push_back({&person, rows[i].wage, clamp_base(rows[i].wage, limits)});
  }
  r.result["year"] = year;
  r.result["from_month"] = from.to_string();
  r.result["floor"] = limits.floor.to_string();
  r.result["cap"] = limits.cap.to_string();
  if (!v.empty()) return;

  ojson out = ojson::array();
  for (const auto& x : ready) {
    state::Person& p = ctx.world().edit(*x.person);
    for (const auto& t : active_types_at(p, unit_code)) apply_declared_base(p, unit_code, t, from, x.base);
    ojson row = {{"id_number", p.id_number}};
    const auto d = clamp_derivation(x.wage, limits, x.base);
    protocol::put_money(row, "base", x.base, &d, ctx.explain());
    out.push_back(std::move(row));
    r.event({{"type", "si.wage_declared"}, {"unit_code", unit_code}, {"id_number", p.id_number}, {"year", year},
             {"from_month", from.to_string()}, {"base", x.base.to_string()}});
  }
  if (!ready.empty()) count_change(ctx.world(), *ctx.world().unit(unit_code));
  r.result["rows"] = out;
}

}  // namespace

void register_people_ops(protocol::Registry& reg) {
  reg.add({"si.enroll", OpKind::command, enroll, true, "unit_code", "Enroll a person at an SI unit (人员参保)"});
  reg.add({"si.stop", OpKind::command, stop, true, "unit_code", "Stop a person's insurance at a unit (人员停保)"});
  reg.add({"si.stop_batch", OpKind::command, stop_batch, true, "unit_code", "Stop several persons at once (人员批量停保)"});
  reg.add({"si.declare_wage", OpKind::command, declare_wage, true, "unit_code", "Declare yearly wages (年度工资申报)"});
}

}  // namespace pvd::si
