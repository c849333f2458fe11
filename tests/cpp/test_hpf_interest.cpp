// HPF interest (arithmetic.md §3.4) through hpf.settle_interest and hpf.exit
// (monthly, daily and, with loaded data, two_rate), and the pure functions of
// src/hpf/account.hpp and src/hpf/rules.hpp.
#include "hpf/account.hpp"
#include "hpf/rules.hpp"
#include "provident/id/identifiers.hpp"
#include "provident/policy/loader.hpp"
#include "test_hpf_fixture.hpp"

using namespace hpftest;
using pvd::Date;
using pvd::Money;
using pvd::YearMonth;

namespace {

json ledger_entry(const std::string& kind, const std::string& month, const std::string& date, const std::string& amount) {
  return {{"kind", kind}, {"month", month.empty() ? json(nullptr) : json(month)}, {"date", date}, {"amount", amount}};
}

/// An account holding 10,000.00 at 1 July 2025 and two deposits of 1,200.00
/// (2025-07-15, 2026-06-10), settled through 2025.
json account_2026() {
  json a = flex_account("A1", "F1", "2024-03", "1200.00");
  a["balance"] = "12400.00";
  a["interest_settled_through"] = 2025;
  a["ledger"] = json::array({ledger_entry("regular", "2025-07", "2025-07-15", "1200.00"), ledger_entry("regular", "2026-06", "2026-06-10", "1200.00")});
  return a;
}

json facts_of(json a) { return {{"units", json::array({flex_unit()})}, {"accounts", json::array({std::move(a)})}}; }

const std::string kDaily = overlay_of("hpf.interest.method", "\"daily\"", "2016-02-21");

}  // namespace

TEST(HpfInterest, MonthlySettlementCreditsTheYearAndKeepsOnlyUnsettledEntries) {
  // 10,000 × 12 + 1,200 × 11 + 1,200 × 0 = 133,200 month-yuan × 1.5% / 12 = 166.50.
  json r = run("taiyuan", "hpf.settle_interest", "2026-06-30T18:00:00", {{"year", 2026}}, facts_of(account_2026()));
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump();
  EXPECT_EQ(r["result"]["total_interest"], "166.50");
  json s = account_in(r, "A1");
  EXPECT_EQ(s["balance"], "12566.50");
  EXPECT_EQ(s["interest_settled_through"], 2026);
  EXPECT_EQ(s["ledger"], json::array({ledger_entry("interest", "", "2026-06-30", "166.50")}));
  EXPECT_EQ(r["events"], json::parse(R"([{"type":"interest.credited","account_no":"A1","year":2026,"date":"2026-06-30","amount":"166.50","partial":false}])"));
  // The next year starts from the balance with the interest (12,566.50 earns 12 months).
  json next = run("taiyuan", "hpf.settle_interest", "2027-07-01T09:00:00", {{"year", 2027}}, r["state"]);
  ASSERT_TRUE(next["ok"].get<bool>()) << next.dump();
  EXPECT_EQ(next["result"]["total_interest"], "188.50");  // 12,566.50 × 1.5% = 188.4975 → 188.50
}

TEST(HpfInterest, DailyMethod) {
  // No movement: 10,000 × 1.5% × 365 / 360 = 152.083… → 152.08.
  json a = flex_account("A1", "F1", "2024-03", "1200.00");
  a["balance"] = "10000.00";
  a["interest_settled_through"] = 2025;
  json r = run("taiyuan", "hpf.settle_interest", "2026-06-30T18:00:00", {{"year", 2026}}, facts_of(a), kDaily);
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump();
  EXPECT_EQ(r["result"]["accounts"][0]["years"][0]["method"], "daily");
  EXPECT_EQ(r["result"]["total_interest"], "152.08");
  // 3,600 deposited on 2026-01-31 earns from 1 February: 150 days → 22.50; 174.583… → 174.58.
  a["balance"] = "13600.00";
  a["ledger"] = json::array({ledger_entry("regular", "2026-01", "2026-01-31", "3600.00")});
  json d = run("taiyuan", "hpf.settle_interest", "2026-06-30T18:00:00", {{"year", 2026}}, facts_of(a), kDaily);
  EXPECT_EQ(d["result"]["total_interest"], "174.58");
  // The monthly method would count it from February too, by months: 3,600 × 5/12 × 1.5% = 22.50; 150 + 22.50 = 172.50.
  json m = run("taiyuan", "hpf.settle_interest", "2026-06-30T18:00:00", {{"year", 2026}}, facts_of(a));
  EXPECT_EQ(m["result"]["total_interest"], "172.50");
}

