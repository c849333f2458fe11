#include "si/ops_common.hpp"

#include <algorithm>
#include <map>
#include <memory>

namespace pvd::si {

using protocol::ojson;

const state::Unit& si_unit(protocol::OpContext& ctx, const std::string& code, const std::string& field) {
  const state::Unit* u = ctx.world().unit(code);
  if (!u || u->scheme != "si") protocol::throw_not_found(field, "社保参保单位", "SI unit", code);
  ctx.use_profile(u->profile);
  return *u;
}

const state::Person& known_person(protocol::OpContext& ctx, const std::string& id_number, const std::string& field) {
  const state::Person* p = ctx.world().person(id_number);
  if (!p) protocol::throw_not_found(field, "参保人员", "insured person", id::mask_id_number(id_number));
  return *p;
}

PolicyOfUnit unit_policies(protocol::OpContext& ctx) {
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

std::vector<ArrearsMonth> arrears_of(protocol::OpContext& ctx, const state::Person& p, std::optional<std::string_view> unit) {
  return arrears(unit_policies(ctx), &ctx.trace(), ctx.world(), p, unit, ctx.today());
}

std::optional<std::vector<std::string>> read_types(protocol::ArgReader& a, std::string_view name, bool optional) {
  if (!a.has(name)) {
    a.raw(name);  // marks an explicit null as read
    if (optional) return std::nullopt;
    protocol::throw_missing(a.field(name));
  }
  std::vector<std::string> types;
  a.each_value(
      name,
      [&](const protocol::json& v, const std::string& path, std::size_t) {
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

MessageParam month_range_param(const MonthPeriod& p) {
  if (p.from == p.to) return MessageParam("month", p.from.to_string());
  return MessageParam("month", p.from.to_string() + "至" + p.to.to_string(), p.from.to_string() + " to " + p.to.to_string());
}

void add_not_owed(Violations& v, const NotOwed& why, const MonthPeriod& run, const std::string& type,
                  const std::string& field, std::optional<std::int64_t> row) {
  Violation x;
  if (why.code == "SI_RETIRED") {
    x = violation(why.code, field, {MessageParam("month", why.other)});
  } else if (why.code == "SI_MONTH_CHARGED_ELSEWHERE") {
    const MessageParam where = why.other.empty() ? MessageParam("where", "按灵活就业人员", "as a flexible worker")
                                                 : MessageParam("where", "在单位" + why.other, "at unit " + why.other);
    x = violation(why.code, field, {month_range_param(run), MessageParam("type_zh", type_zh(type)), MessageParam("type_en", type), where});
  } else {
    x = violation(why.code, field, {month_range_param(run), MessageParam("type_zh", type_zh(type)), MessageParam("type_en", type),
                                    MessageParam("unit", why.other)});
  }
  x.row = row;
  v.add(std::move(x));
}

ojson skipped_json(const std::string& id_number, YearMonth m, const std::string& type, const NotOwed& why) {
  ojson x = ojson::object();
  x["id_number"] = id_number;
  x["month"] = m.to_string();
  x["type"] = type;
  x["code"] = why.code;
  x["unit_code"] = why.other.empty() || why.code == "SI_RETIRED" ? ojson(nullptr) : ojson(why.other);
  return x;
}

MessageParam any_type_zh() { return MessageParam("type_zh", "社会保险"); }
MessageParam any_type_en() { return MessageParam("type_en", "social"); }

protocol::Derivation sum_of(std::vector<std::string> terms, Money value) {
  protocol::Derivation d;
  d.terms = std::move(terms);
  d.value = value;
  return d;
}

protocol::Derivation clamp_derivation(Money wage, const BaseLimits& l, Money base) {
  protocol::Derivation d;
  d.note = "wage " + wage.to_string() + " within [" + l.floor.to_string() + ", " + l.cap.to_string() +
           "] (arithmetic.md §3.2)";
  d.value = base;
  return d;
}

PricedMonth price_month(protocol::OpContext& ctx, YearMonth m, const std::string& type, Money base, Date until) {
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

}  // namespace pvd::si
