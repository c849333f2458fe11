// When a deposit or a base may be adjusted: the one month-window rule of the
// flexible monthly deposit (hpf.flex.adjust.*) and of the employer's base
// adjustment (hpf.unit.adjust_base.months). See adjustment_window.cpp.
#pragma once

#include "hpf/rules/common.hpp"

namespace pvd::hpf::rules {

/// Whether the month of `as_of` is one of `months` (empty = any month).
bool month_window_open(const policy::MonthList& months, LocalDateTime as_of) noexcept;

/// The {months} parameter of HPF_ADJUST_OUTSIDE_WINDOW: "7月" / "July".
MessageParam months_param(const policy::MonthList& months);

/// Whether a flexible deposit may be adjusted now (000 四; 002 三.6): the as_of
/// month is in hpf.flex.adjust.months (empty = any month) and fewer than
/// hpf.flex.adjust.per_year adjustments (0 = unlimited) were made in the
/// calendar year of as_of.
struct AdjustmentWindow {
  bool month_open = false;
  bool under_yearly_limit = false;
  bool open() const noexcept { return month_open && under_yearly_limit; }
  std::int64_t done_this_year = 0;
  std::int64_t per_year = 0;
  const policy::MonthList* months = nullptr;  // the months it is open in (empty = any)
};
AdjustmentWindow adjustment_window(const Policy& p, Trace* t, LocalDateTime as_of, std::optional<std::int64_t> last_adjust_year,
                                   std::int64_t adjust_count);

/// hpf.flex.adjust (000 四; 002 三.6): adds HPF_ADJUST_OUTSIDE_WINDOW and/or
/// HPF_ADJUST_ALREADY_DONE; returns whether the window is open.
bool check_adjustment_open(Violations& v, const AdjustmentWindow& w);

/// hpf.unit.adjust_base (003 8): the as_of month is in
/// hpf.unit.adjust_base.months (empty = any month), else HPF_ADJUST_OUTSIDE_WINDOW.
bool check_base_adjustment_open(Violations& v, const Policy& p, Trace* t, LocalDateTime as_of);

}  // namespace pvd::hpf::rules
