// si.enroll (rules.md §4; seed 004 §2.1.1; seed 001 7.2): a person enrolled at
// an SI unit for one or more types — a new registration, a new enrollment, a
// continuation, an added type or a transfer from another unit (stopped there the
// day before) — with the back-pay months before the settlement period recorded
// for the next settlement.
#include <algorithm>
#include "provident/rules/codes.hpp"
#include <map>

#include "provident/id/identifiers.hpp"
#include "si/ops.hpp"
#include "si/ops_common.hpp"
#include "si/rules/flexible_rules.hpp"
#include "si/rules/person_rules.hpp"

namespace pvd::si::ops {

namespace {

struct EnrollArgs {
  std::string unit_code, id_text;
  std::optional<id::DocumentType> document_type;
  std::string name;
  Date work_start, enroll_date;
  std::vector<std::string> types;
  Money wage;
  std::map<std::string, bool> back_pay;  // the flags the request set
  std::optional<std::string> category;
};

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

// {unit_code, id_number, document_type?, name, work_start_date, enroll_date, types, wage,
// back_pay?, category?} — 004 §2.1.1 第一步 (证件类型), 第二步 (补收); 001 7.2.
EnrollArgs read_enroll(ArgReader& a) {
  EnrollArgs in;
  in.unit_code = a.string("unit_code");
  in.id_text = a.string("id_number");
  in.document_type = id::read_document_type(a);
  in.name = a.name("name");
  in.work_start = a.date("work_start_date");
  in.enroll_date = a.date("enroll_date");
  in.types = *read_types(a, "types", false);
  in.wage = a.money("wage");
  in.back_pay = read_back_pay(a, in.types);
  in.category = a.opt_enumeration("category", {"M60", "F55", "F50"});
  return in;
}

/// The units a transfer moves the person from, each with the requested types the
/// person is active for there (a transfer is stopped there the day before).
struct OldUnit {
  std::string unit_code;
  std::vector<std::string> types;
};
std::vector<OldUnit> transfer_sources(const state::Person& p, std::string_view unit, const std::vector<std::string>& types) {
  std::vector<OldUnit> out;
  for (const auto& t : types)
    for (const auto& u : active_units_for(p, t, unit)) {
      if (std::any_of(out.begin(), out.end(), [&](const OldUnit& x) { return x.unit_code == u; })) continue;
      OldUnit old{u, {}};
      for (const auto& wanted : types)
        if (active_at(p, u, wanted)) old.types.push_back(wanted);
      out.push_back(std::move(old));
    }
  return out;
}

/// The person record to change: the known one (key data it lacks filled in — those
/// it holds were checked to match), or a new one.
state::Person& take_person(state::World& w, const state::Person* known, const std::string& id_number, const EnrollArgs& in) {
  if (!known)
    return w.add(state::Person{
        .id_number = id_number, .name = in.name, .category = in.category, .work_start_date = in.work_start});
  state::Person& p = w.edit(*known);
  if (p.name.empty()) p.name = in.name;
  if (!p.work_start_date) p.work_start_date = in.work_start;
  if (!p.category && in.category) p.category = in.category;
  return p;
}

/// Records the back-pay months (补收) unbilled: the next settlement bills them with
/// late fees from their own due dates (rules.md §4), each priced at the wage within
/// that month's limits (arithmetic.md §3.2). decision (issue 12): a month not owed
/// here (charged elsewhere, owed by the other unit of a move) is skipped and reported.
ojson record_back_pay_months(OpContext& ctx, state::Person& p, const EnrollArgs& in, const std::vector<YearMonth>& months) {
  state::World& w = ctx.world();
  const ChargeIndex charges(p, flex_verified_months(w, p.id_number));
  const PolicyOfUnit policy_of = unit_policies(ctx);
  const CanBill can_bill = can_still_bill(w, p);
  ojson skipped = ojson::array();
  for (auto m : months) {
    const Money mb = clamp_base(in.wage, limits_in_month(ctx.policy(), &ctx.trace(), m));
    for (const auto& t : in.types) {
      if (contribution_index(p, in.unit_code, t, m)) continue;
      if (auto why = not_owed_here(policy_of, &ctx.trace(), p, charges, in.unit_code, t, m, false, can_bill)) {
        skipped.push_back(skipped_json(p.id_number, m, t, *why));
        continue;
      }
      const PricedMonth pm = price_month(ctx, m, t, mb, ctx.today());
      p.contributions.push_back(
          {.unit_code = in.unit_code, .type = t, .month = m, .base = mb, .employer = pm.employer, .employee = pm.employee});
    }
  }
  return skipped;
}

}  // namespace

void enroll(OpContext& ctx, ArgReader& a, OpResult& r) {
  // ---- decode
  const EnrollArgs in = read_enroll(a);

  // ---- subjects (the person, once the ID number is valid)
  const state::Unit& unit = si_unit(ctx, in.unit_code, "args.unit_code");
  state::World& w = ctx.world();

  // ---- rules
  Violations& v = r.violations;
  check_unit_active(v, unit, "args.unit_code");
  const auto id = id::check_person_document(v, in.id_text, in.document_type, ctx.today(), "args.id_number");
  if (id::name_is_blank(in.name)) v.add(code::NAME_REQUIRED, "args.name");  // rules.md §7
  check_wage_positive(v, in.wage, "args.wage");
  check_enroll_after_work_start(v, in.enroll_date, in.work_start, "args.enroll_date");
  const YearMonth enroll_month = in.enroll_date.year_month();
  const bool default_flag = unit.settlement_period && default_back_pay(enroll_month, *unit.settlement_period);
  const auto flag = resolve_back_pay(v, in.back_pay, in.types, default_flag, "args.back_pay");

  const state::Person* person = id ? w.person(id->number) : nullptr;
  const Classification cls = classify(person, in.unit_code, in.types);
  if (id) r.result["classification"] = std::string(to_string(cls));
  std::vector<OldUnit> old_units;
  const Date transfer_stop = in.enroll_date - 1;
  if (person && !check_not_corrected(v, *person, "args.id_number")) person = nullptr;  // issue 18 (1)
  if (person) {
    check_not_enrolled_here(v, *person, in.unit_code, in.types, "args.types");
    check_key_data_matches(v, *person, in.name, in.work_start, "args.name", "args.work_start_date");
    check_not_retired_for(v, *person, in.types, "args.types");
    // Transfer (单位间转移): stopped at the old unit the day before the enrollment here;
    // that stop is checked as si.stop, its violations under `field: transfer`.
    if (cls == Classification::transfer) old_units = transfer_sources(*person, in.unit_code, in.types);
    for (const auto& old : old_units) {
      const auto owed = arrears_of(ctx, *person, old.unit_code);
      check_stop(v, ctx.policy(), &ctx.trace(), ctx.today(),
                 {*person, old.unit_code, old.types, transfer_stop, std::nullopt, owed},
                 {"transfer", "transfer", "transfer", "transfer"});
    }
  }

  // 004 §2.1.1 (申报工资): wage → base within the limits of the enrollment month's year.
  const BaseLimits limits = limits_in_month(ctx.policy(), &ctx.trace(), enroll_month);
  const Money base = clamp_base(in.wage, limits);
  const auto base_d = clamp_derivation(in.wage, limits, base);
  protocol::put_money(r.result, "base", base, &base_d, ctx.explain());
  r.result["floor"] = limits.floor.to_string();
  r.result["cap"] = limits.cap.to_string();
  const std::vector<YearMonth> bp_months = flag && unit.settlement_period
                                               ? back_pay_months(enroll_month, *unit.settlement_period, *flag)
                                               : std::vector<YearMonth>{};
  ojson months = ojson::array();
  for (auto m : bp_months) months.push_back(m.to_string());
  r.result["back_pay"] = flag.value_or(default_flag);
  r.result["back_pay_months"] = months;
  if (!v.empty()) return;

  // ---- apply
  state::Person& p = take_person(w, person, id->number, in);
  ojson transfer = ojson::array();
  for (const auto& old : old_units) {
    apply_stop(p, old.unit_code, old.types, transfer_stop);
    if (const state::Unit* ou = w.unit(old.unit_code)) count_change(w, *ou);
    transfer.push_back({{"unit_code", old.unit_code}, {"types", ojson(old.types)}, {"stop_date", transfer_stop.to_string()}});
  }
  ojson enrollments = ojson::array();
  for (const auto& t : in.types) {
    p.enrollments.push_back(
        {.unit_code = in.unit_code, .type = t, .from = in.enroll_date, .to = std::nullopt, .base = base, .back_pay = *flag});
    enrollments.push_back({{"type", t}, {"from", in.enroll_date.to_string()}, {"base", base.to_string()}, {"back_pay", *flag}});
  }
  note_change(p, in.unit_code, in.enroll_date);
  // issue 18: the unit's enrollment ends the person's flexible insurance of these types (flexible_end.cpp).
  const YearMonth flex_last = flex_end_for_enrollment(enroll_month, flex_verified_months(w, p.id_number));
  const auto flex_ended = apply_flex_end(p, in.types, flex_last);
  ojson skipped = record_back_pay_months(ctx, p, in, bp_months);
  count_change(w, unit);
  r.result["id_number"] = p.id_number;
  r.result["enrollments"] = enrollments;
  r.result["back_pay_skipped"] = std::move(skipped);
  if (!old_units.empty()) r.result["transfer_from"] = transfer;
  if (!flex_ended.empty()) r.result["flex_ended"] = {{"types", flex_ended}, {"to", flex_last.to_string()}};

  // ---- events
  for (const auto& old : old_units)
    emit(r, events::Stopped{.unit_code = old.unit_code, .id_number = p.id_number, .types = old.types,
                            .stop_date = transfer_stop, .reason = "transfer"});
  emit(r, events::Enrolled{.unit_code = in.unit_code, .id_number = p.id_number,
                           .classification = std::string(to_string(cls)), .types = in.types,
                           .enroll_date = in.enroll_date, .base = base, .back_pay = *flag});
  if (!flex_ended.empty())
    emit(r, events::FlexEnded{.id_number = p.id_number, .types = flex_ended, .to = flex_last, .reason = "enrolled"});
}

}  // namespace pvd::si::ops
