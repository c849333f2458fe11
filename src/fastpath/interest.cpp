// hpf.interest over a population (batches.hpp): each row through the rule the
// JSON calculator calls (hpf::compute_interest), its movements taken from the
// CSR columns into one reused input (no allocation per row once the largest
// row's movements fit).
#include <string>

#include "fastpath/args.hpp"
#include "fastpath/batches.hpp"
#include "fastpath/error.hpp"
#include "hpf/interest.hpp"
#include "protocol/args.hpp"

namespace pvd::fastpath {

namespace {

constexpr Range kYear{1991, 9999, "须为1991至9999之间的结息年度", "is not an interest year within 1991 … 9999"};
constexpr Range kMethod{0, 3, "须为0（政策默认）、1（monthly）、2（daily）或3（two_rate）",
                        "is not 0 (the policy's), 1 (monthly), 2 (daily) or 3 (two_rate)"};
const Range kMovementFen{-protocol::kMaxMoneyFen, protocol::kMaxMoneyFen, "须在±1万亿元之内",
                         "is not within ±1 trillion yuan"};

std::optional<std::string> method_name(std::int64_t m) {
  switch (m) {
    case 1: return "monthly";
    case 2: return "daily";
    case 3: return "two_rate";
    default: return std::nullopt;
  }
}

/// A row's movements: amounts in range, dates inside its interest year.
void check_movements(std::size_t row, int year, Movements mv) {
  const Date start = hpf::interest_year_start(year), end = hpf::interest_year_end(year);
  for (std::int64_t j = mv.offsets[row]; j < mv.offsets[row + 1]; ++j) {
    check_row(kMovementFen, row, mv.amount_fen[j], "movement_amount_fen");
    check_row(kDaySerial, row, mv.date[j], "movement_date");
    const Date d = Date::from_days(static_cast<std::int32_t>(mv.date[j]));
    if (d < start || end < d)
      bad_row(row, "movement_date", "movement_date " + d.to_string() + "不在" + start.to_string() + "至" + end.to_string() + "的结息年度内",
              "movement_date " + d.to_string() + " is outside the interest year " + start.to_string() + " to " +
                  end.to_string());
  }
}

void fill_movements(hpf::InterestInput& in, std::size_t row, Movements mv) {
  in.movements.clear();
  if (!mv.offsets) return;
  for (std::int64_t j = mv.offsets[row]; j < mv.offsets[row + 1]; ++j)
    in.movements.push_back({Date::from_days(static_cast<std::int32_t>(mv.date[j])), Money::fen(mv.amount_fen[j])});
}

}  // namespace

void hpf_interest_batch(const Policy& p, std::size_t n, const std::int64_t* year, const std::int64_t* opening,
                        Movements mv, std::int64_t method, std::int64_t* out_interest, std::int64_t* out_closing) {
  check(kMethod, method, "method");
  if (mv.offsets) check_offsets(n, mv.offsets, "movement_offsets");
  for (std::size_t i = 0; i < n; ++i) {
    check_row(kYear, i, year[i], "year");
    check_row(kPrincipalFen, i, opening[i], "opening_fen");
    if (mv.offsets) check_movements(i, static_cast<int>(year[i]), mv);
  }
  hpf::InterestInput in;
  in.method = method_name(method);
  for (std::size_t i = 0; i < n; ++i) {
    in.year = static_cast<int>(year[i]);
    in.opening_balance = Money::fen(opening[i]);
    fill_movements(in, i, mv);
    try {
      const hpf::InterestResult r = hpf::compute_interest(p, nullptr, in);
      out_interest[i] = r.interest.as_fen();
      if (out_closing) out_closing[i] = r.closing_balance.as_fen();
    } catch (const RequestError& e) {
      failed_at_row(i, e);
    } catch (const OverflowError&) {
      bad_row(i, "opening_fen", "金额超出可计算范围", "an amount is too large to compute exactly");
    }
  }
}

}  // namespace pvd::fastpath
