#include "hpf/deposit.hpp"

namespace pvd::hpf {

DepositParts compute_deposit(Money base, const Rate& er, const Rate& ee, Rounding r) {
  DepositParts d;
  d.employer_part = round(base * er, r);
  d.employee_part = round(base * ee, r);
  d.monthly_deposit = d.employer_part + d.employee_part;
  return d;
}

}  // namespace pvd::hpf
