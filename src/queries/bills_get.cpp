// bill.get (docs/queries.md §2): one bill with its items, and for an open SI
// bill the amount si.pay would charge on the request's date (SI Law Art. 86).
#include "queries/bills_common.hpp"
#include "queries/queries.hpp"
#include "si/ops_common.hpp"  // put_totals: si.pay's principal, late_fee, total
#include "si/rules/rules.hpp"  // late_fees_to: si.pay's late fees to a paid date

namespace pvd::queries {

using protocol::ojson;

namespace {

template <class T>
ojson text_or_null(const std::optional<T>& x) {
  return x ? ojson(x->to_string()) : ojson(nullptr);
}

ojson string_or_null(const std::optional<std::string>& x) { return x ? ojson(*x) : ojson(nullptr); }

ojson item_json(const state::BillItem& i) {
  ojson x = protocol::object_with_room(12);
  x["account_no"] = string_or_null(i.account_no);
  x["id_number"] = string_or_null(i.id_number);
  x["type"] = string_or_null(i.type);
  x["month"] = i.month.to_string();
  x["kind"] = i.kind ? ojson(std::string(state::to_text(*i.kind))) : ojson(nullptr);
  x["base"] = text_or_null(i.base);
  x["employer"] = i.employer.to_string();
  x["employee"] = i.employee.to_string();
  x["late_fee"] = i.late_fee.to_string();
  // A flexible worker's month: the 20% split into the pooled and personal parts.
  if (i.pool) x["pool"] = i.pool->to_string();
  if (i.personal) x["personal"] = i.personal->to_string();
  // A refund's month (issue 18): the bill whose payment it returns.
  if (i.refunds) x["refunds"] = *i.refunds;
  return x;
}

/// SI Law Art. 86 (as si.pay, src/si/ops_pay.cpp): the late fees of the bill's
/// items recomputed to the request's date under the unit's profile, and the
/// principal, late_fee and total to pay that day.
ojson to_pay_today(protocol::OpContext& ctx, const state::Bill& b) {
  if (b.unit_code)
    if (const state::Unit* u = ctx.world().unit(*b.unit_code); u && u->scheme == state::Scheme::si) ctx.use_profile(u->profile);
  const Date today = ctx.today();
  const std::vector<Money> fees = si::late_fees_to(ctx.policy(), &ctx.trace(), b, today);
  ojson items = ojson::array();
  Money late_fee;
  for (std::size_t k = 0; k < b.items.size(); ++k) {
    const state::BillItem& i = b.items[k];
    late_fee += fees[k];
    items.push_back({{"id_number", string_or_null(i.id_number)}, {"month", i.month.to_string()},
                     {"type", string_or_null(i.type)}, {"late_fee", fees[k].to_string()}});
  }
  ojson t = protocol::object_with_room(5);
  t["date"] = today.to_string();
  t["items"] = std::move(items);
  si::put_totals(ctx, t, b.principal, late_fee, "items");
  return t;
}

}  // namespace

ojson bill_summary(const state::Bill& b) {
  ojson x = protocol::object_with_room(16);
  x["bill_id"] = b.bill_id;
  x["scheme"] = b.scheme;
  x["kind"] = b.kind;
  x["unit_code"] = string_or_null(b.unit_code);
  x["id_number"] = string_or_null(b.id_number);
  x["period"] = text_or_null(b.period);
  x["status"] = b.status;
  x["principal"] = b.principal.to_string();
  x["late_fee"] = b.late_fee.to_string();
  x["suspense_used"] = b.suspense_used.to_string();
  x["amount_due"] = b.amount_due.to_string();
  x["created_on"] = b.created_on.to_string();
  x["due_date"] = text_or_null(b.due_date);
  x["paid_on"] = text_or_null(b.paid_on);
  return x;
}

// bill.get {bill_id} — 003 5, 003 6 (a 核定单 reopened), 004 《有变动结算操作指南》 (the
// unit's 缴费通知单), 004 §2.5.5 (a verification): the bill, its items and, for
// an open SI bill asked with an as_of, `to_pay_today`.
void bill_get(protocol::OpContext& ctx, protocol::ArgReader& a, protocol::OpResult& r) {
  const std::string id = a.string("bill_id", 64);
  const state::Bill* b = ctx.world().bill(id);
  if (!b) protocol::throw_not_found("args.bill_id", "缴费单据", "bill", id);
  r.result = bill_summary(*b);
  ojson items = ojson::array();
  for (const auto& i : b->items) items.push_back(item_json(i));
  r.result["items"] = std::move(items);
  // Decision: only an open SI bill has an amount to pay that changes by the
  // day; an HPF bill's amount_due does not, and a query without as_of has no day.
  if (b->scheme == state::Scheme::si && b->status == state::BillStatus::open && ctx.has_as_of())
    r.result["to_pay_today"] = to_pay_today(ctx, *b);
}

}  // namespace pvd::queries
