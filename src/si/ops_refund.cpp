// si.refund (issue 18; rules/refund.cpp): months paid and not owed — paid twice, outside an
// enrollment, after retirement, or after a back-dated stop the refund prepares — are returned.
// The paid records leave the person (every reader then sees the months unpaid: arrears,
// stops, certificates) and a refund bill (kind refund, negative items naming the bill each
// month was paid on) records the money returned, for bill.list and the invariants.
#include <algorithm>

#include "provident/id/identifiers.hpp"
#include "si/ops.hpp"
#include "si/ops_common.hpp"

namespace pvd::si::ops {

namespace {

/// The months a refund names, read before its person is looked up (every
/// argument is read, whatever the lookup finds): `months: [{month, type}]`, or
/// `from`/`to` with `types`.
struct RefundRequest {
  std::vector<RefundMonth> listed;
  std::optional<YearMonth> from, to;
  std::optional<std::vector<std::string>> types;
};

RefundRequest read_refund_request(ArgReader& a) {
  RefundRequest out;
  if (a.has("months")) {
    a.each("months", [&](ArgReader& e, std::size_t) {
      RefundMonth rm{.month = e.month("month"), .type = e.enumeration("type", {"pension", "medical", "unemployment",
                                                                               "injury", "maternity"})};
      e.finish();
      out.listed.push_back(std::move(rm));
    });
    if (out.listed.empty()) protocol::throw_bad_value("args.months", "至少列出一个月份", "name at least one month");
    return out;
  }
  out.from = a.month("from");
  out.to = a.month("to");
  if (*out.to < *out.from) protocol::throw_bad_value("args.to", "终止月份早于起始月份", "the end month is before the start month");
  out.types = read_types(a, "types", true);
  return out;
}

/// The months named: the listed ones, or those of `from`–`to` of the types named
/// (default: every type paid at the place in those months).
std::vector<RefundMonth> refund_months(const RefundRequest& q, const state::Person& p, std::string_view unit) {
  if (!q.from) return q.listed;
  std::vector<RefundMonth> out;
  for (YearMonth m = *q.from; m <= *q.to; ++m)
    for (auto t : kTypes) {
      const std::string type(t);
      const bool named = q.types ? std::find(q.types->begin(), q.types->end(), type) != q.types->end()
                                 : std::any_of(p.contributions.begin(), p.contributions.end(), [&](const auto& c) {
                                     return c.unit_code == unit && c.type == type && c.month == m && c.paid;
                                   });
      if (named) out.push_back({m, type});
    }
  if (out.empty()) protocol::throw_bad_value("args.from", "该期间没有已缴费的月份", "no paid month in that period");
  return out;
}

/// The person's refund bills (SI_REFUND_ALREADY_REFUNDED).
std::vector<const state::Bill*> refund_bills(state::World& w, const std::string& id_number) {
  std::vector<const state::Bill*> out;
  for (const state::Bill* b : w.bills_of_person(id_number))
    if (b->scheme == state::Scheme::si && b->kind == state::BillKind::refund) out.push_back(b);
  return out;
}

}  // namespace

// si.refund {unit_code?, id_number, months: [{month, type}] | from, to, types?, reason, stop_date?}.
void refund(OpContext& ctx, ArgReader& a, OpResult& r) {
  // ---- decode
  const auto unit_code = a.opt_string("unit_code");
  const std::string id_text = a.string("id_number", 64);
  const std::string reason = a.string("reason", 200);
  const auto stop_date = a.opt_date("stop_date");
  const RefundRequest asked = read_refund_request(a);
  if (stop_date && !unit_code)
    protocol::throw_bad_value("args.stop_date", "停保日期仅适用于单位参保", "a stop date applies to a unit's enrollment only");

  // ---- subjects
  if (unit_code) si_unit(ctx, *unit_code, "args.unit_code");
  const std::string unit = unit_code.value_or("");
  Violations& v = r.violations;
  const state::Person* person = person_by_id(ctx, v, id_text, "args.id_number");
  if (!person) return;
  const std::vector<RefundMonth> months = refund_months(asked, *person, unit);
  state::World& w = ctx.world();
  const std::vector<const state::Bill*> refunds = refund_bills(w, person->id_number);

  // ---- rules
  if (id::name_is_blank(reason)) v.add(code::CHANGE_REASON_REQUIRED, "args.reason");
  check_refund_stop_date(v, stop_date, ctx.today(), "args.stop_date");
  check_refund_months_once(v, months, "args.months");
  std::vector<std::size_t> records;
  for (std::size_t i = 0; i < months.size(); ++i) {
    const std::string field = a.has("months") ? "args.months[" + std::to_string(i) + "]" : std::string("args.from");
    if (auto k = check_refund_month(v, *person, unit, months[i], stop_date, refunds, field)) records.push_back(*k);
  }
  if (!v.empty()) return;

  // ---- apply: the refund bill, then the records leave the person
  state::Bill bill{.bill_id = w.new_id(state::IdKind::bill), .scheme = state::Scheme::si, .unit_code = unit_code,
                   .id_number = person->id_number, .kind = state::BillKind::refund,
                   .status = state::BillStatus::paid, .created_on = ctx.effect_time().date(),
                   .paid_on = ctx.effect_time().date()};
  events::Refunded ev{.bill_id = bill.bill_id, .unit_code = unit_code, .id_number = person->id_number, .reason = reason};
  ojson items = ojson::array();
  for (std::size_t k : records) {
    const state::Contribution& c = person->contributions[k];
    bill.items.push_back({.id_number = person->id_number, .type = c.type, .month = c.month, .employer = -c.employer,
                          .employee = -c.employee, .base = c.base, .refunds = c.bill_id});
    bill.principal -= c.employer + c.employee;
    ev.months.emplace_back(c.month, c.type);
    items.push_back({{"month", c.month.to_string()}, {"type", c.type}, {"base", c.base.to_string()},
                     {"employer", c.employer.to_string()}, {"employee", c.employee.to_string()},
                     {"paid_on_bill", c.bill_id ? ojson(*c.bill_id) : ojson(nullptr)}});
  }
  bill.amount_due = bill.principal;
  ev.amount = -bill.principal;
  std::sort(records.rbegin(), records.rend());
  state::Person& p = w.edit(*person);
  for (std::size_t k : records) p.contributions.erase(p.contributions.begin() + static_cast<std::ptrdiff_t>(k));
  r.result["bill_id"] = bill.bill_id;
  r.result["items"] = std::move(items);
  r.result["amount"] = ev.amount.to_string();

  // ---- events
  emit(r, ev);
  w.add(std::move(bill));
}

}  // namespace pvd::si::ops
