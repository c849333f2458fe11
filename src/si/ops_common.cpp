#include "si/ops_common.hpp"
#include "provident/rules/codes.hpp"

#include <algorithm>
#include <map>
#include <memory>

#include "provident/id/mask.hpp"
#include "si/rules/person_rules.hpp"

namespace pvd::si {

// ------------------------------------------------------------------ subjects

const state::Unit& si_unit(OpContext& ctx, const std::string& code, const std::string& field) {
  const state::Unit* u = ctx.world().unit(code);
  if (!u || u->scheme != state::Scheme::si) protocol::throw_not_found(field, "社保参保单位", "SI unit", code);
  ctx.use_profile(u->profile);
  return *u;
}

const state::Person& known_person(OpContext& ctx, const std::string& id_number, const std::string& field) {
  const state::Person* p = ctx.world().person(id_number);
  if (!p) protocol::throw_not_found(field, "参保人员", "insured person", id::mask_id_number(id_number));
  return *p;
}

const state::Person* person_by_id(OpContext& ctx, Violations& v, std::string_view id_text, const std::string& field) {
  const auto id = id::check_citizen_id(v, id_text, ctx.today(), false, field);
  if (!id) return nullptr;
  const state::Person& p = known_person(ctx, id->number, field);
  return check_not_corrected(v, p, field) ? &p : nullptr;  // issue 18 (1): a corrected number
}

const state::Bill& flex_verification(OpContext& ctx, const std::string& id, const std::string& field) {
  const state::Bill* bill = ctx.world().bill(id);
  if (!bill || bill->kind != state::BillKind::flex) protocol::throw_not_found(field, "灵活就业缴费核定", "flexible verification", id);
  return *bill;
}

PolicyOfUnit unit_policies(OpContext& ctx) {
  auto cache = std::make_shared<std::map<std::string, policy::PolicyPtr, std::less<>>>();
  const policy::PolicyPtr request = ctx.policy_ptr();
  return [&ctx, cache, request](std::string_view code) -> const policy::Policy& {
    auto it = cache->find(code);
    if (it == cache->end()) {
      const state::Unit* u = ctx.world().unit(code);
      policy::PolicyPtr p = u && !u->profile.empty() ? ctx.profiles().resolve(u->profile, "profile") : request;
      it = cache->emplace(std::string(code), std::move(p)).first;
    }
    return *it->second;
  };
}

std::vector<ArrearsMonth> arrears_of(OpContext& ctx, const state::Person& p, std::optional<std::string_view> unit) {
  return arrears(unit_policies(ctx), &ctx.trace(), ctx.world(), p, unit, ctx.today());
}

// ------------------------------------------------------------------ arguments

std::optional<std::vector<std::string>> read_types(ArgReader& a, std::string_view name, bool optional) {
  if (!a.has(name)) {
    a.raw(name);  // marks an explicit null as read
    if (optional) return std::nullopt;
    protocol::throw_missing(a.field(name));
  }
  std::vector<std::string> types;
  a.each_value(
      name,
      [&](const json& v, const std::string& path, std::size_t) {
        const std::string t = protocol::decode_string(v, path);
        if (!is_type(t))
          protocol::throw_bad_value(path, "险种须为pension、medical、unemployment、injury或maternity",
                                    "a type is pension, medical, unemployment, injury or maternity");
        if (std::find(types.begin(), types.end(), t) != types.end())
          protocol::throw_bad_value(path, "险种重复", "type given twice");
        types.push_back(t);
      },
      kTypes.size(), false);
  if (types.empty()) protocol::throw_bad_value(a.field(name), "至少选择一个险种", "name at least one insurance type");
  // The usual order (kTypes), whatever the request's order.
  std::vector<std::string> ordered;
  for (auto t : kTypes)
    if (std::find(types.begin(), types.end(), t) != types.end()) ordered.emplace_back(t);
  return ordered;
}

// ------------------------------------------------------------------ batches

std::string row_field(std::size_t row) { return "args.rows[" + std::to_string(row) + "]."; }

const state::Person* RowPersons::person(Violations& v, std::size_t row, std::string_view id_text) {
  const std::string field = row_field(row) + "id_number";
  const state::Person* p = person_by_id(ctx_, v, id_text, field);
  return p && check_batch_first_row(v, first_row_, p->id_number, row, field) ? p : nullptr;
}

// ------------------------------------------------------------------ amounts


protocol::Derivation clamp_derivation(Money wage, const BaseLimits& l, Money base) {
  protocol::Derivation d;
  d.note = "wage " + wage.to_string() + " within [" + l.floor.to_string() + ", " + l.cap.to_string() +
           "] (arithmetic.md §3.2)";
  d.value = base;
  return d;
}

void put_totals(OpContext& ctx, ojson& obj, Money principal, Money late_fee, const char* items_name) {
  const std::string items(items_name);
  auto dp = sum_of({items + "[].employer", items + "[].employee"}, principal);
  auto dl = sum_of({items + "[].late_fee"}, late_fee);
  auto dt = sum_of({"principal", "late_fee"}, principal + late_fee);
  protocol::put_money(obj, "principal", principal, &dp, ctx.explain());
  protocol::put_money(obj, "late_fee", late_fee, &dl, ctx.explain());
  protocol::put_money(obj, "total", principal + late_fee, &dt, ctx.explain());
}

PricedMonth price_month(OpContext& ctx, YearMonth m, const std::string& type, Money base, Date until) {
  PricedMonth p;
  p.month = m;
  p.type = type;
  p.base = base;
  const std::string types[1] = {type};
  auto items = contributions(ctx.policy(), &ctx.trace(), m, base, types);
  p.employer = items.front().employer;
  p.employee = items.front().employee;
  p.employer_derivation = items.front().employer_derivation;
  p.employee_derivation = items.front().employee_derivation;
  p.late_fee = compute_late_fee(ctx.policy(), &ctx.trace(), p.principal(), due_date(ctx.policy(), &ctx.trace(), m), until);
  return p;
}

ojson priced_json(const PricedMonth& p, const std::string* id_number, const char* kind, bool explain) {
  ojson x = ojson::object();
  if (id_number) x["id_number"] = *id_number;
  x["month"] = p.month.to_string();
  x["type"] = p.type;
  if (kind) x["kind"] = kind;
  x["base"] = p.base.to_string();
  protocol::put_money(x, "employer", p.employer, &p.employer_derivation, explain);
  protocol::put_money(x, "employee", p.employee, &p.employee_derivation, explain);
  x["late_fee_days"] = p.late_fee.days;
  protocol::put_money(x, "late_fee", p.late_fee.fee, &p.late_fee.derivation, explain);
  return x;
}

ojson skipped_json(const std::string& id_number, YearMonth m, const std::string& type, const NotOwed& why) {
  ojson x = ojson::object();
  x["id_number"] = id_number;
  x["month"] = m.to_string();
  x["type"] = type;
  x["code"] = std::string(why.code.text);
  x["unit_code"] = why.other.empty() || why.code == code::SI_RETIRED ? ojson(nullptr) : ojson(why.other);
  return x;
}

}  // namespace pvd::si
