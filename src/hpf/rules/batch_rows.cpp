// Rule: a batch names each person, account or month once
// Source: 003 2; 003 6; 003 8; decision
// Codes: BATCH_DUPLICATE
// Policy: -
//
// 003 2 (批量开户: the rows of the uploaded sheet), 003 6 (补缴核定 rows), 003 8 (缴存基数批量调整
// rows): a batch is all-or-nothing and every failing row is reported. A person (opening), an
// account (base adjustment) or an account's month (missed-month back-pay) appears once.
// Decision: of a pair, the later row is the duplicate; both row numbers are 1-based in the message.
#include "hpf/rules/batch_rows.hpp"
#include "provident/rules/codes.hpp"

namespace pvd::hpf::rules {

bool BatchRows::check_unique(Violations& v, const std::string& key, std::size_t row, const std::string& field,
                             std::string_view source) {
  auto [it, fresh] = rows_.emplace(key, row);
  if (fresh) return true;
  v.add(row_violation(code::BATCH_DUPLICATE, static_cast<std::int64_t>(row), field,
                      {{"row_no", std::to_string(row + 1)}, {"other_row_no", std::to_string(it->second + 1)}}, source));
  return false;
}

}  // namespace pvd::hpf::rules
