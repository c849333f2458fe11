// Citizen ID number (公民身份号码), GB 11643-1999. arithmetic.md §4.
// 18 characters: 6-digit region, birth date YYYYMMDD, 3-digit sequence
// (odd = male, even = female), check character. The social security number is
// the ID number (SI Law Art. 58).
//
// Three other documents carry a number of the same form — the same positions,
// the same GB 11643 check character — and are told apart by their first digits:
//  - 港澳居民居住证 / 台湾居民居住证 (residence permits of Hong Kong, Macao and
//    Taiwan residents, 港澳台居民居住证申领发放办法, 2018): the address code is
//    810000 (Hong Kong), 820000 (Macao) or 830000 (Taiwan);
//  - 外国人永久居留身份证, the 2023 form (国家移民管理局, 新版永居证, issued from
//    2023-12-01): "9", the 2-digit province that accepted the application, a
//    3-digit numeric nationality code, then birth date, sequence and check
//    character as in the citizen number (MOD 11-2). Decision: its gender is the
//    parity of the sequence, as for citizens — the announcement says only that
//    the number follows the citizen number's standard; two libraries read it so
//    (idcard-tool: 932682198501010017 男; xiahaimoyu credentialkit:
//    911398199012310021 female).
// A citizen number's region must be a province-level code of GB/T 2260:
// 11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71 (the engine does not check
// below the province).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "provident/core/date.hpp"

namespace pvd::id {

enum class Gender : char { male = 'M', female = 'F' };

/// The document a person identifies with (证件类型). The first four carry an
/// 18-character number of the GB 11643 form; a passport does not, and neither
/// does the 2017 form of the permanent residence ID (include/provident/id/document.hpp).
enum class DocumentType : char {
  citizen_id,                   // 居民身份证 (公民身份号码)
  hk_macao_residence_permit,    // 港澳居民居住证: 810000 / 820000
  taiwan_residence_permit,      // 台湾居民居住证: 830000
  foreign_permanent_residence,  // 外国人永久居留身份证
  passport,                     // 护照
};
/// "citizen_id", "hk_macao_residence_permit", "taiwan_residence_permit",
/// "foreign_permanent_residence", "passport": the protocol's names.
std::string_view to_string(DocumentType t) noexcept;
std::optional<DocumentType> parse_document_type(std::string_view s) noexcept;
/// 居民身份证, 港澳居民居住证, …: the document's name for messages.
std::string_view name_zh(DocumentType t) noexcept;
std::string_view name_en(DocumentType t) noexcept;

struct CitizenId {
  std::string number;  // 18 characters, upper-case X
  Date birth_date;
  Gender gender = Gender::male;
  /// The 6-digit administrative division code: the address code of a citizen
  /// number or a residence permit; for a permanent residence ID, its accepting
  /// province followed by "0000".
  std::string region;
  DocumentType kind = DocumentType::citizen_id;  // one of the first four
  bool upgraded = false;     // given as 15 digits and converted to 18
  std::string nationality;   // permanent residence ID only: the 3-digit numeric country code
};

/// What is wrong with a number; maps one to one onto the violation codes
/// ID_FORMAT, ID_CHECKSUM, ID_BIRTH_DATE and ID_UNKNOWN_REGION (rules.md §7).
enum class IdProblem { format, checksum, birth_date, region };

struct IdParseResult {
  std::optional<CitizenId> id;      // set when no problem was found
  std::vector<IdProblem> problems;  // format alone, or region, checksum and/or birth_date
  /// With IdProblem::region: the code that is not known (2 digits of a
  /// province, or the 6 digits of an 81/82/83 address code).
  std::string unknown_region;
  bool unknown_region_of_residence_id = false;  // digits 2–3 of a 2023 permanent residence ID
};

/// The check character of the first 17 characters (digits): weights
/// 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, S mod 11 → 1 0 X 9 8 7 6 5 4 3 2.
char id_check_char(std::string_view first17) noexcept;

/// Whether a 2-digit code is a province-level code of GB/T 2260 on the
/// mainland (11–65), or, with `taiwan`, also 71.
bool gbt2260_province(std::string_view two_digits, bool taiwan) noexcept;

/// Parses and validates a number of the GB 11643 form and tells which document
/// it belongs to (the `kind`). Lower-case x is normalised to X. A 15-digit
/// citizen number (6 region, YYMMDD in 19yy, 3 sequence) is converted to 18
/// digits when `accept_15_digits` (id.parse and pension.*; rules.md §7), else
/// it is ID_FORMAT. The region must be known (see above); the birth date must
/// be a real date not after `as_of`; there is no lower bound on the birth year.
IdParseResult parse_citizen_id(std::string_view text, Date as_of, bool accept_15_digits);

}  // namespace pvd::id