TEST(HpfInterest, ExitUsesThePartialYearByEitherMethod) {
  // Exit on 2026-03-10 with 10,000 since before July and nothing else:
  // monthly: July … February = 8 months → 100.00; daily: 1 July … 9 March = 252 days → 105.00.
  json a = flex_account("A1", "F1", "2024-03", "1200.00");
  a["status"] = "sealed";
  a["sealed_on"] = "2026-01-05";
  a["balance"] = "10000.00";
  a["interest_settled_through"] = 2025;
  json m = run("taiyuan", "hpf.exit", "2026-03-10T10:00:00", {{"account_no", "A1"}}, facts_of(a));
  ASSERT_TRUE(m["ok"].get<bool>()) << m.dump();
  EXPECT_EQ(m["result"]["interest"], "100.00");
  EXPECT_EQ(m["result"]["payout"], "10100.00");
  json d = run("taiyuan", "hpf.exit", "2026-03-10T10:00:00", {{"account_no", "A1"}}, facts_of(a), kDaily);
  ASSERT_TRUE(d["ok"].get<bool>()) << d.dump();
  EXPECT_EQ(d["result"]["interest"], "105.00");
  EXPECT_EQ(d["result"]["payout"], "10105.00");
}

TEST(HpfInterest, UnsettledEarlierYearsAreCreditedFirst) {
  // Settled through 2024; 10,000 at 1 July 2024. Exit on 2025-09-15:
  // year 2025: 150.00 → 10,150.00; then July–August 2025: 10,150 × 1.5% × 2/12 = 25.375 → 25.38.
  json a = flex_account("A1", "F1", "2023-03", "1200.00");
  a["status"] = "sealed";
  a["sealed_on"] = "2025-05-05";
  a["balance"] = "10000.00";
  a["interest_settled_through"] = 2024;
  json r = run("taiyuan", "hpf.exit", "2025-09-15T10:00:00", {{"account_no", "A1"}}, facts_of(a));
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump();
  EXPECT_EQ(r["result"]["years"][0]["year"], 2025);
  EXPECT_EQ(r["result"]["years"][0]["interest"], "150.00");
  EXPECT_EQ(r["result"]["years"][1]["interest"], "25.38");
  EXPECT_EQ(r["result"]["interest"], "175.38");
  EXPECT_EQ(r["result"]["payout"], "10175.38");
  // Settlement does the same: settled through 2024, settling 2026 credits 2025 then 2026.
  a["status"] = "normal";
  json s = run("taiyuan", "hpf.settle_interest", "2026-07-01T10:00:00", {{"year", 2026}}, facts_of(a));
  ASSERT_TRUE(s["ok"].get<bool>()) << s.dump();
  EXPECT_EQ(s["result"]["accounts"][0]["years"].size(), 2u);
  EXPECT_EQ(s["result"]["total_interest"], "302.25");  // 150.00 + 10,150 × 1.5% = 152.25
}

