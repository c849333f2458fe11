#include "id/checks.hpp"

namespace pvd::id {

std::optional<CitizenId> check_citizen_id(Violations& v, std::string_view number, Date as_of, bool accept_15,
                                          const std::string& field, std::optional<std::int64_t> row) {
  auto r = parse_citizen_id(number, as_of, accept_15);
  for (auto problem : r.problems) {
    const char* code = problem == IdProblem::format ? "ID_FORMAT" : problem == IdProblem::checksum ? "ID_CHECKSUM" : "ID_BIRTH_DATE";
    Violation x = violation(code, field);
    x.row = row;
    v.add(std::move(x));
  }
  return r.id;
}

}  // namespace pvd::id
