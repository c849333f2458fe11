// Identifier checks as violations (rules.md §7), shared by every operation.
#pragma once

#include <optional>
#include <string>

#include "provident/id/citizen_id.hpp"
#include "provident/id/document.hpp"
#include "provident/rules/violation.hpp"
#include "id/rules/document_birth.hpp"
#include "state/identity.hpp"

namespace pvd::protocol {
class ArgReader;
}
namespace pvd::policy {
class Policy;
class Trace;
struct Bank;
}  // namespace pvd::policy

namespace pvd::id {

/// Validates an ID number of the GB 11643 form (a citizen number, a residence
/// permit of Hong Kong, Macao or Taiwan residents, a 2023 permanent residence
/// ID), adding ID_FORMAT / ID_UNKNOWN_REGION / ID_CHECKSUM / ID_BIRTH_DATE to
/// `v` under `field`; returns the parsed ID when valid. Operations that change
/// state pass accept_15_digits = false (rules.md §7).
std::optional<CitizenId> check_citizen_id(Violations& v, std::string_view number, Date as_of, bool accept_15_digits,
                                          const std::string& field, std::optional<std::int64_t> row = std::nullopt);

/// Adds the violations of a parsed document number under `field`.
void add_document_problems(Violations& v, const DocumentParseResult& r, const std::string& field,
                           std::optional<std::int64_t> row = std::nullopt);

/// A person's document as opening and enrolling read it (issue 18 (6)): the
/// normalised number, its type, the birth date and gender (from the number,
/// or as given for a document that carries none), and the identity the entity
/// records (state::Identity: only for those documents).
struct PersonDocument {
  std::string number;
  DocumentType type = DocumentType::citizen_id;
  state::BirthAndGender birth;
  state::Identity identity;
};

/// The number a person opens an account or enrolls with, of the `declared`
/// document type (args.id_type / document_type) or, without one, read from
/// the number; every document type is accepted, each validated to its format
/// (document.hpp), with the birth date and gender given or agreeing
/// (id/rules/document_birth.cpp). The person's document when all holds.
std::optional<PersonDocument> check_person_document(Violations& v, std::string_view number,
                                                    std::optional<DocumentType> declared, const GivenBirth& given,
                                                    Date as_of, const DocumentFields& fields);

/// A corrected ID number (issue 18 (1): si.person.change, hpf.account.change
/// `new_id_number`) as a person's document, read as the form it shows.
/// Decision: the new number carries its own birth date and gender (the GB 11643
/// form); a passport or a 2017 permanent residence ID is BIRTH_DATE_REQUIRED
/// under `field`, since a correction gives none (a gap, docs/rules.md).
std::optional<PersonDocument> check_corrected_number(Violations& v, std::string_view number, Date as_of,
                                                     const std::string& field);

/// `birth_date?` and `gender?` (male | female) of a request (issue 18 (6)).
GivenBirth read_given_birth(protocol::ArgReader& a);

/// The document type a request declares (issue 18 (6)): the optional member
/// `id_type` (citizen, hk_mo_permit, tw_permit, passport, foreign_permanent),
/// or the older `document_type` (citizen_id, hk_macao_residence_permit,
/// taiwan_residence_permit, foreign_permanent_residence, passport) — both
/// given must name the same type (else REQ_BAD_VALUE naming id_type).
/// Neither: nullopt, the number read as the citizen form it shows
/// (parse_document), so `citizen` is the default for a citizen number.
std::optional<DocumentType> read_document_type(protocol::ArgReader& a);

/// The `id_type` name of a document type.
std::string_view id_type_name(DocumentType t) noexcept;

/// A bank card number (arithmetic.md §4): 16–19 digits, Luhn when the policy's
/// card.luhn_required says so; CARD_INVALID under `field` otherwise.
bool check_card_number(Violations& v, const policy::Policy& p, policy::Trace* t, Date on, const std::string& card_no,
                       const std::string& field);
/// A bank (arithmetic.md §4): a code of the policy's `banks` list, or
/// BANK_UNKNOWN under `field`; the bank when known.
const policy::Bank* check_bank_code(Violations& v, const policy::Policy& p, policy::Trace* t, Date on,
                                    const std::string& code, const std::string& field);

}  // namespace pvd::id
