#include "si/contribution.hpp"

namespace pvd::si {

using policy::Key;

bool is_type(std::string_view t) noexcept {
  for (auto x : kTypes)
    if (x == t) return true;
  return false;
}

std::string type_zh(std::string_view t) {
  if (t == "pension") return "养老保险";
  if (t == "medical") return "医疗保险";
  if (t == "unemployment") return "失业保险";
  if (t == "injury") return "工伤保险";
  if (t == "maternity") return "生育保险";
  return std::string(t);
}

namespace {
std::pair<Key, Key> rate_keys(std::string_view type) {
  if (type == "pension") return {Key::si_rates_pension_employer, Key::si_rates_pension_employee};
  if (type == "medical") return {Key::si_rates_medical_employer, Key::si_rates_medical_employee};
  if (type == "unemployment") return {Key::si_rates_unemployment_employer, Key::si_rates_unemployment_employee};
  if (type == "injury") return {Key::si_rates_injury_employer, Key::si_rates_injury_employee};
  return {Key::si_rates_maternity_employer, Key::si_rates_maternity_employee};
}
}  // namespace

TypeRates type_rates(const policy::Policy& p, policy::Trace* t, Date on, std::string_view type) {
  const auto [ek, ik] = rate_keys(type);
  const Rate& er = p.get<Rate>(ek, on, t);
  return TypeRates{.employer = &er, .employee = &p.get<Rate>(ik, on, t)};
}

Rounding amount_rounding(const policy::Policy& p, policy::Trace* t, Date on) {
  return p.get<Rounding>(Key::si_amount_rounding, on, t);
}

std::vector<ContributionItem> contributions(const policy::Policy& p, policy::Trace* t, YearMonth m, Money base,
                                            std::span<const std::string> types) {
  const Date on = m.first_day();
  const Rounding r = amount_rounding(p, t, on);
  std::vector<ContributionItem> out;
  out.reserve(types.size());
  for (const auto& type : types) {
    const TypeRates rates = type_rates(p, t, on, type);
    const Rate& er = *rates.employer;
    const Rate& ir = *rates.employee;
    ContributionItem item;
    item.type = type;
    item.employer = round(base * er, r);
    item.employee = round(base * ir, r);
    item.employer_derivation = protocol::product(base, er, r, item.employer);
    item.employee_derivation = protocol::product(base, ir, r, item.employee);
    out.push_back(std::move(item));
  }
  return out;
}

FlexMonth flex_contribution(const policy::Policy& p, policy::Trace* t, YearMonth m, Money base) {
  const Date on = m.first_day();
  const Rounding rd = p.get<Rounding>(Key::si_amount_rounding, on, t);
  const Rate& rate = p.get<Rate>(Key::si_flex_rate, on, t);
  const Rate& prate = p.get<Rate>(Key::si_flex_personal_rate, on, t);
  FlexMonth f;
  f.total = round(base * rate, rd);
  f.personal = round(base * prate, rd);
  f.pool = f.total - f.personal;
  f.total_derivation = protocol::product(base, rate, rd, f.total);
  f.personal_derivation = protocol::product(base, prate, rd, f.personal);
  return f;
}

}  // namespace pvd::si
