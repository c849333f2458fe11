// Which monthly deposit a flexible depositor may choose. See deposit_amount.cpp.
#pragma once

#include "hpf/rules/common.hpp"

namespace pvd::hpf::rules {

/// Whether `amount` lies in [hpf.flex.monthly_min, hpf.flex.monthly_max] at `on` (no violation).
bool deposit_in_range(const Policy& p, Trace* t, Date on, Money amount);
/// 002 三.6 / 002 一: the monthly deposit lies in the flexible range at `on`.
bool check_deposit_range(Violations& v, const Policy& p, Trace* t, Date on, Money amount, const std::string& field,
                         std::string_view source = {});

/// 002 三.6 (月缴存额调整): an adjustment changes the amount; one to the amount
/// already in force would use up the year's change for nothing.
bool check_adjustment_changes(Violations& v, const state::Account& a, YearMonth from, Money deposit, const std::string& field);

/// The monthly deposit an unseal takes (000 一 注; decision): by default the
/// last one in force; a given amount when the default is missing or out of
/// range, or — while adjustment is open — as that year's adjustment.
struct UnsealDeposit {
  const state::Deposit* last = nullptr;  // the default, when `default_ok`
  bool default_ok = false;               // a last deposit inside today's range
  bool editable = false;                 // the amount field may be edited
  bool is_adjustment = false;            // a change that counts as this year's adjustment
  Money chosen;
};
UnsealDeposit choose_unseal_deposit(Violations& v, const Policy& p, Trace* t, LocalDateTime as_of, const state::Account& a,
                                    std::optional<Money> given, const std::string& field);

}  // namespace pvd::hpf::rules
