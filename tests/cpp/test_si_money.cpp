// SI money (rules.md §4; arithmetic.md §3.2, §3.3): late fees, back-pay,
// settlement, payment, flexible verification and rollback — exact amounts and
// every violation code with a triggering and a passing boundary case. Handan
// profile without review (illustrative 2024 limits 3,600 – 18,000, 2025 limits
// 3,780 – 18,900; month M due on the 25th of M); national for the calculators
// (month M due on the 15th of M + 1).
#include "policy/builtin_profiles.hpp"
#include "provident/policy/loader.hpp"
#include "si/late_fee.hpp"
#include "test_si_support.hpp"

using namespace si_test;

namespace {

const std::string kA = make_id("19850312", 123);
const std::string kB = make_id("19900607", 224);
const std::string kC = make_id("19781130", 335);

json late_fee(Eng& e, const std::string& amount, const std::string& due, const std::string& paid) {
  return e.calc("si.late_fee", "2025-06-01T00:00:00", {{"amount", amount}, {"due_date", due}, {"paid_date", paid}})["result"];
}

/// Units (settlement period 2025-03) and kA enrolled at kUnit from 2025-01-10
/// with back-pay (January and February recorded unbilled).
json with_back_pay_person(Eng& e) {
  return e.op("si.enroll", "2025-03-05T09:00:00", enroll_args(kA, "2025-01-10"), units_state(e))["state"];
}

json settle_args(const std::string& period, const std::string& kind = "with_change", const char* unit = kUnit) {
  return {{"unit_code", unit}, {"period", period}, {"kind", kind}};
}

json pay_args(const json& bill_id, const std::string& amount, const std::string& date, const char* unit = kUnit) {
  return {{"unit_code", unit}, {"bill_id", bill_id}, {"amount", amount}, {"paid_date", date}};
}

json flex_person(const std::string& id) {
  return {{"id_number", id}, {"name", "李四"}, {"category", nullptr}, {"work_start_date", nullptr},
          {"enrollments", json::array()}, {"contributions", json::array()}, {"last_change_date", json::object()}};
}

}  // namespace

// ------------------------------------------------------------------ late fee

TEST(SiLateFee, WorkedExampleAndDayCounting) {
  Eng e("national", std::nullopt);
  EXPECT_EQ(late_fee(e, "10000.00", "2025-03-15", "2025-04-14"), (json{{"days", 30}, {"fee", "150.00"}}));
  EXPECT_EQ(late_fee(e, "10000.00", "2025-03-15", "2025-03-15"), (json{{"days", 0}, {"fee", "0.00"}}));  // on the due date
  EXPECT_EQ(late_fee(e, "10000.00", "2025-03-15", "2025-03-01"), (json{{"days", 0}, {"fee", "0.00"}}));  // early
  // Across month and year ends.
  EXPECT_EQ(late_fee(e, "10000.00", "2025-01-31", "2025-02-01"), (json{{"days", 1}, {"fee", "5.00"}}));
  EXPECT_EQ(late_fee(e, "10000.00", "2024-12-31", "2025-01-01"), (json{{"days", 1}, {"fee", "5.00"}}));
  EXPECT_EQ(late_fee(e, "10000.00", "2025-01-15", "2025-03-15"), (json{{"days", 59}, {"fee", "295.00"}}));
  // Leap years: 29 February counts.
  EXPECT_EQ(late_fee(e, "10000.00", "2024-02-28", "2024-03-01"), (json{{"days", 2}, {"fee", "10.00"}}));
  EXPECT_EQ(late_fee(e, "10000.00", "2023-02-28", "2023-03-01"), (json{{"days", 1}, {"fee", "5.00"}}));
  EXPECT_EQ(late_fee(e, "10000.00", "2024-01-15", "2025-01-15"), (json{{"days", 366}, {"fee", "1830.00"}}));
  EXPECT_EQ(late_fee(e, "10000.00", "2025-01-15", "2026-01-15"), (json{{"days", 365}, {"fee", "1825.00"}}));
  // Rounding half up to fen: 10.00 × 0.05% = 0.005 → 0.01; 1,234.56 × 0.35% = 4.32096 → 4.32.
  EXPECT_EQ(late_fee(e, "10.00", "2025-01-15", "2025-01-16")["fee"], "0.01");
  EXPECT_EQ(late_fee(e, "1234.56", "2025-01-15", "2025-01-22")["fee"], "4.32");
}

