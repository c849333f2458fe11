// Review (rules.md §6): a reviewed operation (review.ops) called directly is
// submitted as a case; case.approve applies it by running the operation again
// through the dispatcher (run_command). Both directions are the dispatcher's,
// so review lives in the engine layer, beside it.
#pragma once

#include "protocol/registry.hpp"

namespace pvd::engine {

/// Opens a case of `op` with `args` in `status` (draft, or submitted: then
/// submitted as of the request), belonging to the unit the argument `unit_arg`
/// names: result {case_id, status}, event case.created.
protocol::OpResult open_case(protocol::OpContext& ctx, const std::string& op, const protocol::json& args,
                             state::CaseStatus status, const std::string& unit_arg, const std::string& note);

/// Creates a submitted case for `spec` with `args` (the world must hold no
/// other change): result {case_id, status}, event case.created.
protocol::OpResult submit_for_review(protocol::OpContext& ctx, const protocol::OpSpec& spec, const protocol::json& args);

/// The case operations: case.save_draft, submit, approve, reject, withdraw, get, list.
void register_case_ops(protocol::Registry& reg);

}  // namespace pvd::engine
