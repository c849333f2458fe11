// Rule: what an enrollment is — a new registration, a new enrollment, a continuation, a transfer or an added type
// Source: 004 §2.1.1 第一步; 001 7.2.1
// Codes: -
// Policy: -
//
// 004 §2.1.1 第一步: 「系统会进行查询，自动分析该人员是需要做参保登记、续保、单位间转移或险种新增业务」;
// 001 7.2.1 names 新登记 / 新参保 / 续保. Read in this order: a person the system does not
// know is a new registration; one active at another unit for a requested type is a
// transfer (单位间转移, stopped there the day before); one active here for other types
// adds a type (险种新增); one insured before for a requested type continues (续保);
// anyone else is newly enrolled.
#include "si/rules/rules.hpp"

namespace pvd::si {

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
  if (!p) return Classification::new_registration;
  for (const auto& t : types)
    if (!active_units_for(*p, t, unit).empty()) return Classification::transfer;
  if (active_anywhere_at(*p, unit)) return Classification::add_type;
  for (const auto& t : types)
    if (insured_before(*p, t)) return Classification::continuation;
  return Classification::new_enrollment;
}

}  // namespace pvd::si