TEST(SiLateFee, EachDayAtTheRateInForceAcrossTheJuly2011Change) {
  Eng e("national", std::nullopt);
  // 29, 30 June at 0.2% and 1–3 July at 0.05%: 0.4% + 0.15% = 0.55%.
  EXPECT_EQ(late_fee(e, "10000.00", "2011-06-28", "2011-07-03"), (json{{"days", 5}, {"fee", "55.00"}}));
  EXPECT_EQ(late_fee(e, "10000.00", "2011-06-29", "2011-06-30"), (json{{"days", 1}, {"fee", "20.00"}}));
  EXPECT_EQ(late_fee(e, "10000.00", "2011-06-30", "2011-07-01"), (json{{"days", 1}, {"fee", "5.00"}}));
  // A whole year before the change: 365 × 0.2% = 73%.
  EXPECT_EQ(late_fee(e, "1000.00", "2009-06-30", "2010-06-30"), (json{{"days", 365}, {"fee", "730.00"}}));
}

TEST(SiLateFee, DueDateIsClampedToTheMonthEnd) {
  auto national = pvd::policy::load_profile("national");
  EXPECT_EQ(pvd::si::due_date(*national, nullptr, pvd::YearMonth::of(2025, 1)).to_string(), "2025-02-15");
  EXPECT_EQ(pvd::si::due_date(*national, nullptr, pvd::YearMonth::of(2025, 12)).to_string(), "2026-01-15");
  auto p = pvd::policy::apply_overlay(national, "[[si.due_day]]\nfrom = 2019-05-01\nvalue = 31\nsource = \"test\"\nverified = true\n");
  EXPECT_EQ(pvd::si::due_date(*p, nullptr, pvd::YearMonth::of(2025, 1)).to_string(), "2025-02-28");
  EXPECT_EQ(pvd::si::due_date(*p, nullptr, pvd::YearMonth::of(2024, 1)).to_string(), "2024-02-29");
  EXPECT_EQ(pvd::si::due_date(*p, nullptr, pvd::YearMonth::of(2025, 2)).to_string(), "2025-03-31");
  EXPECT_EQ(pvd::si::due_date(*p, nullptr, pvd::YearMonth::of(2025, 3)).to_string(), "2025-04-30");
}

TEST(SiLimits, PublishedFigures) {
  Eng xian("xian", std::nullopt);
  auto r = xian.calc("si.base_limits", "2025-06-01T00:00:00", {{"year", 2025}});
  EXPECT_EQ(r["result"], (json{{"avg_wage", "8315.92"}, {"floor", "4990.00"}, {"cap", "24948.00"}}));
  // 2026 is not published: 2025's figure is billed provisionally (issue 15), and the response says so.
  auto p2026 = xian.calc("si.base_limits", "2025-06-01T00:00:00", {{"year", 2026}});
  EXPECT_EQ(p2026["result"]["floor"], "4990.00");
  EXPECT_EQ(p2026["policy"]["provisional"], (json::array({{{"version", "si.avg_wage@2026-01-01"}, {"carried_from", "2025-01-01"}}})));
  // Nothing is carried past the profile's horizon, and 2024 is a declared gap.
  EXPECT_EQ(error_code(xian.calc("si.base_limits", "2025-06-01T00:00:00", {{"year", 2028}})), "POLICY_NOT_IN_FORCE");
  EXPECT_EQ(error_code(xian.calc("si.base_limits", "2025-06-01T00:00:00", {{"year", 2024}})), "POLICY_NOT_IN_FORCE");
  Eng handan;
  EXPECT_EQ(handan.calc("si.base_limits", "2025-06-01T00:00:00", {{"year", 2024}})["result"]["cap"], "18000.00");
}

