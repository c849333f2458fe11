// The store's queries: journal.list and store.verify. They read the store
// behind the World (state::StoreView); with facts there is none, and they say
// so.
#include "queries/queries.hpp"

namespace pvd::queries {

using protocol::ojson;

namespace {

state::StoreView& store_of(protocol::OpContext& ctx, const std::string& op) {
  state::StoreView* store = ctx.world().store();
  if (!store) protocol::throw_bad_value("facts", op + "只能在存储模式下使用", op + " runs only in store mode (without facts)");
  return *store;
}

}  // namespace

// journal.list {after?, limit?}: journaled requests after a sequence number,
// personal data masked.
void journal_list(protocol::OpContext& ctx, protocol::ArgReader& a, protocol::OpResult& r) {
  const auto after = a.opt_integer("after", 0, INT64_MAX).value_or(0);
  const auto limit = a.opt_integer("limit", 1, 1000).value_or(100);
  ojson rows = ojson::array();
  std::int64_t last = after;
  for (auto& e : store_of(ctx, "journal.list").journal_after(after, limit)) {
    last = e.seq;
    rows.push_back({{"seq", e.seq}, {"request_id", e.request_id}, {"op", e.op},
                    {"as_of", e.as_of ? ojson(*e.as_of) : ojson(nullptr)}, {"ok", e.ok},
                    {"request", std::move(e.request)}, {"engine_version", e.engine_version}});
  }
  r.result = {{"entries", rows}, {"last_seq", last}};
}

// store.verify {replay?}: every invariant; `replay: false` leaves out the
// replay of the whole journal (the cheap checks, e.g. after every step of a story).
void store_verify(protocol::OpContext& ctx, protocol::ArgReader& a, protocol::OpResult& r) {
  const bool replay = a.opt_boolean("replay").value_or(true);
  ojson checks = ojson::array();
  bool all = true;
  for (const auto& c : store_of(ctx, "store.verify").verify(replay)) {
    checks.push_back({{"name", c.name}, {"ok", c.ok}, {"detail", c.detail}});
    all &= c.ok;
  }
  r.result = {{"ok", all}, {"checks", checks}};
}

}  // namespace pvd::queries
