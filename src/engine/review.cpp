#include "engine/review.hpp"

namespace pvd::engine {

using protocol::json;

protocol::OpResult open_case(protocol::OpContext& ctx, const std::string& op, const json& args, state::CaseStatus status,
                             const std::string& unit_arg, const std::string& note) {
  state::World& w = ctx.world();
  state::Case c;
  c.case_id = w.new_id(state::IdKind::case_);
  c.op = op;
  c.args = args;
  if (status == state::CaseStatus::submitted) c.submitted_as_of = ctx.as_of();
  c.status = status;
  if (!unit_arg.empty() && args.contains(unit_arg) && args[unit_arg].is_string()) c.unit_code = args[unit_arg].get<std::string>();
  c.profile = ctx.policy().name();
  c.history.push_back({status, ctx.as_of(), note});
  w.add(c);
  protocol::OpResult r;
  r.result = {{"case_id", c.case_id}, {"status", state::to_text(c.status)}};
  r.event({{"type", "case.created"}, {"case_id", c.case_id}, {"op", c.op}});
  return r;
}

protocol::OpResult submit_for_review(protocol::OpContext& ctx, const protocol::OpSpec& spec, const json& args) {
  return open_case(ctx, spec.name, args, state::CaseStatus::submitted, spec.case_unit_arg, "");
}

}  // namespace pvd::engine
