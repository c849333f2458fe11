#include "pension/retirement.hpp"

#include <algorithm>

namespace pvd::pension {

using policy::Key;

std::optional<Category> parse_category(std::string_view s) noexcept {
  if (s == "M60") return Category::M60;
  if (s == "F55") return Category::F55;
  if (s == "F50") return Category::F50;
  return std::nullopt;
}

std::string_view to_string(Category c) noexcept {
  switch (c) {
    case Category::M60: return "M60";
    case Category::F55: return "F55";
    case Category::F50: return "F50";
  }
  return "?";
}

bool is_female(Category c) noexcept { return c != Category::M60; }

Retirement statutory_retirement(const policy::Policy& p, policy::Trace* t, Date on, YearMonth birth, Category c) {
  const Key key = c == Category::M60 ? Key::retirement_m60 : c == Category::F55 ? Key::retirement_f55 : Key::retirement_f50;
  const auto& rule = p.get<policy::RetirementRule>(key, on, t);
  Retirement r;
  r.original_month = birth + rule.original_years * 12;
  if (rule.max_delay_months > 0) {
    const YearMonth start = p.get<YearMonth>(Key::retirement_reform_start, on, t);
    const int k = r.original_month - start;
    r.delay_months = k < 0 ? 0 : std::min(rule.max_delay_months, k / rule.step_months + 1);
  }
  r.statutory_month = r.original_month + r.delay_months;
  r.age_years = rule.original_years + r.delay_months / 12;
  r.age_months = r.delay_months % 12;
  // Measures Art. 3, from the Decision's start: a window only for a statutory
  // month from retirement.reform_start on (read only when the rules of `on`
  // give the window months, so a date before the Decision needs no start).
  const int early = static_cast<int>(p.get<std::int64_t>(Key::retirement_flexible_early_months, on, t));
  const int late = static_cast<int>(p.get<std::int64_t>(Key::retirement_flexible_late_months, on, t));
  r.flexible_window = (early > 0 || late > 0) && r.statutory_month >= p.get<YearMonth>(Key::retirement_reform_start, on, t);
  r.earliest_month = r.flexible_window ? std::max(r.original_month, r.statutory_month - early) : r.statutory_month;
  r.latest_month = r.flexible_window ? r.statutory_month + late : r.statutory_month;
  return r;
}

}  // namespace pvd::pension
