// quality.md §1, the single decisions: one pure rule decision (the July
// adjustment window and the payment window, Taiyuan) in C++ and through the C
// ABI typed entry points; the statutory retirement month; the pension claim
// check with 10 … 1000 periods (O(n log n)); the flexible back-pay plan over
// 12 … 600 months.
//
// Each decision runs over 4096 different inputs in turn (times of day, days,
// birth months), so that the branch predictor does not learn one answer; the
// time reported is per decision. After the timed loop every benchmark checks
// its answers against the rule written out independently here (the window
// hours, the reform's formula, the months counted by a month-by-month sweep);
// a wrong answer fails the run (exit status 1, bench::main).
//
//   build/bench/benchmarks/bench_rules --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "common.hpp"
#include "hpf/account.hpp"
#include "hpf/rules.hpp"
#include "hpf/rules/adjustment_window.hpp"
#include "hpf/rules/payment_window.hpp"
#include "pension/claim.hpp"
#include "pension/retirement.hpp"
#include "provident.h"
#include "provident/engine.hpp"

namespace {

constexpr std::size_t kInputs = 4096;  // a power of two: i & (kInputs - 1)

pvd::Engine& taiyuan() {
  static pvd::Engine e({.policy = "taiyuan"});
  return e;
}

pvd_engine* taiyuan_c() {
  static pvd_engine* e = bench::open_c("taiyuan");
  return e;
}

// Moments across 2026 (every month, any day, any second): the July window
// and the payment window are open for some and closed for others.
const std::vector<std::int64_t>& moments() {
  static const std::vector<std::int64_t> v = [] {
    std::vector<std::int64_t> out(kInputs);
    bench::SplitMix64 g(7);
    const std::int64_t start = bench::seconds_of(2026, 1, 1, 0, 0, 0);
    for (auto& s : out) s = start + g.in(0, 365 * 86400 - 1);
    return out;
  }();
  return v;
}

// ------------------------------------------------------------------ adjustment window (July rule)

// Taiyuan (policies/taiyuan.toml): adjustments only in July, one a year; the
// last was in 2025, so in 2026 the window is open exactly in July.
bool adjustment_expected(std::int64_t s) { return pvd::LocalDateTime::from_epoch_seconds(s).date().month() == 7; }
// Taiyuan: days 1–25, 08:00 to before 17:00.
bool payment_expected(std::int64_t s) {
  const auto t = pvd::LocalDateTime::from_epoch_seconds(s);
  const int sec = static_cast<int>(((s % 86400) + 86400) % 86400);
  return t.date().day() <= 25 && sec >= 8 * 3600 && sec < 17 * 3600;
}

// Counts the inputs whose answer differs from `expected`; some must be open
// and some closed, or the inputs test nothing.
template <class Decide, class Expected>
void check_window(benchmark::State& st, const char* what, Decide decide, Expected expected) {
  std::size_t wrong = 0, open = 0;
  for (std::int64_t s : moments()) {
    const bool got = decide(s);
    wrong += got != expected(s);
    open += got;
  }
  bench::expect(st, wrong == 0, std::string(what) + ": " + std::to_string(wrong) + " of 4096 answers wrong");
  bench::expect(st, open > 0 && open < kInputs, std::string(what) + ": the inputs are all open or all closed");
  st.counters["open_of_4096"] = static_cast<double>(open);
}

void BM_AdjustmentWindow_Cpp(benchmark::State& st) {
  const auto& p = *taiyuan().policy();
  const auto& in = moments();
  std::size_t i = 0;
  for (auto _ : st) {
    const auto w = pvd::hpf::rules::adjustment_window(p, nullptr, pvd::LocalDateTime::from_epoch_seconds(in[i++ & (kInputs - 1)]),
                                               std::int64_t{2025}, 1);
    benchmark::DoNotOptimize(w.open());
  }
  check_window(
      st, "adjustment window (C++)",
      [&](std::int64_t s) {
        return pvd::hpf::rules::adjustment_window(p, nullptr, pvd::LocalDateTime::from_epoch_seconds(s), std::int64_t{2025}, 1).open();
      },
      adjustment_expected);
}
BENCHMARK(BM_AdjustmentWindow_Cpp);

void BM_AdjustmentWindow_CAPI(benchmark::State& st) {
  pvd_engine* e = taiyuan_c();
  const auto& in = moments();
  std::size_t i = 0;
  pvd_adjustment_window w;
  for (auto _ : st) {
    if (pvd_hpf_adjustment_window(e, in[i++ & (kInputs - 1)], 2025, 1, &w) != PVD_OK)
      return bench::fail(st, std::string("pvd_hpf_adjustment_window: ") + pvd_engine_errmsg(e));
    benchmark::DoNotOptimize(w);
  }
  check_window(
      st, "adjustment window (C ABI)",
      [&](std::int64_t s) {
        pvd_adjustment_window x{};
        return pvd_hpf_adjustment_window(e, s, 2025, 1, &x) == PVD_OK && x.open == 1;
      },
      adjustment_expected);
}
BENCHMARK(BM_AdjustmentWindow_CAPI);

// ------------------------------------------------------------------ payment window (days 1–25, 08:00–17:00)

void BM_PaymentWindow_Cpp(benchmark::State& st) {
  const auto& p = *taiyuan().policy();
  const auto& in = moments();
  std::size_t i = 0;
  for (auto _ : st) {
    const bool open = pvd::hpf::rules::payment_window_open(p, nullptr, pvd::LocalDateTime::from_epoch_seconds(in[i++ & (kInputs - 1)]));
    benchmark::DoNotOptimize(open);
  }
  check_window(
      st, "payment window (C++)",
      [&](std::int64_t s) { return pvd::hpf::rules::payment_window_open(p, nullptr, pvd::LocalDateTime::from_epoch_seconds(s)); },
      payment_expected);
}
BENCHMARK(BM_PaymentWindow_Cpp);

void BM_PaymentWindow_CAPI(benchmark::State& st) {
  pvd_engine* e = taiyuan_c();
  const auto& in = moments();
  std::size_t i = 0;
  std::int32_t open = 0;
  for (auto _ : st) {
    if (pvd_hpf_payment_window(e, in[i++ & (kInputs - 1)], &open) != PVD_OK)
      return bench::fail(st, std::string("pvd_hpf_payment_window: ") + pvd_engine_errmsg(e));
    benchmark::DoNotOptimize(open);
  }
  check_window(
      st, "payment window (C ABI)",
      [&](std::int64_t s) {
        std::int32_t x = -1;
        return pvd_hpf_payment_window(e, s, &x) == PVD_OK && x == 1;
      },
      payment_expected);
}
BENCHMARK(BM_PaymentWindow_CAPI);

// ------------------------------------------------------------------ statutory retirement month

// Birth months 1950–2000 and the three categories, rules in force on 2026-07-01.
struct RetirementInput {
  pvd::YearMonth birth;
  pvd::pension::Category cat;
};
const std::vector<RetirementInput>& births() {
  static const std::vector<RetirementInput> v = [] {
    std::vector<RetirementInput> out(kInputs);
    bench::SplitMix64 g(11);
    for (auto& x : out) {
      x.birth = pvd::YearMonth::from_serial(bench::month_of(1950, 1) + static_cast<int>(g.in(0, 50 * 12 - 1)));
      x.cat = static_cast<pvd::pension::Category>(g.in(0, 2));
    }
    return out;
  }();
  return v;
}

// The 2024 reform written out (arithmetic.md §3.5): R0 = birth + original age;
// k = R0 − 2025-01; delay = k < 0 ? 0 : min(max, ⌊k / step⌋ + 1). M60: 60 years,
// one month per 4, at most 36; F55: 55, per 4, 36; F50: 50, per 2, 60.
std::int32_t statutory_expected(pvd::YearMonth birth, pvd::pension::Category c) {
  const int age = c == pvd::pension::Category::M60 ? 60 : c == pvd::pension::Category::F55 ? 55 : 50;
  const int step = c == pvd::pension::Category::F50 ? 2 : 4, max = c == pvd::pension::Category::F50 ? 60 : 36;
  const std::int32_t r0 = birth.serial() + age * 12, k = r0 - bench::month_of(2025, 1);
  return r0 + (k < 0 ? 0 : std::min(max, k / step + 1));
}

template <class Statutory>
void check_retirement(benchmark::State& st, const char* what, Statutory statutory) {
  std::size_t wrong = 0, delayed = 0;
  for (const auto& x : births()) {
    const std::int32_t want = statutory_expected(x.birth, x.cat), got = statutory(x);
    wrong += got != want;
    delayed += want != x.birth.serial() + (x.cat == pvd::pension::Category::M60 ? 720 : x.cat == pvd::pension::Category::F55 ? 660 : 600);
  }
  bench::expect(st, wrong == 0, std::string(what) + ": " + std::to_string(wrong) + " of 4096 statutory months wrong");
  bench::expect(st, delayed > 0 && delayed < kInputs, std::string(what) + ": the inputs are all delayed or none is");
}

void BM_Retirement_Cpp(benchmark::State& st) {
  const auto& p = *taiyuan().policy();
  const auto& in = births();
  const pvd::Date on = pvd::Date::of(2026, 7, 1);
  std::size_t i = 0;
  for (auto _ : st) {
    const auto& x = in[i++ & (kInputs - 1)];
    const auto r = pvd::pension::statutory_retirement(p, nullptr, on, x.birth, x.cat);
    benchmark::DoNotOptimize(r.statutory_month);
  }
  check_retirement(st, "statutory retirement (C++)", [&](const RetirementInput& x) {
    return pvd::pension::statutory_retirement(p, nullptr, on, x.birth, x.cat).statutory_month.serial();
  });
}
BENCHMARK(BM_Retirement_Cpp);

void BM_Retirement_CAPI(benchmark::State& st) {
  pvd_engine* e = taiyuan_c();
  const auto& in = births();
  std::vector<std::int32_t> birth_days(kInputs);
  for (std::size_t k = 0; k < kInputs; ++k) birth_days[k] = in[k].birth.first_day().days() + 14;
  const std::int32_t on = bench::days_of(2026, 7, 1);
  std::size_t i = 0;
  pvd_retirement r;
  for (auto _ : st) {
    const std::size_t k = i++ & (kInputs - 1);
    if (pvd_pension_retirement(e, on, birth_days[k], static_cast<pvd_category>(static_cast<int>(in[k].cat) + 1), &r) != PVD_OK)
      return bench::fail(st, std::string("pvd_pension_retirement: ") + pvd_engine_errmsg(e));
    benchmark::DoNotOptimize(r);
  }
  check_retirement(st, "statutory retirement (C ABI)", [&](const RetirementInput& x) {
    pvd_retirement out{};
    if (pvd_pension_retirement(e, on, x.birth.first_day().days() + 14, static_cast<pvd_category>(static_cast<int>(x.cat) + 1),
                               &out) != PVD_OK)
      return -1;
    return out.statutory_month;
  });
}
BENCHMARK(BM_Retirement_CAPI);

// ------------------------------------------------------------------ pension claim check

// A man born 1966-03, working since 1986-09, retiring 2026-07 (statutory month
// 2026-07 under the reform: 60 years and 4 months): n contribution periods
// covering his working life (bench::claim_periods) in shuffled order, every
// tenth overlapping its neighbour (so that months paid twice are found), n/10
// adjustments and two promotions. An admissible claim at every n.
pvd::pension::ClaimInput claim_input(std::size_t n) {
  using pvd::MonthPeriod;
  using pvd::YearMonth;
  pvd::pension::ClaimInput in;
  in.id_number = "110105196603071239";  // GB 11643 check digit 9
  in.category = pvd::pension::Category::M60;
  in.work_start = pvd::Date::of(1986, 9, 1);
  in.retirement_date = pvd::Date::of(2026, 7, 31);
  in.declared_work_months = 39 * 12 + 10;
  bench::SplitMix64 g(n);
  const YearMonth first = YearMonth::of(1986, 9), last = YearMonth::of(2026, 6);
  const int span = last - first + 1;
  for (const auto& [from, to] : bench::claim_periods(n)) in.contribution_periods.push_back({from, to});
  for (std::size_t k = n; k > 1; --k) std::swap(in.contribution_periods[k - 1], in.contribution_periods[g.next() % k]);
  for (std::size_t k = 0; k < n / 10; ++k) {
    const YearMonth from = first + static_cast<int>(static_cast<std::int64_t>(k) * span / static_cast<std::int64_t>(n / 10 + 1));
    in.adjustments.push_back({k % 2 == 0, MonthPeriod{from, from + 1}});
  }
  in.promotions.push_back({pvd::Date::of(2015, 3, 1), pvd::Date::of(2019, 2, 28)});
  in.promotions.push_back({pvd::Date::of(2019, 3, 1), std::nullopt});
  return in;
}

void BM_ClaimCheck_Cpp(benchmark::State& st) {
  const auto n = static_cast<std::size_t>(st.range(0));
  const auto& p = *taiyuan().policy();
  const auto in = claim_input(n);
  const pvd::Date today = pvd::Date::of(2026, 7, 1);
  for (auto _ : st) {
    pvd::Violations v;
    pvd::policy::Trace t;
    const auto rep = pvd::pension::check_claim(p, &t, today, in, v);
    benchmark::DoNotOptimize(rep);
  }
  // The answer, outside the timing: the claim is admissible (no violation),
  // the retirement branch ran (statutory month 2026-07), and the months
  // counted and paid twice are those of a month-by-month sweep.
  pvd::Violations v;
  const auto rep = pvd::pension::check_claim(p, nullptr, today, in, v);
  std::set<int> paid, twice, counted;
  for (const auto& period : in.contribution_periods)
    for (pvd::YearMonth m = period.from; !(period.to < m); m = m + 1)
      if (!paid.insert(m.serial()).second) twice.insert(m.serial());
  counted = paid;  // (P ∪ A) \ R
  for (const auto& a : in.adjustments)
    for (pvd::YearMonth m = a.period.from; !(a.period.to < m); m = m + 1)
      if (a.add) counted.insert(m.serial());
  for (const auto& a : in.adjustments)
    for (pvd::YearMonth m = a.period.from; !(a.period.to < m); m = m + 1)
      if (!a.add) counted.erase(m.serial());
  std::string codes;
  for (const auto& x : v.list()) codes += x.code + " ";
  bench::expect(st, v.empty(), "the claim was refused: " + codes);
  bench::expect(st, rep.retirement && rep.retirement->statutory_month == pvd::YearMonth::of(2026, 7),
                "the retirement branch did not run or gave another statutory month than 2026-07");
  bench::expect(st, rep.counted_months == static_cast<std::int64_t>(counted.size()),
                "counted months " + std::to_string(rep.counted_months) + ", the sweep counts " + std::to_string(counted.size()));
  bench::expect(st, rep.paid_twice.count() == static_cast<std::int64_t>(twice.size()),
                "months paid twice " + std::to_string(rep.paid_twice.count()) + ", the sweep finds " + std::to_string(twice.size()));
  st.counters["counted_months"] = static_cast<double>(rep.counted_months);
}
BENCHMARK(BM_ClaimCheck_Cpp)->RangeMultiplier(10)->Range(10, 1000);  // growth: compare.py (see common.hpp on Complexity)

// ------------------------------------------------------------------ flexible back-pay plan

// An account opened `months` months before 2026-07, its deposit changed every
// July, every third month already paid: the plan lists the unpaid months and
// prices each at the deposit in force for it (002 三.2), as hpf.flex.back_pay
// does on facts.
pvd::state::Account back_pay_account(int months) {
  pvd::state::Account a;
  a.account_no = "A000001";
  a.unit_code = "TY-F01";
  a.status = pvd::state::AccountStatus::normal;
  a.person = {"张三", "140105199003071234", std::nullopt};
  const pvd::YearMonth now = pvd::YearMonth::of(2026, 7);
  const pvd::YearMonth start = now - months;
  a.opened_on = start.first_day();
  a.payable_from = start;
  for (pvd::YearMonth m = start; m < now; m = m + 12) {
    const pvd::Money total = pvd::Money::fen(60000 + (m - start) / 12 * 1000);
    a.deposits.push_back(pvd::hpf::flexible_deposit(m, total));
  }
  for (pvd::YearMonth m = start; m < now; m = m + 3) a.paid_months.push_back(m);
  a.contract = pvd::state::Contract{"ICBC", "张三", "6222020000123456782", 1};
  return a;
}

void BM_BackPay_Cpp(benchmark::State& st) {
  const int months = static_cast<int>(st.range(0));
  const auto& p = *taiyuan().policy();
  const auto acc = back_pay_account(months);
  const auto as_of = pvd::LocalDateTime::from_epoch_seconds(bench::seconds_of(2026, 7, 10, 10, 0, 0));
  const pvd::YearMonth end = pvd::YearMonth::of(2026, 6);
  std::size_t listed = 0;
  pvd::Money total;
  bool refused = false;
  for (auto _ : st) {
    pvd::Violations v;
    pvd::policy::Trace t;
    const auto plan = pvd::hpf::rules::plan_flex_back_pay(v, p, &t, as_of, acc, end, "args.end_month");
    total = pvd::Money();
    for (pvd::YearMonth m : plan.months) total += pvd::hpf::deposit_in_force(acc, m)->monthly_deposit;
    listed = plan.months.size();
    refused = !v.empty();
    benchmark::DoNotOptimize(total);
  }
  // The answer: every month from the start to 2026-06 but every third (paid),
  // each at the deposit of its July year (600.00 + 10.00 a year).
  std::size_t want_months = 0;
  std::int64_t want_fen = 0;
  for (int k = 0; k < months; ++k)
    if (k % 3 != 0) {
      ++want_months;
      want_fen += 60000 + k / 12 * 1000;
    }
  bench::expect(st, !refused, "the back-pay plan was refused");
  bench::expect(st, listed == want_months, "the plan lists " + std::to_string(listed) + " months, not " + std::to_string(want_months));
  bench::expect(st, total == pvd::Money::fen(want_fen), "the plan's total is not " + std::to_string(want_fen) + " fen");
  st.counters["unpaid_months"] = static_cast<double>(listed);
}
BENCHMARK(BM_BackPay_Cpp)->Arg(12)->Arg(60)->Arg(120)->Arg(360)->Arg(600);  // growth: compare.py (see common.hpp on Complexity)

}  // namespace

PVD_BENCHMARK_MAIN();
