// Rule: a batch row's date is a real yyyymmdd date, and a person has one row
// Source: 004 §2.1.3; decision
// Codes: BATCH_BAD_DATE, BATCH_DUPLICATE
// Policy: -
//
// 004 §2.1.3 (人员批量停保): 「变更时间的格式为：yyyymmdd」 — exactly eight digits and a real date.
// Decision: one row per person in a batch (si.stop_batch, si.declare_wage); a later row for the
// same person is refused naming the earlier one. Messages name rows from 1.
#include "si/rules/rules.hpp"
#include "provident/rules/codes.hpp"

namespace pvd::si {

std::optional<Date> check_batch_date(Violations& v, std::string_view text, std::size_t row, const std::string& field) {
  const auto date = Date::parse_compact(text);
  if (!date) v.add(code::BATCH_BAD_DATE, field, {{"row_no", std::to_string(row + 1)}});
  return date;
}

bool check_batch_first_row(Violations& v, std::map<std::string, std::size_t>& first_row, const std::string& id_number,
                           std::size_t row, const std::string& field) {
  auto [it, fresh] = first_row.emplace(id_number, row);
  if (!fresh)
    v.add(code::BATCH_DUPLICATE, field,
          {{"row_no", std::to_string(row + 1)}, {"other_row_no", std::to_string(it->second + 1)}});
  return fresh;
}

}  // namespace pvd::si
