// Self-description (schemas/README.md): the `describe` operation, and the
// error a request with bad arguments gets — every problem at once.
#pragma once

#include "protocol/json.hpp"
#include "protocol/registry.hpp"

namespace pvd::engine {

/// Registers `describe` {op?}: without op, every operation's name, kind and
/// summary; with one, its schema (arguments, result, violations).
void register_describe(protocol::Registry& reg);

/// The description of one registered operation: name, kind, reviewable,
/// summary and its schema's args, result and violations.
protocol::ojson describe_op(const protocol::OpSpec& spec);

/// A response whose error is an argument's (REQ_MISSING_FIELD/REQ_BAD_VALUE
/// on args.*, or an unknown member of the envelope) gains `error.problems`
/// when the operation's schema finds more than the error itself: every
/// problem, the error first. An unknown member's error takes the schema's wording, which
/// names the nearest known member. Other responses are returned as they are.
/// `args` is the request's args (null or absent: none).
protocol::ojson with_every_problem(protocol::ojson response, const protocol::OpSpec* spec, const protocol::json* args);

/// The error of an unknown operation, naming the nearest known one.
[[noreturn]] void throw_unknown_op(const std::string& op);

}  // namespace pvd::engine
