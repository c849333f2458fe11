// Rule: which contribution rates an employer may set, and when a rate change may be made
// Source: HPF Regs Art. 18; 建金管〔2005〕5号; 003 7
// Codes: HPF_RATE_OUT_OF_RANGE, HPF_RATE_NOT_WHOLE_PERCENT, HPF_RATE_EMPLOYEE_BELOW_EMPLOYER, HPF_RATE_CHANGE_PENDING
// Policy: hpf.rate.min, hpf.rate.max, hpf.rate.whole_percent, hpf.rate.employee_not_below_employer
//
// HPF Regs Art. 18 (employer and employee rates not below 5%; 建金管〔2005〕5号: not above 12%): each
// rate lies within [hpf.rate.min, hpf.rate.max]; the city flags hpf.rate.whole_percent (whole
// percentages) and hpf.rate.employee_not_below_employer (Guangzhou) add their own refusals; all
// read on the day of the request.
// 003 7 (缴存比例调整): 「后台审核通过后办理状态为已复核 … 基数调整后比例调整才会生效 … 显示办理状态为已使用」
// — a change is submitted, approved (已复核), then used by the next base adjustment; while one is
// submitted or approved but not used, another is refused. Decision: an approved change is used by
// the first base adjustment whose effective month is not before the change's own effective month
// (when it names one).
#include "hpf/rules/contribution_rates.hpp"
#include "json/args.hpp"
#include "provident/rules/codes.hpp"

namespace pvd::hpf::rules {

using policy::Key;

std::string percent_text(const Rate& r) {
  const Rate pct = r.times(100);
  return pct.to_string() + "%";
}

// HPF Regs Art. 18 (5% floor; 建金管〔2005〕5号 12% ceiling) and the city flags
// hpf.rate.whole_percent, hpf.rate.employee_not_below_employer (Guangzhou).
bool check_rates(Violations& v, const Policy& p, Trace* t, Date on, const Rate& er, const Rate& ee, const std::string& er_field,
                 const std::string& ee_field) {
  const Rate& lo = p.get<Rate>(Key::hpf_rate_min, on, t);
  const Rate& hi = p.get<Rate>(Key::hpf_rate_max, on, t);
  const bool whole = p.get<bool>(Key::hpf_rate_whole_percent, on, t);
  const bool ordered = p.get<bool>(Key::hpf_rate_employee_not_below_employer, on, t);
  bool ok = true;
  for (const auto& [rate, field] : {std::pair<const Rate&, const std::string&>{er, er_field}, {ee, ee_field}}) {
    if (rate < lo || hi < rate) {
      v.add(code::HPF_RATE_OUT_OF_RANGE, field, {{"min", percent_text(lo)}, {"max", percent_text(hi)}});
      ok = false;
    }
    if (whole && !rate.is_whole_percent()) {
      v.add(code::HPF_RATE_NOT_WHOLE_PERCENT, field);
      ok = false;
    }
  }
  if (ordered && ee < er) {
    v.add(code::HPF_RATE_EMPLOYEE_BELOW_EMPLOYER, ee_field);
    ok = false;
  }
  return ok;
}

// 003 7: 「基数调整后比例调整才会生效」 — one change waits for its base adjustment at a time.
bool check_no_rate_change_pending(Violations& v, bool pending, const std::string& field) {
  if (!pending) return true;
  v.add(code::HPF_RATE_CHANGE_PENDING, field);
  return false;
}

// 003 7: 「基数调整后比例调整才会生效 … 显示办理状态为已使用」.
bool rate_change_waiting(const state::Unit& u) {
  return u.rate_change && u.rate_change->state != state::RateChangeState::used;
}

namespace {

/// A month or rate argument of a case as submitted (validated then), or nullopt.
template <class T, class Decode>
std::optional<T> case_arg(const protocol::json& args, const char* name, Decode decode) {
  const auto it = args.find(name);
  if (it == args.end() || it->is_null()) return std::nullopt;
  try {
    return decode(*it, name);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace

std::optional<state::RateChange> rate_change_asked(const state::Case& c) {
  const auto er = case_arg<Rate>(c.args, "employer_rate", protocol::decode_rate);
  const auto ee = case_arg<Rate>(c.args, "employee_rate", protocol::decode_rate);
  if (c.op != "hpf.unit.adjust_rate" || !er || !ee) return std::nullopt;
  return state::RateChange{.employer_rate = *er,
                           .employee_rate = *ee,
                           .effective_month = case_arg<YearMonth>(c.args, "effective_month", protocol::decode_month),
                           .state = state::RateChangeState::submitted,
                           .case_id = c.case_id};
}

const state::Case* case_of_rate_change(const std::vector<const state::Case*>& cases, const state::RateChange& change) {
  const state::Case* found = nullptr;
  for (const state::Case* c : cases)
    if (c->status == state::CaseStatus::approved && !c->used_on)
      if (const auto asked = rate_change_asked(*c); asked && asked->employer_rate == change.employer_rate &&
                                                    asked->employee_rate == change.employee_rate &&
                                                    asked->effective_month == change.effective_month)
        found = c;
  return found;
}

bool rate_change_due(const state::Unit& u, YearMonth effective) {
  return u.rate_change && u.rate_change->state == state::RateChangeState::approved &&
         (!u.rate_change->effective_month || !(effective < *u.rate_change->effective_month));
}

}  // namespace pvd::hpf::rules
