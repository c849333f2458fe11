// pension.certificate (退休证明): the retirement of a person whose pension
// claim (001 7.1) was approved — from Person.retired_from and the approved
// pension.claim case, whose claim report is recomputed as the approval made it.
#include "pension/claim.hpp"
#include "pension/ops_common.hpp"
#include "provident/id/citizen_id.hpp"
#include "provident/id/mask.hpp"
#include "queries/certificates.hpp"
#include "queries/paging.hpp"

namespace pvd::queries::certificates {

namespace {

[[noreturn]] void no_approved_claim(const std::string& id_number) {
  protocol::throw_not_found("args.id_number", "已批准的养老金申领", "approved pension claim", id::mask_id_number(id_number));
}

std::optional<LocalDateTime> approved_at(const state::Case& c) {
  for (const auto& h : c.history)
    if (h.status == state::CaseStatus::approved) return h.as_of;
  return std::nullopt;
}

/// Whether an approved pension.claim case claims for this person (its
/// id_number as given, 15 or 18 characters).
bool approved_claim_of(const state::Case& c, const std::string& id_number) {
  if (c.op != "pension.claim" || c.status != state::CaseStatus::approved) return false;
  const auto it = c.args.find("id_number");
  if (it == c.args.end() || !it->is_string()) return false;
  const std::string given = it->get<std::string>();
  if (given == id_number) return true;
  const auto at = approved_at(c);
  const auto parsed = id::parse_citizen_id(given, at ? at->date() : Date::of(9999, 12, 31), true);
  return parsed.id && parsed.id->number == id_number;
}

/// The approved claim: the cases are read a page at a time, up to the first
/// approved pension.claim of the person. Decision: a person retires once
/// (PENSION_ALREADY_RETIRED), so there is at most one.
const state::Case& approved_claim(state::World& w, const std::string& id_number) {
  const auto got = page_of<state::Case>(
      PageArgs{"", 1}, [&](const std::string& after, std::size_t n) { return w.cases_page("", after, n); },
      [](const state::Case& c) { return c.case_id; }, [&](const state::Case& c) { return approved_claim_of(c, id_number); });
  if (got.items.empty()) no_approved_claim(id_number);
  return *got.items.front();
}

/// The claim's input as the approval read it: the case's arguments (validated
/// when it was submitted) and the person's paid pension months.
pension::ClaimInput claim_input(const state::Case& c, const state::Person& p) {
  protocol::ArgReader a(&c.args, "case.args");
  pension::ClaimInput in;
  pension::use_recorded_identity(in, p);
  in.category = pension::read_category(a);
  in.work_start = a.date("work_start_date");
  in.retirement_date = a.date("retirement_date");
  ArgReader wy = a.object("work_years");
  in.declared_work_months = static_cast<int>(wy.integer("years", 0, 100) * 12 + wy.integer("months", 0, 11));
  a.each(
      "adjustments",
      [&](ArgReader& e, std::size_t) {
        in.adjustments.push_back({e.enumeration("kind", {"add", "reduce"}) == "add", {e.month("from"), e.month("to")}});
      },
      protocol::kMaxClaimEntries, true);
  in.periods_from_records = true;
  for (const auto& x : p.contributions)
    if (x.paid && x.type == "pension") in.contribution_periods.push_back({x.month, x.month});
  return in;
}

}  // namespace

// pension.certificate {id_number} — 退休证明 (001 7.1, 001 7.1.3): the person,
// the retirement (retired_from, category, statutory age and month), the
// contribution months counted and the approved claim (case id, approval date).
// Before an approved claim: REQ_NOT_FOUND naming args.id_number.
void pension_certificate(OpContext& ctx, ArgReader& a, OpResult& r) {
  const state::Person& p = person_named(ctx, a.string("id_number", 32));
  if (!p.retired_from) no_approved_claim(p.id_number);
  const state::Case& c = approved_claim(ctx.world(), p.id_number);
  if (c.profile) ctx.use_profile(*c.profile);
  const pension::ClaimInput in = claim_input(c, p);
  const auto at = approved_at(c);
  const LocalDateTime approved = at ? *at : ctx.effect_time();  // a case.approve always records its time
  Violations ignored;  // the claim was approved: its rules held then
  const pension::ClaimReport rep = pension::check_claim(ctx.policy(), nullptr, approved.date(), in, ignored);
  ojson age = nullptr, statutory = nullptr;
  if (rep.retirement) {
    age = {{"years", rep.retirement->age_years}, {"months", rep.retirement->age_months}};
    statutory = rep.retirement->statutory_month.to_string();
  }
  r.result = {{"id_number", p.id_number}, {"name", p.name}, {"birth_date", text_or_null(rep.birth_date)},
              {"category", std::string(pension::to_string(in.category))},
              {"work_start_date", in.work_start.to_string()}, {"retirement_date", in.retirement_date.to_string()},
              {"retired_from", p.retired_from->to_string()}, {"statutory_age", age}, {"statutory_month", statutory},
              {"counted_months", rep.counted_months}, {"min_months", rep.min_months}, {"case_id", c.case_id},
              {"submitted_on", c.submitted_as_of ? ojson(c.submitted_as_of->date().to_string()) : ojson(nullptr)},
              {"approved_on", approved.date().to_string()}};
}

}  // namespace pvd::queries::certificates
