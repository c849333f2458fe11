// Operations that describe the engine's own data (issue 15): policy.horizon —
// how far the profile a request names answers, and what it rests on.
#include "protocol/registry.hpp"
#include "provident/policy/describe.hpp"
#include "provident/policy/horizon.hpp"

namespace pvd::inspect {

using protocol::ArgReader;
using protocol::OpContext;
using protocol::OpKind;
using protocol::OpResult;
using protocol::ojson;

namespace {

// policy.horizon {until, from?} — per parameter the profile covers: the last
// day in force within [from, until], the gaps (declared ones with their
// note), the provisional and unverified versions; `answers` is false when a
// parameter stops before `until` or has a gap the profile does not declare.
// Decision: `from` defaults to 2015-01-01, the earliest date the shipped
// profiles are asked to reach (issue 15).
void horizon(OpContext& ctx, ArgReader& a, OpResult& r) {
  const Date until = a.date("until");
  const Date from = a.opt_date("from").value_or(Date::of(2015, 1, 1));
  if (until < from) protocol::throw_bad_value("args.until", "结束日期早于开始日期", "until is before from");
  const auto h = policy::horizon(ctx.policy(), from, until);
  ojson params = ojson::array();
  for (const auto& p : h.parameters) {
    ojson gaps = ojson::array();
    for (const auto& g : p.gaps) {
      ojson x = {{"from", g.days.from.to_string()}, {"to", g.days.to.to_string()}, {"declared", g.declared}};
      if (g.declared) x["note"] = g.note;
      gaps.push_back(std::move(x));
    }
    params.push_back({{"parameter", policy::info(p.key).name},
                      {"group", p.group},
                      {"in_force_until", p.last_in_force ? ojson(p.last_in_force->to_string()) : ojson(nullptr)},
                      {"gaps", std::move(gaps)},
                      {"provisional", p.provisional},
                      {"unverified", p.unverified}});
  }
  r.result = {{"profile", h.profile},
              {"from", from.to_string()},
              {"until", until.to_string()},
              {"answers", h.problems.empty()},
              {"problems", h.problems},
              {"parameters", std::move(params)}};
}

// A parameter's value as JSON: amounts and rates as exact strings, numbers,
// booleans and texts as themselves; structured values as their description.
struct ValueJson {
  ojson operator()(bool b) const { return b; }
  ojson operator()(std::int64_t i) const { return i; }
  ojson operator()(const Rate& r) const { return r.to_string(); }
  ojson operator()(const Money& m) const { return m.to_string(); }
  ojson operator()(const std::string& s) const { return s; }
  ojson operator()(const policy::MonthList& m) const { return m; }
  ojson operator()(const policy::StringList& l) const { return l; }
  ojson operator()(const Date& d) const { return d.to_string(); }
  ojson operator()(const YearMonth& m) const { return m.to_string(); }
  ojson operator()(const Rounding& r) const {
    return {{"mode", std::string(to_string(r.mode))}, {"unit", std::string(to_string(r.unit))}};
  }
  template <class Other>
  ojson operator()(const Other& other) const {
    return policy::describe(policy::Value(other));
  }
};

ojson value_json(const policy::Value& v) { return std::visit(ValueJson{}, v); }

const char* kind_name(policy::Kind k) {
  static constexpr const char* kNames[] = {"boolean", "integer", "rate", "money", "rounding", "window",
                                           "month_list", "text", "reasons", "back_pay_reasons", "banks", "ops",
                                           "year_range", "retirement_rule", "date", "year_month", "category",
                                           "interest_method"};
  const auto i = static_cast<std::size_t>(k);
  return i < std::size(kNames) ? kNames[i] : "?";
}

/// The last day a version is in force: its own end, else the day before the
/// next version begins, else open (null).
ojson version_to(const policy::Timeline& t, const policy::Version& v) {
  if (v.to) return v.to->to_string();
  for (std::size_t i = 0; i + 1 < t.versions.size(); ++i)
    if (&t.versions[i] == &v) return (t.versions[i + 1].from - 1).to_string();
  return nullptr;
}

/// One parameter in force on a day: its value, the version's dates, source
/// and flags. A parameter of a group that is not in force that day says so.
ojson parameter_json(OpContext& ctx, const policy::Policy& pol, policy::Key key, Date on, bool in_group) {
  const auto& meta = policy::info(key);
  const policy::Version* found = nullptr;
  try {
    found = &pol.at(key, on, &ctx.trace());
  } catch (const policy::NotInForce&) {
    if (!in_group) throw;
  }
  if (!found) return {{"parameter", meta.name}, {"kind", kind_name(meta.kind)}, {"in_force", false}};
  const policy::Version& v = *found;
  return {{"parameter", meta.name},
          {"kind", kind_name(meta.kind)},
          {"in_force", true},
          {"version", v.id(key)},
          {"value", value_json(v.value)},
          {"text", policy::describe(v.value)},
          {"from", v.from.to_string()},
          {"to", version_to(pol.timeline(key), v)},
          {"source", v.source},
          {"note", v.note.empty() ? ojson(nullptr) : ojson(v.note)},
          {"verified", v.verified},
          {"provisional", v.provisional},
          {"carried_from", v.carried_from ? ojson(v.carried_from->to_string()) : ojson(nullptr)}};
}

// policy.get {key, date, profile?} (docs/queries.md §7) — a parameter, or
// every parameter under a node of the dotted parameter tree ("hpf.base"), in
// force on a day under a profile: the figure the engine will use, with its
// version, source, verified and provisional flags (OpenFisca's parameter tree
// is the model). Without `profile` the request's profile answers — the
// engine's default with its overlay, when the engine has one.
// Decision: `parameter` and `on`, the names before issue 17, are still read
// as `key` and `date`.
void get(OpContext& ctx, ArgReader& a, OpResult& r) {
  const bool old_names = a.has("parameter") || a.has("on");
  const std::string key = a.string(old_names && a.has("parameter") ? "parameter" : "key", 64);
  const Date on = a.date(old_names && a.has("on") ? "on" : "date");
  const auto profile = a.opt_string("profile", 64);
  if (profile) {
    ctx.profiles().resolve(*profile, "args.profile");  // a wrong name is refused naming args.profile
    ctx.use_profile(*profile);                         // the response's policy block names it
  }
  const policy::PolicyPtr pol = ctx.policy_ptr();
  if (const auto k = policy::key_by_name(key)) {
    r.result = parameter_json(ctx, *pol, *k, on, false);
  } else {
    const std::string prefix = key + ".";
    ojson params = ojson::array();
    for (const auto& meta : policy::all_keys())
      if (std::string_view(meta.name).starts_with(prefix)) params.push_back(parameter_json(ctx, *pol, meta.key, on, true));
    if (params.empty())
      protocol::throw_bad_value(old_names ? "args.parameter" : "args.key", "不是已知的政策参数或参数组",
                                "not a known policy parameter or group of parameters");
    r.result = {{"key", key}, {"parameters", std::move(params)}};
  }
  r.result["date"] = on.to_string();
  r.result["profile"] = pol->name();
}

}  // namespace

void register_ops(protocol::Registry& reg) {
  reg.add({"policy.get", OpKind::calculator, get, false, "",
           "A policy parameter, or a group of them, in force on a day, with its source"});
  reg.add({"policy.horizon", OpKind::calculator, horizon, false, "",
           "How far the profile answers: per parameter the last day in force, gaps, provisional figures"});
}

}  // namespace pvd::inspect
