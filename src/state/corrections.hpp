// Corrections (issue 18; 004 §2.2): the fields a correction changes, how they enter an
// entity's `changes` history, and how they are shown (a mobile number masked,
// arithmetic.md §4). Shared by si.person.change, si.person.lock/unlock, si.unit.change
// and hpf.account.change.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "json/json.hpp"
#include "state/entities.hpp"

namespace pvd::state {

/// One field a correction changes: its name and the values before and after ("" = none).
struct FieldEdit {
  std::string field, old_value, new_value;
};

/// Appends {field, current, given} to `edits` when a value is given and differs from `current`.
void edit_if_changed(std::vector<FieldEdit>& edits, const char* field, const std::string& current,
                     const std::optional<std::string>& given);
/// The same for an optional current value (absent = "").
void edit_if_changed(std::vector<FieldEdit>& edits, const char* field, const std::optional<std::string>& current,
                     const std::optional<std::string>& given);
/// Appends one history entry per edit, on `date`, with the reason.
void record_changes(std::vector<FieldChange>& history, const std::vector<FieldEdit>& edits, Date date,
                    const std::string& reason);
/// The edits as shown in responses and events: [{field, old, new}], a phone masked.
protocol::ojson edits_json(const std::vector<FieldEdit>& edits);

}  // namespace pvd::state
