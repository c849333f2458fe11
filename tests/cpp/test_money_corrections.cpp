// The money-correction rules of issue 18 on their own: what an SI refund may return
// (src/si/rules/refund.cpp), when an SI bill is withdrawn or a settlement reversed
// (src/si/rules/bill_withdrawal.cpp), and what an HPF ledger correction may name and
// change (src/hpf/rules/ledger_correction.cpp).
#include <gtest/gtest.h>

#include "hpf/rules/ledger_correction.hpp"
#include "si/rules/rules.hpp"

using pvd::Date;
using pvd::Money;
using pvd::YearMonth;

namespace {

pvd::state::Person person_paid_jan_feb() {
  pvd::state::Person p;
  p.id_number = "130402198801015510";
  p.enrollments = {{"U1", "pension", Date::of(2025, 1, 2), std::nullopt, Money::yuan(5000), false}};
  for (int m : {1, 2})
    p.contributions.push_back({"U1", "pension", YearMonth::of(2025, m), Money::yuan(5000), Money::yuan(800), Money::yuan(400),
                               "B00000" + std::to_string(m), true});
  return p;
}

std::vector<std::string> codes(const pvd::Violations& v) {
  std::vector<std::string> out;
  for (const auto& x : v.list()) out.push_back(x.code);
  return out;
}

}  // namespace

TEST(SiRefund, PaidMonthInsideTheEnrollmentIsOwed) {
  const auto p = person_paid_jan_feb();
  pvd::Violations v;
  EXPECT_FALSE(pvd::si::check_refund_month(v, p, "U1", {YearMonth::of(2025, 2), "pension"}, std::nullopt, {}, "f"));
  EXPECT_EQ(codes(v), std::vector<std::string>{"SI_REFUND_OWED"});
}

TEST(SiRefund, MonthAfterAPreparedStopIsRefundable) {
  const auto p = person_paid_jan_feb();
  pvd::Violations v;
  const auto k = pvd::si::check_refund_month(v, p, "U1", {YearMonth::of(2025, 2), "pension"}, Date::of(2025, 1, 24), {}, "f");
  ASSERT_TRUE(k);
  EXPECT_EQ(p.contributions[*k].month, YearMonth::of(2025, 2));
  EXPECT_TRUE(v.empty());
  // The stop's own month stays owed.
  EXPECT_FALSE(pvd::si::check_refund_month(v, p, "U1", {YearMonth::of(2025, 1), "pension"}, Date::of(2025, 1, 24), {}, "f"));
}

TEST(SiRefund, MonthOutsideEveryEnrollmentOrAfterRetirementIsNotOwed) {
  auto p = person_paid_jan_feb();
  p.enrollments[0].to = Date::of(2025, 1, 31);
  EXPECT_FALSE(pvd::si::refund_month_owed(p, "U1", "pension", YearMonth::of(2025, 2), std::nullopt));
  EXPECT_TRUE(pvd::si::refund_month_owed(p, "U1", "pension", YearMonth::of(2025, 1), std::nullopt));
  p.retired_from = YearMonth::of(2025, 1);
  EXPECT_FALSE(pvd::si::refund_month_owed(p, "U1", "pension", YearMonth::of(2025, 1), std::nullopt));
}

TEST(SiRefund, MonthPaidTwiceIsNotOwedAtEitherPlace) {
  auto p = person_paid_jan_feb();
  p.contributions.push_back({"", "pension", YearMonth::of(2025, 2), Money::yuan(5000), Money::yuan(800), Money::yuan(200), "B000009", true});
  EXPECT_FALSE(pvd::si::refund_month_owed(p, "U1", "pension", YearMonth::of(2025, 2), std::nullopt));
  EXPECT_FALSE(pvd::si::refund_month_owed(p, "", "pension", YearMonth::of(2025, 2), std::nullopt));
  // A flexible month paid once is owed (voluntary, and paid).
  p.contributions.erase(p.contributions.begin() + 1);
  EXPECT_TRUE(pvd::si::refund_month_owed(p, "", "pension", YearMonth::of(2025, 2), std::nullopt));
}

TEST(SiRefund, NotPaidAndAlreadyRefunded) {
  auto p = person_paid_jan_feb();
  pvd::state::Bill refund{.bill_id = "B000003", .scheme = pvd::state::Scheme::si, .unit_code = "U1",
                          .kind = pvd::state::BillKind::refund};
  refund.items.push_back({.id_number = p.id_number, .type = "pension", .month = YearMonth::of(2025, 3)});
  const pvd::state::Bill* refunds[] = {&refund};
  pvd::Violations v;
  pvd::si::check_refund_month(v, p, "U1", {YearMonth::of(2025, 3), "pension"}, std::nullopt, refunds, "a");
  pvd::si::check_refund_month(v, p, "U1", {YearMonth::of(2025, 4), "pension"}, std::nullopt, refunds, "b");
  EXPECT_EQ(codes(v), (std::vector<std::string>{"SI_REFUND_ALREADY_REFUNDED", "SI_REFUND_NOT_PAID"}));
}

TEST(SiRefund, MonthNamedTwice) {
  const pvd::si::RefundMonth months[] = {{YearMonth::of(2025, 2), "pension"}, {YearMonth::of(2025, 2), "medical"},
                                         {YearMonth::of(2025, 2), "pension"}};
  pvd::Violations v;
  pvd::si::check_refund_months_once(v, months, "args.months");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v.list()[0].field, "args.months[2]");
}

