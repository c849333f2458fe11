#include "si/messages.hpp"

#include "si/contribution.hpp"

namespace pvd::si {

MessageParam type_zh_param(std::string_view type) { return MessageParam("type_zh", type_zh(type)); }
MessageParam type_en_param(std::string_view type) { return MessageParam("type_en", std::string(type)); }
MessageParam any_type_zh() { return MessageParam("type_zh", "社会保险"); }
MessageParam any_type_en() { return MessageParam("type_en", "social"); }

MessageParam month_range_param(const MonthPeriod& p) {
  if (p.from == p.to) return MessageParam("month", p.from.to_string());
  return MessageParam("month", p.from.to_string() + "至" + p.to.to_string(), p.from.to_string() + " to " + p.to.to_string());
}

std::vector<MonthPeriod> month_runs(std::span<const YearMonth> months) {
  std::vector<MonthPeriod> single;
  single.reserve(months.size());
  for (auto m : months) single.push_back({m, m});
  return MonthSet::of(single).ranges();
}

}  // namespace pvd::si