TEST(HpfInterest, TwoRateRegimeWithLoadedData) {
  // Before 2016-02-21 (银发〔2016〕43号): carried-over balances 1.10%, the year's
  // deposits 0.35%. Loaded as an overlay (the shipped profiles carry verified
  // rates only from the interest year ending 2017).
  const std::string overlay = R"(
[coverage]
hpf_interest = { from = 2014-07-01, to = 2099-12-31 }

[[hpf.interest.rate]]
from = 2014-07-01
to = 2016-02-20
value = "1.1%"
source = "test: the carried-over rate of the period"
verified = false

[[hpf.interest.rate]]
from = 2016-02-21
value = "1.5%"
source = "银发〔2016〕43号"
verified = true

[[hpf.interest.method]]
from = 2014-07-01
to = 2016-02-20
value = "two_rate"
source = "test"
verified = false

[[hpf.interest.method]]
from = 2016-02-21
value = "monthly"
source = "test"
verified = false

[[hpf.interest.rounding]]
from = 2014-07-01
value = { mode = "half_up", unit = "fen" }
source = "test"
verified = false

[[hpf.interest.current_year_rate]]
from = 2014-07-01
to = 2016-02-20
value = "0.35%"
source = "test"
verified = false

[[hpf.interest.carried_over_rate]]
from = 2014-07-01
to = 2016-02-20
value = "1.1%"
source = "test"
verified = false
)";
  // 10,000 carried over × 1.10% = 110.00; 1,200 on 2014-07-15 × 0.35% × 11/12 = 3.85 → 113.85.
  json a = flex_account("A1", "F1", "2013-03", "1200.00");
  a["balance"] = "11200.00";
  a["interest_settled_through"] = 2014;
  a["ledger"] = json::array({ledger_entry("regular", "2014-07", "2014-07-15", "1200.00")});
  json r = run("taiyuan", "hpf.settle_interest", "2015-07-01T10:00:00", {{"year", 2015}}, facts_of(a), overlay);
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump();
  EXPECT_EQ(r["result"]["accounts"][0]["years"][0]["method"], "two_rate");
  EXPECT_EQ(r["result"]["total_interest"], "113.85");
  // Without loaded data the year cannot be evaluated.
  json none = run("taiyuan", "hpf.settle_interest", "2015-07-01T10:00:00", {{"year", 2015}}, facts_of(a));
  EXPECT_EQ(none["error"]["code"], "POLICY_NOT_IN_FORCE");
}

// ------------------------------------------------------------------ pure functions

TEST(HpfPure, CompletedMonthsClampToTheMonthEnd) {
  using pvd::hpf::rules::completed_months;
  EXPECT_EQ(completed_months(Date::of(2025, 1, 31), Date::of(2025, 2, 27)), 0);
  EXPECT_EQ(completed_months(Date::of(2025, 1, 31), Date::of(2025, 2, 28)), 1);
  EXPECT_EQ(completed_months(Date::of(2024, 2, 29), Date::of(2025, 2, 28)), 12);
  EXPECT_EQ(completed_months(Date::of(2025, 3, 15), Date::of(2025, 3, 14)), 0);
  EXPECT_EQ(completed_months(Date::of(2025, 3, 15), Date::of(2026, 3, 15)), 12);
}

TEST(HpfPure, TrimSpaceKeepsTheInside) {
  using pvd::id::trim_space;
  EXPECT_EQ(trim_space("\u3000 本人 自愿\u00a0\n"), "本人 自愿");
  EXPECT_EQ(trim_space("   "), "");
}

TEST(HpfPure, DepositInForceAndSetDeposit) {
  pvd::state::Account a;
  a.deposits.push_back(pvd::hpf::flexible_deposit(YearMonth::of(2026, 1), Money::fen(60000)));
  EXPECT_EQ(pvd::hpf::deposit_in_force(a, YearMonth::of(2025, 12)), nullptr);
  EXPECT_EQ(pvd::hpf::deposit_in_force(a, YearMonth::of(2026, 5))->monthly_deposit, Money::fen(60000));
  // The same parts again: nothing to change.
  EXPECT_FALSE(pvd::hpf::set_deposit(a, pvd::hpf::flexible_deposit(YearMonth::of(2026, 3), Money::fen(60000))));
  EXPECT_TRUE(pvd::hpf::set_deposit(a, pvd::hpf::flexible_deposit(YearMonth::of(2026, 7), Money::fen(80001))));
  EXPECT_EQ(a.deposits.back().employer_part, Money::fen(40001));
  EXPECT_EQ(a.deposits.back().employee_part, Money::fen(40000));
  // A decision from an earlier month supersedes a later plan; the same month is replaced.
  EXPECT_TRUE(pvd::hpf::set_deposit(a, pvd::hpf::flexible_deposit(YearMonth::of(2026, 5), Money::fen(70000))));
  ASSERT_EQ(a.deposits.size(), 2u);
  EXPECT_EQ(a.deposits.back().from, YearMonth::of(2026, 5));
  EXPECT_EQ(pvd::hpf::deposit_in_force(a, YearMonth::of(2026, 8))->monthly_deposit, Money::fen(70000));
}