// ------------------------------------------------------------------ back-pay

TEST(SiBackPay, PerMonthAndTypeWithinThatMonthsLimitsAndLateFees) {
  Eng e;
  json args = enroll_args(kA, "2024-10-01");
  args["back_pay"] = false;
  json s = e.op("si.enroll", "2025-03-05T09:00:00", args, units_state(e))["state"];
  auto r = e.op("si.back_pay", "2025-03-05T09:00:00",
                {{"unit_code", kUnit}, {"id_number", kA}, {"from", "2024-11"}, {"to", "2025-02"}, {"wage", "20000.00"}}, s);
  ASSERT_TRUE(r["ok"]) << r.dump();
  const json& items = r["result"]["items"];
  ASSERT_EQ(items.size(), 4u);
  // 2024: cap 18,000 → 2,880 + 1,440; due 2024-11-25, 100 days to 2025-03-05 → 4,320 × 5% = 216.00.
  EXPECT_EQ(items[0], (json{{"month", "2024-11"}, {"type", "pension"}, {"base", "18000.00"}, {"employer", "2880.00"},
                            {"employee", "1440.00"}, {"late_fee_days", 100}, {"late_fee", "216.00"}}));
  EXPECT_EQ(items[1]["late_fee"], "151.20");  // 70 days
  // 2025: cap 18,900 → 3,024 + 1,512; 39 days → 4,536 × 1.95% = 88.452 → 88.45.
  EXPECT_EQ(items[2]["base"], "18900.00");
  EXPECT_EQ(items[2]["late_fee"], "88.45");
  EXPECT_EQ(items[3]["late_fee"], "18.14");  // 8 days: 18.144
  EXPECT_EQ(r["result"]["principal"], "17712.00");
  EXPECT_EQ(r["result"]["late_fee"], "473.79");
  EXPECT_EQ(r["result"]["total"], "18185.79");
  // Recorded unbilled; counted as a change.
  EXPECT_EQ(r["state"]["persons"][0]["contributions"].size(), 4u);
  EXPECT_EQ(r["state"]["units"][0]["changes_since_settlement"], 2);
  // With explain, every amount carries its derivation.
  auto x = e.op("si.back_pay", "2025-03-05T09:00:00",
                {{"unit_code", kUnit}, {"id_number", kA}, {"from", "2025-01"}, {"to", "2025-01"}, {"wage", "5000.00"}}, s, true);
  EXPECT_EQ(x["result"]["items"][0]["employer_derivation"]["rate"], "0.16");
  EXPECT_EQ(x["result"]["items"][0]["late_fee_derivation"]["base"], "1200.00");
  EXPECT_TRUE(x["result"].contains("total_derivation"));
}

TEST(SiBackPay, PeriodOrderAndEndBeforeTheSettlementPeriod) {
  Eng e;
  json s = e.op("si.enroll", "2025-03-05T09:00:00", enroll_args(kA, "2024-10-01", {"pension"}), units_state(e))["state"];
  auto bp = [&](const std::string& from, const std::string& to) {
    return e.op("si.back_pay", "2025-03-05T09:00:00",
                {{"unit_code", kUnit}, {"id_number", kA}, {"from", from}, {"to", to}, {"wage", "5000.00"}, {"types", {"medical"}}},
                e.op("si.enroll", "2025-03-05T09:00:00", enroll_args(kA, "2024-10-01", {"medical"}), s)["state"]);
  };
  EXPECT_EQ(codes(bp("2025-02", "2024-11")), std::vector<std::string>{"PERIOD_INVERTED"});
  EXPECT_EQ(codes(bp("2025-02", "2025-03")), std::vector<std::string>{"SI_BACK_PAY_NOT_PAST"});
  EXPECT_TRUE(bp("2025-02", "2025-02")["ok"]);
  EXPECT_EQ(codes(bp("2024-09", "2024-10")), std::vector<std::string>{"SI_NOT_ENROLLED_IN_PERIOD"});
  EXPECT_TRUE(bp("2024-10", "2024-10")["ok"]);
}

