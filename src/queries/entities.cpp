// The entity queries: hpf.account.get, hpf.account.statement, si.person.get.
// They answer in stateless mode from the facts and in store mode from the store.
#include "pension/rules/after_retirement.hpp"
#include "provident/id/mask.hpp"
#include "provident/rules/codes.hpp"
#include "queries/queries.hpp"
#include "state/identity.hpp"

namespace pvd::queries {

using protocol::ojson;

namespace {

const state::Account& find_account(protocol::OpContext& ctx, const std::string& no) {
  const state::Account* a = ctx.world().account(no);
  if (!a) protocol::throw_not_found("args.account_no", "账户", "account", no);
  return *a;
}

ojson entry_json(const state::LedgerRecord& r) {
  ojson e = protocol::object_with_room(6);
  if (r.entry_id) e["entry_id"] = *r.entry_id;
  e["kind"] = state::to_text(r.entry.kind);
  e["month"] = r.entry.month ? ojson(r.entry.month->to_string()) : ojson(nullptr);
  e["date"] = r.entry.date.to_string();
  e["amount"] = r.entry.amount.to_string();
  // A store's numbered ledger names the entry a correction corrects; the
  // statement of a World of facts has never shown it.
  if (r.entry_id && r.entry.corrects) e["corrects"] = *r.entry.corrects;
  return e;
}

}  // namespace

// hpf.account.get {account_no}: the account entity (state.md §2).
void account_get(protocol::OpContext& ctx, protocol::ArgReader& a, protocol::OpResult& r) {
  const std::string no = a.string("account_no");
  r.result = state::encode(find_account(ctx, no));
}

// hpf.account.statement {account_no, from, to}: ledger entries whose month (or,
// for entries without one, whose date) falls in [from, to]. In store mode the
// append-only ledger answers, every year included.
void account_statement(protocol::OpContext& ctx, protocol::ArgReader& a, protocol::OpResult& r) {
  const std::string no = a.string("account_no");
  const YearMonth from = a.month("from"), to = a.month("to");
  if (to < from) {
    r.violations.add(code::PERIOD_INVERTED, "args.from");
    return;
  }
  if (to - from >= protocol::kMaxPeriodMonths)
    protocol::throw_bad_value("args.to", "时间段超过1200个月的上限", "a period longer than the limit of 1200 months");
  const state::Account& acc = find_account(ctx, no);
  ojson entries = ojson::array();
  Money total;
  for (const auto& e : ctx.world().ledger_between(no, from, to)) {
    total += e.entry.amount;
    entries.push_back(entry_json(e));
  }
  r.result = {{"account_no", no}, {"from", from.to_string()}, {"to", to.to_string()}, {"entries", entries},
              {"total", total.to_string()}, {"balance", acc.balance.to_string()}};
}

// si.person.get {id_number}: the person entity (state.md §2).
void person_get(protocol::OpContext& ctx, protocol::ArgReader& a, protocol::OpResult& r) {
  const std::string id = a.string("id_number");
  const state::Person* p = ctx.world().person(id);
  if (!p) p = state::recorded_document_person(ctx.world(), id);  // issue 18 (6): a passport typed in lower case
  if (!p) protocol::throw_not_found("args.id_number", "人员", "person", pvd::id::mask_id_number(id));
  r.result = state::encode(*p);
  // issue 18: a retired person's qualification (待遇资格认证) for the year of the as_of date
  // (null for anyone else, and without an as_of: the query does not require one).
  r.result["qualified"] = p->retired_from && ctx.has_as_of()
                              ? ojson(pension::qualified_in(*p, pension::qualification_year(ctx.today())))
                              : ojson(nullptr);
}

}  // namespace pvd::queries
