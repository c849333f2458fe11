// Pension claim operations (rules.md §5; seed 001 §7.1): pension.check_claim
// (a calculator: every fact in the arguments) and pension.claim (a command:
// contribution months and arrears come from the person's records in the
// World; reviewable — Jiangxi lists it in review.ops).
#include "pension/claim.hpp"
#include "pension/ops.hpp"
#include "pension/ops_common.hpp"
#include "provident/id/citizen_id.hpp"
#include "provident/id/mask.hpp"
#include "si/ops_common.hpp"
#include "si/rules/person_rules.hpp"

namespace pvd::pension::ops {

namespace {

/// Decodes the claim's arguments. `from_store`: pension.claim, where the
/// contribution facts may not be given (REQ_BAD_VALUE).
ClaimInput read_claim(ArgReader& a, bool from_store) {
  ClaimInput in;
  in.id_number = a.opt_string("id_number", 32);
  in.birth_date = a.opt_date("birth_date");
  if (in.id_number.has_value() == in.birth_date.has_value()) {
    if (!in.id_number) protocol::throw_missing("args.id_number");
    protocol::throw_bad_value("args.birth_date", "birth_date与id_number只能给出一个", "give either birth_date or id_number, not both");
  }
  if (from_store && !in.id_number) protocol::throw_missing("args.id_number");
  in.category = read_category(a);
  in.work_start = a.date("work_start_date");
  in.retirement_date = a.date("retirement_date");
  {
    ArgReader wy = a.object("work_years");
    const auto years = wy.integer("years", 0, 100);
    const auto months = wy.integer("months", 0, 11);
    wy.finish();
    in.declared_work_months = static_cast<int>(years * 12 + months);
  }
  if (from_store) {
    for (const char* name : {"contribution_months", "contribution_periods", "has_arrears"})
      if (a.raw(name))
        protocol::throw_bad_value(std::string("args.") + name, "缴费记录和欠费情况取自参保人员的记录，不能在请求中给出",
                                  "contributions and arrears come from the person's records and may not be given");
  } else {
    in.contribution_count = a.opt_integer("contribution_months", 0, 100 * 12);
    const bool periods = a.has("contribution_periods");
    a.each_value(
        "contribution_periods",
        [&](const json& v, const std::string& path, std::size_t) { in.contribution_periods.push_back(a.month_period(v, path)); },
        protocol::kMaxClaimEntries, true);
    if (periods == in.contribution_count.has_value()) {
      if (!periods) protocol::throw_missing("args.contribution_months");
      protocol::throw_bad_value("args.contribution_periods", "contribution_months与contribution_periods只能给出一个",
                                "give either contribution_months or contribution_periods, not both");
    }
    in.has_arrears = a.opt_boolean("has_arrears").value_or(false);
  }
  a.each(
      "adjustments",
      [&](ArgReader& e, std::size_t) {
        Adjustment x;
        x.add = e.enumeration("kind", {"add", "reduce"}) == "add";
        x.period = {e.month("from"), e.month("to")};
        e.finish();
        if (month_count(x.period) > protocol::kMaxPeriodMonths)
          protocol::throw_bad_value(e.path(), "时间段超过1200个月的上限", "a period longer than the limit of 1200 months");
        in.adjustments.push_back(x);
      },
      protocol::kMaxClaimEntries, true);
  a.each(
      "special_jobs",
      [&](ArgReader& e, std::size_t) {
        in.special_jobs.push_back({e.date("from"), e.date("to")});
        e.finish();
      },
      protocol::kMaxClaimEntries, true);
  a.each(
      "promotions",
      [&](ArgReader& e, std::size_t) {
        Promotion x;
        x.from = e.date("from");
        x.to = e.opt_date("to");
        e.finish();
        in.promotions.push_back(x);
      },
      protocol::kMaxClaimEntries, true);
  return in;
}

void report_json(const ClaimReport& rep, ojson& out) {
  if (rep.id_number) out["id_number"] = *rep.id_number;
  if (rep.birth_date) out["birth_date"] = rep.birth_date->to_string();
  if (rep.retirement) {
    const Retirement& r = *rep.retirement;
    out["statutory_month"] = r.statutory_month.to_string();
    out["statutory_age"] = {{"years", r.age_years}, {"months", r.age_months}};
    out["original_month"] = r.original_month.to_string();
    out["flexible_window"] = r.flexible_window;
  } else {
    out["statutory_month"] = nullptr;
    out["statutory_age"] = nullptr;
    out["flexible_window"] = nullptr;
  }
  out["earliest_month"] = rep.earliest_month ? ojson(rep.earliest_month->to_string()) : ojson(nullptr);
  out["min_months"] = rep.min_months;
  out["counted_months"] = rep.counted_months;
  out["paid_twice"] = months_json(rep.paid_twice);
  ojson adj = ojson::array();
  for (const auto& o : rep.adjustment_overlaps.pairs)
    adj.push_back({{"a", o.a}, {"b", o.b}, {"months", month_count(o.shared)}, {"from", o.shared.from.to_string()},
                   {"to", o.shared.to.to_string()}});
  out["adjustment_overlaps"] = adj;  // at most kMaxOverlapPairs of them
  out["adjustment_overlap_count"] = rep.adjustment_overlaps.pair_count;
  ojson pro = ojson::array();
  for (const auto& o : rep.promotion_overlaps.pairs) {
    const MonthPeriod touched{o.shared.from.year_month(), o.shared.to.year_month()};
    pro.push_back({{"a", o.a}, {"b", o.b}, {"months", month_count(touched)}, {"days", day_count(o.shared)},
                   {"from", o.shared.from.to_string()}, {"to", o.shared.to.to_string()}});
  }
  out["promotion_overlaps"] = pro;
  out["promotion_overlap_count"] = rep.promotion_overlaps.pair_count;
}

/// 001 7.1 (issue 12). Decision: an approved claim retires the person from the
/// retirement month (the month of retirement_date, the pension's first month; the
/// seeds name no other): pension enrollments end on the day before its first day
/// (si.stopped, reason "retirement", per unit), retired_from is set (si.retired).
void retire(OpContext& ctx, OpResult& r, const state::Person& person, YearMonth from) {
  state::World& w = ctx.world();
  state::Person& p = w.edit(person);
  const auto stops = si::apply_retirement(p, from);
  si::events::Retired retired{.id_number = p.id_number, .retired_from = from};
  for (const auto& s : stops) {
    if (const state::Unit* u = w.unit(s.unit_code)) si::count_change(w, *u);
    retired.pension_ended.push_back({.unit_code = s.unit_code, .stop_date = s.stop});
  }
  // A reviewed direct call only validates (the dispatcher rolls back and files a case).
  if (ctx.applying_case() || !ctx.reviewed("pension.claim")) r.result["retired_from"] = from.to_string();
  for (const auto& s : stops)
    si::emit(r, si::events::Stopped{.unit_code = s.unit_code, .id_number = p.id_number, .types = {"pension"},
                                    .stop_date = s.stop, .reason = "retirement"});
  si::emit(r, retired);
}

}  // namespace

// pension.check_claim — every fact in the arguments (protocol.md §1.4).
void check_claim(OpContext& ctx, ArgReader& a, OpResult& r) {
  const ClaimInput in = read_claim(a, false);
  const ClaimReport rep = pension::check_claim(ctx.policy(), &ctx.trace(), ctx.today(), in, r.violations);
  report_json(rep, r.result);
}

// pension.claim — the person's paid pension months and arrears come from the World.
void claim(OpContext& ctx, ArgReader& a, OpResult& r) {
  // ---- decode
  ClaimInput in = read_claim(a, true);
  Violations& v = r.violations;

  // ---- subjects: the person (looked up by the 18-character form of the number)
  const auto parsed = id::parse_citizen_id(*in.id_number, ctx.today(), true);
  if (!parsed.id) {
    pension::check_claim(ctx.policy(), &ctx.trace(), ctx.today(), in, v);  // reports the ID problems with the rest
    return;
  }
  const state::Person& person = si::known_person(ctx, parsed.id->number, "args.id_number");
  if (!si::check_not_corrected(v, person, "args.id_number")) return;  // issue 18 (1)
  // P: every paid pension month, one period per record (a month paid at two units is
  // paid twice, arithmetic.md §3.7).
  in.periods_from_records = true;
  for (const auto& c : person.contributions)
    if (c.paid && c.type == "pension") in.contribution_periods.push_back({c.month, c.month});
  // 001 7.1.3 (3): 应缴未缴 — the person's arrears at any unit (rules.md §4 Billing).
  in.has_arrears = !si::arrears_of(ctx, person, std::nullopt).empty();

  // ---- rules
  const ClaimReport rep = pension::check_claim(ctx.policy(), &ctx.trace(), ctx.today(), in, v);
  report_json(rep, r.result);
  r.result["has_arrears"] = in.has_arrears;
  // 001 7.1 (decision, issue 12): the claim retires the person from the retirement month,
  // once; pension months from it on must not be billed or paid already.
  const YearMonth from = in.retirement_date.year_month();
  check_not_retired(v, person, "args.id_number");
  si::check_retirement_not_into_billed(v, person, si::flex_verified_months(ctx.world(), person.id_number), from,
                                       "args.retirement_date");
  if (!v.empty()) return;

  // ---- apply, events
  retire(ctx, r, person, from);
}

}  // namespace pvd::pension::ops