TEST(SiBackPay, NotEnrolledForATypeAndMonthsAlreadyPaidOrBilled) {
  Eng e;
  json s = with_back_pay_person(e);
  json bp_args = {{"unit_code", kUnit}, {"id_number", kA}, {"from", "2025-01"}, {"to", "2025-02"}, {"wage", "5000.00"}};
  json med = bp_args;
  med["types"] = {"medical"};
  auto r = e.op("si.back_pay", "2025-03-05T09:00:00", med, s);
  ASSERT_EQ(codes(r), std::vector<std::string>{"SI_NOT_ENROLLED_IN_PERIOD"});
  EXPECT_EQ(r["violations"][0]["message"], "2025-01至2025-02未在本单位参加医疗保险，请先办理人员增加");
  // Unbilled back-pay months may be re-declared.
  EXPECT_TRUE(e.op("si.back_pay", "2025-03-05T09:00:00", bp_args, s)["ok"]);
  auto bill = e.op("si.settle", "2025-03-05T09:00:00", settle_args("2025-03"), s);
  auto billed = e.op("si.back_pay", "2025-03-05T09:00:00", bp_args, bill["state"]);
  ASSERT_EQ(codes(billed), std::vector<std::string>{"SI_MONTH_ALREADY_BILLED"});
  auto paid = e.op("si.pay", "2025-03-05T09:00:00", pay_args(bill["result"]["bill_id"], "3628.20", "2025-03-05"), bill["state"]);
  ASSERT_TRUE(paid["ok"]) << paid.dump();
  auto again = e.op("si.back_pay", "2025-03-05T09:00:00", bp_args, paid["state"]);
  ASSERT_EQ(codes(again), std::vector<std::string>{"SI_MONTH_ALREADY_PAID"});
  EXPECT_EQ(again["violations"][0]["message"], "2025-01至2025-02养老保险已缴费");
}

// ------------------------------------------------------------------ settlement

TEST(SiSettle, BillWithPeriodItemsBackPayItemsAndLateFees) {
  Eng e;
  json s = with_back_pay_person(e);
  auto r = e.op("si.settle", "2025-03-05T09:00:00", settle_args("2025-03"), s);
  ASSERT_TRUE(r["ok"]) << r.dump();
  const json& items = r["result"]["items"];
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0]["kind"], "regular");
  EXPECT_EQ(items[0]["month"], "2025-03");
  EXPECT_EQ(items[0]["late_fee"], "0.00");
  EXPECT_EQ(items[1]["kind"], "back_pay");
  EXPECT_EQ(items[1]["late_fee"], "23.40");  // 2025-01: due 01-25, 39 days × 0.05% × 1,200
  EXPECT_EQ(items[2]["late_fee"], "4.80");   // 2025-02: 8 days
  EXPECT_EQ(r["result"]["principal"], "3600.00");
  EXPECT_EQ(r["result"]["late_fee"], "28.20");
  EXPECT_EQ(r["result"]["total"], "3628.20");
  EXPECT_EQ(r["result"]["settlement_period"], "2025-04");
  EXPECT_EQ(r["result"]["due_date"], "2025-03-25");
  const json& unit = r["state"]["units"][0];
  EXPECT_EQ(unit["settlement_period"], "2025-04");
  EXPECT_EQ(unit["last_settled_period"], "2025-03");
  EXPECT_EQ(unit["changes_since_settlement"], 0);
  const json& bill = r["state"]["bills"][0];
  EXPECT_EQ(bill["kind"], "settlement");
  EXPECT_EQ(bill["status"], "open");
  EXPECT_EQ(bill["amount_due"], "3628.20");
  EXPECT_EQ(r["events"][0]["type"], "bill.created");
  EXPECT_EQ(r["events"][1]["type"], "si.settled");
  for (const auto& c : r["state"]["persons"][0]["contributions"]) EXPECT_EQ(c["bill_id"], bill["bill_id"]);
  // Next period, no change since: the no-change settlement bills the enrolled person again.
  auto next = e.op("si.settle", "2025-04-02T09:00:00", settle_args("2025-04", "no_change"), r["state"]);
  ASSERT_TRUE(next["ok"]) << next.dump();
  EXPECT_EQ(next["result"]["items"].size(), 1u);
  EXPECT_EQ(next["result"]["total"], "1200.00");
}

