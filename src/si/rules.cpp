#include "si/rules.hpp"

#include <algorithm>

#include "si/billing.hpp"
#include "si/contribution.hpp"
#include "si/ops_common.hpp"

namespace pvd::si {

using policy::Key;

void add(Violations& v, std::string_view code, const At& at, std::initializer_list<MessageParam> params) {
  Violation x = violation(code, at.field, params);
  x.row = at.row;
  v.add(std::move(x));
}

MessageParam type_zh_param(std::string_view type) { return MessageParam("type_zh", type_zh(type)); }
MessageParam type_en_param(std::string_view type) { return MessageParam("type_en", std::string(type)); }

// ------------------------------------------------------------------ units

void check_unit_code(Violations& v, std::string_view code, const At& at) {
  // 001 5.1 注意 a: "单位编号为10位数的需在单位编号后加00 … 单位编号为12位数的则用户名为单位编号".
  const bool digits = std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits || (code.size() != 10 && code.size() != 12)) add(v, "SI_UNIT_CODE_INVALID", at);
}

void check_unit_active(Violations& v, const state::Unit& u, const At& at) {
  // 004 §2.1.1 办理条件 (1) 单位状态必需为登记在册; (3) 所在单位的参保状态应为正常参保状态.
  if (u.status != "active") add(v, "SI_UNIT_NOT_ACTIVE", at);
}

// ------------------------------------------------------------------ enrollment

std::string_view to_string(Classification c) noexcept {
  switch (c) {
    case Classification::new_registration: return "new_registration";
    case Classification::new_enrollment: return "new_enrollment";
    case Classification::continuation: return "continuation";
    case Classification::transfer: return "transfer";
    case Classification::add_type: return "add_type";
  }
  return "?";
}

Classification classify(const state::Person* p, std::string_view unit, std::span<const std::string> types) {
  // 004 §2.1.1 第一步: 参保登记 / 续保 / 单位间转移 / 险种新增; 001 7.2.1: 新登记 / 新参保 / 续保.
  if (!p) return Classification::new_registration;
  for (const auto& t : types)
    if (!active_units_for(*p, t, unit).empty()) return Classification::transfer;
  if (active_anywhere_at(*p, unit)) return Classification::add_type;
  for (const auto& t : types)
    if (insured_before(*p, t)) return Classification::continuation;
  return Classification::new_enrollment;
}

void check_not_enrolled_here(Violations& v, const state::Person& p, std::string_view unit,
                             std::span<const std::string> types, const At& at) {
  // 004 §2.1.1 办理条件 (2): "登记人员尚未在系统内参保或者在不在本单位参保".
  for (const auto& t : types)
    if (active_at(p, unit, t)) add(v, "SI_ALREADY_ENROLLED", at, {type_zh_param(t), type_en_param(t)});
}

void check_enroll_after_work_start(Violations& v, Date enroll, Date work_start, const At& at) {
  // 004 §2.1.1 重点项目说明 (2): "本次参保时间必须晚于参加工作日期" (strictly later: decision
  // on the word 晚于; the same day is refused).
  if (!(work_start < enroll)) add(v, "SI_ENROLL_BEFORE_WORK_START", at);
}

void check_key_data_matches(Violations& v, const state::Person& p, std::string_view name, Date work_start,
                            const At& at_name, const At& at_work_start) {
  // 004 §2.1.1: the system looks the person up by ID number and keeps one record of them;
  // §2.2 关键信息变更 is where a name or work start date changes — not an enrollment.
  if (!p.name.empty() && p.name != name)
    add(v, "SI_KEY_DATA_MISMATCH", at_name, {{"what", "姓名", "name"}});
  if (p.work_start_date && *p.work_start_date != work_start)
    add(v, "SI_KEY_DATA_MISMATCH", at_work_start, {{"what", "参加工作日期", "work start date"}});
}

void check_not_retired_for(Violations& v, const state::Person& p, std::span<const std::string> types, const At& at) {
  // 001 7.1. Decision: after an approved pension claim no pension is enrolled — re-enrolling would
  // bill months the claim has closed (the seeds name no re-employment of pensioners).
  if (!p.retired_from) return;
  if (std::find(types.begin(), types.end(), "pension") != types.end())
    add(v, "SI_RETIRED", at, {{"month", p.retired_from->to_string()}});
}

bool default_back_pay(YearMonth enroll_month, YearMonth settlement_period) {
  // 004 §2.1.1 第二步: "参保时间早于结算期时，是否补收标志自动置为是".
  return enroll_month < settlement_period;
}

