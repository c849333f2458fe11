#include "hpf/ops_unit_common.hpp"

namespace pvd::hpf::ops {

using policy::Key;

std::string row_field(std::size_t i, std::string_view member) {
  return "args.rows[" + std::to_string(i) + "]." + std::string(member);
}

std::pair<Rate, Rate> unit_rates(const state::Unit& u) {
  if (!u.employer_rate || !u.employee_rate)
    protocol::throw_bad_value("facts.units", "单位" + u.unit_code + "没有缴存比例", "unit " + u.unit_code + " has no contribution rates");
  return {*u.employer_rate, *u.employee_rate};
}

state::Deposit price(OpContext& ctx, Money base, const Rate& er, const Rate& ee, YearMonth m, Rounding* used) {
  const Rounding rounding = ctx.param<Rounding>(Key::hpf_deposit_rounding, m.first_day());
  if (used) *used = rounding;
  return priced_deposit(m, compute_deposit(base, er, ee, rounding));
}

void reprice_at_unit_rates(OpContext& ctx, OpResult& r, state::Account& m, const state::Unit& u, YearMonth first, ojson* out) {
  if (!m.base || !u.employer_rate || !u.employee_rate) return;
  Rounding rounding;
  const state::Deposit d = price(ctx, *m.base, *u.employer_rate, *u.employee_rate, first, &rounding);
  change_deposit(r, m, d);
  if (out) put_priced(ctx, *out, d, *m.base, *u.employer_rate, *u.employee_rate, rounding);
}

void note_first_month(OpContext& ctx, const state::Unit& u, YearMonth m) {
  if (u.first_month) return;
  ctx.world().edit(u).first_month = m;
}

}  // namespace pvd::hpf::ops
