// store.verify's SI checks (issue 12, one true contribution history), apart
// from the store's general checks so that the SI and HPF sides grow them
// independently.
#pragma once

#include "protocol/json.hpp"
#include "store/sqlite.hpp"

namespace pvd::store {

/// Appends the SI invariants to `checks` ({name, ok, detail} each):
///  - no person-month-type charged twice: at most one contribution record per
///    (person, type, month) across units and flexible contributions, and no
///    open flexible verification of a pension month charged at a unit;
///  - no SI month charged outside an enrollment: a unit's record is covered by
///    an enrollment of the person at (unit, type); no pension month is charged
///    from the person's retirement month on.
void si_history_checks(Db& db, protocol::ojson& checks);

}  // namespace pvd::store
