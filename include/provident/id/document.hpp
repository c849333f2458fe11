// The documents a person may identify with (证件类型) beyond the numbers of the
// GB 11643 form (citizen_id.hpp): each validated to its own format, and only to
// what its sources make certain.
//
//  - 护照 (passport): no national standard fixes a number's form across
//    countries. Only the character set is certain — ICAO Doc 9303 writes the
//    document number in the machine-readable zone in A–Z and 0–9 — so a number
//    is 5 to 17 of those characters (lower-case letters are upper-cased).
//    Decision: the length bounds are one library's (mozhimen/SwiftKit
//    UtilKVerifyIDCard.checkPPCard, [A-Za-z0-9]{5,17}); nothing else is checked.
//  - 外国人永久居留身份证, the 2017 form: 15 characters, 3 Latin letters (the
//    nationality, ISO 3166-1 alpha-3) and 12 digits (国家移民管理局 2023,
//    新版外国人永久居留身份证适配性改造要点, as republished by the card-reader
//    vendors: "由15位(3位拉丁字母+12位数字)调整为18位"). The digits are read as
//    a 4-digit accepting place, whose first two are a province, a birth date
//    YYMMDD and two more digits, in the two sources that spell the layout out
//    (xiahaimoyu credentialkit ForeignerPermanentResidenceIdNumberProcessor and
//    a CSDN post quoting the same 改造要点). Decision: the province and the
//    month and day are checked (ID_UNKNOWN_REGION, ID_BIRTH_DATE: a date that
//    exists in 19YY or in 20YY); the nationality letters are not looked up and
//    the last digit is not checked (only one library computes it, ICAO 7-3-1).
//    The century of the birth date is not in the number: no birth date and no
//    gender are answered.
//  - the 2023 form of the permanent residence ID, the residence permits and
//    the citizen number: parse_citizen_id.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "provident/id/citizen_id.hpp"

namespace pvd::id {

/// What is wrong with a document number (the violation codes of rules.md §7).
enum class DocumentProblem {
  format,                      // ID_FORMAT: not an 18-character number of the GB 11643 form
  checksum,                    // ID_CHECKSUM
  birth_date,                  // ID_BIRTH_DATE
  region,                      // ID_UNKNOWN_REGION
  type_mismatch,               // ID_DOCUMENT_TYPE_MISMATCH: a valid number of another document
  passport_format,             // ID_PASSPORT_FORMAT
  permanent_residence_format,  // ID_PERMANENT_RESIDENCE_FORMAT
};

struct DocumentParseResult {
  DocumentType type = DocumentType::citizen_id;  // declared, or read from the number
  std::string number;                            // normalised (upper case), when valid
  /// The 18-character documents: birth date, gender, region and kind read from
  /// the number. Empty for a passport and a 2017 permanent residence ID.
  std::optional<CitizenId> id;
  std::string region;       // 6 digits, when the number carries one (2017 form: place + "00")
  std::string nationality;  // permanent residence ID: 3 letters (2017) or 3 digits (2023)
  std::vector<DocumentProblem> problems;
  std::string unknown_region;  // with DocumentProblem::region
  bool unknown_region_of_residence_id = false;  // the province of a permanent residence ID
  bool ok() const noexcept { return problems.empty(); }
};

/// Validates `text` as a number of the `declared` document; without one, as a
/// number of the GB 11643 form (citizen ID, residence permit or 2023
/// permanent residence ID, told apart by its first digits): a passport or a
/// 2017 permanent residence ID is only recognised when declared. A declared
/// type that the number's own digits contradict is type_mismatch.
DocumentParseResult parse_document(std::string_view text, std::optional<DocumentType> declared, Date as_of,
                                   bool accept_15_digits);

}  // namespace pvd::id