TEST(SiSettle, WrongAndFuturePeriods) {
  Eng e;
  json s = units_state(e, "2025-04");
  auto wrong = e.op("si.settle", "2025-04-05T09:00:00", settle_args("2025-03", "no_change"), s);
  ASSERT_EQ(codes(wrong), std::vector<std::string>{"SI_SETTLE_WRONG_PERIOD"});
  EXPECT_EQ(wrong["violations"][0]["message"], "结算期应为2025-04");
  EXPECT_EQ(codes(e.op("si.settle", "2025-03-31T23:59:59", settle_args("2025-04", "no_change"), s)),
            std::vector<std::string>{"SI_SETTLE_FUTURE_PERIOD"});
  auto ok = e.op("si.settle", "2025-04-01T00:00:00", settle_args("2025-04", "no_change"), s);
  ASSERT_TRUE(ok["ok"]) << ok.dump();
  // Nothing billed: the bill is paid at creation.
  EXPECT_EQ(ok["state"]["bills"][0]["status"], "paid");
}

TEST(SiSettle, NoChangeRefusedAfterChangesWithChangeRefusedWhileReviewPends) {
  Eng e;
  json s = e.op("si.enroll", "2025-03-05T09:00:00", enroll_args(kA, "2025-03-01"), units_state(e))["state"];
  EXPECT_EQ(codes(e.op("si.settle", "2025-03-05T09:00:00", settle_args("2025-03", "no_change"), s)),
            std::vector<std::string>{"SI_SETTLE_HAS_CHANGES"});
  EXPECT_TRUE(e.op("si.settle", "2025-03-05T09:00:00", settle_args("2025-03", "with_change"), s)["ok"]);

  // Handan with its review list: a direct enrollment becomes a case awaiting review.
  Eng reviewed("handan", std::nullopt);
  auto c = reviewed.op("si.enroll", "2025-03-05T09:00:00", enroll_args(kA, "2025-03-01"), units_state(reviewed));
  ASSERT_TRUE(c["ok"]) << c.dump();
  ASSERT_TRUE(c["result"].contains("case_id"));
  EXPECT_EQ(c["state"]["persons"], json::array());
  EXPECT_EQ(codes(reviewed.op("si.settle", "2025-03-05T09:00:00", settle_args("2025-03", "with_change"), c["state"])),
            std::vector<std::string>{"SI_SETTLE_PENDING_REVIEW"});
  EXPECT_EQ(codes(reviewed.op("si.settle", "2025-03-05T09:00:00", settle_args("2025-03", "no_change"), c["state"])),
            std::vector<std::string>{"SI_SETTLE_HAS_CHANGES"});
}

// ------------------------------------------------------------------ payment

