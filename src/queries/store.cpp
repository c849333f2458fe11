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
// store.verify {unit_code?, after?, limit?}: the per-account invariants of one
// page of accounts (issue 20 (2)): a centre of millions of accounts verifies
// itself page by page, each page a short transaction, following `next`.
// Decision: a page never replays (the replay is of the whole journal): with
// a page, `replay: true` is REQ_BAD_VALUE.
void store_verify(protocol::OpContext& ctx, protocol::ArgReader& a, protocol::OpResult& r) {
  const auto replay = a.opt_boolean("replay");
  const auto unit_code = a.opt_string("unit_code");
  const auto after = a.opt_string("after", 64);
  const auto limit = a.opt_integer("limit", 1, 100000);
  state::StoreView& store = store_of(ctx, "store.verify");
  if (unit_code && !ctx.world().unit(*unit_code)) protocol::throw_not_found("args.unit_code", "单位", "unit", *unit_code);
  const bool paged = unit_code || after || limit;
  if (paged && replay.value_or(false))
    protocol::throw_bad_value("args.replay", "按页核验不重放日志：重放针对整个存储", "a page of accounts is verified without the replay, which is of the whole store");
  ojson checks = ojson::array();
  bool all = true;
  auto put = [&](const std::vector<state::Check>& list) {
    for (const auto& c : list) {
      checks.push_back({{"name", c.name}, {"ok", c.ok}, {"detail", c.detail}});
      all &= c.ok;
    }
  };
  if (!paged) {
    put(store.verify(replay.value_or(true)));
    r.result = {{"ok", all}, {"checks", checks}};
    return;
  }
  const state::AccountsVerified page = store.verify_accounts(unit_code.value_or(""), after.value_or(""), limit.value_or(1000));
  put(page.checks);
  r.result = {{"ok", all}, {"checks", checks}, {"accounts", page.accounts}, {"next", page.next ? ojson(*page.next) : ojson(nullptr)}};
}

}  // namespace pvd::queries