std::optional<bool> resolve_back_pay(Violations& v, const std::map<std::string, bool>& given,
                                     std::span<const std::string> types, bool default_flag, const At& at) {
  // 004 §2.1.1 第二步: "所有险种补收是与否必须一致"; a type the request leaves out takes the
  // default (decision).
  std::optional<bool> flag;
  bool consistent = true;
  for (const auto& t : types) {
    auto it = given.find(t);
    const bool f = it == given.end() ? default_flag : it->second;
    if (flag && *flag != f) consistent = false;
    flag = f;
  }
  if (!consistent) {
    add(v, "SI_BACK_PAY_FLAG_INCONSISTENT", at);
    return std::nullopt;
  }
  return flag.value_or(default_flag);
}

std::vector<YearMonth> back_pay_months(YearMonth enroll_month, YearMonth settlement_period, bool flag) {
  // 004 §2.1.1 第二步 and 重点项目说明: the months from the enrollment to the settlement
  // period are 补收 months; they are billed in the next settlement (rules.md §4).
  std::vector<YearMonth> out;
  if (!flag) return out;
  for (YearMonth m = enroll_month; m < settlement_period; ++m) out.push_back(m);
  return out;
}

// ------------------------------------------------------------------ stop

void check_active_for_types(Violations& v, const state::Person& p, std::string_view unit,
                            std::span<const std::string> types, const At& at) {
  // 004 §2.1.2 办理条件 (2): "职工在本单位正常参保".
  for (const auto& t : types)
    if (!active_at(p, unit, t)) add(v, "SI_NOT_ENROLLED", at, {type_zh_param(t), type_en_param(t)});
}

void check_stop_not_future(Violations& v, Date stop, Date today, const At& at) {
  // 004 §2.1.2 重点项目说明: "停保时间不能晚于当前时间".
  if (today < stop) add(v, "SI_STOP_DATE_IN_FUTURE", at);
}

void check_stop_not_before_last_change(Violations& v, const state::Person& p, std::string_view unit, Date stop,
                                       const At& at) {
  // 004 §2.1.2 重点项目说明: "不能早于上次变更时间". The last change at the unit is the latest
  // effective date of an enrollment, stop or transfer there (rules.md §4): the recorded
  // last_change_date, or else the latest enrollment date or end at the unit.
  std::optional<Date> last;
  if (auto it = p.last_change_date.find(std::string(unit)); it != p.last_change_date.end()) {
    last = it->second;
  } else {
    for (const auto& e : p.enrollments) {
      if (e.unit_code != unit) continue;
      if (!last || *last < e.from) last = e.from;
      if (e.to && *last < *e.to) last = *e.to;
    }
  }
  if (last && stop < *last) add(v, "SI_STOP_BEFORE_LAST_CHANGE", at, {{"last_change", last->to_string()}});
}

void check_stop_not_into_billed(Violations& v, const state::Person& p, std::string_view unit,
                                std::span<const std::string> types, Date stop, const At& at) {
  // 004 §2.1.2 重点项目说明 "停保时间不能早于上次变更时间", and decision: refuse, not refund —
  // a month billed or paid after the stop's month would stand outside any enrollment.
  const YearMonth last = stop.year_month();
  for (const auto& t : types) {
    std::vector<YearMonth> months;
    for (const auto& c : p.contributions)
      if (c.unit_code == unit && c.type == t && last < c.month && (c.paid || c.bill_id)) months.push_back(c.month);
    std::sort(months.begin(), months.end());
    months.erase(std::unique(months.begin(), months.end()), months.end());
    std::vector<MonthPeriod> runs;
    for (auto m : months) {
      if (!runs.empty() && runs.back().to + 1 == m) runs.back().to = m;
      else runs.push_back({m, m});
    }
    for (const auto& r : runs) add(v, "SI_STOP_INTO_BILLED_MONTHS", at, {month_range_param(r), type_zh_param(t), type_en_param(t)});
  }
}

void check_no_arrears_at(protocol::OpContext& ctx, Violations& v, const state::Person& p, std::string_view unit,
                         const At& at) {
  // 004 《单位职工减少申报指南》: a person with arrears (欠缴) cannot be stopped online.
  if (!arrears_of(ctx, p, unit).empty())
    add(v, "SI_STOP_HAS_ARREARS", at);
}

void check_stop_reason(protocol::OpContext& ctx, Violations& v, const std::string& reason, const At& at) {
  // 004 §2.1.2 第三步 "录入变更原因"; 《单位职工减少申报指南》 "变更原因选择“停缴费”".
  const auto& reasons = ctx.param<policy::ReasonList>(Key::si_stop_reasons, ctx.today());
  const bool known = std::any_of(reasons.begin(), reasons.end(), [&](const policy::Reason& r) { return r.code == reason; });
  if (!known) add(v, "SI_REASON_UNKNOWN", at, {{"reason", reason}});
}