TEST(SiPay, AmountIsPrincipalPlusLateFeesToThePaidDate) {
  Eng e;
  auto bill = e.op("si.settle", "2025-03-05T09:00:00", settle_args("2025-03"), with_back_pay_person(e));
  const json id = bill["result"]["bill_id"];
  // Paid on 2025-03-10: January 44 days (26.40), February 13 days (7.80), March not due.
  auto short_pay = e.op("si.pay", "2025-03-10T09:00:00", pay_args(id, "3628.20", "2025-03-10"), bill["state"]);
  ASSERT_EQ(codes(short_pay), std::vector<std::string>{"PAYMENT_AMOUNT_MISMATCH"});
  EXPECT_EQ(short_pay["violations"][0]["message"], "缴款金额应为3634.20元（本金3600.00元，滞纳金34.20元）");
  auto ok = e.op("si.pay", "2025-03-10T09:00:00", pay_args(id, "3634.20", "2025-03-10"), bill["state"]);
  ASSERT_TRUE(ok["ok"]) << ok.dump();
  EXPECT_EQ(ok["result"]["paid_months"], (json{"2025-01", "2025-02", "2025-03"}));
  const json& b = ok["state"]["bills"][0];
  EXPECT_EQ(b["status"], "paid");
  EXPECT_EQ(b["paid_on"], "2025-03-10");
  EXPECT_EQ(b["late_fee"], "34.20");
  for (const auto& c : ok["state"]["persons"][0]["contributions"]) EXPECT_EQ(c["paid"], true);
  EXPECT_EQ(ok["events"][0]["type"], "bill.paid");
  // Paid after the period's own due date (25 March): the period month carries a fee too.
  auto late = e.op("si.pay", "2025-03-31T09:00:00", pay_args(id, "3663.00", "2025-03-31"), bill["state"]);
  EXPECT_TRUE(late["ok"]) << late.dump();  // 39.00 + 20.40 + 3.60
  // Twice: the bill is no longer open.
  EXPECT_EQ(codes(e.op("si.pay", "2025-03-10T09:00:00", pay_args(id, "3634.20", "2025-03-10"), ok["state"])),
            std::vector<std::string>{"BILL_NOT_PAYABLE"});
}

TEST(SiPay, PaidDateNotInTheFutureBillOfThisUnitKnownBill) {
  Eng e;
  auto bill = e.op("si.settle", "2025-03-05T09:00:00", settle_args("2025-03"), with_back_pay_person(e));
  const json id = bill["result"]["bill_id"];
  EXPECT_EQ(codes(e.op("si.pay", "2025-03-05T23:00:00", pay_args(id, "3628.20", "2025-03-06"), bill["state"])),
            (std::vector<std::string>{"SI_PAID_DATE_IN_FUTURE", "PAYMENT_AMOUNT_MISMATCH"}));
  EXPECT_EQ(codes(e.op("si.pay", "2025-03-05T09:00:00", pay_args(id, "3628.20", "2025-03-05", kUnit2), bill["state"])),
            std::vector<std::string>{"BILL_NOT_PAYABLE"});
  EXPECT_EQ(error_code(e.op("si.pay", "2025-03-05T09:00:00", pay_args("B999999", "1.00", "2025-03-05"), bill["state"])),
            "REQ_NOT_FOUND");
  EXPECT_EQ(error_code(e.op("si.pay", "2025-03-05T09:00:00", {{"unit_code", kUnit}, {"amount", "1.00"}, {"paid_date", "2025-03-05"}},
                            bill["state"])),
            "REQ_MISSING_FIELD");
}

// ------------------------------------------------------------------ flexible workers

TEST(SiFlex, VerifyTwentyPercentSplitIntoPoolAndPersonalAccount) {
  Eng e;
  json facts = {{"persons", {flex_person(kC)}}};
  auto r = e.op("si.flex.verify", "2025-03-10T09:00:00", {{"id_number", kC}, {"from", "2025-01"}, {"to", "2025-03"}, {"base", "5000.00"}},
                facts, true);
  ASSERT_TRUE(r["ok"]) << r.dump();
  EXPECT_EQ(r["result"]["verification_id"], "V000001");
  EXPECT_EQ(r["result"]["months"][0]["total"], "1000.00");
  EXPECT_EQ(r["result"]["months"][0]["pool"], "600.00");
  EXPECT_EQ(r["result"]["months"][0]["personal"], "400.00");
  EXPECT_EQ(r["result"]["months"][0]["total_derivation"]["rate"], "0.2");
  EXPECT_EQ(r["result"]["total"], "3000.00");
  EXPECT_EQ(r["state"]["bills"][0]["kind"], "flex");
  // Rounded each: 3,781.37 × 20% = 756.274 → 756.27; × 8% = 302.5096 → 302.51; pool 453.76.
  auto odd = e.op("si.flex.verify", "2025-03-10T09:00:00", {{"id_number", kC}, {"from", "2025-03"}, {"to", "2025-03"}, {"base", "3781.37"}},
                  facts);
  EXPECT_EQ(odd["result"]["months"][0], (json{{"month", "2025-03"}, {"base", "3781.37"}, {"total", "756.27"}, {"pool", "453.76"},
                                              {"personal", "302.51"}}));
}

