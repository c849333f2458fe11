#include "provident/id/citizen_id.hpp"

namespace pvd::id {

namespace {

bool all_digits(std::string_view s) noexcept {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

int num(std::string_view s) noexcept {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

struct DocumentName {
  DocumentType type;
  std::string_view key, zh, en;
};

constexpr DocumentName kDocuments[] = {
    {DocumentType::citizen_id, "citizen_id", "居民身份证", "citizen ID card"},
    {DocumentType::hk_macao_residence_permit, "hk_macao_residence_permit", "港澳居民居住证",
     "residence permit for Hong Kong and Macao residents"},
    {DocumentType::taiwan_residence_permit, "taiwan_residence_permit", "台湾居民居住证", "residence permit for Taiwan residents"},
    {DocumentType::foreign_permanent_residence, "foreign_permanent_residence", "外国人永久居留身份证",
     "foreign permanent residence ID card"},
    {DocumentType::passport, "passport", "护照", "passport"},
};

const DocumentName& names(DocumentType t) noexcept {
  for (const auto& d : kDocuments)
    if (d.type == t) return d;
  return kDocuments[0];
}

}  // namespace

std::string_view to_string(DocumentType t) noexcept { return names(t).key; }
std::string_view name_zh(DocumentType t) noexcept { return names(t).zh; }
std::string_view name_en(DocumentType t) noexcept { return names(t).en; }

std::optional<DocumentType> parse_document_type(std::string_view s) noexcept {
  for (const auto& d : kDocuments)
    if (d.key == s) return d.type;
  return std::nullopt;
}

bool gbt2260_province(std::string_view p, bool taiwan) noexcept {
  // GB/T 2260 province-level codes: 11–15 (华北), 21–23 (东北), 31–37 (华东),
  // 41–46 (中南), 50–54 (西南), 61–65 (西北), 71 (台湾), 81 and 82 (香港, 澳门:
  // used only as the residence permits' 810000 / 820000, parse_citizen_id).
  if (p.size() != 2 || !all_digits(p)) return false;
  const int c = num(p);
  return (c >= 11 && c <= 15) || (c >= 21 && c <= 23) || (c >= 31 && c <= 37) || (c >= 41 && c <= 46) ||
         (c >= 50 && c <= 54) || (c >= 61 && c <= 65) || (taiwan && c == 71);
}

char id_check_char(std::string_view first17) noexcept {
  static constexpr int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr char checks[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[std::size_t(i)] - '0') * weights[i];
  return checks[sum % 11];
}

IdParseResult parse_citizen_id(std::string_view text, Date as_of, bool accept_15_digits) {
  IdParseResult r;
  std::string n(text);
  const bool upgraded = n.size() == 15;
  if (upgraded) {
    if (!accept_15_digits || !all_digits(n)) {
      r.problems.push_back(IdProblem::format);
      return r;
    }
    n = n.substr(0, 6) + "19" + n.substr(6);
    n.push_back(id_check_char(n));
  }
  if (n.size() != 18 || !all_digits(std::string_view(n).substr(0, 17))) {
    r.problems.push_back(IdProblem::format);
    return r;
  }
  char& last = n[17];
  if (last == 'x') last = 'X';
  if (!(last == 'X' || (last >= '0' && last <= '9'))) {
    r.problems.push_back(IdProblem::format);
    return r;
  }
  const std::string_view v(n);

  // Which document, and is its region known. A 15-digit number is a citizen's
  // (first-generation cards, before the permits and the 2023 residence ID).
  DocumentType kind = DocumentType::citizen_id;
  std::string region(v.substr(0, 6));
  bool region_known = false;
  if (v[0] == '9' && !upgraded) {
    // 新版永居证: "9" + accepting province (the mainland's; decision: an
    // application is not accepted in Taiwan, Hong Kong or Macao).
    kind = DocumentType::foreign_permanent_residence;
    region_known = gbt2260_province(v.substr(1, 2), false);
    region = std::string(v.substr(1, 2)) + "0000";
    if (!region_known) {
      r.unknown_region = std::string(v.substr(1, 2));
      r.unknown_region_of_residence_id = true;
    }
  } else if (!upgraded && (v.substr(0, 2) == "81" || v.substr(0, 2) == "82" || v.substr(0, 2) == "83")) {
    // 港澳台居民居住证: the whole address code is 810000, 820000 or 830000.
    kind = v[1] == '3' ? DocumentType::taiwan_residence_permit : DocumentType::hk_macao_residence_permit;
    region_known = v.substr(2, 4) == "0000";
    if (!region_known) r.unknown_region = region;
  } else {
    region_known = gbt2260_province(v.substr(0, 2), true);
    if (!region_known) r.unknown_region = std::string(v.substr(0, 2));
  }
  if (!region_known) r.problems.push_back(IdProblem::region);
  if (id_check_char(n) != last) r.problems.push_back(IdProblem::checksum);
  auto birth = Date::try_of(num(v.substr(6, 4)), num(v.substr(10, 2)), num(v.substr(12, 2)));
  if (!birth || as_of < *birth) r.problems.push_back(IdProblem::birth_date);
  if (!r.problems.empty()) return r;
  CitizenId id;
  id.number = n;
  id.birth_date = *birth;
  id.gender = (v[16] - '0') % 2 == 1 ? Gender::male : Gender::female;
  id.region = std::move(region);
  id.kind = kind;
  id.upgraded = upgraded;
  if (kind == DocumentType::foreign_permanent_residence) id.nationality = std::string(v.substr(3, 3));
  r.id = std::move(id);
  return r;
}

}  // namespace pvd::id
