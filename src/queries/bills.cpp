// bill.list (docs/queries.md §2): the bills of a unit, a person or an account,
// paged by bill_id — the HPF remittance and back-pay bills (核定单, 003 5, 003 6),
// the SI settlement bills (缴费通知单: after 004 《无变动结算操作指南》 the month's amount
// can be queried; 004 《有变动结算操作指南》) and the flexible workers' verifications
// (004 §2.5.5).
#include <algorithm>
#include <set>

#include "provident/id/mask.hpp"
#include "provident/rules/codes.hpp"
#include "queries/bills_common.hpp"
#include "queries/paging.hpp"
#include "queries/queries.hpp"

namespace pvd::queries {

using protocol::ojson;

namespace {

/// bill.list's filters, read and their subjects checked.
struct BillFilter {
  std::optional<std::string> unit_code, id_number, account_no;
  std::optional<state::Scheme> scheme;
  std::optional<state::BillKind> kind;
  std::optional<state::BillStatus> status;
  std::optional<YearMonth> from, to;
  std::set<std::string> person_accounts;  // the HPF accounts of id_number's person
  std::set<std::string, std::less<>> person_ids;  // id_number and the person's previous numbers (issue 18 (1))
  /// The World's bill pages whose union holds every bill that may pass:
  /// (unit_code, id_number) pairs for World::bills_page.
  std::set<std::pair<std::string, std::string>> sources;
};

bool any_item(const state::Bill& b, auto pred) { return std::any_of(b.items.begin(), b.items.end(), pred); }

bool in_period(const BillFilter& f, YearMonth m) { return !(f.from && m < *f.from) && !(f.to && *f.to < m); }

// Decision: a bill's period is its `period` (the month verified or settled);
// a bill without one (HPF back-pay, flexible verification) is in the period
// when one of its items' months is.
bool bill_in_period(const BillFilter& f, const state::Bill& b) {
  if (b.period) return in_period(f, *b.period);
  return any_item(b, [&](const state::BillItem& i) { return in_period(f, i.month); });
}

// Decision: a person's bills are those naming them — the bill's own id_number
// (a flexible verification), an SI item of theirs (a unit's settlement or
// back-pay bill), or an HPF item of one of their accounts. A bill keeps the number it was made
// under: a person whose number was corrected is named by any of their numbers (issue 18 (1)).
bool names_person(const BillFilter& f, const state::Bill& b) {
  const auto is_theirs = [&](const std::optional<std::string>& id) { return id && f.person_ids.contains(*id); };
  if (is_theirs(b.id_number)) return true;
  return any_item(b, [&](const state::BillItem& i) {
    return is_theirs(i.id_number) || (i.account_no && f.person_accounts.contains(*i.account_no));
  });
}

bool keep(const BillFilter& f, const state::Bill& b) {
  if (f.scheme && b.scheme != *f.scheme) return false;
  if (f.kind && b.kind != *f.kind) return false;
  if (f.status && b.status != *f.status) return false;
  if ((f.from || f.to) && !bill_in_period(f, b)) return false;
  if (f.unit_code && b.unit_code != f.unit_code) return false;
  if (f.id_number && !names_person(f, b)) return false;
  if (f.account_no && !any_item(b, [&](const state::BillItem& i) { return i.account_no == f.account_no; })) return false;
  return true;
}

/// The units whose bills may hold an HPF account's months: its unit and the
/// units of its stints (docs/history.md).
void add_account_units(BillFilter& f, const state::Account& acc) {
  f.sources.insert({acc.unit_code, ""});
  for (const auto& s : acc.stints) f.sources.insert({s.unit_code, ""});
}

/// The person's bills: their own, and those of every unit they were enrolled
/// at, billed by, or hold an HPF account at. REQ_NOT_FOUND when the ID number
/// names neither an SI person nor an HPF account. A corrected number names the person it was
/// corrected to, and each of the person's numbers names their bills (issue 18 (1)).
void add_person_sources(protocol::OpContext& ctx, BillFilter& f) {
  state::World& w = ctx.world();
  const std::string& id = *f.id_number;
  const state::Person* p = w.current_person(id);
  const auto numbers = p ? w.numbers_of_person(p->id_number) : std::vector<std::string>{id};
  std::vector<const state::Account*> accounts;
  for (const auto& n : numbers) {
    const auto of = w.accounts_of_person(n);
    accounts.insert(accounts.end(), of.begin(), of.end());
  }
  if (!p && accounts.empty()) protocol::throw_not_found("args.id_number", "人员", "person", id::mask_id_number(id));
  for (const auto& n : numbers) {
    f.person_ids.insert(n);
    f.sources.insert({"", n});
  }
  if (p) {
    for (const auto& e : p->enrollments) f.sources.insert({e.unit_code, ""});
    for (const auto& c : p->contributions)
      if (!c.unit_code.empty()) f.sources.insert({c.unit_code, ""});
  }
  for (const state::Account* acc : accounts) {
    f.person_accounts.insert(acc->account_no);
    add_account_units(f, *acc);
  }
}

/// The pages to read. Decision: none of unit_code, id_number and account_no is
/// required — without them an agency lists every bill; the narrowest given
/// names the pages (a unit's bills, then a person's, then an account's units').
void choose_sources(protocol::OpContext& ctx, BillFilter& f) {
  state::World& w = ctx.world();
  if (f.unit_code && !w.unit(*f.unit_code)) protocol::throw_not_found("args.unit_code", "单位", "unit", *f.unit_code);
  const state::Account* acc = f.account_no ? w.account(*f.account_no) : nullptr;
  if (f.account_no && !acc) protocol::throw_not_found("args.account_no", "账户", "account", *f.account_no);
  if (f.id_number) add_person_sources(ctx, f);
  if (f.unit_code) {
    f.sources = {{*f.unit_code, ""}};
  } else if (acc && !f.id_number) {
    add_account_units(f, *acc);
  } else if (f.sources.empty()) {
    f.sources.insert({"", ""});
  }
}

BillFilter read_filter(protocol::ArgReader& a) {
  BillFilter f;
  f.unit_code = a.opt_string("unit_code", 64);
  f.id_number = a.opt_string("id_number", 64);
  f.account_no = a.opt_string("account_no", 64);
  f.scheme = opt_vocabulary<state::Scheme>(a, "scheme");
  f.kind = opt_vocabulary<state::BillKind>(a, "kind");
  f.status = opt_vocabulary<state::BillStatus>(a, "status");
  f.from = a.opt_month("from");
  f.to = a.opt_month("to");
  return f;
}

/// The first `n` bills after `after` in the union of the filter's pages, in
/// bill_id order, each once: the first n of a union are among the first n of
/// each page, so each page is read for n bills at most.
std::vector<const state::Bill*> union_page(state::World& w, const BillFilter& f, const std::string& after, std::size_t n) {
  std::vector<const state::Bill*> out;
  for (const auto& [unit, id] : f.sources) {
    const auto got = w.bills_page(unit, id, after, n);
    out.insert(out.end(), got.begin(), got.end());
  }
  std::sort(out.begin(), out.end(), [](const state::Bill* x, const state::Bill* y) { return x->bill_id < y->bill_id; });
  out.erase(std::unique(out.begin(), out.end()), out.end());
  if (out.size() > n) out.resize(n);
  return out;
}

}  // namespace

// bill.list {unit_code?, id_number?, account_no?, scheme?, kind?, from?, to?,
// status?, limit?, after?} — 003 5, 003 6 (the unit's 核定单), 004 《无变动结算操作指南》
// (the month's settlement amount), 004 §2.5.5 (a flexible worker's verifications):
// one row per bill, its amounts exact, paged by bill_id.
void bill_list(protocol::OpContext& ctx, protocol::ArgReader& a, protocol::OpResult& r) {
  BillFilter f = read_filter(a);
  const PageArgs p = page_args(a);
  if (f.from && f.to && *f.to < *f.from) {
    r.violations.add(code::PERIOD_INVERTED, "args.from");
    return;
  }
  choose_sources(ctx, f);
  state::World& w = ctx.world();
  const auto page = page_of<state::Bill>(
      p, [&](const std::string& after, std::size_t n) { return union_page(w, f, after, n); },
      [](const state::Bill& b) -> const std::string& { return b.bill_id; }, [&](const state::Bill& b) { return keep(f, b); });
  ojson rows = ojson::array();
  for (const state::Bill* b : page.items) {
    ojson row = bill_summary(*b);
    row["item_count"] = static_cast<std::int64_t>(b->items.size());
    rows.push_back(std::move(row));
  }
  r.result = page_result("bills", std::move(rows), page.next);
}

void register_bill_queries(protocol::Registry& reg) {
  using protocol::OpKind;
  reg.add_all({{"bill.list", OpKind::query, bill_list, "Bills of a unit, a person or an account, paged (003 5, 003 6)"},
               {"bill.get", OpKind::query, bill_get, "A bill with its items; for an open SI bill the amount to pay today"}});
}

}  // namespace pvd::queries
