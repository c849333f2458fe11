// Employer rates and bases (单位网厅): rules.md §3, seed 003 7 and 8 — change
// the unit's rates, adjust bases in a batch. Each handler: decode → load
// subjects → check the rules (src/hpf/rules/) → apply → events.
#include "hpf/ops.hpp"
#include "hpf/ops_unit_common.hpp"
#include "hpf/rules.hpp"

namespace pvd::hpf {

using namespace ops;
using protocol::OpKind;
using rules::Row;

namespace {

ojson month_or_null(const std::optional<YearMonth>& m) { return m ? ojson(m->to_string()) : ojson(nullptr); }

// ------------------------------------------------------------------ hpf.unit.adjust_rate 缴存比例调整
// 003 7: "后台审核通过后办理状态为已复核 … 基数调整后比例调整才会生效 … 显示办理状态为已使用".

/// Whether a rate change of the unit is submitted (a pending case) or
/// approved but not yet used (003 7); a used one is not. While a case is being approved, that
/// case itself does not count.
bool rate_change_pending(OpContext& ctx, const state::Unit& u) {
  if (rules::rate_change_waiting(u)) return true;
  if (ctx.applying_case()) return false;
  for (const auto* c : ctx.world().cases_of_unit(u.unit_code))
    if (c->op == "hpf.unit.adjust_rate" && c->status == state::CaseStatus::submitted) return true;
  return false;
}

void adjust_rate(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string unit_code = a.string("unit_code");
  const Rate er = a.rate("employer_rate");
  const Rate ee = a.rate("employee_rate");
  const auto effective = a.opt_month("effective_month");

  const state::Unit& unit = load_unit(ctx, unit_code);

  auto& v = r.violations;
  rules::check_employer_unit(v, unit, kUnit, "003 7");
  rules::check_rates(v, ctx.policy(), &ctx.trace(), ctx.today(), er, ee, "args.employer_rate", "args.employee_rate");
  rules::check_no_rate_change_pending(v, rate_change_pending(ctx, unit), kUnit);
  rules::check_rate_effective_month(v, effective, ctx.this_month(), "args.effective_month");
  if (!v.empty()) return;

  // Effects: the change is approved (已复核) — at once when the centre does not
  // review it, else when its case is approved; it waits for the next base
  // adjustment (hpf.unit.adjust_base) to be used.
  state::Unit& u = ctx.world().edit(unit);
  u.rate_change = state::RateChange{.employer_rate = er, .employee_rate = ee, .effective_month = effective, .state = state::RateChangeState::approved};
  emit(r, events::RateChangeApproved{u.unit_code, er, ee, effective});
  r.result["state"] = "approved";
  r.result["employer_rate"] = er.to_string();
  r.result["employee_rate"] = ee.to_string();
  r.result["effective_month"] = month_or_null(effective);
  r.result["note"] = {{"zh", "基数调整后比例调整才会生效"}, {"en", "The new rates take effect with the next base adjustment"}};
}

// ------------------------------------------------------------------ hpf.unit.adjust_base 缴存基数批量调整
// 003 8 (and 003 7: an approved rate change is used by it); the month window:
// rules/adjustment_window.cpp.
struct BaseRow {
  AccountRef account;  // account_no or id_number (a normal account of the unit)
  Money base;
};

/// Uses the unit's approved rate change when it is due (003 7): `rate_change.used`.
/// The change stays on the unit as used (已使用) from `effective`, and its
/// approved case, if it had one, records the use too (case.get shows it).
bool use_rate_change(OpContext& ctx, OpResult& r, state::Unit& u, YearMonth effective) {
  if (!rules::rate_change_due(u, effective)) return false;
  state::RateChange& change = *u.rate_change;
  const Date on = ctx.effect_time().date();
  u.employer_rate = change.employer_rate;
  u.employee_rate = change.employee_rate;
  emit(r, events::RateChangeUsed{u.unit_code, *u.employer_rate, *u.employee_rate, effective});
  change.state = state::RateChangeState::used;
  change.used_in = effective;
  change.used_on = on;
  if (const state::Case* c = rules::case_of_rate_change(ctx.world().cases_of_unit(u.unit_code), change)) {
    change.case_id = c->case_id;
    state::Case& used = ctx.world().edit(*c);
    used.used_in = effective;
    used.used_on = on;
  }
  return true;
}

void adjust_base(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string unit_code = a.string("unit_code");
  const YearMonth effective = a.month("effective_month");
  const auto rows = read_rows(a, [](ArgReader& x) { return BaseRow{read_account_ref(x), x.money("base")}; });

  auto& w = ctx.world();
  const state::Unit& unit = find_unit(ctx, unit_code, kUnit);
  auto& v = r.violations;
  const std::vector<const state::Account*> accs = row_accounts(ctx, v, rows, unit, {AccountScope::unit, is_normal_account});
  evaluate_under(ctx, unit);

  const LocalDateTime now = ctx.as_of();
  const bool employer = rules::check_employer_unit(v, unit, kUnit, "003 8");
  rules::check_base_adjustment_open(v, ctx.policy(), &ctx.trace(), now);
  rules::check_base_effective_month(v, effective, now.year_month(), "args.effective_month");
  rules::BatchRows seen;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Row rw = static_cast<std::int64_t>(i);
    if (!accs[i]) continue;
    const state::Account& acc = *accs[i];
    const std::string& f = subject_field(rows[i].account);
    if (!rules::check_not_closed(v, acc, f, rw)) continue;
    rules::check_in_unit(v, acc, unit, f, rw);
    rules::check_normal(v, acc, f, rw, "003 8");
    seen.check_unique(v, acc.account_no, i, f, "003 8");
    // Bounded by the limits in force for the effective month (rules.md §3).
    rules::check_base(v, ctx.policy(), &ctx.trace(), effective.first_day(), rows[i].base, row_field(i, "base"), rw);
  }
  if (!v.empty() || !employer) return;

