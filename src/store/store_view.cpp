// TableWorld as the view of its store (state::StoreView): what journal.list
// and store.verify read, inside the request's read transaction.
#include "store/table_world.hpp"
#include "store/verify.hpp"

namespace pvd::store {

std::vector<state::JournalEntry> TableWorld::journal_after(std::int64_t after, std::int64_t limit) {
  Stmt s(db_, "SELECT seq, request_id, op, as_of, ok, summary, engine_version FROM journal WHERE seq > ? ORDER BY seq LIMIT ?");
  s.bind(1, after).bind(2, limit);
  std::vector<state::JournalEntry> out;
  while (s.step())
    out.push_back({.seq = s.int64(0),
                   .request_id = s.text(1),
                   .op = s.text(2),
                   .as_of = s.is_null(3) ? std::nullopt : std::optional(s.text(3)),
                   .ok = s.int64(4) == 1,
                   .request = parse_stored<protocol::ojson>(s.text(5), "journal summary"),
                   .engine_version = s.text(6)});
  return out;
}

std::vector<state::Check> TableWorld::verify(bool replay) { return verify_store(db_, replay); }

state::AccountsVerified TableWorld::verify_accounts(std::string_view unit_code, std::string_view after, std::int64_t limit) {
  return store::verify_accounts(db_, {std::string(unit_code), std::string(after), limit});
}

}  // namespace pvd::store
