// The kinds of value a policy parameter can hold (policy.md §2).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "provident/core/date.hpp"
#include "provident/core/money.hpp"
#include "provident/core/rate.hpp"
#include "provident/core/rounding.hpp"

namespace pvd::policy {

/// A time window on days of the month (hpf.payment_window). `any` = no window.
struct Window {
  bool any = true;
  int first_day = 1;       // 1..31
  int last_day = 31;       // 1..31
  int from_seconds = 0;    // seconds of day
  int to_seconds = 86400;  // seconds of day
  bool to_exclusive = true;
  bool contains(const LocalDateTime& t) const;
  std::string from_text() const;  // "08:00"
  std::string to_text() const;    // "17:00"
  friend bool operator==(const Window&, const Window&) = default;
};

/// A reason code with labels (seal, unseal, back-pay and stop reasons).
/// `kind` is "missed" or "difference" for hpf.back_pay.reasons, else empty.
struct Reason {
  std::string code, zh, en, kind;
  friend bool operator==(const Reason&, const Reason&) = default;
};

struct Bank {
  std::string code, zh, en;
  friend bool operator==(const Bank&, const Bank&) = default;
};

/// Statutory retirement age of one category (arithmetic.md §3.5).
struct RetirementRule {
  int original_years = 60;
  int step_months = 4;        // one month of delay per `step` months of birth
  int max_delay_months = 0;   // 0 before the reform
  friend bool operator==(const RetirementRule&, const RetirementRule&) = default;
};

struct YearRange {
  int from = 0, to = 0;
  bool contains(int y) const noexcept { return y >= from && y <= to; }
  friend bool operator==(const YearRange&, const YearRange&) = default;
};

using MonthList = std::vector<int>;       // calendar months 1..12
using StringList = std::vector<std::string>;
using ReasonList = std::vector<Reason>;
using BankList = std::vector<Bank>;

using Value = std::variant<bool, std::int64_t, Rate, Money, Rounding, Window, MonthList, std::string, ReasonList,
                           BankList, StringList, YearRange, RetirementRule, Date, YearMonth>;

}  // namespace pvd::policy
