// Fuzz target: identifier parsing (arithmetic.md §4) — citizen ID numbers
// (pvd::id::parse_citizen_id, 15 and 18 digits), unified social credit codes,
// bank cards, mobile numbers, SI unit login names, name normalisation and the
// masks of personal data.
//
// Properties, each against an independent implementation written here:
//  - parse_citizen_id accepts exactly the valid numbers (format, a known
//    region — GB/T 2260 province, 810000/820000/830000, or 9 + a mainland
//    province —, GB 11643 check character, a real birth date not after as_of),
//    reports format alone or region, checksum and/or birth date, tells the
//    document from the first digits, and the parsed number round-trips:
//    parse(id.number) gives the same id (number, birth date, gender, region, kind);
//  - credit codes (GB 32100), cards (16–19 digits, Luhn), phones (1[3-9] + 9
//    digits) and login names agree with the reference checks;
//  - normalize_name is idempotent; names_equal(x, x) for valid UTF-8;
//  - parse_document: passports by length and characters, a declared type
//    accepts only its own kind;
//  - a mask never reveals the whole value.
//
// Input: the first byte picks the as_of day (an offset around 2026), the rest
// is the text.
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "provident/core/date.hpp"
#include "provident/id/citizen_id.hpp"
#include "provident/id/document.hpp"
#include "provident/id/identifiers.hpp"
#include "provident/id/mask.hpp"

using pvd_fuzz::show;

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool digits_only(std::string_view s) {
  for (char c : s)
    if (!is_digit(c)) return false;
  return true;
}

