#include "protocol/registry.hpp"

#include <algorithm>
#include <stdexcept>

namespace pvd::protocol {

std::string_view to_string(OpKind k) noexcept {
  return k == OpKind::calculator ? "calculator" : k == OpKind::command ? "command" : "query";
}


LocalDateTime OpContext::as_of() const {
  if (!as_of_) throw_missing("as_of");
  return *as_of_;
}

void OpContext::use_profile(std::string_view name) {
  if (name.empty() || name == policy_->name()) return;
  policy_ = profiles_.resolve(name, "profile");
}

bool OpContext::reviewed(std::string_view op) {
  const auto& ops = param<policy::StringList>(policy::Key::review_ops, today());
  return std::find(ops.begin(), ops.end(), op) != ops.end();
}

state::World& OpContext::world() const {
  if (!world_) throw std::logic_error("this operation has no entities (calculator)");
  return *world_;
}

void Registry::add(OpSpec spec) {
  const std::string name = spec.name;
  if (!ops_.emplace(name, std::move(spec)).second) throw std::logic_error("operation registered twice: " + name);
}

void Registry::add_all(std::initializer_list<OpLine> lines) {
  for (const OpLine& l : lines) add({l.name, l.kind, l.handler, false, "", l.summary});
}

const OpSpec* Registry::find(std::string_view name) const {
  auto it = ops_.find(name);
  return it == ops_.end() ? nullptr : &it->second;
}

std::vector<const OpSpec*> Registry::all() const {
  std::vector<const OpSpec*> out;
  for (const auto& [n, s] : ops_) out.push_back(&s);
  return out;
}

Derivation product(Money base, const Rate& rate, Rounding r, Money value) {
  Derivation d;
  d.base = base;
  d.rate = rate;
  d.exact = base * rate;
  d.rounding = r;
  d.value = value;
  return d;
}

Derivation sum_of(std::vector<std::string> terms, Money value, std::string note) {
  Derivation d;
  d.terms = std::move(terms);
  d.note = std::move(note);
  d.value = value;
  return d;
}

Derivation noted(Money value, std::string note) {
  Derivation d;
  d.note = std::move(note);
  d.value = value;
  return d;
}

ojson derivation_json(const Derivation& d) {
  ojson j = ojson::object();
  if (d.base) j["base"] = d.base->to_string();
  if (d.rate) j["rate"] = d.rate->to_string();
  if (d.exact) j["exact"] = d.exact->to_yuan_string();
  if (d.rounding)
    j["rounding"] = {{"mode", std::string(to_string(d.rounding->mode))}, {"unit", std::string(to_string(d.rounding->unit))}};
  if (!d.terms.empty()) j["sum_of"] = d.terms;
  if (!d.note.empty()) j["note"] = d.note;
  j["value"] = d.value.to_string();
  return j;
}

void put_money(ojson& obj, const std::string& name, Money value, const Derivation* d, bool explain) {
  obj[name] = value.to_string();
  if (explain && d) obj[name + "_derivation"] = derivation_json(*d);
}

}  // namespace pvd::protocol
