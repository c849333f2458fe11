// A person's SI certificates: si.person.certificate (个人参保证明) and
// si.person.contributions (缴费明细), from the person's enrollments and
// contribution records (state.md §2) and, for arrears, the billing rules.
#include <algorithm>
#include <map>

#include "provident/rules/codes.hpp"
#include "queries/certificates.hpp"
#include "si/contribution.hpp"
#include "si/ops_common.hpp"
#include "si/wage_items.hpp"

namespace pvd::queries::certificates {

namespace {

struct YearCount {
  std::int64_t paid = 0, unpaid = 0;
};

/// The enrollments of one type, as spans (unit, from, to) in their order.
ojson spans_of(const state::Person& p, std::string_view type) {
  ojson spans = ojson::array();
  for (const auto& e : p.enrollments)
    if (e.type == type)
      spans.push_back({{"unit_code", e.unit_code}, {"from", e.from.to_string()}, {"to", text_or_null(e.to)}});
  return spans;
}

/// The type's open enrollment (the latest one when several units insure the
/// person); nullptr when the person is not insured for it now.
const state::Enrollment* current_enrollment(const state::Person& p, std::string_view type) {
  const state::Enrollment* open = nullptr;
  for (const auto& e : p.enrollments)
    if (e.type == type && !e.to && (!open || open->from < e.from)) open = &e;
  return open;
}

/// Its base; null when the person is not insured for the type now.
ojson current_base(const state::Person& p, std::string_view type) {
  const state::Enrollment* open = current_enrollment(p, type);
  return open ? ojson(open->base.to_string()) : ojson(nullptr);
}


/// Contribution records of one type counted per year: paid and not (yet) paid.
ojson years_of(const state::Person& p, std::string_view type) {
  std::map<int, YearCount> years;
  for (const auto& c : p.contributions)
    if (c.type == type) ++(c.paid ? years[c.month.year()].paid : years[c.month.year()].unpaid);
  ojson out = ojson::array();
  for (const auto& [year, n] : years) out.push_back({{"year", year}, {"paid", n.paid}, {"unpaid", n.unpaid}});
  return out;
}

/// The type's entry: spans, current base (with an institution's items, issue 18) and years.
ojson type_json(const state::Person& p, std::string_view t) {
  ojson x = {{"type", std::string(t)}, {"spans", spans_of(p, t)}, {"current_base", current_base(p, t)}};
  if (const state::Enrollment* open = current_enrollment(p, t); open && !open->wage_items.empty())
    x["current_wage_items"] = si::wage_items_json(open->wage_items);
  x["years"] = years_of(p, t);
  return x;
}

bool has_records(const state::Person& p, std::string_view type) {
  return std::any_of(p.enrollments.begin(), p.enrollments.end(), [&](const auto& e) { return e.type == type; }) ||
         std::any_of(p.contributions.begin(), p.contributions.end(), [&](const auto& c) { return c.type == type; });
}

const state::Contribution* record_of(const state::Person& p, const si::ArrearsMonth& m) {
  for (const auto& c : p.contributions)
    if (!c.paid && c.unit_code == m.unit_code && c.type == m.type && c.month == m.month) return &c;
  return nullptr;
}

/// Arrears on the request's date (rules.md §4 Billing): each month owed and
/// unpaid, with the amount its record charges (null: not billed yet).
ojson arrears_json(OpContext& ctx, const state::Person& p) {
  ojson months = ojson::array();
  Money total;
  for (const auto& m : si::arrears_of(ctx, p, std::nullopt)) {
    const state::Contribution* c = m.recorded ? record_of(p, m) : nullptr;
    if (c) total += c->employer + c->employee;
    months.push_back({{"unit_code", m.unit_code}, {"type", m.type}, {"month", m.month.to_string()},
                      {"amount", c ? ojson((c->employer + c->employee).to_string()) : ojson(nullptr)}});
  }
  return {{"months", months}, {"total", total.to_string()}};
}

ojson contribution_json(const state::Contribution& c) {
  const bool flexible = c.unit_code.empty();
  return {{"month", c.month.to_string()}, {"type", c.type},
          {"unit_code", flexible ? ojson(nullptr) : ojson(c.unit_code)},
          {"paid_by", flexible ? "person" : "unit"}, {"base", c.base.to_string()},
          {"employer", c.employer.to_string()}, {"employee", c.employee.to_string()},
          {"total", (c.employer + c.employee).to_string()}, {"bill_id", c.bill_id ? ojson(*c.bill_id) : ojson(nullptr)},
          {"paid", c.paid}};
}

std::size_t type_rank(std::string_view t) {
  return static_cast<std::size_t>(std::find(si::kTypes.begin(), si::kTypes.end(), t) - si::kTypes.begin());
}

}  // namespace

// si.person.certificate {id_number} — 个人参保证明 (001 7.2; 004 §2.1.1): per
// insurance type the spans, months paid and unpaid per year and the current
// base; the arrears on the request's date (null without as_of, docs/queries.md §1.1).
void person_certificate(OpContext& ctx, ArgReader& a, OpResult& r) {
  const state::Person& p = person_named(ctx, a.string("id_number", 32));
  ojson types = ojson::array();
  for (std::string_view t : si::kTypes) {
    if (!has_records(p, t)) continue;
    types.push_back(type_json(p, t));
  }
  r.result = {{"id_number", p.id_number}, {"name", p.name},
              {"category", p.category ? ojson(*p.category) : ojson(nullptr)},
              {"work_start_date", text_or_null(p.work_start_date)}, {"retired_from", text_or_null(p.retired_from)},
              {"types", types}, {"arrears", ctx.has_as_of() ? arrears_json(ctx, p) : ojson(nullptr)}};
}

// si.person.contributions {id_number, from?, to?} — 缴费明细 (004 §2.5.5 for
// the flexible months): every contribution record whose month is in
// [from, to], by month then type, with who paid (the unit, or the person as a
// flexible worker: a record without a unit, billed on a V… verification).
// Decision: not paged — a person has at most five records a month, and the
// period is bounded to 1,200 months like hpf.account.statement.
void person_contributions(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string id_number = a.string("id_number", 32);
  const std::optional<YearMonth> from = a.opt_month("from"), to = a.opt_month("to");
  if (from && to && *to < *from) {
    r.violations.add(code::PERIOD_INVERTED, "args.from");
    return;
  }
  if (from && to && *to - *from >= protocol::kMaxPeriodMonths)
    protocol::throw_bad_value("args.to", "时间段超过1200个月的上限", "a period longer than the limit of 1200 months");
  const state::Person& p = person_named(ctx, id_number);
  std::vector<const state::Contribution*> rows;
  for (const auto& c : p.contributions)
    if ((!from || !(c.month < *from)) && (!to || !(*to < c.month))) rows.push_back(&c);
  std::stable_sort(rows.begin(), rows.end(), [](const auto* x, const auto* y) {
    return x->month != y->month ? x->month < y->month : type_rank(x->type) < type_rank(y->type);
  });
  ojson months = ojson::array();
  Money employer, employee;
  for (const auto* c : rows) {
    employer += c->employer;
    employee += c->employee;
    months.push_back(contribution_json(*c));
  }
  r.result = {{"id_number", p.id_number}, {"name", p.name}, {"from", text_or_null(from)}, {"to", text_or_null(to)},
              {"contributions", months}, {"employer", employer.to_string()}, {"employee", employee.to_string()},
              {"total", (employer + employee).to_string()}};
}

}  // namespace pvd::queries::certificates
