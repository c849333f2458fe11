// The rosters (docs/queries.md §3): hpf.unit.roster (003 8) and
// si.unit.roster (001 6.2, 6.3), each one page of the unit's accounts or
// persons (paging.hpp), read through the World's pages: a unit of 100,000
// accounts is never loaded whole.
#include <algorithm>
#include <vector>

#include "hpf/account.hpp"
#include "hpf/ops_common.hpp"
#include "queries/paging.hpp"
#include "queries/units.hpp"
#include "si/contribution.hpp"

namespace pvd::queries::units {

using protocol::ojson;

namespace {

/// The page's members after the caller's own: `count` (the rows in this page),
/// the rows, `next`.
void put_page(protocol::OpResult& r, const char* member, ojson rows, const std::optional<std::string>& next) {
  r.result["count"] = rows.size();
  r.result[member] = std::move(rows);
  r.result["next"] = next ? ojson(*next) : ojson(nullptr);
}

// ------------------------------------------------------------------ hpf.unit.roster

ojson hpf_roster_row(protocol::OpContext& ctx, const state::Unit& unit, const state::Account& acc, std::optional<YearMonth> month) {
  ojson o = {{"account_no", acc.account_no},
             {"name", acc.person.name},
             {"id_number", acc.person.id_number},
             {"status", acc.status},
             {"employer_rate", text_or_null(unit.employer_rate)},
             {"employee_rate", text_or_null(unit.employee_rate)}};
  if (acc.base) hpf::ops::put_noted(ctx, o, "base", *acc.base, "the account's base");
  else o["base"] = nullptr;
  const state::Deposit* d = month ? hpf::deposit_in_force(acc, *month) : hpf::last_deposit(acc);
  if (d) hpf::ops::put_stored(ctx, o, *d, "deposit in force from " + d->from.to_string());
  else o["monthly_deposit"] = nullptr;
  return o;
}

}  // namespace

// hpf.unit.roster {unit_code, status?, limit?, after?} — 003 8 缴存职工数据导出
// ("点击缴存职工数据导出": the template the base adjustment starts from).
// Decision: without `status` the accounts that are not closed (as before
// paging); `count` is the number of rows in this page.
void hpf_roster(protocol::OpContext& ctx, protocol::ArgReader& a, protocol::OpResult& r) {
  const std::string unit_code = a.string("unit_code");
  const auto status = a.opt_enumeration("status", {"normal", "sealed", "closed"});
  const PageArgs p = page_args(a);
  const state::Unit& unit = unit_of_scheme(ctx, unit_code, state::Scheme::hpf);
  const std::optional<YearMonth> month = ctx.has_as_of() ? std::optional(ctx.this_month()) : std::nullopt;
  state::World& w = ctx.world();
  const auto page = page_of<state::Account>(
      p, [&](const std::string& after, std::size_t n) { return w.accounts_of_unit_page(unit.unit_code, after, n); },
      [](const state::Account& x) { return x.account_no; },
      [&](const state::Account& x) { return status ? state::to_text(x.status) == *status : x.status != state::AccountStatus::closed; });
  ojson rows = ojson::array();
  for (const state::Account* acc : page.items) rows.push_back(hpf_roster_row(ctx, unit, *acc, month));
  r.result["unit_code"] = unit.unit_code;
  put_page(r, "accounts", std::move(rows), page.next);
}

// ------------------------------------------------------------------ si.unit.roster

namespace {

/// A person's standing at a unit on a day (001 6.2 在职, 6.3 退休; stopped: 004 《单位职工减少申报指南》).
enum class Standing { insured, stopped, retired };
constexpr const char* kStandingText[] = {"insured", "stopped", "retired"};

bool ended_by(const state::Enrollment& e, std::optional<Date> day) {
  if (!e.to) return false;
  return !day || *e.to < *day;
}

// Decision: retired from the person's retirement month (001 7.1) on, whatever
// else runs at the unit; else insured while an enrollment at the unit has not
// ended by the day (one starting later included); else stopped. Without a day
// (no as_of) the records as they stand: an enrollment without an end.
Standing standing_at(const state::Person& p, std::string_view unit, std::optional<Date> day) {
  if (p.retired_from && (!day || !(day->year_month() < *p.retired_from))) return Standing::retired;
  for (const auto& e : p.enrollments)
    if (e.unit_code == unit && !ended_by(e, day)) return Standing::insured;
  return Standing::stopped;
}

/// The enrollments of one type at the unit (ascending), cut into spans of
/// consecutive days (a declared base starts a new record, not a new span).
std::vector<std::vector<const state::Enrollment*>> spans_of(const state::Person& p, std::string_view unit, std::string_view type) {
  std::vector<const state::Enrollment*> parts;
  for (const auto& e : p.enrollments)
    if (e.unit_code == unit && e.type == type) parts.push_back(&e);
  std::sort(parts.begin(), parts.end(), [](const auto* x, const auto* y) { return x->from < y->from; });
  std::vector<std::vector<const state::Enrollment*>> spans;
  for (const auto* e : parts) {
    const auto* last = spans.empty() ? nullptr : spans.back().back();
    if (last && last->to && *last->to + 1 == e->from) spans.back().push_back(e);
    else spans.push_back({e});
  }
  return spans;
}

/// A record's days: [from, to], open-ended without `to`.
struct Days {
  Date from;
  std::optional<Date> to;
};
Days days_of(const state::Enrollment* e) { return {e->from, e->to}; }
Days days_of(const std::vector<const state::Enrollment*>& span) { return {span.front()->from, span.back()->to}; }

/// The record (or span) in force on the day: the one covering it; else the
/// last that began by then; else the first (not begun). Without a day, the last.
template <class T>
const T& in_force(const std::vector<T>& xs, std::optional<Date> day) {
  if (!day) return xs.back();
  const T* chosen = &xs.front();
  for (const T& x : xs) {
    const Days d = days_of(x);
    if (*day < d.from) continue;
    chosen = &x;
    if (!d.to || !(*d.to < *day)) break;
  }
  return *chosen;
}

/// One type at the unit: the span in force on the day, its base then.
ojson type_json(std::string_view type, const std::vector<const state::Enrollment*>& span, std::optional<Date> day) {
  const state::Enrollment* part = in_force(span, day);
  return {{"type", type}, {"base", part->base.to_string()}, {"from", span.front()->from.to_string()},
          {"to", text_or_null(span.back()->to)}};
}

ojson si_roster_row(const state::Person& p, std::string_view unit, Standing s, std::optional<Date> day) {
  ojson types = ojson::array();
  for (const auto type : si::kTypes) {
    const auto spans = spans_of(p, unit, type);
    if (!spans.empty()) types.push_back(type_json(type, in_force(spans, day), day));
  }
  return {{"id_number", p.id_number}, {"name", p.name}, {"category", p.category ? ojson(*p.category) : ojson(nullptr)},
          {"status", kStandingText[static_cast<int>(s)]}, {"retired_from", text_or_null(p.retired_from)},
          {"types", std::move(types)}};
}

}  // namespace

// si.unit.roster {unit_code, status?, limit?, after?} — 001 6.2 在职花名册查询,
// 6.3 退休花名册查询: the unit's persons by standing on the
// query's day, each with the insurance types at the unit (base, from, to).
// Decision: without `status`, every person with an enrollment at the unit.
void si_roster(protocol::OpContext& ctx, protocol::ArgReader& a, protocol::OpResult& r) {
  const std::string unit_code = a.string("unit_code");
  const auto status = a.opt_enumeration("status", {"insured", "stopped", "retired"});
  const PageArgs p = page_args(a);
  const state::Unit& unit = unit_of_scheme(ctx, unit_code, state::Scheme::si);
  const std::optional<Date> day = query_day(ctx);
  state::World& w = ctx.world();
  const auto page = page_of<state::Person>(
      p, [&](const std::string& after, std::size_t n) { return w.persons_of_unit_page(unit.unit_code, after, n); },
      [](const state::Person& x) { return x.id_number; },
      [&](const state::Person& x) { return !status || kStandingText[static_cast<int>(standing_at(x, unit.unit_code, day))] == *status; });
  ojson rows = ojson::array();
  for (const state::Person* person : page.items)
    rows.push_back(si_roster_row(*person, unit.unit_code, standing_at(*person, unit.unit_code, day), day));
  r.result["unit_code"] = unit.unit_code;
  r.result["date"] = text_or_null(day);
  put_page(r, "persons", std::move(rows), page.next);
}

}  // namespace pvd::queries::units
