// The one reading of a person's birth date and gender (issue 18 (6) intake):
// from a number of the GB 11643 form (citizen ID, residence permits, 2023
// permanent residence ID), else from what the entity recorded for a document
// that carries none (a passport, a 2017 permanent residence ID: Identity).
// Every rule that needs the age, the retirement month or the gender reads them
// here, so that a passport holder retires like anyone else.
#pragma once

#include <optional>
#include <string_view>

#include "provident/id/citizen_id.hpp"
#include "state/entities.hpp"

namespace pvd::state {
class World;
}

namespace pvd::state {

struct BirthAndGender {
  Date birth_date;
  id::Gender gender = id::Gender::male;
};

/// The birth date and gender of an HPF depositor or an SI person; nothing when
/// the number does not parse (as of `as_of`, 18 characters; `accept_15_digits`
/// for the pension rules, rules.md §7) and nothing is recorded.
std::optional<BirthAndGender> birth_and_gender(const PersonRef& p, Date as_of, bool accept_15_digits = false);
std::optional<BirthAndGender> birth_and_gender(const Person& p, Date as_of, bool accept_15_digits = false);

/// The same of a number and its recorded identity (the function both read).
std::optional<BirthAndGender> birth_and_gender(std::string_view id_number, const Identity& recorded, Date as_of,
                                               bool accept_15_digits);

/// Whether the entity's number is of a document that carries no birth date
/// (Identity.id_type recorded): such a number is looked up as it was recorded.
inline bool recorded_document(const Identity& i) noexcept { return i.id_type.has_value(); }

/// The person recorded with a document without a birth date whose number is
/// `text` (upper-cased, as the passport and 2017 permanent residence ID checks
/// normalise it); none otherwise — a number of the GB 11643 form is looked up
/// by its own parsing.
const Person* recorded_document_person(World& w, std::string_view text);

}  // namespace pvd::state
