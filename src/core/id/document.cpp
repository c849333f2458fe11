#include "provident/id/document.hpp"

namespace pvd::id {

namespace {

bool digit(char c) noexcept { return c >= '0' && c <= '9'; }
bool upper(char c) noexcept { return c >= 'A' && c <= 'Z'; }

std::string upper_cased(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

int num(std::string_view s) noexcept {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

DocumentProblem from(IdProblem p) noexcept {
  switch (p) {
    case IdProblem::format: return DocumentProblem::format;
    case IdProblem::checksum: return DocumentProblem::checksum;
    case IdProblem::birth_date: return DocumentProblem::birth_date;
    case IdProblem::region: return DocumentProblem::region;
  }
  return DocumentProblem::format;
}

void passport(DocumentParseResult& r, std::string_view text) {
  const std::string n = upper_cased(text);
  bool ok = n.size() >= 5 && n.size() <= 17;
  for (char c : n) ok = ok && (digit(c) || upper(c));
  if (!ok) {
    r.problems.push_back(DocumentProblem::passport_format);
    return;
  }
  r.number = n;
}

/// The 2017 form of the permanent residence ID: AAA + 4-digit place + YYMMDD + 2 digits.
bool residence_2017_shape(std::string_view text) noexcept {
  if (text.size() != 15) return false;
  for (std::size_t i = 0; i < 3; ++i)
    if (!upper(text[i]) && !(text[i] >= 'a' && text[i] <= 'z')) return false;
  for (std::size_t i = 3; i < 15; ++i)
    if (!digit(text[i])) return false;
  return true;
}

void residence_2017(DocumentParseResult& r, std::string_view text, Date as_of) {
  const std::string n = upper_cased(text);
  const std::string_view v(n);
  if (!gbt2260_province(v.substr(3, 2), false)) {
    r.problems.push_back(DocumentProblem::region);
    r.unknown_region = std::string(v.substr(3, 2));
    r.unknown_region_of_residence_id = true;
  }
  const int yy = num(v.substr(7, 2)), mm = num(v.substr(9, 2)), dd = num(v.substr(11, 2));
  bool birth_ok = false;
  for (int century : {1900, 2000})
    if (auto d = Date::try_of(century + yy, mm, dd); d && !(as_of < *d)) birth_ok = true;
  if (!birth_ok) r.problems.push_back(DocumentProblem::birth_date);
  if (!r.problems.empty()) return;
  r.number = n;
  r.nationality = std::string(v.substr(0, 3));
  r.region = std::string(v.substr(3, 4)) + "00";
}

}  // namespace

DocumentParseResult parse_document(std::string_view text, std::optional<DocumentType> declared, Date as_of,
                                   bool accept_15_digits) {
  DocumentParseResult r;
  if (declared) r.type = *declared;
  if (declared == DocumentType::passport) {
    passport(r, text);
    return r;
  }
  if (declared == DocumentType::foreign_permanent_residence && residence_2017_shape(text)) {
    residence_2017(r, text, as_of);
    return r;
  }
  const bool permanent_residence = declared == DocumentType::foreign_permanent_residence;
  // A permanent residence ID is never 15 digits (the 2017 form has letters).
  auto parsed = parse_citizen_id(text, as_of, accept_15_digits && !permanent_residence);
  for (auto p : parsed.problems)
    r.problems.push_back(p == IdProblem::format && permanent_residence ? DocumentProblem::permanent_residence_format : from(p));
  r.unknown_region = parsed.unknown_region;
  r.unknown_region_of_residence_id = parsed.unknown_region_of_residence_id;
  if (!parsed.id) return r;
  if (declared && parsed.id->kind != *declared) {
    r.problems.push_back(DocumentProblem::type_mismatch);
    return r;
  }
  r.type = parsed.id->kind;
  r.number = parsed.id->number;
  r.region = parsed.id->region;
  r.nationality = parsed.id->nationality;
  r.id = std::move(parsed.id);
  return r;
}

}  // namespace pvd::id