TEST(SiFlex, FutureMonthsBaseLimitsAndMonthsVerifiedOnce) {
  Eng e;
  json facts = {{"persons", {flex_person(kC)}}};
  auto v = [&](const std::string& from, const std::string& to, const std::string& base, const json& f) {
    return e.op("si.flex.verify", "2025-03-10T09:00:00", {{"id_number", kC}, {"from", from}, {"to", to}, {"base", base}}, f);
  };
  EXPECT_EQ(codes(v("2025-03", "2025-04", "5000.00", facts)), std::vector<std::string>{"SI_FLEX_FUTURE_MONTH"});
  EXPECT_EQ(codes(v("2025-03", "2025-02", "5000.00", facts)), std::vector<std::string>{"PERIOD_INVERTED"});
  auto low = v("2025-01", "2025-03", "3779.99", facts);
  ASSERT_EQ(codes(low), std::vector<std::string>{"SI_BASE_OUT_OF_RANGE"});
  EXPECT_EQ(low["violations"][0]["message"], "2025-01至2025-03缴费基数须在3780.00元至18900.00元之间");
  EXPECT_TRUE(v("2025-01", "2025-03", "3780.00", facts)["ok"]);
  EXPECT_TRUE(v("2025-01", "2025-03", "18900.00", facts)["ok"]);
  // Across years: 18,500 is above 2024's cap only.
  auto across = v("2024-11", "2025-01", "18500.00", facts);
  ASSERT_EQ(codes(across), std::vector<std::string>{"SI_BASE_OUT_OF_RANGE"});
  EXPECT_EQ(across["violations"][0]["message_en"], "The base for 2024-11 to 2024-12 must be between 3600.00 and 18000.00 yuan");
  json once = v("2025-01", "2025-02", "5000.00", facts)["state"];
  auto twice = v("2025-02", "2025-03", "5000.00", once);
  ASSERT_EQ(codes(twice), std::vector<std::string>{"SI_FLEX_ALREADY_VERIFIED"});
  EXPECT_EQ(twice["violations"][0]["message"], "2025-02已核定");
  EXPECT_TRUE(v("2025-03", "2025-03", "5000.00", once)["ok"]);
  EXPECT_EQ(error_code(e.op("si.flex.verify", "2025-03-10T09:00:00",
                            {{"id_number", kA}, {"from", "2025-01"}, {"to", "2025-01"}, {"base", "5000.00"}}, facts)),
            "REQ_NOT_FOUND");
}