char ref_check_char(std::string_view first17) {
  static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int s = 0;
  for (int i = 0; i < 17; ++i) s += (first17[i] - '0') * w[i];
  return "10X98765432"[s % 11];
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

bool real_date(int y, int m, int d) {
  static const int md[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1400 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  return d <= (m == 2 && leap(y) ? 29 : md[m - 1]);
}

int num(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

bool province(int c, bool taiwan) {
  return (c >= 11 && c <= 15) || (c >= 21 && c <= 23) || (c >= 31 && c <= 37) || (c >= 41 && c <= 46) ||
         (c >= 50 && c <= 54) || (c >= 61 && c <= 65) || (taiwan && c == 71);
}

void check_citizen_id(std::string_view text, pvd::Date as_of, bool accept15) {
  using pvd::id::IdProblem;
  const auto r = pvd::id::parse_citizen_id(text, as_of, accept15);
  PVD_FUZZ_CHECK(r.id.has_value() == r.problems.empty(), "an ID result has both an id and problems, or neither");

  // The reference: the 18-character form, or a format problem.
  std::string n(text);
  bool format_ok = true;
  if (n.size() == 15) {
    if (accept15 && digits_only(n)) {
      n = n.substr(0, 6) + "19" + n.substr(6);
      n.push_back(ref_check_char(n));
    } else {
      format_ok = false;
    }
  }
  if (format_ok) {
    format_ok = n.size() == 18 && digits_only(std::string_view(n).substr(0, 17)) &&
                (is_digit(n[17]) || n[17] == 'X' || n[17] == 'x');
  }
  if (!format_ok) {
    PVD_FUZZ_CHECK(r.problems.size() == 1 && r.problems[0] == IdProblem::format,
                   "\"" + show(text) + "\" is not an ID number format, the parser did not say ID_FORMAT alone");
    return;
  }
  if (n[17] == 'x') n[17] = 'X';
  const bool fifteen = text.size() == 15;
  using pvd::id::DocumentType;
  DocumentType kind = DocumentType::citizen_id;
  bool region_ok;
  std::string region = n.substr(0, 6);
  if (!fifteen && n[0] == '9') {
    kind = DocumentType::foreign_permanent_residence;
    region_ok = province(num(std::string_view(n).substr(1, 2)), false);
    region = n.substr(1, 2) + "0000";
  } else if (!fifteen && (n.compare(0, 2, "81") == 0 || n.compare(0, 2, "82") == 0 || n.compare(0, 2, "83") == 0)) {
    kind = n[1] == '3' ? DocumentType::taiwan_residence_permit : DocumentType::hk_macao_residence_permit;
    region_ok = n.compare(2, 4, "0000") == 0;
  } else {
    region_ok = province(num(std::string_view(n).substr(0, 2)), true);
  }
  const bool checksum_ok = ref_check_char(n) == n[17];
  const int y = num(std::string_view(n).substr(6, 4)), m = num(std::string_view(n).substr(10, 2)),
            d = num(std::string_view(n).substr(12, 2));
  bool birth_ok = real_date(y, m, d);
  if (birth_ok) birth_ok = !(as_of < pvd::Date::of(y, m, d));
  bool saw_format = false, saw_checksum = false, saw_birth = false, saw_region = false;
  for (auto p : r.problems) {
    saw_format |= p == IdProblem::format;
    saw_checksum |= p == IdProblem::checksum;
    saw_birth |= p == IdProblem::birth_date;
    saw_region |= p == IdProblem::region;
  }
  PVD_FUZZ_CHECK(!saw_format, "\"" + show(text) + "\" has the ID format, the parser said ID_FORMAT");
  PVD_FUZZ_CHECK(saw_region == !region_ok, "ID_UNKNOWN_REGION disagrees with GB/T 2260 for \"" + show(text) + "\"");
  PVD_FUZZ_CHECK(saw_checksum == !checksum_ok, "ID_CHECKSUM disagrees with GB 11643 for \"" + show(text) + "\"");
  PVD_FUZZ_CHECK(saw_birth == !birth_ok, "ID_BIRTH_DATE disagrees with the calendar for \"" + show(text) + "\"");
  if (!r.id) return;

  const auto& id = *r.id;
  PVD_FUZZ_CHECK(id.number == n, "the normalised number is not the 18-character form of \"" + show(text) + "\"");
  PVD_FUZZ_CHECK(id.region == region, "region is not the address code (or the residence ID's province)");
  PVD_FUZZ_CHECK(id.kind == kind, "the document kind is not the one the first digits name");
  PVD_FUZZ_CHECK(id.upgraded == fifteen, "upgraded is not whether 15 digits were given");
  PVD_FUZZ_CHECK(id.birth_date == pvd::Date::of(y, m, d), "birth date is not digits 7–14");
  PVD_FUZZ_CHECK((id.gender == pvd::id::Gender::male) == ((n[16] - '0') % 2 == 1), "gender is not the parity of digit 17");
  // Round trip: parsing the normalised number gives the same id (as 18 digits).
  const auto again = pvd::id::parse_citizen_id(id.number, as_of, false);
  PVD_FUZZ_CHECK(again.id && again.id->number == id.number && again.id->birth_date == id.birth_date &&
                     again.id->gender == id.gender && again.id->region == id.region && again.id->kind == id.kind,
                 "parse(id.number) != id for \"" + show(text) + "\"");
  // The mask hides the birth date and sequence.
  const std::string masked = pvd::id::mask_id_number(id.number);
  PVD_FUZZ_CHECK(masked.size() == 18 && masked.find(id.number.substr(6, 8)) == std::string::npos,
                 "the ID mask shows the birth date: " + masked);
}

void check_credit_code(std::string_view s) {
  static const std::string_view alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  static const int w[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
  bool ref = s.size() == 18;
  int sum = 0, last = 0;
  for (std::size_t i = 0; ref && i < 18; ++i) {
    const auto p = alphabet.find(s[i]);
    if (p == std::string_view::npos) ref = false;
    else if (i < 17) sum += int(p) * w[i];
    else last = int(p);
  }
  if (ref) ref = last == (31 - sum % 31) % 31;
  PVD_FUZZ_CHECK(pvd::id::credit_code_valid(s) == ref, "credit_code_valid disagrees with GB 32100 for \"" + show(s) + "\"");
}

void check_card(std::string_view s) {
  bool digits = s.size() >= 16 && s.size() <= 19 && digits_only(s);
  int sum = 0;
  for (std::size_t i = 0; digits && i < s.size(); ++i) {
    int v = s[s.size() - 1 - i] - '0';
    if (i % 2 == 1) v = v * 2 > 9 ? v * 2 - 9 : v * 2;
    sum += v;
  }
  const bool luhn = digits && sum % 10 == 0;
  PVD_FUZZ_CHECK(pvd::id::card_number_valid(s, false) == digits, "card_number_valid (no Luhn) disagrees for \"" + show(s) + "\"");
  PVD_FUZZ_CHECK(pvd::id::card_number_valid(s, true) == luhn, "card_number_valid (Luhn) disagrees for \"" + show(s) + "\"");
  const std::string masked = pvd::id::mask_card_number(s);
  if (!s.empty() && digits_only(s)) PVD_FUZZ_CHECK(masked.find(s) == std::string::npos, "the card mask shows the whole number");
}

void check_phone(std::string_view s) {
  const bool ref = s.size() == 11 && digits_only(s) && s[0] == '1' && s[1] >= '3';
  PVD_FUZZ_CHECK(pvd::id::phone_valid(s) == ref, "phone_valid disagrees for \"" + show(s) + "\"");
  const std::string masked = pvd::id::mask_phone(s);
  if (!s.empty() && digits_only(s)) PVD_FUZZ_CHECK(masked.find(s) == std::string::npos, "the phone mask shows the whole number");
}

void check_login_name(std::string_view s) {
  const auto login = pvd::id::si_unit_login_name(s);
  const bool ref = digits_only(s) && (s.size() == 10 || s.size() == 12);
  PVD_FUZZ_CHECK(login.has_value() == ref, "si_unit_login_name disagrees for \"" + show(s) + "\"");
  if (login) PVD_FUZZ_CHECK(*login == (s.size() == 10 ? std::string(s) + "00" : std::string(s)), "wrong login name");
}

// parse_document: a passport is 5–17 of A–Z, a–z, 0–9 (upper-cased); a declared
// 18-character document accepts only a number of its own kind; undeclared, it is
// parse_citizen_id.
void check_document(std::string_view s, pvd::Date as_of) {
  using pvd::id::DocumentType;
  const auto pass = pvd::id::parse_document(s, DocumentType::passport, as_of, false);
  bool ref = s.size() >= 5 && s.size() <= 17;
  for (char c : s) ref = ref && (is_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'));
  PVD_FUZZ_CHECK(pass.ok() == ref, "a passport number is accepted exactly when it is 5–17 letters or digits: \"" + show(s) + "\"");
  const auto plain = pvd::id::parse_citizen_id(s, as_of, true);
  const auto undeclared = pvd::id::parse_document(s, std::nullopt, as_of, true);
  PVD_FUZZ_CHECK(undeclared.ok() == plain.id.has_value(), "an undeclared document is not parse_citizen_id");
  for (auto t : {DocumentType::citizen_id, DocumentType::hk_macao_residence_permit, DocumentType::taiwan_residence_permit,
                 DocumentType::foreign_permanent_residence}) {
    const auto d = pvd::id::parse_document(s, t, as_of, true);
    if (d.id) PVD_FUZZ_CHECK(d.id->kind == t, "a declared document accepted a number of another kind");
    if (d.ok() && !d.id)
      PVD_FUZZ_CHECK(t == DocumentType::foreign_permanent_residence && d.number.size() == 15,
                     "only a 2017 permanent residence ID is valid without the GB 11643 form");
  }
}

void check_name(std::string_view s) {
  const auto n = pvd::id::normalize_name(s);
  if (!n) return;  // invalid UTF-8
  const auto again = pvd::id::normalize_name(*n);
  PVD_FUZZ_CHECK(again && *again == *n, "normalize_name is not idempotent on \"" + show(s) + "\"");
  PVD_FUZZ_CHECK(pvd::id::names_equal(s, s), "names_equal(x, x) is false for \"" + show(s) + "\"");
  PVD_FUZZ_CHECK(pvd::id::names_equal(s, *n), "a name differs from its own normal form: \"" + show(s) + "\"");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  // as_of: 2026-07-01 moved by the first byte (−128 … +127 years in steps of
  // about 200 days), so that birth dates on both sides of as_of are reached.
  const int offset = static_cast<int>(static_cast<std::int8_t>(data[0])) * 200;
  const pvd::Date as_of = pvd::Date::of(2026, 7, 1) + offset;
  const std::string_view s(reinterpret_cast<const char*>(data + 1), size - 1);
  check_citizen_id(s, as_of, false);
  check_citizen_id(s, as_of, true);
  check_document(s, as_of);
  check_credit_code(s);
  check_card(s);
  check_phone(s);
  check_login_name(s);
  check_name(s);
  return 0;
}
