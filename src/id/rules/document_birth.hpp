// The birth date and gender of a person's document (issue 18 (6)). See document_birth.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "provident/id/citizen_id.hpp"
#include "provident/rules/violation.hpp"

namespace pvd::id {

/// What a request gives beside the number: `birth_date?`, `gender?` (male | female).
struct GivenBirth {
  std::optional<Date> birth_date;
  std::optional<Gender> gender;
};

/// {document}: the document's name in a message.
MessageParam document_param(DocumentType t);

/// Where a person's document is in a request: `args.` or `args.rows[i].`.
struct DocumentFields {
  std::string id_number, birth_date, gender;
  std::optional<std::int64_t> row;
};
DocumentFields document_fields(const std::string& prefix, std::optional<std::int64_t> row = std::nullopt);

/// 002 一: a number that carries no birth date and gender (a passport, a 2017
/// permanent residence ID) is opened or enrolled with both given (a birth date
/// not after `as_of`): BIRTH_DATE_REQUIRED, GENDER_REQUIRED, BIRTH_DATE_FUTURE.
bool check_birth_given(Violations& v, DocumentType t, const GivenBirth& given, Date as_of, const DocumentFields& f);

/// GB 11643-1999: a birth date or gender given with a number that carries them
/// agrees with it (BIRTH_DATE_MISMATCH, GENDER_MISMATCH).
bool check_birth_agrees(Violations& v, const CitizenId& id, const GivenBirth& given, const DocumentFields& f);

/// 国家移民管理局 (the 2017 form): the given birth date's YYMMDD is the
/// number's (characters 8–13 of the 15), BIRTH_DATE_MISMATCH otherwise.
bool check_residence_2017_birth(Violations& v, std::string_view number, const GivenBirth& given, const DocumentFields& f);

}  // namespace pvd::id
