#include "state/identity.hpp"
#include "state/world.hpp"

namespace pvd::state {

std::optional<BirthAndGender> birth_and_gender(std::string_view id_number, const Identity& recorded, Date as_of,
                                               bool accept_15_digits) {
  if (recorded.birth_date && recorded.gender)
    return BirthAndGender{*recorded.birth_date, *recorded.gender == "female" ? id::Gender::female : id::Gender::male};
  const auto parsed = id::parse_citizen_id(id_number, as_of, accept_15_digits);
  if (!parsed.id) return std::nullopt;
  return BirthAndGender{parsed.id->birth_date, parsed.id->gender};
}

std::optional<BirthAndGender> birth_and_gender(const PersonRef& p, Date as_of, bool accept_15_digits) {
  return birth_and_gender(p.id_number, p.identity, as_of, accept_15_digits);
}

std::optional<BirthAndGender> birth_and_gender(const Person& p, Date as_of, bool accept_15_digits) {
  return birth_and_gender(p.id_number, p.identity, as_of, accept_15_digits);
}

const Person* recorded_document_person(World& w, std::string_view text) {
  std::string n(text);
  for (char& c : n)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  const Person* p = w.person(n);
  return p && recorded_document(p->identity) ? p : nullptr;
}

}  // namespace pvd::state
