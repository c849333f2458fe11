// Cases: drafts and review (rules.md §6). A reviewed operation (review.ops)
// called directly is submitted as a case; case.approve applies it.
#pragma once

#include "protocol/registry.hpp"

namespace pvd::cases {

/// Creates a submitted case for `spec` with `args` (the world must hold no
/// other change): result {case_id, status}, event case.created.
protocol::OpResult submit_for_review(protocol::OpContext& ctx, const protocol::OpSpec& spec, const protocol::json& args);

}  // namespace pvd::cases
