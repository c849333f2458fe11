// Rule: a corrected ID number is free, is not a number already corrected, and keeps a retired person's birth date and gender
// Source: 004 §2.2.1; 001 7.1
// Codes: SI_PERSON_ID_TAKEN, SI_PERSON_ID_CORRECTED, SI_ID_CHANGES_RETIREMENT
// Policy: -
//
// 004 §2.2.1 人员关键信息修改: the ID number is the person's key datum (the system looks the person
// up by it, §2.1.1), corrected like the name, with the materials a key change needs.
// Decision: the new number names no record of the store — neither another person nor a number
// once corrected (a tombstone: docs/state.md §2), so that a number never names two persons in
// the history (SI_PERSON_ID_TAKEN). Correcting back to a former number is therefore refused too.
// Decision: a number that was corrected answers every request that names it with the number it
// was corrected to, masked (SI_PERSON_ID_CORRECTED), instead of acting on the record under it.
// 001 7.1: a pension claim is approved on the birth date and gender of the number (the statutory
// retirement month is read from them). Decision: a retired person's number is corrected only to
// one carrying the same birth date and gender (SI_ID_CHANGES_RETIREMENT); the SI enrollment rules
// read neither from the number, so nothing else depends on them here.
#include "si/rules/person_rules.hpp"

#include "provident/id/mask.hpp"
#include "provident/rules/codes.hpp"

namespace pvd::si {

void check_id_free(Violations& v, const state::Person* holder, const std::string& new_id, const std::string& field) {
  if (holder) v.add(code::SI_PERSON_ID_TAKEN, field, {{"id", id::mask_id_number(new_id)}});
}

bool check_not_corrected(Violations& v, const state::Person& p, const std::string& field) {
  if (!p.moved_to) return true;
  v.add(code::SI_PERSON_ID_CORRECTED, field,
        {{"id", id::mask_id_number(p.id_number)}, {"new_id", id::mask_id_number(*p.moved_to)}});
  return false;
}

void check_id_keeps_retirement(Violations& v, const state::Person& p, const id::CitizenId& old_id,
                               const id::CitizenId& new_id, const std::string& field) {
  if (!p.retired_from) return;
  if (old_id.birth_date != new_id.birth_date || old_id.gender != new_id.gender)
    v.add(code::SI_ID_CHANGES_RETIREMENT, field, {{"month", p.retired_from->to_string()}});
}

}  // namespace pvd::si
