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

// policy.get {parameter, on} — the value of one parameter in force on a day
// under the request's profile, with the version's source, note, verified and
// provisional flags (an analyst reads the figure the engine will use).
void get(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string name = a.string("parameter", 64);
  const auto key = policy::key_by_name(name);
  if (!key) protocol::throw_bad_value("args.parameter", "不是已知的政策参数", "not a known policy parameter");
  const Date on = a.date("on");
  const policy::Version& v = ctx.policy().at(*key, on, &ctx.trace());
  r.result = {{"parameter", name},
              {"on", on.to_string()},
              {"version", v.id(*key)},
              {"value", value_json(v.value)},
              {"text", policy::describe(v.value)},
              {"source", v.source},
              {"note", v.note.empty() ? ojson(nullptr) : ojson(v.note)},
              {"verified", v.verified},
              {"provisional", v.provisional},
              {"carried_from", v.carried_from ? ojson(v.carried_from->to_string()) : ojson(nullptr)}};
}

}  // namespace

void register_ops(protocol::Registry& reg) {
  reg.add({"policy.get", OpKind::calculator, get, false, "", "One policy parameter in force on a day, with its source"});
  reg.add({"policy.horizon", OpKind::calculator, horizon, false, "",
           "How far the profile answers: per parameter the last day in force, gaps, provisional figures"});
}

}  // namespace pvd::inspect
