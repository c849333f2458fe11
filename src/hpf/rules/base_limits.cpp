// Rule: which contribution base an employer may declare for an account
// Source: HPF Regs Art. 16; arithmetic.md §3.1; policy.md §1; rules.md §3
// Codes: HPF_BASE_OUT_OF_RANGE
// Policy: hpf.base.floor, hpf.base.cap
//
// HPF Regs Art. 16 (the deposit is the employee's average monthly wage of the previous year times
// the rate); arithmetic.md §3.1: the base lies within [hpf.base.floor, hpf.base.cap] and is never
// silently clamped. The limits are read at the date policy.md §1 names: as_of for an account
// opened now, the first day of the effective month for a base adjustment (rules.md §3).
#include "hpf/rules/base_limits.hpp"
#include "provident/rules/codes.hpp"

namespace pvd::hpf::rules {

using policy::Key;

// HPF Regs Art. 16; arithmetic.md §3.1: the base lies within [hpf.base.floor,
// hpf.base.cap]; never silently clamped.
bool check_base(Violations& v, const Policy& p, Trace* t, Date on, Money base, const std::string& field, Row row) {
  const Money lo = p.get<Money>(Key::hpf_base_floor, on, t);
  const Money hi = p.get<Money>(Key::hpf_base_cap, on, t);
  if (!(base < lo) && !(hi < base)) return true;
  v.add(violation_at(row, code::HPF_BASE_OUT_OF_RANGE, field, {{"min", lo.to_string()}, {"max", hi.to_string()}}));
  return false;
}

}  // namespace pvd::hpf::rules
