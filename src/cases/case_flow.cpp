#include "cases/case_flow.hpp"

namespace pvd::cases {

using protocol::json;
using protocol::ojson;

protocol::OpResult submit_for_review(protocol::OpContext& ctx, const protocol::OpSpec& spec, const json& args) {
  state::World& w = ctx.world();
  state::Case c;
  c.case_id = w.new_id(state::IdKind::case_);
  c.op = spec.name;
  c.args = args;
  c.submitted_as_of = ctx.as_of();
  c.status = "submitted";
  if (!spec.case_unit_arg.empty() && args.contains(spec.case_unit_arg) && args[spec.case_unit_arg].is_string())
    c.unit_code = args[spec.case_unit_arg].get<std::string>();
  c.profile = ctx.policy().name();
  c.history.push_back({"submitted", ctx.as_of(), ""});
  w.add(c);
  protocol::OpResult r;
  r.result = {{"case_id", c.case_id}, {"status", c.status}};
  r.event({{"type", "case.created"}, {"case_id", c.case_id}, {"op", c.op}});
  return r;
}

}  // namespace pvd::cases