TEST(SiFlex, PayAndRollback) {
  Eng e;
  json facts = {{"persons", {flex_person(kC)}}};
  auto ver = e.op("si.flex.verify", "2025-03-10T09:00:00", {{"id_number", kC}, {"from", "2025-01"}, {"to", "2025-02"}, {"base", "5000.00"}},
                  facts);
  ASSERT_TRUE(ver["ok"]);
  // Rollback of an open verification: withdrawn; its months may be verified again.
  auto rb = e.op("si.flex.rollback", "2025-03-11T09:00:00", {{"verification_id", "V000001"}}, ver["state"]);
  ASSERT_TRUE(rb["ok"]) << rb.dump();
  EXPECT_EQ(rb["state"]["bills"][0]["status"], "withdrawn");
  EXPECT_EQ(rb["events"][0]["type"], "bill.withdrawn");
  EXPECT_EQ(codes(e.op("si.flex.rollback", "2025-03-11T09:00:00", {{"verification_id", "V000001"}}, rb["state"])),
            std::vector<std::string>{"SI_FLEX_ROLLED_BACK"});
  auto again = e.op("si.flex.verify", "2025-03-12T09:00:00", {{"id_number", kC}, {"from", "2025-01"}, {"to", "2025-02"}, {"base", "5000.00"}},
                    rb["state"]);
  ASSERT_TRUE(again["ok"]) << again.dump();
  EXPECT_EQ(again["result"]["verification_id"], "V000002");
  // Pay: the amount is the total (no late fee on voluntary contributions).
  auto bad = e.op("si.pay", "2025-03-12T09:00:00", {{"verification_id", "V000002"}, {"amount", "1999.99"}, {"paid_date", "2025-03-12"}},
                  again["state"]);
  EXPECT_EQ(codes(bad), std::vector<std::string>{"PAYMENT_AMOUNT_MISMATCH"});
  auto paid = e.op("si.pay", "2025-03-12T09:00:00", {{"verification_id", "V000002"}, {"amount", "2000.00"}, {"paid_date", "2025-03-12"}},
                   again["state"]);
  ASSERT_TRUE(paid["ok"]) << paid.dump();
  const json& c = paid["state"]["persons"][0]["contributions"];
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0]["type"], "pension");
  EXPECT_EQ(c[0]["paid"], true);
  EXPECT_EQ(c[0]["employee"], "1000.00");
  EXPECT_EQ(codes(e.op("si.flex.rollback", "2025-03-13T09:00:00", {{"verification_id", "V000002"}}, paid["state"])),
            std::vector<std::string>{"SI_FLEX_ROLLBACK_PAID"});
  EXPECT_EQ(error_code(e.op("si.flex.rollback", "2025-03-13T09:00:00", {{"verification_id", "V000009"}}, paid["state"])),
            "REQ_NOT_FOUND");
}

// Found by the SI simulation (issue 18): the settlement period's record released by
// si.settle.reverse, when the person then moves to another unit in that month (the new unit
// owes the month), is billed again by the old unit's re-settlement from its declared record —
// as the period's regular contribution, as protocol.md says of re-settling, not as back-pay.
TEST(SiSettle, ReleasedRecordOfThePeriodIsBilledAsRegularAfterAMove) {
  Eng e;
  json s = e.op("si.enroll", "2025-03-03T09:00:00", enroll_args(kA, "2025-03-01"), units_state(e))["state"];
  auto first = e.op("si.settle", "2025-03-05T09:00:00", settle_args("2025-03"), s);
  ASSERT_TRUE(first["ok"]) << first.dump();
  auto rev = e.op("si.settle.reverse", "2025-03-06T09:00:00", {{"unit_code", kUnit}, {"period", "2025-03"}}, first["state"]);
  ASSERT_TRUE(rev["ok"]) << rev.dump();
  EXPECT_EQ(rev["result"]["records_released"], 1);
  auto moved = e.op("si.enroll", "2025-03-20T09:00:00", enroll_args(kA, "2025-03-20", {"pension"}, kUnit2), rev["state"]);
  ASSERT_TRUE(moved["ok"]) << moved.dump();
  auto again = e.op("si.settle", "2025-03-21T09:00:00", settle_args("2025-03"), moved["state"]);
  ASSERT_TRUE(again["ok"]) << again.dump();
  ASSERT_EQ(again["result"]["items"].size(), 1u) << again.dump();
  EXPECT_EQ(again["result"]["items"][0]["month"], "2025-03");
  EXPECT_EQ(again["result"]["items"][0]["kind"], "regular");
  EXPECT_EQ(again["result"]["total"], "1200.00");
}
