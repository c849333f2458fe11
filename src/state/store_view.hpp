// What a World kept by a store offers beyond its entities (protocol.md §5):
// the journal of the requests the store applied, and the checks of its own
// invariants. Queries reach it through World::store(); a World of facts has
// none. The stores implement it (src/store/table_world.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "json/json.hpp"

namespace pvd::state {

/// One journaled request, as journal.list shows it.
struct JournalEntry {
  std::int64_t seq = 0;
  std::string request_id, op;
  std::optional<std::string> as_of;
  bool ok = false;
  protocol::ojson request;  // as sent, personal data masked
  std::string engine_version;
};

/// One invariant checked by store.verify.
struct Check {
  std::string name;
  bool ok = false;
  std::string detail;
};

/// What store.verify found on one page of accounts.
struct AccountsVerified {
  std::vector<Check> checks;
  std::int64_t accounts = 0;         // on the page
  std::optional<std::string> next;   // the page's last account_no, when more may follow
};

class StoreView {
 public:
  virtual ~StoreView() = default;
  /// The journal's entries after sequence number `after`, at most `limit`, in order.
  virtual std::vector<JournalEntry> journal_after(std::int64_t after, std::int64_t limit) = 0;
  /// Every invariant of the store; `replay` adds the replay of the whole
  /// journal (the dearest check).
  virtual std::vector<Check> verify(bool replay) = 0;
  /// The per-account invariants of the accounts after `after` (of `unit_code`
  /// when not empty), at most `limit`, in account order.
  virtual AccountsVerified verify_accounts(std::string_view unit_code, std::string_view after, std::int64_t limit) = 0;
};

}  // namespace pvd::state
