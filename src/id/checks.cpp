#include "id/checks.hpp"
#include "provident/id/identifiers.hpp"
#include "provident/policy/policy.hpp"
#include "provident/rules/codes.hpp"

#include "protocol/args.hpp"

namespace pvd::id {

namespace {

Code code_of(DocumentProblem p) noexcept {
  switch (p) {
    case DocumentProblem::format: return code::ID_FORMAT;
    case DocumentProblem::checksum: return code::ID_CHECKSUM;
    case DocumentProblem::birth_date: return code::ID_BIRTH_DATE;
    case DocumentProblem::region: return code::ID_UNKNOWN_REGION;
    case DocumentProblem::type_mismatch: return code::ID_DOCUMENT_TYPE_MISMATCH;
    case DocumentProblem::passport_format: return code::ID_PASSPORT_FORMAT;
    case DocumentProblem::permanent_residence_format: return code::ID_PERMANENT_RESIDENCE_FORMAT;
  }
  return code::ID_FORMAT;
}

// A permanent residence ID's province is not at the start of the number: say where it is.
MessageParam region_param(const DocumentParseResult& r) {
  if (!r.unknown_region_of_residence_id) return {"region", r.unknown_region};
  return {"region", r.unknown_region + "（外国人永久居留身份证号码中的受理地省份）",
          r.unknown_region + " (the accepting province in a foreign permanent residence ID number)"};
}

}  // namespace

void add_document_problems(Violations& v, const DocumentParseResult& r, const std::string& field,
                           std::optional<std::int64_t> row) {
  for (auto problem : r.problems) {
    Violation x = problem == DocumentProblem::region          ? violation(code_of(problem), field, {region_param(r)})
                  : problem == DocumentProblem::type_mismatch ? violation(code_of(problem), field, {document_param(r.type)})
                                                              : violation(code_of(problem), field);
    x.row = row;
    v.add(std::move(x));
  }
}

std::optional<CitizenId> check_citizen_id(Violations& v, std::string_view number, Date as_of, bool accept_15,
                                          const std::string& field, std::optional<std::int64_t> row) {
  auto r = parse_document(number, std::nullopt, as_of, accept_15);
  add_document_problems(v, r, field, row);
  return r.id;
}

namespace {

// The identity a document without a birth date and gender leaves to the entity.
state::Identity recorded_identity(DocumentType t, const GivenBirth& given) {
  return {std::string(id_type_name(t)), given.birth_date,
          std::string(given.gender == Gender::female ? "female" : "male")};
}

}  // namespace

std::optional<PersonDocument> check_person_document(Violations& v, std::string_view number,
                                                    std::optional<DocumentType> declared, const GivenBirth& given,
                                                    Date as_of, const DocumentFields& f) {
  const auto r = parse_document(number, declared, as_of, false);
  add_document_problems(v, r, f.id_number, f.row);
  if (!r.ok()) return std::nullopt;
  if (r.id) {
    if (!check_birth_agrees(v, *r.id, given, f)) return std::nullopt;
    return PersonDocument{r.number, r.type, {r.id->birth_date, r.id->gender}, {}};
  }
  const bool given_ok = check_birth_given(v, r.type, given, as_of, f);
  if (!check_residence_2017_birth(v, r.number, given, f) || !given_ok) return std::nullopt;
  return PersonDocument{r.number, r.type, {*given.birth_date, *given.gender}, recorded_identity(r.type, given)};
}

std::optional<PersonDocument> check_corrected_number(Violations& v, std::string_view number, Date as_of,
                                                     const std::string& field) {
  return check_person_document(v, number, std::nullopt, {}, as_of, {field, field, field, std::nullopt});
}

GivenBirth read_given_birth(protocol::ArgReader& a) {
  GivenBirth g;
  g.birth_date = a.opt_date("birth_date");
  if (const auto text = a.opt_enumeration("gender", {"male", "female"})) g.gender = *text == "female" ? Gender::female : Gender::male;
  return g;
}

namespace {

// Issue 18 (6): the protocol's names of `id_type`, each the name of a DocumentType.
struct IdTypeName {
  std::string_view id_type;
  DocumentType type;
};
constexpr IdTypeName kIdTypes[] = {{"citizen", DocumentType::citizen_id},
                                   {"hk_mo_permit", DocumentType::hk_macao_residence_permit},
                                   {"tw_permit", DocumentType::taiwan_residence_permit},
                                   {"passport", DocumentType::passport},
                                   {"foreign_permanent", DocumentType::foreign_permanent_residence}};

std::optional<DocumentType> from_id_type(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  for (const auto& n : kIdTypes)
    if (n.id_type == *text) return n.type;
  return std::nullopt;
}

}  // namespace

std::string_view id_type_name(DocumentType t) noexcept {
  for (const auto& n : kIdTypes)
    if (n.type == t) return n.id_type;
  return "citizen";
}

std::optional<DocumentType> read_document_type(protocol::ArgReader& a) {
  const auto by_id_type = from_id_type(
      a.opt_enumeration("id_type", {"citizen", "hk_mo_permit", "tw_permit", "passport", "foreign_permanent"}));
  const auto text = a.opt_enumeration("document_type", {"citizen_id", "hk_macao_residence_permit", "taiwan_residence_permit",
                                                        "foreign_permanent_residence", "passport"});
  const auto by_name = text ? parse_document_type(*text) : std::nullopt;
  if (by_id_type && by_name && *by_id_type != *by_name)
    protocol::throw_bad_value(a.field("id_type"), "与document_type所指的证件类型不一致",
                              "names another document type than document_type");
  return by_id_type ? by_id_type : by_name;
}

bool check_card_number(Violations& v, const policy::Policy& p, policy::Trace* t, Date on, const std::string& card_no,
                       const std::string& field) {
  if (card_number_valid(card_no, p.get<bool>(policy::Key::card_luhn_required, on, t))) return true;
  v.add(code::CARD_INVALID, field);
  return false;
}

const policy::Bank* check_bank_code(Violations& v, const policy::Policy& p, policy::Trace* t, Date on,
                                    const std::string& code, const std::string& field) {
  for (const auto& b : p.get<policy::BankList>(policy::Key::banks, on, t))
    if (b.code == code) return &b;
  v.add(code::BANK_UNKNOWN, field, {{"bank", code}});
  return nullptr;
}

}  // namespace pvd::id
