// What every HPF rule shares: the batch row a violation belongs to, and the
// one way a rule builds a violation — pvd::violation for the request,
// pvd::row_violation for a batch row — which it adds with Violations::add.
// A rule is a pure function of (policy, as_of, subjects, arguments) to
// violations or values (docs/architecture.md); it never touches the World.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "provident/policy/policy.hpp"
#include "provident/rules/violation.hpp"
#include "state/entities.hpp"

namespace pvd::hpf::rules {

/// The batch row (0-based index into args.rows) a check is about, if any.
using Row = std::optional<std::int64_t>;
using policy::Policy;
using policy::Trace;

/// Violation `code` at `field`: of batch row `row` when there is one
/// (pvd::row_violation), else of the request (pvd::violation).
inline Violation violation_at(Row row, Code code, std::string field,
                              std::initializer_list<MessageParam> params = {}, std::string_view source = {}) {
  return row ? row_violation(code, *row, std::move(field), params, source) : violation(code, std::move(field), params, source);
}

}  // namespace pvd::hpf::rules
