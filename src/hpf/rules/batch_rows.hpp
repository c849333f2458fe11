// A batch names each person, account or month once. See batch_rows.cpp.
#pragma once

#include <cstddef>
#include <map>

#include "hpf/rules/common.hpp"

namespace pvd::hpf::rules {

/// The rows of a batch seen so far, each by what makes two rows the same
/// (the person's ID number, the account, the account and month).
class BatchRows {
 public:
  /// BATCH_DUPLICATE at `field` of row `row` when an earlier row had `key`;
  /// otherwise records `key` for row `row`.
  bool check_unique(Violations& v, const std::string& key, std::size_t row, const std::string& field, std::string_view source);
  bool contains(const std::string& key) const { return rows_.count(key) != 0; }

 private:
  std::map<std::string, std::size_t> rows_;
};

}  // namespace pvd::hpf::rules
