// Running one operation and shaping its response (protocol.md §1.1). Shared by
// the calculator, stateless and store paths, and by case approval.
#pragma once

#include <optional>
#include <string>

#include "protocol/registry.hpp"
#include "engine/store.hpp"

namespace pvd::engine {

struct RunInput {
  const protocol::OpSpec* spec = nullptr;
  const protocol::ProfileResolver* profiles = nullptr;
  policy::PolicyPtr policy;
  std::string base_profile_name;
  std::optional<LocalDateTime> as_of;
  bool explain = false;
  const protocol::json* args = nullptr;
  std::string request_id;
};

protocol::ojson run_calculator(const RunInput& in);
/// The response of a stateless run: `response` with `state` null, and the
/// state apart as JSON text (state::encode_text), written into the response
/// by protocol::dump_with — the state is most of the response, and writing it
/// straight from the entities saves building it as a document first.
struct StatelessResponse {
  protocol::ojson response;
  std::string state;
};
/// Commands and queries on the request's facts; `state` holds them afterwards.
/// A stateless command on its facts: those the request's tape holds
/// (protocol::parse_request), or the document `facts` when the tape is empty.
StatelessResponse run_stateless(const RunInput& in, const protocol::json& facts, const protocol::Tape& tape);
/// Commands and queries on a World (the store's); catches request errors into
/// the outcome.
Outcome run_in_world(const RunInput& in, state::World& world, protocol::Mode mode);

/// Runs the handler of a command on a world: on violations the world's changes
/// are rolled back; a reviewed operation (review.ops) called directly becomes
/// a submitted case instead of taking effect (rules.md §6). Throws
/// RequestError. `canonical` receives the decoded arguments.
protocol::OpResult run_command(protocol::OpContext& ctx, const protocol::OpSpec& spec, const protocol::json* args,
                               protocol::json* canonical = nullptr);

/// The response text, or — when it is longer than `limit` (protocol.md §1.3 limits:
/// kMaxResponseBytes) — the text of a REQ_TOO_LARGE error in its place.
std::string bounded_response(std::string text, const std::string& op, const std::optional<std::string>& request_id,
                             std::size_t limit);

protocol::ojson error_response(const std::string& op, const std::optional<std::string>& request_id,
                               std::string_view code, const std::string& zh, const std::string& en,
                               const std::string& field);

/// The error response of a request that could not be evaluated, called in the
/// handler of the exception: a RequestError answers its own code, an
/// OverflowError REQ_BAD_VALUE (an amount beyond exact arithmetic).
protocol::ojson evaluation_error(const std::string& op, const std::optional<std::string>& request_id);

protocol::ojson violations_json(const Violations& v);

}  // namespace pvd::engine
