// When remittance and back-pay are accepted (hpf.payment_window). See payment_window.cpp.
#pragma once

#include "hpf/rules/common.hpp"

namespace pvd::hpf::rules {

/// Whether `as_of` lies inside hpf.payment_window (Taiyuan: days 1–25, 08:00
/// to before 17:00). Source: 002 三.1 注, 三.2 注.
bool payment_window_open(const Policy& p, Trace* t, LocalDateTime as_of);

/// HPF_OUTSIDE_PAYMENT_WINDOW (at `as_of`) unless the window is open; `source`
/// names the operation's clause (002 三.1 注 remittance, 三.2 注 back-pay).
bool check_payment_window(Violations& v, const Policy& p, Trace* t, LocalDateTime as_of, std::string_view source);

}  // namespace pvd::hpf::rules
