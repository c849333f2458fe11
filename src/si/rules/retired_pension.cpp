// Rule: no pension month from a retired person's retirement month on
// Source: 001 7.1; decision
// Codes: SI_RETIRED
// Policy: -
//
// 001 7.1 (养老金申领): an approved claim starts the pension. Decision (issue 12): the claim
// retires the person from the retirement month — the first month of the pension — so no
// pension contribution is owed for it or after it: a retired person is not enrolled for
// pension again (the seeds name no re-employment of pensioners), and no flexible pension
// month is verified from it on.
#include <algorithm>
#include "provident/rules/codes.hpp"

#include "si/rules/rules.hpp"

namespace pvd::si {

bool retired_in(const state::Person& p, std::string_view type, YearMonth m) {
  // No pension month from the retirement month on.
  return type == "pension" && p.retired_from && !(m < *p.retired_from);
}

void check_not_retired_for(Violations& v, const state::Person& p, std::span<const std::string> types,
                           const std::string& field) {
  // Re-enrolling would bill months the claim has closed.
  if (!p.retired_from) return;
  if (std::find(types.begin(), types.end(), "pension") != types.end())
    v.add(code::SI_RETIRED, field, {{"month", p.retired_from->to_string()}});
}

void check_not_retired_by(Violations& v, const state::Person& p, YearMonth last, const std::string& field) {
  // No flexible pension month from the retirement month on.
  if (p.retired_from && !(last < *p.retired_from)) v.add(code::SI_RETIRED, field, {{"month", p.retired_from->to_string()}});
}

}  // namespace pvd::si
