// si.contribution over a population (batches.hpp): the rates, the rounding
// and (for wages) the base limits of each distinct month are read once, by
// the functions the JSON calculator calls (si/contribution.hpp,
// si/base_limits.hpp); each row is then priced in exact integers.
#include <algorithm>
#include <array>
#include <bit>
#include <optional>
#include <vector>

#include "fastpath/args.hpp"
#include "fastpath/batches.hpp"
#include "fastpath/error.hpp"
#include "provident/core/int128.hpp"
#include "si/base_limits.hpp"
#include "si/contribution.hpp"

namespace pvd::fastpath {

namespace {

constexpr std::size_t kTypeCount = si::kTypes.size();

/// What pricing one month reads from the policy.
struct MonthFigures {
  Rounding rounding;
  std::array<si::TypeRates, kTypeCount> rates{};
  si::BaseLimits limits;  // wages only
};

/// A part round(base × rate): in 128-bit integers when the rate is a whole
/// number of millionths (round_fen_div gives round()'s result), else exactly.
std::int64_t part(std::int64_t base, const Rate& rate, Rounding r) {
  if (const auto micros = rate.to_micros())
    return round_fen_div(static_cast<int128>(base) * *micros, 1'000'000, r);
  return round(Money::fen(base) * rate, r).as_fen();
}

/// The figures of each month the rows use, read once (a month not in force
/// fails at the first row that needs it).
class MonthTable {
 public:
  MonthTable(const Policy& p, std::size_t n, const std::int64_t* month, bool wage, std::uint32_t types) : p_(p), wage_(wage), types_(types) {
    if (n == 0) return;
    const auto [lo, hi] = std::minmax_element(month, month + n);
    lo_ = *lo;
    index_.assign(static_cast<std::size_t>(*hi - *lo + 1), -1);
  }
  const MonthFigures& at(std::size_t row, std::int64_t month) {
    auto& slot = index_[static_cast<std::size_t>(month - lo_)];
    if (slot < 0) {
      try {
        figures_.push_back(read(YearMonth::from_serial(static_cast<std::int32_t>(month))));
      } catch (const RequestError& e) {
        failed_at_row(row, e);
      }
      slot = static_cast<std::int32_t>(figures_.size() - 1);
    }
    return figures_[static_cast<std::size_t>(slot)];
  }

 private:
  MonthFigures read(YearMonth m) const {
    const Date on = m.first_day();
    MonthFigures f{.rounding = si::amount_rounding(p_, nullptr, on)};
    for (std::size_t k = 0; k < kTypeCount; ++k)
      if (types_ & (1u << k)) f.rates[k] = si::type_rates(p_, nullptr, on, si::kTypes[k]);
    if (wage_) {
      f.limits = si::limits_in_month(p_, nullptr, m);
    }
    return f;
  }
  const Policy& p_;
  bool wage_;
  std::uint32_t types_;
  std::int64_t lo_ = 0;
  std::vector<std::int32_t> index_;
  std::vector<MonthFigures> figures_;
};

void check_types(std::uint32_t types) {
  if (types & ~kAllTypes)
    bad_value("types", "types含未知的险种位", "types has bits beyond the five SI types (1 pension … 16 maternity)");
}

}  // namespace

int type_count(std::uint32_t types) noexcept { return std::popcount(types == 0 ? kAllTypes : types); }

void si_contribution_batch(const Policy& p, std::size_t n, const std::int64_t* amount, const std::int64_t* month,
                           bool wage, std::uint32_t types, ContributionOutputs out) {
  check_types(types);
  if (types == 0) types = kAllTypes;
  const char* amount_name = wage ? "wage_fen" : "base_fen";
  for (std::size_t i = 0; i < n; ++i) {
    check_row(kPrincipalFen, i, amount[i], amount_name);
    check_row(kMonthSerial, i, month[i], "month");
  }
  MonthTable table(p, n, month, wage, types);
  for (std::size_t i = 0; i < n; ++i) (void)table.at(i, month[i]);  // every month read before any output
  const auto t = static_cast<std::size_t>(type_count(types));
  for (std::size_t i = 0; i < n; ++i) {
    const MonthFigures& f = table.at(i, month[i]);
    const std::int64_t base = wage ? si::clamp_base(Money::fen(amount[i]), f.limits).as_fen()
                                   : amount[i];
    std::int64_t er_total = 0, ee_total = 0;
    std::size_t column = 0;
    for (std::size_t k = 0; k < kTypeCount; ++k) {
      if (!(types & (1u << k))) continue;
      const std::int64_t er = part(base, *f.rates[k].employer, f.rounding);
      const std::int64_t ee = part(base, *f.rates[k].employee, f.rounding);
      if (out.employer_by_type) out.employer_by_type[i * t + column] = er;
      if (out.employee_by_type) out.employee_by_type[i * t + column] = ee;
      er_total += er;
      ee_total += ee;
      ++column;
    }
    if (out.base) out.base[i] = base;
    out.employer_total[i] = er_total;
    out.employee_total[i] = ee_total;
  }
}

}  // namespace pvd::fastpath
