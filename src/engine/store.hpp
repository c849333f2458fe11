// The store interface (protocol.md §5): how the dispatcher runs a command or a
// query in store mode. It names no database: the SQLite adapter (src/store/)
// is the reference implementation, and another database's adapter implements
// this, a state::World over its tables and a state::StoreView.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "json/json.hpp"
#include "provident/core/date.hpp"
#include "state/world.hpp"

namespace pvd::engine {

/// What the store needs to know about a request before running it.
struct RequestInfo {
  std::string op;
  std::string request_id;          // empty for queries
  std::string raw_form;            // the request as sent, keys sorted, without request_id
  std::optional<LocalDateTime> as_of;
  bool changes_state = false;      // commands (false: queries)
};

/// The result of running the decision inside the store's transaction.
struct Outcome {
  protocol::ojson response;  // the complete response (state: null)
  bool ok = false;           // no violations: the world's changes are applied
  bool error = false;        // the request could not be evaluated: nothing written, not journaled
  /// The decoded request re-serialised in canonical form (keys sorted, money
  /// and rates canonical, as_of included; protocol.md §5), and whether every
  /// argument had been decoded when the decision ended (false only when an
  /// error stopped it early).
  std::string canonical;
  bool canonical_complete = false;
};

/// The store's answer: the final response and, when the store has already
/// written it as text (a command's journal keeps its response), that text:
/// protocol::dump(response), byte for byte. The dispatcher then sends it as it
/// is instead of writing a big response (a settlement of 100,000 accounts) a
/// second time. Empty: not written yet.
struct Answer {
  Answer(protocol::ojson r) : response(std::move(r)) {}  // NOLINT: every response is an answer without text
  Answer(protocol::ojson r, std::string t) : response(std::move(r)), text(std::move(t)) {}
  protocol::ojson response;
  std::string text;
};

class Store {
 public:
  virtual ~Store() = default;
  /// Runs `decide` on a World backed by the store inside one transaction:
  /// replays a known request_id, refuses REQ_ID_CONFLICT, journals, writes the
  /// world's changes when the outcome is ok. Returns the final response, with
  /// its text when the store wrote it (Answer).
  virtual Answer run(const RequestInfo& info, const std::function<Outcome(state::World&)>& decide) = 0;
};

}  // namespace pvd::engine
