// SI units (rules.md §4): si.unit.register, si.unit.set_status.
#include "provident/id/identifiers.hpp"
#include "provident/rules/codes.hpp"
#include "si/ops.hpp"
#include "si/ops_common.hpp"

namespace pvd::si::ops {

// si.unit.register {unit_code, name, credit_code, kind, settlement_period} —
// 001 5.1 注意 a (the code gives the login name); GB 32100-2015 (credit code).
void unit_register(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string code = a.string("unit_code");
  const std::string name = a.name("name");
  const std::string credit = a.string("credit_code");
  const state::UnitKind kind = *state::parse_unit_kind(a.enumeration("kind", {"enterprise", "institution"}));
  const YearMonth period = a.month("settlement_period");
  state::World& w = ctx.world();

  Violations& v = r.violations;
  check_unit_code(v, code, "args.unit_code");
  if (id::name_is_blank(name)) v.add(code::NAME_REQUIRED, "args.name");
  if (!id::credit_code_valid(credit)) v.add(code::USCC_INVALID, "args.credit_code");
  check_unit_code_free(v, w.unit(code), code, "args.unit_code");
  if (auto login = id::si_unit_login_name(code)) r.result["login_name"] = *login;
  if (!v.empty()) return;

  w.add(state::Unit{.unit_code = code,
                    .name = name,
                    .credit_code = credit,
                    .scheme = state::Scheme::si,
                    .kind = kind,
                    .profile = ctx.base_profile_name(),
                    .status = state::UnitStatus::active,
                    .settlement_period = period,
                    .changes_since_settlement = 0});
  r.result["unit_code"] = code;
  r.result["settlement_period"] = period.to_string();
  emit(r, events::UnitRegistered{.unit_code = code, .scheme = state::Scheme::si, .kind = kind, .profile = ctx.base_profile_name()});
}

// si.unit.set_status {unit_code, status} — suspends or reactivates a unit
// (004 §2.1.1 办理条件 (3): enrollments need an active unit).
void unit_set_status(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string code = a.string("unit_code");
  const state::UnitStatus status = *state::parse_unit_status(a.enumeration("status", {"active", "suspended"}));
  const state::Unit& u = si_unit(ctx, code, "args.unit_code");
  r.result["status"] = state::to_text(status);
  if (u.status == status) return;  // already so: nothing changes
  const std::string from(state::to_text(u.status));
  ctx.world().edit(u).status = status;
  emit(r, events::UnitStatusChanged{.unit_code = code, .from = from, .to = std::string(state::to_text(status))});
}

}  // namespace pvd::si::ops
