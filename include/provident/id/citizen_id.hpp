// Citizen ID number (公民身份号码), GB 11643-1999. arithmetic.md §4.
// 18 characters: 6-digit region, birth date YYYYMMDD, 3-digit sequence
// (odd = male, even = female), check character. The social security number is
// the ID number (SI Law Art. 58).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "provident/core/date.hpp"

namespace pvd::id {

enum class Gender : char { male = 'M', female = 'F' };

struct CitizenId {
  std::string number;  // 18 characters, upper-case X
  Date birth_date;
  Gender gender = Gender::male;
  std::string region;  // the 6-digit administrative division code
};

/// What is wrong with a number; maps one to one onto the violation codes
/// ID_FORMAT, ID_CHECKSUM and ID_BIRTH_DATE (rules.md §7).
enum class IdProblem { format, checksum, birth_date };

struct IdParseResult {
  std::optional<CitizenId> id;      // set when no problem was found
  std::vector<IdProblem> problems;  // format alone, or checksum and/or birth_date
};

/// The check character of the first 17 characters (digits): weights
/// 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, S mod 11 → 1 0 X 9 8 7 6 5 4 3 2.
char id_check_char(std::string_view first17) noexcept;

/// Parses and validates a number. Lower-case x is normalised to X. A 15-digit
/// number (6 region, YYMMDD in 19yy, 3 sequence) is converted to 18 digits
/// when `accept_15_digits` (id.parse and pension.*; rules.md §7), else it is
/// ID_FORMAT. The birth date must be a real date not after `as_of`; there is
/// no lower bound on the birth year.
IdParseResult parse_citizen_id(std::string_view text, Date as_of, bool accept_15_digits);

}  // namespace pvd::id