void check_stop(protocol::OpContext& ctx, Violations& v, const StopInput& in, const StopFields& at) {
  const state::Person& p = *in.person;
  check_active_for_types(v, p, in.unit_code, in.types, at.types);
  check_stop_not_future(v, in.stop_date, ctx.today(), at.stop_date);
  check_stop_not_before_last_change(v, p, in.unit_code, in.stop_date, at.stop_date);
  check_stop_not_into_billed(v, p, in.unit_code, in.types, in.stop_date, at.stop_date);
  check_no_arrears_at(ctx, v, p, in.unit_code, at.person);
  if (in.reason) check_stop_reason(ctx, v, *in.reason, at.reason);
}

void apply_stop(state::Person& p, std::string_view unit, std::span<const std::string> types, Date stop) {
  for (const auto& t : types) {
    auto& es = p.enrollments;
    es.erase(std::remove_if(es.begin(), es.end(),
                            [&](const state::Enrollment& e) {
                              return e.unit_code == unit && e.type == t && (!e.to || stop < *e.to) && stop < e.from;
                            }),
             es.end());
    for (auto& e : es)
      if (e.unit_code == unit && e.type == t && (!e.to || stop < *e.to)) e.to = stop;
    auto& cs = p.contributions;
    cs.erase(std::remove_if(cs.begin(), cs.end(),
                            [&](const state::Contribution& c) {
                              return c.unit_code == unit && c.type == t && stop.year_month() < c.month && !c.paid &&
                                     !c.bill_id;
                            }),
             cs.end());
  }
  note_change(p, unit, stop);
}

void note_change(state::Person& p, std::string_view unit, Date on) {
  // rules.md §4: the last change at a unit is the latest effective date of an
  // enrollment, stop or transfer there — a change dated earlier (a back-dated
  // enrollment, a retirement) never moves it back (found by the SI simulation).
  auto [it, fresh] = p.last_change_date.try_emplace(std::string(unit), on);
  if (!fresh && it->second < on) it->second = on;
}

// ------------------------------------------------------------------ retirement

void check_retirement_not_into_billed(Violations& v, const state::Person& p, const std::set<YearMonth>& flex_months,
                                      YearMonth from, const At& at) {
  // 001 7.1; decision: the retirement ends pension enrollments as a stop on the day
  // before the retirement month, with the same refusal of billed or paid months.
  const std::string pension[1] = {"pension"};
  std::set<std::string> units;
  for (const auto& c : p.contributions)
    if (c.type == "pension" && !c.unit_code.empty()) units.insert(c.unit_code);
  for (const auto& u : units) check_stop_not_into_billed(v, p, u, pension, from.first_day() - 1, at);
  std::vector<MonthPeriod> runs;
  for (auto it = flex_months.lower_bound(from); it != flex_months.end(); ++it) {
    if (!runs.empty() && runs.back().to + 1 == *it) runs.back().to = *it;
    else runs.push_back({*it, *it});
  }
  for (const auto& r : runs)
    add(v, "SI_STOP_INTO_BILLED_MONTHS", at, {month_range_param(r), type_zh_param("pension"), type_en_param("pension")});
}

std::vector<RetirementStop> apply_retirement(state::Person& p, YearMonth from) {
  const Date stop = from.first_day() - 1;
  std::set<std::string> units;
  for (const auto& e : p.enrollments)
    if (e.type == "pension" && (!e.to || stop < *e.to)) units.insert(e.unit_code);
  const std::string pension[1] = {"pension"};
  std::vector<RetirementStop> out;
  for (const auto& u : units) {
    apply_stop(p, u, pension, stop);
    out.push_back({u, stop});
  }
  p.retired_from = from;
  return out;
}

// ------------------------------------------------------------------ money

void check_period_order(Violations& v, const MonthPeriod& p, const At& at) {
  if (p.inverted()) add(v, "PERIOD_INVERTED", at);
}

bool is_change_op(std::string_view op) noexcept {
  // 004 《有变动结算操作指南》: "包括人员增加、减少、补缴、工资申报等业务".
  return op == "si.enroll" || op == "si.stop" || op == "si.stop_batch" || op == "si.back_pay" || op == "si.declare_wage";
}

std::vector<const state::Case*> pending_change_cases(state::World& w, std::string_view unit) {
  std::vector<const state::Case*> out;
  for (const auto* c : w.cases_of_unit(unit))
    if (c->status == "submitted" && is_change_op(c->op)) out.push_back(c);
  return out;
}

void count_change(state::World& w, const state::Unit& u) {
  state::Unit& e = w.edit(u);
  e.changes_since_settlement += 1;
}

}  // namespace pvd::si
