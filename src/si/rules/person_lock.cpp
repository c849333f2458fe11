// Rule: a locked person's data is not changed until unlocked
// Source: 004 §2.2.3
// Codes: SI_PERSON_LOCKED, SI_PERSON_ALREADY_LOCKED, SI_PERSON_NOT_LOCKED
// Policy: -
//
// 004 §2.2.3 人员信息锁定 is a heading of the Handan manual's contents without text
// (docs/sources.md): a person's record can be locked against changes.
// Decision: a lock stops si.person.change (SI_PERSON_LOCKED) until si.person.unlock; it does not
// stop enrollments, stops or contributions, which change no personal data.
// Decision: locking a locked record, or unlocking an unlocked one, is refused rather than
// accepted silently, so that the history records each lock once.
#include "si/rules/person_rules.hpp"
#include "provident/rules/codes.hpp"

namespace pvd::si {

void check_person_unlocked(Violations& v, const state::Person& p, const std::string& field) {
  if (p.locked) v.add(code::SI_PERSON_LOCKED, field);
}

void check_lock_change(Violations& v, const state::Person& p, bool lock, const std::string& field) {
  if (lock && p.locked) v.add(code::SI_PERSON_ALREADY_LOCKED, field);
  if (!lock && !p.locked) v.add(code::SI_PERSON_NOT_LOCKED, field);
}

}  // namespace pvd::si