TEST(HpfPure, InterestYearsAndTheFirstUnsettledYear) {
  using pvd::hpf::interest_year_of;
  EXPECT_EQ(interest_year_of(Date::of(2026, 6, 30)), 2026);
  EXPECT_EQ(interest_year_of(Date::of(2026, 7, 1)), 2027);
  pvd::state::Account a;
  a.opened_on = Date::of(2025, 9, 1);
  EXPECT_EQ(pvd::hpf::first_unsettled_year(a), 2026);
  a.interest_settled_through = 2026;
  EXPECT_EQ(pvd::hpf::first_unsettled_year(a), 2027);
}

TEST(HpfPure, SettleYearsDropsOnlyEntriesHeldBefore) {
  auto p = pvd::policy::load_profile("taiyuan");
  pvd::state::Account a;
  a.opened_on = Date::of(2025, 9, 1);
  pvd::hpf::post(a, pvd::state::LedgerKind::regular, YearMonth::of(2025, 9), Date::of(2025, 9, 2), Money::fen(100000));
  pvd::hpf::post(a, pvd::state::LedgerKind::regular, YearMonth::of(2026, 7), Date::of(2026, 7, 2), Money::fen(100000));
  const auto years = pvd::hpf::settle_years(a, *p, nullptr, 2026);
  ASSERT_EQ(years.size(), 1u);
  EXPECT_EQ(years[0].result.interest, Money::fen(1125));  // 1,000 × 9/12 × 1.5% = 11.25
  ASSERT_EQ(a.ledger.size(), 2u);                         // July 2026 kept, the new interest entry appended
  EXPECT_EQ(a.ledger[0].date, Date::of(2026, 7, 2));
  EXPECT_EQ(a.ledger[1].kind, pvd::state::LedgerKind::interest);
  EXPECT_EQ(a.balance, Money::fen(201125));
  EXPECT_EQ(a.paid_months.size(), 2u);
}

TEST(HpfPure, PaymentWindowAndAdjustmentWindowFromPolicy) {
  auto p = pvd::policy::load_profile("taiyuan");
  using pvd::LocalDateTime;
  EXPECT_TRUE(pvd::hpf::rules::payment_window_open(*p, nullptr, LocalDateTime::of(Date::of(2026, 3, 25), 16, 59, 59)));
  EXPECT_FALSE(pvd::hpf::rules::payment_window_open(*p, nullptr, LocalDateTime::of(Date::of(2026, 3, 25), 17, 0, 0)));
  EXPECT_FALSE(pvd::hpf::rules::payment_window_open(*p, nullptr, LocalDateTime::of(Date::of(2026, 3, 26), 9, 0, 0)));
  auto june = pvd::hpf::rules::adjustment_window(*p, nullptr, LocalDateTime::of(Date::of(2026, 6, 15), 9, 0, 0), std::nullopt, 0);
  EXPECT_FALSE(june.open());
  auto july = pvd::hpf::rules::adjustment_window(*p, nullptr, LocalDateTime::of(Date::of(2026, 7, 15), 9, 0, 0), std::nullopt, 0);
  EXPECT_TRUE(july.open());
  auto again = pvd::hpf::rules::adjustment_window(*p, nullptr, LocalDateTime::of(Date::of(2026, 7, 15), 9, 0, 0), 2026, 1);
  EXPECT_FALSE(again.open());
  auto national = pvd::policy::load_profile("national");
  EXPECT_TRUE(pvd::hpf::rules::payment_window_open(*national, nullptr, LocalDateTime::of(Date::of(2026, 3, 31), 23, 59, 59)));
}
