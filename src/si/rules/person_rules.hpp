// The rules of corrections (issue 18; 004 §2.2 信息修改): a person's key and general
// data, the lock (信息锁定), a unit's data and an HPF account's name. Each rule is a
// pure function that appends violations under the field it is given; the handlers
// (src/si/ops_person_change.cpp, src/si/ops_unit_change.cpp,
// src/hpf/ops_account_change.cpp) call every rule that applies.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "provident/id/citizen_id.hpp"
#include "provident/rules/violation.hpp"
#include "state/corrections.hpp"
#include "state/entities.hpp"

namespace pvd::si {

using state::FieldEdit;

// person_change.cpp
/// 004 §2.2.1 第三步 and decision: a correction says why (CHANGE_REASON_REQUIRED).
void check_change_reason(Violations& v, std::string_view reason, const std::string& field);
/// 004 §2.2.1 第二步 and decision: a correction changes something (CHANGE_NOTHING).
void check_something_changes(Violations& v, const std::vector<FieldEdit>& edits, const std::string& field);
/// 004 §2.2.1 办理条件 (1): the person is actively insured at a unit (SI_PERSON_NOT_INSURED).
void check_person_insured(Violations& v, const state::Person& p, Date today, const std::string& field);
/// 004 §2.1.1 重点项目说明 (2) kept after a correction: the new work start date is before every
/// enrollment of the person (SI_ENROLL_BEFORE_WORK_START, once, for the earliest).
void check_work_start_before_enrollments(Violations& v, const state::Person& p, Date work_start,
                                         const std::string& field);
/// 004 §2.2.2 and decision: an address given is not blank (ADDRESS_INVALID).
void check_address(Violations& v, std::string_view address, const std::string& field);

// person_lock.cpp
/// 004 §2.2.3: a locked person's data is not changed (SI_PERSON_LOCKED).
void check_person_unlocked(Violations& v, const state::Person& p, const std::string& field);
/// 004 §2.2.3 and decision: lock only what is unlocked (SI_PERSON_ALREADY_LOCKED), unlock only
/// what is locked (SI_PERSON_NOT_LOCKED).
void check_lock_change(Violations& v, const state::Person& p, bool lock, const std::string& field);

// id_correction.cpp (issue 18 (1))
/// 004 §2.2.1 and decision: the new ID number names no record (`holder`: the record under it,
/// if any) — SI_PERSON_ID_TAKEN, the number masked.
void check_id_free(Violations& v, const state::Person* holder, const std::string& new_id, const std::string& field);
/// Decision: a record left under a corrected number is not acted on (SI_PERSON_ID_CORRECTED,
/// naming the new number masked); false for such a record.
bool check_not_corrected(Violations& v, const state::Person& p, const std::string& field);
/// 001 7.1 and decision: a retired person's new number carries the same birth date and gender
/// (SI_ID_CHANGES_RETIREMENT).
void check_id_keeps_retirement(Violations& v, const state::Person& p, const id::CitizenId& old_id,
                               const id::CitizenId& new_id, const std::string& field);

}  // namespace pvd::si
