// A month is paid once, by whoever owes it. See paid_months.cpp.
#pragma once

#include "hpf/rules/common.hpp"

namespace pvd::hpf::rules {

/// 002 三.1; state.md §4: a month is paid at most once.
bool check_month_unpaid(Violations& v, const state::Account& a, YearMonth m, const std::string& field, Row row = std::nullopt,
                        std::string_view source = {});

/// 002 三.1: the month remitted by a flexible depositor is unpaid and, while
/// the account is normal, owed by the depositor — not owed to an employer
/// (the month of a move) nor on a bill (`billed`).
bool check_remit_month(Violations& v, const state::Account& a, YearMonth m, bool billed, const std::string& field);

}  // namespace pvd::hpf::rules
