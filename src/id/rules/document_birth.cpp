// Rule: a document without a birth date and gender is opened or enrolled with both given; a given one agrees with the number
// Source: 002 一; GB 11643-1999; 国家移民管理局; ICAO Doc 9303
// Codes: BIRTH_DATE_REQUIRED, GENDER_REQUIRED, BIRTH_DATE_FUTURE, BIRTH_DATE_MISMATCH, GENDER_MISMATCH
// Policy: -
//
// 002 一: the person chooses the document type (证件类型) and enters its number; the rules that
// follow an opening or an enrollment read the age, the retirement month and the gender (HPF
// flexible age, retirement withdrawals, the pension category). GB 11643-1999: the citizen number,
// the residence permits and the 2023 permanent residence ID carry the birth date and the gender
// (the sequence's parity). ICAO Doc 9303: a passport number carries neither. 国家移民管理局: the
// 2017 permanent residence ID carries the birth date as YYMMDD without its century, and no gender.
// Decision: for those two the request gives `birth_date` and `gender` — each missing is a
// violation naming the member (a member required by the document type, not by the operation,
// so a violation reported with the others rather than REQ_MISSING_FIELD, as HPF_WITHDRAW_HEIR_REQUIRED
// is for a death withdrawal); a birth date after as_of is BIRTH_DATE_FUTURE. Decision: given with
// a number that carries them, they must agree with it (a typing error in one or the other), and a
// 2017 permanent residence ID's YYMMDD must be the given date's.
#include "id/rules/document_birth.hpp"
#include "provident/rules/codes.hpp"

namespace pvd::id {

namespace {

void add_at(Violations& v, const DocumentFields& f, Code c, const std::string& field,
            std::initializer_list<MessageParam> params = {}) {
  Violation x = violation(c, field, params);
  x.row = f.row;
  v.add(std::move(x));
}

std::string two_digits(int n) { return std::string{static_cast<char>('0' + n / 10 % 10), static_cast<char>('0' + n % 10)}; }

}  // namespace

MessageParam document_param(DocumentType t) { return {"document", std::string(name_zh(t)), std::string(name_en(t))}; }

DocumentFields document_fields(const std::string& prefix, std::optional<std::int64_t> row) {
  return {prefix + "id_number", prefix + "birth_date", prefix + "gender", row};
}

bool check_birth_given(Violations& v, DocumentType t, const GivenBirth& given, Date as_of, const DocumentFields& f) {
  const std::size_t before = v.size();
  if (!given.birth_date) add_at(v, f, code::BIRTH_DATE_REQUIRED, f.birth_date, {document_param(t)});
  else if (as_of < *given.birth_date)
    add_at(v, f, code::BIRTH_DATE_FUTURE, f.birth_date, {{"birth_date", given.birth_date->to_string()}});
  if (!given.gender) add_at(v, f, code::GENDER_REQUIRED, f.gender, {document_param(t)});
  return v.size() == before;
}

bool check_birth_agrees(Violations& v, const CitizenId& id, const GivenBirth& given, const DocumentFields& f) {
  const std::size_t before = v.size();
  if (given.birth_date && *given.birth_date != id.birth_date)
    add_at(v, f, code::BIRTH_DATE_MISMATCH, f.birth_date,
           {{"birth_date", given.birth_date->to_string()}, document_param(id.kind)});
  if (given.gender && *given.gender != id.gender) add_at(v, f, code::GENDER_MISMATCH, f.gender, {document_param(id.kind)});
  return v.size() == before;
}

bool check_residence_2017_birth(Violations& v, std::string_view number, const GivenBirth& given, const DocumentFields& f) {
  if (!given.birth_date || number.size() != 15) return true;
  const Date d = *given.birth_date;
  const std::string yymmdd = two_digits(d.year() % 100) + two_digits(d.month()) + two_digits(d.day());
  if (number.substr(7, 6) == yymmdd) return true;
  add_at(v, f, code::BIRTH_DATE_MISMATCH, f.birth_date,
         {{"birth_date", d.to_string()}, document_param(DocumentType::foreign_permanent_residence)});
  return false;
}

}  // namespace pvd::id
