// The two time windows of the flexible-employment HPF module, as small rule
// functions shared by the operations and the typed fast paths.
#pragma once

#include <cstdint>
#include <optional>

#include "provident/policy/policy.hpp"

namespace pvd::hpf {

/// Remittance and back-pay are accepted only inside hpf.payment_window
/// (Taiyuan: days 1–25, 08:00 to before 17:00). Source: 002 三.1 注, 三.2 注.
bool payment_window_open(const policy::Policy& p, policy::Trace* t, LocalDateTime as_of);

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
AdjustmentWindow adjustment_window(const policy::Policy& p, policy::Trace* t, LocalDateTime as_of,
                                   std::optional<std::int64_t> last_adjust_year, std::int64_t adjust_count);

}  // namespace pvd::hpf
