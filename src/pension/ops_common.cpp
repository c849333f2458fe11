#include "pension/ops_common.hpp"

namespace pvd::pension {

Category read_category(ArgReader& a) { return *parse_category(a.enumeration("category", {"M60", "F55", "F50"})); }

ojson months_json(const MonthSet& s) {
  ojson a = ojson::array();
  for (auto m : s.months()) a.push_back(m.to_string());
  return a;
}

}  // namespace pvd::pension
