// Identifier checks as violations (rules.md §7), shared by every operation.
#pragma once

#include <optional>
#include <string>

#include "provident/id/citizen_id.hpp"
#include "provident/rules/violation.hpp"

namespace pvd::id {

/// Validates an ID number, adding ID_FORMAT / ID_CHECKSUM / ID_BIRTH_DATE to
/// `v` under `field`; returns the parsed ID when valid. Operations that change
/// state pass accept_15_digits = false (rules.md §7).
std::optional<CitizenId> check_citizen_id(Violations& v, std::string_view number, Date as_of, bool accept_15_digits,
                                          const std::string& field, std::optional<std::int64_t> row = std::nullopt);

}  // namespace pvd::id
