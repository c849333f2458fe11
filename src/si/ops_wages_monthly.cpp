// si.declare_wage_monthly (机关事业月度工资申报; rules.md §4; seed 004 §2.3.2, a heading
// without text): an organ or public institution declares the itemised wages of a month
// not yet settled; each row's person, active at the unit, is based from that month on
// the items' sum within the month's limits, and the items are kept on the enrollment.
#include "si/ops.hpp"
#include "si/ops_common.hpp"
#include "si/wage_items.hpp"

namespace pvd::si::ops {

namespace {

struct Row {
  std::string id_text;
  StatedWage stated;
};

/// A row that passed its rules: the person, the wage (the items' sum), its base.
struct Ready {
  const state::Person* person;
  Money wage, base;
  std::vector<state::WageItem> items;
};

/// Each ready row's base and items from `period` on, at every type the person is active for
/// at the unit; the response's rows.
ojson apply_rows(OpContext& ctx, const state::Unit& unit, YearMonth period, const BaseLimits& limits,
                 const std::vector<Ready>& ready) {
  state::World& w = ctx.world();
  ojson rows = ojson::array();
  for (const auto& x : ready) {
    state::Person& p = w.edit(*x.person);
    for (const auto& t : active_types_at(p, unit.unit_code)) {
      apply_declared_base(p, unit.unit_code, t, period, x.base);
      set_wage_items(p, unit.unit_code, t, period, x.items);
    }
    ojson row = {{"id_number", p.id_number}, {"wage", x.wage.to_string()}};
    const auto d = clamp_derivation(x.wage, limits, x.base);
    protocol::put_money(row, "base", x.base, &d, ctx.explain());
    rows.push_back(std::move(row));
  }
  if (!ready.empty()) count_change(w, unit);
  return rows;
}

}  // namespace

// si.declare_wage_monthly {unit_code, period, rows: [{id_number, wage_items, wage?}]} — decision:
// the unit is an institution, the period not before its settlement period; each row's person,
// once, active at the unit, with an itemised wage (wage_items.cpp); base = the items' sum within
// the period's limits, in force from the period's first day (a later declaration wins from its
// month on, as si.declare_wage).
void declare_wage_monthly(OpContext& ctx, ArgReader& a, OpResult& r) {
  // ---- decode
  const std::string unit_code = a.string("unit_code");
  const YearMonth period = a.month("period");
  const auto rows = read_rows(a, [](ArgReader& e) { return Row{.id_text = e.string("id_number"), .stated = read_stated_wage(e)}; });

  // ---- subjects and rules, row by row
  const state::Unit& unit = si_unit(ctx, unit_code, "args.unit_code");
  Violations& v = r.violations;
  check_unit_active(v, unit, "args.unit_code");
  check_institution(v, unit, "args.unit_code");
  check_wage_period_open(v, unit, period, "args.period");
  const BaseLimits limits = limits_in_month(ctx.policy(), &ctx.trace(), period);
  std::vector<Ready> ready;
  RowPersons persons(ctx);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    check_row(v, i, [&](Violations& rv) {
      const std::string at = row_field(i);
      const auto wage = check_stated_wage(rv, state::UnitKind::institution, rows[i].stated, at);
      const state::Person* person = persons.person(rv, i, rows[i].id_text);
      if (!person || !wage) return;
      check_enrolled_at_unit(rv, active_anywhere_at(*person, unit_code), at + "id_number");
      ready.push_back({person, *wage, clamp_base(*wage, limits), *rows[i].stated.items});
    });
  }
  r.result["period"] = period.to_string();
  r.result["floor"] = limits.floor.to_string();
  r.result["cap"] = limits.cap.to_string();
  if (!v.empty()) return;

  // ---- apply
  r.result["rows"] = apply_rows(ctx, unit, period, limits, ready);

  // ---- events
  for (const auto& x : ready)
    emit(r, events::MonthlyWageDeclared{.unit_code = unit_code, .id_number = x.person->id_number, .period = period,
                                        .wage = x.wage, .base = x.base, .wage_items = x.items});
}

}  // namespace pvd::si::ops
