// The unit queries (docs/queries.md §3): the unit information screens
// (hpf.unit.get, si.unit.get) here, the rosters in units_roster.cpp.
#include "queries/units.hpp"

#include <algorithm>

#include "hpf/rules/contribution_rates.hpp"
#include "provident/id/identifiers.hpp"

namespace pvd::queries {

using protocol::ojson;

namespace units {

const state::Unit& unit_of_scheme(protocol::OpContext& ctx, const std::string& unit_code, state::Scheme scheme) {
  const state::Unit* u = ctx.world().unit(unit_code);
  // Decision: a unit of the other scheme is not found (as every operation of
  // the scheme answers): the two halls do not see each other's units.
  if (!u || u->scheme != scheme) {
    if (scheme == state::Scheme::hpf) protocol::throw_not_found("args.unit_code", "公积金缴存单位", "provident fund unit", unit_code);
    protocol::throw_not_found("args.unit_code", "社保参保单位", "SI unit", unit_code);
  }
  if (!u->profile.empty()) ctx.use_profile(u->profile);
  return *u;
}

std::optional<Date> query_day(const protocol::OpContext& ctx) {
  return ctx.has_as_of() ? std::optional(ctx.today()) : std::nullopt;
}

}  // namespace units

namespace {

using units::text_or_null;

/// The identity both screens open with (state.md §2 Unit).
ojson identity_json(const state::Unit& u) {
  ojson o = protocol::object_with_room(24);
  o["unit_code"] = u.unit_code;
  o["name"] = u.name;
  o["credit_code"] = u.credit_code;
  o["scheme"] = state::to_text(u.scheme);
  o["kind"] = state::to_text(u.kind);
  o["profile"] = u.profile;
  o["status"] = state::to_text(u.status);
  return o;
}

/// The unit's arrears: its open bills (a unit has tens of bills), with the
/// amounts due as billed. Decision: the late fee of an open SI bill to the
/// day is bill.get's (docs/queries.md §2); here the figures are the bills'.
ojson arrears_json(protocol::OpContext& ctx, const state::Unit& u) {
  Money due;
  ojson ids = ojson::array();
  for (const state::Bill* b : ctx.world().bills_of_unit(u.unit_code)) {
    if (b->status != state::BillStatus::open) continue;
    due += b->amount_due;
    ids.push_back(b->bill_id);
  }
  const auto count = ids.size();
  return {{"amount_due", due.to_string()}, {"bills", count}, {"bill_ids", std::move(ids)}};
}

/// A submitted hpf.unit.adjust_rate case of the unit (at most one: 003 7).
std::optional<state::RateChange> submitted_rate_change(protocol::OpContext& ctx, const state::Unit& u) {
  for (const state::Case* c : ctx.world().cases_of_unit(u.unit_code))
    if (c->status == state::CaseStatus::submitted)
      if (auto asked = hpf::rules::rate_change_asked(*c)) return asked;
  return std::nullopt;
}

/// The unit's rate change (003 7) with its state: submitted (a case awaiting
/// review), approved (已复核) or used (已使用), and its case — recorded once
/// used, found among the unit's cases before. Decision: a submitted case is
/// shown before a used change it will replace.
ojson rate_change_json(protocol::OpContext& ctx, const state::Unit& u) {
  std::optional<state::RateChange> change = u.rate_change;
  if (!change || change->state == state::RateChangeState::used)
    if (auto submitted = submitted_rate_change(ctx, u)) change = std::move(submitted);
  if (!change) return nullptr;
  const state::RateChange& c = *change;
  std::optional<std::string> case_id = c.case_id;
  if (c.state == state::RateChangeState::approved)
    if (const state::Case* k = hpf::rules::case_of_rate_change(ctx.world().cases_of_unit(u.unit_code), c)) case_id = k->case_id;
  return {{"employer_rate", c.employer_rate.to_string()}, {"employee_rate", c.employee_rate.to_string()},
          {"effective_month", text_or_null(c.effective_month)}, {"state", state::to_text(c.state)},
          {"used_in", text_or_null(c.used_in)}, {"used_on", text_or_null(c.used_on)},
          {"case_id", case_id ? ojson(*case_id) : ojson(nullptr)}};
}

std::optional<YearMonth> last_verified(const state::Unit& u) {
  if (u.verified_months.empty()) return std::nullopt;
  return *std::max_element(u.verified_months.begin(), u.verified_months.end());
}

// hpf.unit.get {unit_code} — the employer hall's unit screen: what 003 5 shows
// (the suspense balance, the months verified, the open bill) and 003 7 (the
// rate change's state: 已复核, 已使用).
void hpf_unit_get(protocol::OpContext& ctx, protocol::ArgReader& a, protocol::OpResult& r) {
  const state::Unit& u = units::unit_of_scheme(ctx, a.string("unit_code"), state::Scheme::hpf);
  ojson o = identity_json(u);
  o["bank"] = u.bank ? ojson(*u.bank) : ojson(nullptr);
  o["employer_rate"] = text_or_null(u.employer_rate);
  o["employee_rate"] = text_or_null(u.employee_rate);
  o["first_month"] = text_or_null(u.first_month);
  o["last_verified_month"] = text_or_null(last_verified(u));
  o["suspense_balance"] = u.suspense_balance.to_string();
  o["rate_change"] = rate_change_json(ctx, u);
  o["arrears"] = arrears_json(ctx, u);
  r.result = std::move(o);
}

// si.unit.get {unit_code} — 001 6.1 (单位基本信息查询), with 001 5.1 注意 a (the
// login name) and what 004 《有变动结算操作指南》 and 《无变动结算操作指南》 need
// (the settlement period, the changes since the last settlement).
void si_unit_get(protocol::OpContext& ctx, protocol::ArgReader& a, protocol::OpResult& r) {
  const state::Unit& u = units::unit_of_scheme(ctx, a.string("unit_code"), state::Scheme::si);
  ojson o = identity_json(u);
  const auto login = id::si_unit_login_name(u.unit_code);
  o["login_name"] = login ? ojson(*login) : ojson(nullptr);
  o["settlement_period"] = text_or_null(u.settlement_period);
  o["last_settled_period"] = text_or_null(u.last_settled_period);
  o["changes_since_settlement"] = u.changes_since_settlement;
  o["suspense_balance"] = u.suspense_balance.to_string();
  o["arrears"] = arrears_json(ctx, u);
  r.result = std::move(o);
}

}  // namespace

void register_unit_queries(protocol::Registry& reg) {
  using protocol::OpKind;
  reg.add_all({{"hpf.unit.get", OpKind::query, hpf_unit_get, "An HPF unit's information: rates, rate change, suspense, arrears"},
               {"si.unit.get", OpKind::query, si_unit_get, "An SI unit's information: settlement period, changes, arrears"},
               {"hpf.unit.roster", OpKind::query, units::hpf_roster, "The unit's accounts, paged (003 8)"},
               {"si.unit.roster", OpKind::query, units::si_roster, "The unit's persons by status, paged (001 6.2, 6.3)"}});
}

}  // namespace pvd::queries
