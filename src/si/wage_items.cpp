#include "si/wage_items.hpp"

namespace pvd::si {

StatedWage read_stated_wage(protocol::ArgReader& a) {
  StatedWage w;
  w.wage = a.opt_money("wage");
  if (!a.has("wage_items")) {
    (void)a.raw("wage_items");  // an explicit null is read as absent
    return w;
  }
  w.items.emplace();
  a.each(
      "wage_items",
      [&](protocol::ArgReader& e, std::size_t) {
        state::WageItem item{.name = e.name("name"), .amount = e.money("amount")};
        e.finish();
        w.items->push_back(std::move(item));
      },
      kMaxWageItems);
  return w;
}

void set_wage_items(state::Person& p, const std::string& unit, const std::string& type, YearMonth from,
                    const std::vector<state::WageItem>& items) {
  const Date day1 = from.first_day();
  for (auto& e : p.enrollments)
    if (e.unit_code == unit && e.type == type && !(e.from < day1)) e.wage_items = items;
}

protocol::ojson wage_items_json(const std::vector<state::WageItem>& items) {
  protocol::ojson out = protocol::ojson::array();
  for (const auto& item : items) out.push_back({{"name", item.name}, {"amount", item.amount.to_string()}});
  return out;
}

}  // namespace pvd::si