TEST(SiBillWithdrawal, OnlyAnOpenSettlementBillOfTheUnit) {
  pvd::state::Bill b{.bill_id = "B1", .scheme = pvd::state::Scheme::si, .unit_code = "U1",
                     .kind = pvd::state::BillKind::settlement, .period = YearMonth::of(2025, 6)};
  pvd::Violations v;
  EXPECT_TRUE(pvd::si::check_si_bill_withdrawable(v, b, "U1", "f"));
  EXPECT_FALSE(pvd::si::check_si_bill_withdrawable(v, b, "U2", "f"));
  b.status = pvd::state::BillStatus::paid;
  EXPECT_FALSE(pvd::si::check_si_bill_withdrawable(v, b, "U1", "f"));
  b.status = pvd::state::BillStatus::open;
  b.kind = pvd::state::BillKind::refund;
  EXPECT_FALSE(pvd::si::check_si_bill_withdrawable(v, b, "U1", "f"));
  EXPECT_EQ(v.size(), 3u);
}

TEST(SiBillWithdrawal, OnlyTheLastUnpaidSettlementIsReversed) {
  pvd::state::Unit u;
  u.settlement_period = YearMonth::of(2025, 7);
  pvd::state::Bill b{.bill_id = "B1", .scheme = pvd::state::Scheme::si, .unit_code = "U1",
                     .kind = pvd::state::BillKind::settlement, .period = YearMonth::of(2025, 6)};
  pvd::Violations v;
  EXPECT_TRUE(pvd::si::check_settle_reversible(v, u, YearMonth::of(2025, 6), &b, "f"));
  EXPECT_FALSE(pvd::si::check_settle_reversible(v, u, YearMonth::of(2025, 5), &b, "f"));
  EXPECT_FALSE(pvd::si::check_settle_reversible(v, u, YearMonth::of(2025, 6), nullptr, "f"));
  b.status = pvd::state::BillStatus::paid;
  EXPECT_FALSE(pvd::si::check_settle_reversible(v, u, YearMonth::of(2025, 6), &b, "f"));
  EXPECT_EQ(v.size(), 3u);
}

namespace {

pvd::state::LedgerRecord entry(std::optional<std::int64_t> id, pvd::state::LedgerKind kind, Money amount,
                               std::optional<std::string> corrects = std::nullopt) {
  pvd::state::LedgerEntry e;
  e.kind = kind;
  e.date = Date::of(2025, 8, 11);
  e.amount = amount;
  e.corrects = std::move(corrects);
  return {id, e};
}

}  // namespace

TEST(HpfLedgerCorrection, NamedByEntryIdInAStoreAndByPositionInFacts) {
  using pvd::state::LedgerKind;
  const std::vector<pvd::state::LedgerRecord> stored = {entry(7, LedgerKind::regular, Money::yuan(1000)),
                                                        entry(12, LedgerKind::regular, Money::yuan(1000))};
  const std::vector<pvd::state::LedgerRecord> facts = {entry(std::nullopt, LedgerKind::regular, Money::yuan(1000)),
                                                       entry(std::nullopt, LedgerKind::regular, Money::yuan(1000))};
  pvd::Violations v;
  EXPECT_EQ(pvd::hpf::rules::corrected_entry(v, stored, "12", "f"), &stored[1]);
  EXPECT_EQ(pvd::hpf::rules::corrected_entry(v, facts, "2", "f"), &facts[1]);
  EXPECT_EQ(pvd::hpf::rules::corrected_entry(v, stored, "2", "f"), nullptr);
  EXPECT_EQ(pvd::hpf::rules::corrected_entry(v, facts, "0", "f"), nullptr);
  EXPECT_EQ(pvd::hpf::rules::corrected_entry(v, facts, "x", "f"), nullptr);
  EXPECT_EQ(v.size(), 3u);
}

TEST(HpfLedgerCorrection, KeepsTheEntrysSignAndTheBalance) {
  using pvd::state::LedgerKind;
  const std::vector<pvd::state::LedgerRecord> ledger = {entry(std::nullopt, LedgerKind::regular, Money::yuan(1000)),
                                                        entry(std::nullopt, LedgerKind::correction, Money::yuan(-300), "1")};
  const Money balance = Money::yuan(700);
  pvd::Violations v;
  EXPECT_TRUE(pvd::hpf::rules::check_correction(v, ledger, ledger[0], "1", Money::yuan(-700), balance, "c", "a"));
  EXPECT_FALSE(pvd::hpf::rules::check_correction(v, ledger, ledger[0], "1", Money::fen(-70001), balance, "c", "a"));
  EXPECT_EQ(codes(v), (std::vector<std::string>{"HPF_CORRECTION_EXCEEDS_ENTRY", "HPF_CORRECTION_NEGATIVE_BALANCE"}));
  pvd::Violations w;
  EXPECT_FALSE(pvd::hpf::rules::check_correction(w, ledger, ledger[1], "2", Money::yuan(100), balance, "c", "a"));
  EXPECT_FALSE(pvd::hpf::rules::check_correction(w, ledger, ledger[0], "1", Money(), balance, "c", "a"));
  EXPECT_EQ(codes(w), (std::vector<std::string>{"HPF_CORRECTION_OF_CORRECTION", "HPF_CORRECTION_ZERO"}));
}