  // An approved rate change is used now; it then applies to every normal
  // account of the unit from `effective`.
  state::Unit& u = w.edit(unit);
  const bool rate_used = use_rate_change(ctx, r, u, effective);
  const auto [er, ee] = unit_rates(u);
  Rounding rounding;
  ojson out = ojson::array();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    state::Account& m = w.edit(*accs[i]);
    m.base = rows[i].base;
    emit(r, events::BaseChanged{m.account_no, rows[i].base, effective});
    const state::Deposit d = price(ctx, rows[i].base, er, ee, effective, &rounding);
    change_deposit(r, m, d);
    ojson o = {{"row", i}, {"account_no", m.account_no}};
    put_noted(ctx, o, "base", rows[i].base, "given");
    put_priced(ctx, o, d, rows[i].base, er, ee, rounding);
    out.push_back(std::move(o));
  }
  // Accounts without a row keep their base; with new rates they are priced again.
  ojson repriced = ojson::array();
  if (rate_used) {
    for (const auto* acc : w.accounts_of_unit(u.unit_code)) {
      if (acc->status != state::AccountStatus::normal || !acc->base || seen.contains(acc->account_no)) continue;
      state::Account& m = w.edit(*acc);
      reprice_at_unit_rates(ctx, r, m, u, effective);
      repriced.push_back(m.account_no);
    }
  }
  r.result["effective_month"] = effective.to_string();
  r.result["rows"] = std::move(out);
  r.result["rate_change_used"] = rate_used;
  r.result["employer_rate"] = er.to_string();
  r.result["employee_rate"] = ee.to_string();
  r.result["repriced"] = std::move(repriced);
}

}  // namespace

void register_unit_rate_ops(protocol::Registry& reg) {
  add_ops(reg, OpKind::command, "unit_code",
          {{"hpf.unit.adjust_rate", adjust_rate, "Change the unit's rates (003 7)", true},
           {"hpf.unit.adjust_base", adjust_base, "Adjust bases in a batch (003 8)", true}});
}

}  // namespace pvd::hpf
