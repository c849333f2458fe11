// An SI unit's certificates: si.unit.certificate (单位参保证明) and
// si.unit.changes (人员变更表), read from the unit's persons in pages
// (World::persons_of_unit_page) and its bills (World::bills_page).
#include <algorithm>
#include <map>
#include <tuple>

#include "provident/rules/codes.hpp"
#include "queries/certificates.hpp"
#include "queries/paging.hpp"
#include "si/contribution.hpp"
#include "si/ops_common.hpp"

namespace pvd::queries::certificates {

namespace {

constexpr std::size_t kReadPage = static_cast<std::size_t>(kMaxPage);

/// Calls `fn` on every entity `fetch(after, n)` lists, a page at a time: a unit
/// of 100,000 persons is read in 100 pages, never loaded at once by one call.
template <class T, class Fetch, class Id, class Fn>
void each_paged(Fetch fetch, Id id_of, Fn fn) {
  std::string after;
  for (;;) {
    const std::vector<const T*> got = fetch(after, kReadPage);
    for (const T* x : got) fn(*x);
    if (got.size() < kReadPage) return;
    after = id_of(*got.back());
  }
}

bool covers(const state::Enrollment& e, Date d) { return !(d < e.from) && (!e.to || !(*e.to < d)); }

/// The unit's SI bills still open: the arrears a certificate shows. Decision:
/// their amounts as billed (bill.get recomputes the late fee to a date).
ojson open_bills(state::World& w, const std::string& unit) {
  ojson bills = ojson::array();
  Money total;
  each_paged<state::Bill>([&](const std::string& after, std::size_t n) { return w.bills_page(unit, "", after, n); },
                          [](const state::Bill& b) { return b.bill_id; },
                          [&](const state::Bill& b) {
                            if (b.scheme != state::Scheme::si || b.status != state::BillStatus::open) return;
                            total += b.amount_due;
                            bills.push_back({{"bill_id", b.bill_id}, {"kind", b.kind}, {"period", text_or_null(b.period)},
                                             {"principal", b.principal.to_string()}, {"late_fee", b.late_fee.to_string()},
                                             {"amount_due", b.amount_due.to_string()},
                                             {"due_date", text_or_null(b.due_date)}});
                          });
  return {{"bills", bills}, {"total", total.to_string()}};
}

// ------------------------------------------------------------------ changes

struct Change {
  Date date;
  std::string kind;                       // enroll | stop | transfer_in | transfer_out | retirement
  std::optional<std::string> other_unit;  // a transfer's other unit
  std::vector<std::string> types;         // in kTypes order
};

/// The unit other than `unit` whose enrollment of `type` ends on `end` (or,
/// with `starts`, begins on it): the other side of a transfer (si.enroll stops
/// the old unit the day before the new one enrolls).
std::optional<std::string> transfer_partner(const state::Person& p, const std::string& unit, const std::string& type,
                                            Date day, bool starts) {
  for (const auto& e : p.enrollments) {
    if (e.unit_code == unit || e.type != type) continue;
    if (starts ? e.from == day : (e.to && *e.to == day)) return e.unit_code;
  }
  return std::nullopt;
}

std::string stop_kind(const state::Person& p, const state::Enrollment& e, std::optional<std::string>& other) {
  other = transfer_partner(p, e.unit_code, e.type, *e.to + 1, true);
  if (other) return "transfer_out";
  if (e.type == "pension" && p.retired_from && *e.to + 1 == p.retired_from->first_day()) return "retirement";
  return "stop";
}

/// The person's changes at the unit dated within [from, to], one per (date,
/// kind, other unit) with its types, by date.
std::vector<Change> changes_of(const state::Person& p, const std::string& unit, Date from, Date to) {
  std::map<std::tuple<Date, std::string, std::string>, Change> by_key;
  auto add = [&](Date d, std::string kind, std::optional<std::string> other, const std::string& type) {
    if (d < from || to < d) return;
    Change& c = by_key[{d, kind, other.value_or("")}];
    c.date = d, c.kind = std::move(kind), c.other_unit = std::move(other);
    c.types.push_back(type);
  };
  for (const auto& e : p.enrollments) {
    if (e.unit_code != unit) continue;
    auto in_from = transfer_partner(p, unit, e.type, e.from - 1, false);
    add(e.from, in_from ? "transfer_in" : "enroll", in_from, e.type);
    if (!e.to) continue;
    std::optional<std::string> out_to;
    const std::string kind = stop_kind(p, e, out_to);
    add(*e.to, kind, out_to, e.type);
  }
  std::vector<Change> out;
  for (auto& [key, c] : by_key) {
    std::sort(c.types.begin(), c.types.end(), [](const std::string& x, const std::string& y) {
      return std::find(si::kTypes.begin(), si::kTypes.end(), x) < std::find(si::kTypes.begin(), si::kTypes.end(), y);
    });
    out.push_back(std::move(c));
  }
  return out;
}

ojson changes_json(const std::vector<Change>& changes) {
  ojson out = ojson::array();
  for (const auto& c : changes)
    out.push_back({{"date", c.date.to_string()}, {"kind", c.kind}, {"types", ojson(c.types)},
                   {"other_unit", c.other_unit ? ojson(*c.other_unit) : ojson(nullptr)}});
  return out;
}

}  // namespace

// si.unit.certificate {unit_code} — 单位参保证明 (004 §2.1): the unit, the
// persons insured for each type on the request's date (as_of required), and
// its arrears (open bills). Every person of the unit is read, a page of 1,000
// at a time (docs/performance.md measures a unit of 100,000).
void unit_certificate(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string code = a.string("unit_code", 32);
  const state::Unit& u = si::si_unit(ctx, code, "args.unit_code");
  const Date day = ctx.today();
  state::World& w = ctx.world();
  std::map<std::string, std::int64_t> per_type;
  std::int64_t insured = 0;
  each_paged<state::Person>(
      [&](const std::string& after, std::size_t n) { return w.persons_of_unit_page(code, after, n); },
      [](const state::Person& p) { return p.id_number; },
      [&](const state::Person& p) {
        bool any = false;
        for (std::string_view t : si::kTypes)
          if (std::any_of(p.enrollments.begin(), p.enrollments.end(),
                          [&](const auto& e) { return e.unit_code == code && e.type == t && covers(e, day); }))
            ++per_type[std::string(t)], any = true;
        insured += any;
      });
  ojson types = ojson::array();
  for (std::string_view t : si::kTypes) {
    const auto it = per_type.find(std::string(t));
    if (it != per_type.end()) types.push_back({{"type", std::string(t)}, {"insured", it->second}});
  }
  r.result = {{"unit_code", u.unit_code}, {"name", u.name}, {"credit_code", u.credit_code}, {"kind", u.kind},
              {"status", u.status}, {"on", day.to_string()}, {"insured", insured}, {"types", types},
              {"arrears", open_bills(w, code)}};
}

// si.unit.changes {unit_code, from, to, after?, limit?} — 人员变更表 (004
// §2.1.1, §2.1.2): each person with a change at the unit dated within [from,
// to] (dates, inclusive): enrollments, stops, transfers in and out, the end of
// pension at retirement. Paged by ID number (docs/queries.md §1.2).
void unit_changes(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string code = a.string("unit_code", 32);
  const Date from = a.date("from"), to = a.date("to");
  const PageArgs page = page_args(a);
  if (to < from) {
    r.violations.add(code::PERIOD_INVERTED, "args.from");
    return;
  }
  if (to.year_month() - from.year_month() >= protocol::kMaxPeriodMonths)
    protocol::throw_bad_value("args.to", "时间段超过1200个月的上限", "a period longer than the limit of 1200 months");
  si::si_unit(ctx, code, "args.unit_code");
  state::World& w = ctx.world();
  const auto got = page_of<state::Person>(
      page, [&](const std::string& after, std::size_t n) { return w.persons_of_unit_page(code, after, n); },
      [](const state::Person& p) { return p.id_number; },
      [&](const state::Person& p) { return !changes_of(p, code, from, to).empty(); });
  ojson rows = ojson::array();
  for (const state::Person* p : got.items)
    rows.push_back({{"id_number", p->id_number}, {"name", p->name}, {"changes", changes_json(changes_of(*p, code, from, to))}});
  r.result = page_result("persons", std::move(rows), got.next);
  r.result["unit_code"] = code;
  r.result["from"] = from.to_string();
  r.result["to"] = to.to_string();
}

}  // namespace pvd::queries::certificates
