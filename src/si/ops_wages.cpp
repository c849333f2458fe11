// si.declare_wage (年度工资申报; rules.md §4; seed 004 lists §2.3.1 without
// text): each row's person, active at the unit, is based from the year's first
// month on the declared wage within the year's limits.
#include "si/ops.hpp"
#include "si/ops_common.hpp"

namespace pvd::si::ops {

// si.declare_wage {unit_code, year, rows: [{id_number, wage}]} — decision: each
// row's person is active at the unit and the wage is positive; base = wage within
// the year's limits, in force from month si.year_start_month of `year`.
void declare_wage(OpContext& ctx, ArgReader& a, OpResult& r) {
  // ---- decode
  const std::string unit_code = a.string("unit_code");
  const int year = static_cast<int>(a.integer("year", 1991, 9999));
  struct Row {
    std::string id_text;
    Money wage;
  };
  const auto rows = read_rows(a, [](ArgReader& e) { return Row{.id_text = e.string("id_number"), .wage = e.money("wage")}; });

  // ---- subjects and rules, row by row
  si_unit(ctx, unit_code, "args.unit_code");
  const YearMonth from = year_start(ctx.policy(), &ctx.trace(), year);
  const BaseLimits limits = limits_in_month(ctx.policy(), &ctx.trace(), from);
  struct Ready {
    const state::Person* person;
    Money wage, base;
  };
  std::vector<Ready> ready;
  RowPersons persons(ctx);
  Violations& v = r.violations;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    check_row(v, i, [&](Violations& rv) {
      const std::string at = row_field(i);
      check_wage_positive(rv, rows[i].wage, at + "wage");
      const state::Person* person = persons.person(rv, i, rows[i].id_text);
      if (!person) return;
      check_enrolled_at_unit(rv, active_anywhere_at(*person, unit_code), at + "id_number");
      ready.push_back({person, rows[i].wage, clamp_base(rows[i].wage, limits)});
    });
  }
  r.result["year"] = year;
  r.result["from_month"] = from.to_string();
  r.result["floor"] = limits.floor.to_string();
  r.result["cap"] = limits.cap.to_string();
  if (!v.empty()) return;

  // ---- apply
  state::World& w = ctx.world();
  ojson out = ojson::array();
  for (const auto& x : ready) {
    state::Person& p = w.edit(*x.person);
    for (const auto& t : active_types_at(p, unit_code)) apply_declared_base(p, unit_code, t, from, x.base);
    ojson row = {{"id_number", p.id_number}};
    const auto d = clamp_derivation(x.wage, limits, x.base);
    protocol::put_money(row, "base", x.base, &d, ctx.explain());
    out.push_back(std::move(row));
  }
  if (!ready.empty()) count_change(w, *w.unit(unit_code));
  r.result["rows"] = out;

  // ---- events
  for (const auto& x : ready)
    emit(r, events::WageDeclared{.unit_code = unit_code, .id_number = x.person->id_number, .year = year,
                                 .from_month = from, .base = x.base});
}

}  // namespace pvd::si::ops
