// The SI fast path: late fees on a population (kernels.hpp). The rule is the
// domain's (src/si): each counted day at the daily rate in force on it.
#include "fastpath/error.hpp"
#include "fastpath/kernels.hpp"
#include "si/late_fee.hpp"

namespace pvd::fastpath {

void late_fee_batch(const Policy& p, std::size_t n, const std::int64_t* principal, const std::int64_t* due,
                    const std::int64_t* paid, std::int64_t* out) {
  for (std::size_t i = 0; i < n; ++i) {
    check_row(kPrincipalFen, i, principal[i], "principal_fen");
    check_row(kDaySerial, i, due[i], "due_date");
    check_row(kDaySerial, i, paid[i], "paid_date");
  }
  for (std::size_t i = 0; i < n; ++i) {
    try {
      out[i] = si::compute_late_fee(p, nullptr, Money::fen(principal[i]), Date::from_days(static_cast<std::int32_t>(due[i])),
                                    Date::from_days(static_cast<std::int32_t>(paid[i])))
                   .fee.as_fen();
    } catch (const RequestError& e) {
      failed_at_row(i, e);
    } catch (const OverflowError&) {
      bad_row(i, "principal_fen", "金额超出可计算范围", "an amount is too large to compute exactly");
    }
  }
}

}  // namespace pvd::fastpath
