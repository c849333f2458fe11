#include "state/corrections.hpp"

#include "provident/id/mask.hpp"

namespace pvd::state {

void edit_if_changed(std::vector<FieldEdit>& edits, const char* field, const std::string& current,
                     const std::optional<std::string>& given) {
  if (given && *given != current) edits.push_back({field, current, *given});
}

void edit_if_changed(std::vector<FieldEdit>& edits, const char* field, const std::optional<std::string>& current,
                     const std::optional<std::string>& given) {
  edit_if_changed(edits, field, current.value_or(""), given);
}

void record_changes(std::vector<FieldChange>& history, const std::vector<FieldEdit>& edits, Date date,
                    const std::string& reason) {
  for (const auto& e : edits)
    history.push_back({.date = date, .field = e.field, .old_value = e.old_value, .new_value = e.new_value,
                       .reason = reason});
}

namespace {

/// A value as shown: a mobile number and an ID number masked (arithmetic.md §4), others as they are.
std::string shown(const std::string& field, const std::string& value) {
  if (value.empty()) return value;
  if (field == "phone") return id::mask_phone(value);
  if (field == "id_number") return id::mask_id_number(value);  // issue 18 (1)
  return value;
}

}  // namespace

protocol::ojson edits_json(const std::vector<FieldEdit>& edits) {
  protocol::ojson out = protocol::ojson::array();
  for (const auto& e : edits)
    out.push_back({{"field", e.field}, {"old", shown(e.field, e.old_value)}, {"new", shown(e.field, e.new_value)}});
  return out;
}

}  // namespace pvd::state
