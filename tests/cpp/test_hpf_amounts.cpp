// Exact HPF amounts: deposits per part, back-pay at the deposit in force per
// month, batches (all-or-nothing with rows), the suspense balance, the rate
// change lifecycle, the published Shanghai, Beijing, Changchun and Guangzhou
// figures (policy.md §3), explained amounts and masking.
#include <regex>

#include "provident/policy/policy.hpp"
#include "test_hpf_fixture.hpp"

using namespace hpftest;

namespace {

json deposit_calc(const std::string& profile, const std::string& as_of, const std::string& base, const std::string& er,
                  const std::string& ee) {
  return run(engine(profile), json{{"op", "hpf.deposit"}, {"as_of", as_of}, {"args", {{"base", base}, {"employer_rate", er}, {"employee_rate", ee}}}});
}

json open_one(const std::string& profile, const std::string& as_of, const std::string& unit_code, const std::string& er,
              const std::string& ee, const std::string& base) {
  return run(profile, "hpf.unit.open_accounts", as_of,
             {{"unit_code", unit_code}, {"rows", json::array({{{"name", "张三"}, {"id_number", kIdMale1990}, {"base", base}}})}},
             {{"units", json::array({employer_unit(unit_code, profile, er, ee)})}});
}

/// Every money member X of `j` (recursively) has X_derivation.
void expect_explained(const json& j, const std::string& path) {
  static const std::regex money(R"(-?(0|[1-9][0-9]*)\.[0-9]{2})");
  if (j.is_array()) {
    for (std::size_t i = 0; i < j.size(); ++i) expect_explained(j[i], path + "[" + std::to_string(i) + "]");
    return;
  }
  if (!j.is_object()) return;
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& k = it.key();
    if (k.size() > 11 && k.substr(k.size() - 11) == "_derivation") continue;
    if (k.size() > 5 && k.substr(k.size() - 5) == "_rate") continue;  // rates are not money
    if (it->is_string() && std::regex_match(it->get<std::string>(), money))
      EXPECT_TRUE(j.contains(k + "_derivation")) << path << "." << k << " has no derivation";
    else expect_explained(*it, path + "." + k);
  }
}

}  // namespace

// ------------------------------------------------------------------ published figures (policy.md §3)

TEST(HpfShanghai, EachPartRoundedHalfUpToYuanThenAdded) {
  // arithmetic.md §2: 2,690 × 7% = 188.30 → 188, twice: 376 (not 377).
  json r = deposit_calc("shanghai", "2024-09-02T10:00:00", "2690", "7%", "7%");
  EXPECT_EQ(r["result"]["employer_part"], "188.00");
  EXPECT_EQ(r["result"]["employee_part"], "188.00");
  EXPECT_EQ(r["result"]["monthly_deposit"], "376.00");
  // The same through an account opening (the floor itself is allowed).
  json o = open_one("shanghai", "2024-09-02T10:00:00", "S1", "0.07", "0.07", "2690.00");
  ASSERT_TRUE(o["ok"].get<bool>()) << o.dump();
  EXPECT_EQ(o["result"]["rows"][0]["monthly_deposit"], "376.00");
}

TEST(HpfShanghai, BaseLimitsOfTheHpfYears) {
  struct Row {
    const char* as_of;
    const char* base;
    bool ok;
  };
  for (const Row& x : {Row{"2023-09-01T10:00:00", "36549.00", true}, Row{"2023-09-01T10:00:00", "36549.01", false},
                       Row{"2024-06-30T10:00:00", "36549.00", true}, Row{"2024-07-01T10:00:00", "36921.00", true},
                       Row{"2024-07-01T10:00:00", "36921.01", false}, Row{"2024-09-01T10:00:00", "2690.00", true},
                       Row{"2024-09-01T10:00:00", "2689.99", false}, Row{"2025-07-01T10:00:00", "37302.00", true},
                       Row{"2025-07-01T10:00:00", "37302.01", false}, Row{"2026-06-30T10:00:00", "37302.00", true},
                       Row{"2025-09-01T10:00:00", "2690.00", true}, Row{"2025-09-01T10:00:00", "2689.99", false},
                       Row{"2026-07-01T10:00:00", "37731.00", true}, Row{"2026-07-01T10:00:00", "37731.01", false},
                       Row{"2026-07-01T10:00:00", "2740.00", true}, Row{"2026-07-01T10:00:00", "2739.99", false},
                       // FY2023's floor is 2,590 (issue 15: the published minimum deposit 362 = 2 × round(2,590 × 7%))
                       Row{"2023-09-01T10:00:00", "2590.00", true}, Row{"2023-09-01T10:00:00", "2589.99", false}}) {
    SCOPED_TRACE(std::string(x.as_of) + " " + x.base);
    json r = open_one("shanghai", x.as_of, "S1", "0.05", "0.05", x.base);
    ASSERT_TRUE(r["error"].is_null()) << r.dump();
    EXPECT_EQ(r["ok"].get<bool>(), x.ok) << r.dump();
    if (!x.ok) {
      EXPECT_TRUE(has_code(r, "HPF_BASE_OUT_OF_RANGE"));
    }
  }
  // The years not published are not invented.
  json before = open_one("shanghai", "2023-06-30T10:00:00", "S1", "0.05", "0.05", "5000.00");
  EXPECT_EQ(before["error"]["code"], "POLICY_NOT_IN_FORCE");
  // FY2027 is provisional (FY2026's figures, named in the response); nothing past it.
  json provisional = open_one("shanghai", "2027-07-01T10:00:00", "S1", "0.05", "0.05", "37731.00");
  EXPECT_EQ(provisional["ok"], true) << provisional.dump();
  EXPECT_EQ(provisional["policy"]["provisional"].size(), 2u) << provisional.dump();
  json after = open_one("shanghai", "2028-07-01T10:00:00", "S1", "0.05", "0.05", "5000.00");
  EXPECT_EQ(after["error"]["code"], "POLICY_NOT_IN_FORCE");
}

TEST(HpfShanghai, RatesFiveToSevenPercentAndTheUnverifiedFloorOf2025) {
  json bad = run("shanghai", "hpf.unit.register", "2024-09-02T10:00:00",
                 {{"unit_code", "S9"}, {"name", "x"}, {"credit_code", "91410200MA4F234563"}, {"bank", "ICBC"}, {"kind", "employer"},
                  {"employer_rate", "7.5%"}, {"employee_rate", "4%"}},
                 json::object());
  ASSERT_EQ(codes(bad), (std::vector<std::string>{"HPF_RATE_OUT_OF_RANGE", "HPF_RATE_OUT_OF_RANGE"}));
  EXPECT_EQ(bad["violations"][0]["message"], "缴存比例须在5%至7%之间");
  EXPECT_EQ(bad["violations"][0]["message_en"], "The contribution rate must be between 5% and 7%");
  auto p = engine("shanghai").profile("shanghai");
  const auto* floor2025 = p->find(pvd::policy::Key::hpf_base_floor, pvd::Date::of(2025, 7, 1));
  ASSERT_NE(floor2025, nullptr);
  EXPECT_EQ(std::get<pvd::Money>(floor2025->value).to_string(), "2690.00");
  EXPECT_FALSE(floor2025->verified);
  EXPECT_NE(floor2025->note.find("2,740"), std::string::npos);
  const auto* floor2024 = p->find(pvd::policy::Key::hpf_base_floor, pvd::Date::of(2024, 7, 1));
  ASSERT_NE(floor2024, nullptr);
  EXPECT_TRUE(floor2024->verified);
}

TEST(HpfBeijing, CapsAndRates) {
  // examples.md: 20,000 at 12% + 12% → 2,400 + 2,400.
  json r = deposit_calc("beijing", "2025-09-01T10:00:00", "20000", "12%", "0.12");
  EXPECT_EQ(r["result"]["monthly_deposit"], "4800.00");
  EXPECT_EQ(r["policy"]["parameters"], json::array({"hpf.deposit.rounding@2023-07-01"}));
  // 35,283 × 12% = 4,233.96 → 4,234 a part.
  json cap = open_one("beijing", "2024-09-02T10:00:00", "B1", "0.12", "0.12", "35283.00");
  ASSERT_TRUE(cap["ok"].get<bool>()) << cap.dump();
  EXPECT_EQ(cap["result"]["rows"][0]["employer_part"], "4234.00");
  EXPECT_EQ(cap["result"]["rows"][0]["monthly_deposit"], "8468.00");
  EXPECT_TRUE(has_code(open_one("beijing", "2024-09-02T10:00:00", "B1", "0.12", "0.12", "35283.01"), "HPF_BASE_OUT_OF_RANGE"));
  EXPECT_TRUE(open_one("beijing", "2023-09-02T10:00:00", "B1", "0.12", "0.12", "33891.00")["ok"].get<bool>());
  json over = open_one("beijing", "2023-09-02T10:00:00", "B1", "0.12", "0.12", "33891.01");
  ASSERT_TRUE(has_code(over, "HPF_BASE_OUT_OF_RANGE"));
  EXPECT_NE(over["violations"][0]["message"].get<std::string>().find("33891.00"), std::string::npos);
  json rate = run("beijing", "hpf.unit.register", "2024-09-02T10:00:00",
                  {{"unit_code", "B9"}, {"name", "x"}, {"credit_code", "91410200MA4F234563"}, {"bank", "ICBC"}, {"kind", "employer"},
                   {"employer_rate", "12%"}, {"employee_rate", "12.5%"}},
                  json::object());
  EXPECT_EQ(codes(rate), (std::vector<std::string>{"HPF_RATE_OUT_OF_RANGE"}));
}

TEST(HpfChangchun, FenThenUpToTheYuan) {
  // arithmetic.md §2: 100.001 → 100.00 → 100; 100.005 → 100.01 → 101.
  json a = deposit_calc("changchun", "2025-09-01T10:00:00", "1000.01", "10%", "10%");
  EXPECT_EQ(a["result"]["employer_part"], "100.00");
  json b = deposit_calc("changchun", "2025-09-01T10:00:00", "1000.05", "10%", "10%");
  EXPECT_EQ(b["result"]["employer_part"], "101.00");
  EXPECT_EQ(b["result"]["monthly_deposit"], "202.00");
  // 3,333.38 × 12% = 400.0056 → 400.01 → 401; under national half_up: 400.
  EXPECT_EQ(deposit_calc("changchun", "2025-09-01T10:00:00", "3333.38", "12%", "12%")["result"]["employer_part"], "401.00");
  EXPECT_EQ(deposit_calc("national", "2025-09-01T10:00:00", "3333.38", "12%", "12%")["result"]["employer_part"], "400.00");
}

TEST(HpfGuangzhou, WholePercentEmployeeNotBelowEmployerBaseLimitsAndFlexibleMinimum) {
  const std::string on = "2022-09-01T10:00:00";
  json r = run("guangzhou", "hpf.unit.register", on,
               {{"unit_code", "G1"}, {"name", "x"}, {"credit_code", "91410200MA4F234563"}, {"bank", "ICBC"}, {"kind", "employer"},
                {"employer_rate", "12.5%"}, {"employee_rate", "4.5%"}},
               json::object());
  EXPECT_EQ(codes(r), (std::vector<std::string>{"HPF_RATE_OUT_OF_RANGE", "HPF_RATE_NOT_WHOLE_PERCENT", "HPF_RATE_OUT_OF_RANGE",
                                                 "HPF_RATE_NOT_WHOLE_PERCENT", "HPF_RATE_EMPLOYEE_BELOW_EMPLOYER"}));
  EXPECT_TRUE(open_one("guangzhou", on, "G1", "0.05", "0.05", "2300.00")["ok"].get<bool>());
  EXPECT_TRUE(has_code(open_one("guangzhou", on, "G1", "0.05", "0.05", "2299.99"), "HPF_BASE_OUT_OF_RANGE"));
  EXPECT_TRUE(open_one("guangzhou", on, "G1", "0.05", "0.05", "36072.00")["ok"].get<bool>());
  EXPECT_TRUE(has_code(open_one("guangzhou", on, "G1", "0.05", "0.05", "36072.01"), "HPF_BASE_OUT_OF_RANGE"));
  // 2,300 × 5% + 5% = 230, the flexible monthly minimum.
  EXPECT_EQ(open_one("guangzhou", on, "G1", "0.05", "0.05", "2300.00")["result"]["rows"][0]["monthly_deposit"], "230.00");
  json units = {{"units", json::array({flex_unit("GF", "guangzhou")})}};
  json low = run("guangzhou", "hpf.flex.open", on,
                 {{"unit_code", "GF"}, {"name", "张三"}, {"id_number", kIdMale1990}, {"monthly_deposit", "229.99"}}, units);
  ASSERT_EQ(codes(low), (std::vector<std::string>{"HPF_DEPOSIT_OUT_OF_RANGE"}));
  EXPECT_EQ(low["violations"][0]["message"], "月缴存额须在230.00元至8657.28元之间");
  EXPECT_TRUE(run("guangzhou", "hpf.flex.open", on,
                  {{"unit_code", "GF"}, {"name", "张三"}, {"id_number", kIdMale1990}, {"monthly_deposit", "230.00"}}, units)["ok"]
                  .get<bool>());
}

// ------------------------------------------------------------------ flexible amounts

TEST(HpfFlexAmounts, OddDepositSplitsWithTheEmployerTakingTheOddFen) {
  json r = run("taiyuan", "hpf.flex.open", "2026-03-02T10:00:00",
               {{"unit_code", "F1"}, {"name", "张三"}, {"id_number", kIdMale1990}, {"monthly_deposit", "600.01"}},
               {{"units", json::array({flex_unit()})}});
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump();
  json a = account_in(r, "A000001");
  EXPECT_EQ(a["deposits"][0], json({{"from", "2026-03"}, {"employer_part", "300.01"}, {"employee_part", "300.00"}, {"monthly_deposit", "600.01"}}));
  EXPECT_EQ(a["payable_from"], "2026-03");
  EXPECT_EQ(a["contract"], nullptr);
}

TEST(HpfFlexAmounts, OpenTakesTheGivenAccountNumber) {
  json r = run("taiyuan", "hpf.flex.open", "2026-03-02T10:00:00",
               {{"unit_code", "F1"}, {"name", "张三"}, {"id_number", kIdMale1990}, {"monthly_deposit", "600.00"}, {"account_no", "TY-0001"}},
               {{"units", json::array({flex_unit()})}});
  EXPECT_EQ(r["result"]["account_no"], "TY-0001");
  json dup = run("taiyuan", "hpf.flex.open", "2026-03-02T10:00:00",
                 {{"unit_code", "F1"}, {"name", "李四"}, {"id_number", kIdMale1985}, {"monthly_deposit", "600.00"}, {"account_no", "A1"}},
                 {{"units", json::array({flex_unit()})}, {"accounts", json::array({flex_account()})}});
  EXPECT_EQ(dup["error"]["code"], "REQ_BAD_VALUE");
  EXPECT_EQ(dup["error"]["field"], "args.account_no");
}

TEST(HpfFlexAmounts, BackPayAtTheDepositInForceForEachMonth) {
  json a = flex_account("A1", "F1", "2026-01", "600.00");
  a["deposits"].push_back(flex_deposit("2026-04", "800.00"));
  a["deposits"].push_back(flex_deposit("2026-07", "1000.00"));
  a["paid_months"] = json::array({"2026-01", "2026-05"});
  a["balance"] = "1400.00";
  json r = run("taiyuan", "hpf.flex.back_pay", "2026-08-03T10:00:00", {{"account_no", "A1"}, {"end_month", "2026-07"}},
               {{"units", json::array({flex_unit()})}, {"accounts", json::array({a})}});
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump();
  EXPECT_EQ(r["result"]["months"], json::parse(R"([{"month":"2026-02","amount":"600.00"},{"month":"2026-03","amount":"600.00"},
      {"month":"2026-04","amount":"800.00"},{"month":"2026-06","amount":"800.00"},{"month":"2026-07","amount":"1000.00"}])"));
  EXPECT_EQ(r["result"]["total"], "3800.00");
  json s = account_in(r, "A1");
  EXPECT_EQ(s["balance"], "5200.00");
  EXPECT_EQ(s["paid_months"], json::array({"2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07"}));
  ASSERT_EQ(s["ledger"].size(), 5u);
  EXPECT_EQ(s["ledger"][4], json({{"kind", "back_pay"}, {"month", "2026-07"}, {"date", "2026-08-03"}, {"amount", "1000.00"}}));
  EXPECT_EQ(r["events"].size(), 5u);
  EXPECT_EQ(r["events"][0]["type"], "ledger.posted");
}

TEST(HpfFlexAmounts, LapsedMonthsAreSkipped) {
  // max_months = 3 at 2026-08: months before 2026-05 have lapsed.
  json a = flex_account("A1", "F1", "2026-01", "600.00");
  json r = run("taiyuan", "hpf.flex.back_pay", "2026-08-03T10:00:00", {{"account_no", "A1"}, {"end_month", "2026-06"}},
               {{"units", json::array({flex_unit()})}, {"accounts", json::array({a})}}, overlay_of("hpf.back_pay.max_months", "3"));
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump();
  EXPECT_EQ(r["result"]["months"].size(), 2u);
  EXPECT_EQ(r["result"]["months"][0]["month"], "2026-05");
  EXPECT_EQ(r["result"]["lapsed_before"], "2026-05");
}

TEST(HpfFlexAmounts, AdjustmentKeepsPaidMonthsAndCountsOncePerCalendarYear) {
  json a = flex_account("A1", "F1", "2026-01", "600.00");
  a["paid_months"] = json::array({"2026-07"});
  a["balance"] = "600.00";
  json r = run("taiyuan", "hpf.flex.adjust", "2026-07-10T10:00:00", {{"account_no", "A1"}, {"monthly_deposit", "900.00"}},
               {{"units", json::array({flex_unit()})}, {"accounts", json::array({a})}});
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump();
  json s = account_in(r, "A1");
  EXPECT_EQ(s["deposits"].size(), 2u);
  EXPECT_EQ(s["deposits"][1]["from"], "2026-07");
  EXPECT_EQ(s["last_adjust_year"], 2026);
  EXPECT_EQ(s["adjust_count"], 1);
  EXPECT_EQ(s["balance"], "600.00");  // July was paid at 600 and stays so
  // The next July is a new year.
  json next = run("taiyuan", "hpf.flex.adjust", "2027-07-01T08:00:00", {{"account_no", "A1"}, {"monthly_deposit", "700.00"}}, r["state"]);
  EXPECT_TRUE(next["ok"].get<bool>()) << next.dump();
  // August is outside the window.
  json aug = run("taiyuan", "hpf.flex.adjust", "2027-08-01T08:00:00", {{"account_no", "A1"}, {"monthly_deposit", "700.00"}}, r["state"]);
  EXPECT_EQ(codes(aug), (std::vector<std::string>{"HPF_ADJUST_OUTSIDE_WINDOW"}));
  EXPECT_EQ(aug["violations"][0]["message"], "月缴存额调整仅在每年7月办理");
  EXPECT_EQ(aug["violations"][0]["message_en"], "The monthly deposit can only be adjusted in July");
}

TEST(HpfFlexAmounts, PaymentWindowBoundaries) {
  struct Row {
    const char* as_of;
    bool ok;
  };
  for (const Row& x : {Row{"2026-03-01T07:59:59", false}, Row{"2026-03-01T08:00:00", true}, Row{"2026-03-25T16:59:59", true},
                       Row{"2026-03-25T17:00:00", false}, Row{"2026-03-26T10:00:00", false}, Row{"2026-03-31T10:00:00", false}}) {
    SCOPED_TRACE(x.as_of);
    json r = run("taiyuan", "hpf.flex.remit", x.as_of, {{"account_no", "A1"}}, {{"units", json::array({flex_unit()})}, {"accounts", json::array({flex_account()})}});
    EXPECT_EQ(r["ok"].get<bool>(), x.ok) << r.dump();
    if (!x.ok) {
      EXPECT_EQ(r["violations"][0]["message"], "缴存时间为每月1-25日的08:00-17:00");
      EXPECT_EQ(r["violations"][0]["field"], "as_of");
    }
  }
  // Back-pay has the same window (002 三.2 注).
  json bp = run("taiyuan", "hpf.flex.back_pay", "2026-03-25T17:00:00", {{"account_no", "A1"}, {"end_month", "2026-02"}},
                {{"units", json::array({flex_unit()})}, {"accounts", json::array({flex_account()})}});
  EXPECT_EQ(codes(bp), (std::vector<std::string>{"HPF_OUTSIDE_PAYMENT_WINDOW"}));
  EXPECT_EQ(bp["violations"][0]["source"], "002 三.2 注");
}

TEST(HpfFlexAmounts, ADenialListsEveryViolationAtOnce) {
  json a = flex_account();
  a["status"] = "sealed";
  a["contract"] = nullptr;
  a["paid_months"] = json::array({"2026-03"});
  json r = run("taiyuan", "hpf.flex.remit", "2026-03-26T18:00:00", {{"account_no", "A1"}},
               {{"units", json::array({flex_unit()})}, {"accounts", json::array({a})}});
  EXPECT_EQ(codes(r), (std::vector<std::string>{"HPF_OUTSIDE_PAYMENT_WINDOW", "HPF_NOT_NORMAL", "HPF_NOT_SIGNED", "HPF_MONTH_ALREADY_PAID"}));
  a["stints"] = json::array();  // facts without stints: none for a sealed account without sealed_on (docs/history.md)
  EXPECT_EQ(r["state"]["accounts"][0], a);  // nothing changed
}

TEST(HpfFlexAmounts, SignNamesCompareAfterNormalisation) {
  json a = flex_account();
  a["person"]["name"] = "阿依·古丽";
  json r = run("taiyuan", "hpf.flex.sign", "2026-03-05T10:00:00",
               {{"account_no", "A1"}, {"account_name", "阿依•古丽"}, {"card_no", kIcbcCard}, {"bank", "ICBC"}, {"card_class", 1}},
               {{"units", json::array({flex_unit()})}, {"accounts", json::array({a})}});
  EXPECT_TRUE(r["ok"].get<bool>()) << r.dump();
  EXPECT_EQ(r["result"]["card_masked"], "6222 **** **** 6782");
}

TEST(HpfFlexAmounts, ExitPaysTheBalanceWithInterestAndCloses) {
  // Sealed, opened 2025-09, settled through 2025; 2,000.00 at the start of the
  // interest year 2026 and 1,000.00 deposited on 2025-10-10. Exit on
  // 2026-03-15: July … February: 2,000 × 8 + 1,000 × 4 (Nov … Feb) month-balances
  // → (16,000 + 4,000) × 1.5% / 12 = 25.00.
  json a = flex_account("A1", "F1", "2025-09", "1000.00");
  a["status"] = "sealed";
  a["sealed_on"] = "2026-01-05";
  a["interest_settled_through"] = 2025;
  a["balance"] = "3000.00";
  a["ledger"] = json::array({{{"kind", "regular"}, {"month", "2025-10"}, {"date", "2025-10-10"}, {"amount", "1000.00"}}});
  json r = run("taiyuan", "hpf.exit", "2026-03-15T10:00:00", {{"account_no", "A1"}, {"has_outstanding_loan", false}},
               {{"units", json::array({flex_unit()})}, {"accounts", json::array({a})}});
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump();
  EXPECT_EQ(r["result"]["interest"], "25.00");
  EXPECT_EQ(r["result"]["payout"], "3025.00");
  json s = account_in(r, "A1");
  EXPECT_EQ(s["status"], "closed");
  EXPECT_EQ(s["balance"], "0.00");
  EXPECT_EQ(s["ledger"].back(), json({{"kind", "withdrawal"}, {"month", nullptr}, {"date", "2026-03-15"}, {"amount", "-3025.00"}}));
  std::vector<std::string> types;
  for (const auto& e : r["events"]) types.push_back(e["type"]);
  EXPECT_EQ(types, (std::vector<std::string>{"interest.credited", "ledger.posted", "account.closed"}));
}

// ------------------------------------------------------------------ employer amounts

TEST(HpfUnitAmounts, BatchOpeningIsAllOrNothingWithRows) {
  json rows = json::array({{{"name", "甲"}, {"id_number", kIdMale1990}, {"base", "5000.00"}},
                           {{"name", "乙"}, {"id_number", "140105198506124568"}, {"base", "5000.00"}},
                           {{"name", "丙"}, {"id_number", kIdFemale1992}, {"base", "25000.01"}, {"phone", "1234"}},
                           {{"name", "甲"}, {"id_number", kIdMale1990}, {"base", "5000.00"}}});
  json r = run("taiyuan", "hpf.unit.open_accounts", "2026-03-05T10:00:00", {{"unit_code", "E1"}, {"rows", rows}},
               {{"units", json::array({employer_unit()})}});
  ASSERT_TRUE(r["error"].is_null()) << r.dump();
  EXPECT_FALSE(r["ok"].get<bool>());
  std::vector<std::pair<std::string, int>> got;
  for (const auto& v : r["violations"]) got.emplace_back(v["code"], v["row"].get<int>());
  EXPECT_EQ(got, (std::vector<std::pair<std::string, int>>{
                     {"ID_CHECKSUM", 1}, {"HPF_BASE_OUT_OF_RANGE", 2}, {"PHONE_INVALID", 2}, {"BATCH_DUPLICATE", 3}}));
  EXPECT_EQ(r["violations"][3]["message"], "第4行与第1行为同一人");
  EXPECT_TRUE(r["state"]["accounts"].empty());
  EXPECT_TRUE(r["events"].empty());
  // Without the bad rows: every row opens, priced at 12% + 12%.
  rows.erase(1);
  rows.erase(1);
  rows.erase(1);
  rows.push_back({{"name", "丙"}, {"id_number", kIdFemale1992}, {"base", "2345.67"}});
  json ok = run("taiyuan", "hpf.unit.open_accounts", "2026-03-05T10:00:00", {{"unit_code", "E1"}, {"rows", rows}},
                {{"units", json::array({employer_unit()})}});
  ASSERT_TRUE(ok["ok"].get<bool>()) << ok.dump();
  EXPECT_EQ(ok["result"]["rows"][1]["employer_part"], "281.00");  // 281.4804 → 281
  EXPECT_EQ(ok["result"]["rows"][1]["monthly_deposit"], "562.00");
  EXPECT_EQ(unit_in(ok, "E1")["first_month"], "2026-03");
}

TEST(HpfUnitAmounts, SuspenseIsUsedFirstAndANothingDueBillIsPaidAtCreation) {
  json u = employer_unit();
  u["first_month"] = "2026-01";
  u["suspense_balance"] = "5000.00";
  json b1 = flex_account("B1", "E1", "2026-01", "1200.00", kIdMale1985);
  b1["base"] = "5000.00";
  b1["deposits"] = json::array({{{"from", "2026-01"}, {"employer_part", "600.00"}, {"employee_part", "600.00"}, {"monthly_deposit", "1200.00"}}});
  json b2 = b1;
  b2["account_no"] = "B2";
  b2["person"]["id_number"] = kIdFemale1992;
  json r = run("taiyuan", "hpf.unit.verify_remittance", "2026-01-10T10:00:00", {{"unit_code", "E1"}, {"month", "2026-01"}},
               {{"units", json::array({u})}, {"accounts", json::array({b1, b2})}});
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump();
  EXPECT_EQ(r["result"]["total"], "2400.00");
  EXPECT_EQ(r["result"]["suspense_balance"], "5000.00");
  EXPECT_EQ(r["result"]["suspense_used"], "2400.00");
  EXPECT_EQ(r["result"]["amount_due"], "0.00");
  EXPECT_EQ(r["result"]["status"], "paid");
  EXPECT_EQ(unit_in(r, "E1")["suspense_balance"], "2600.00");
  EXPECT_EQ(account_in(r, "B1")["balance"], "1200.00");
  EXPECT_EQ(account_in(r, "B1")["paid_months"], json::array({"2026-01"}));
  EXPECT_FALSE(account_in(r, "B1").contains("billed_months"));  // billing lives on bills only
  // Partly covered: 2,600 of suspense against 2,400 → nothing due again; with
  // 1,000 of suspense → 1,400 due, the months billed until paid.
  json s = r["state"];
  s["units"][0]["suspense_balance"] = "1000.00";
  json feb = run("taiyuan", "hpf.unit.verify_remittance", "2026-02-10T10:00:00", {{"unit_code", "E1"}, {"month", "2026-02"}}, s);
  ASSERT_TRUE(feb["ok"].get<bool>()) << feb.dump();
  EXPECT_EQ(feb["result"]["amount_due"], "1400.00");
  // The months are billed by the bill's items: verification writes no account.
  const json& items = feb["state"]["bills"][1]["items"];
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[1]["account_no"], "B2");
  EXPECT_EQ(items[1]["month"], "2026-02");
  EXPECT_EQ(account_in(feb, "B2")["paid_months"], json::array({"2026-01"}));
  json pay = run("taiyuan", "hpf.unit.pay", "2026-02-11T10:00:00", {{"unit_code", "E1"}, {"bill_id", "B000002"}, {"amount", "1400.00"}}, feb["state"]);
  ASSERT_TRUE(pay["ok"].get<bool>()) << pay.dump();
  EXPECT_EQ(account_in(pay, "B2")["balance"], "2400.00");
  EXPECT_EQ(account_in(pay, "B2")["paid_months"], json::array({"2026-01", "2026-02"}));
  // The bill of another unit is not payable; an unknown bill is not found.
  json other = run("taiyuan", "hpf.unit.pay", "2026-02-11T10:00:00", {{"unit_code", "E2"}, {"bill_id", "B000002"}, {"amount", "1400.00"}},
                   json({{"units", json::array({u, employer_unit("E2")})}, {"bills", feb["state"]["bills"]}, {"accounts", feb["state"]["accounts"]}}));
  EXPECT_EQ(codes(other), (std::vector<std::string>{"BILL_NOT_PAYABLE"}));
  json unknown = run("taiyuan", "hpf.unit.pay", "2026-02-11T10:00:00", {{"unit_code", "E1"}, {"bill_id", "B999"}, {"amount", "1.00"}}, feb["state"]);
  EXPECT_EQ(unknown["error"]["code"], "REQ_NOT_FOUND");
  EXPECT_EQ(unknown["error"]["field"], "args.bill_id");
}

TEST(HpfUnitAmounts, BackPayAmountSplitsInProportionToTheParts) {
  json u = employer_unit("E1", "taiyuan", "0.12", "0.08");
  json b1 = flex_account("B1", "E1", "2026-01", "1000.00", kIdMale1985);
  b1["base"] = "5000.00";
  b1["deposits"] = json::array({{{"from", "2026-01"}, {"employer_part", "600.00"}, {"employee_part", "400.00"}, {"monthly_deposit", "1000.00"}}});
  b1["paid_months"] = json::array({"2026-01"});
  json r = run("taiyuan", "hpf.unit.verify_back_pay", "2026-03-10T10:00:00",
               {{"unit_code", "E1"}, {"rows", json::array({{{"account_no", "B1"}, {"month", "2026-01"}, {"amount", "100.01"}, {"reason", "underpaid"}},
                                                           {{"account_no", "B1"}, {"month", "2026-02"}, {"amount", "1000.00"}, {"reason", "overdue"}}})}},
               {{"units", json::array({u})}, {"accounts", json::array({b1})}});
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump();
  EXPECT_EQ(r["result"]["rows"][0]["employer_part"], "60.01");
  EXPECT_EQ(r["result"]["rows"][0]["employee_part"], "40.00");
  EXPECT_EQ(r["result"]["rows"][0]["kind"], "back_pay_difference");
  EXPECT_EQ(r["result"]["total"], "1100.01");
  // Only the missed month is billed as a month (a difference pays none).
  EXPECT_EQ(r["state"]["bills"][0]["items"][0]["kind"], "back_pay_difference");
  EXPECT_EQ(r["state"]["bills"][0]["items"][1]["kind"], "back_pay");
  EXPECT_EQ(r["state"]["bills"][0]["items"][1]["month"], "2026-02");
  json pay = run("taiyuan", "hpf.unit.pay", "2026-03-11T10:00:00", {{"unit_code", "E1"}, {"bill_id", "B000001"}, {"amount", "1100.01"}}, r["state"]);
  ASSERT_TRUE(pay["ok"].get<bool>()) << pay.dump();
  json s = account_in(pay, "B1");
  EXPECT_EQ(s["paid_months"], json::array({"2026-01", "2026-02"}));
  EXPECT_EQ(s["balance"], "1100.01");
  EXPECT_EQ(s["ledger"][0]["kind"], "back_pay_difference");
  EXPECT_EQ(s["ledger"][1]["kind"], "back_pay");
}

TEST(HpfUnitAmounts, RateChangeTakesEffectOnlyThroughTheNextBaseAdjustment) {
  json u = employer_unit("E1", "taiyuan", "0.10", "0.10");
  json b1 = flex_account("B1", "E1", "2026-01", "1000.00", kIdMale1985);
  b1["base"] = "5000.00";
  b1["contract"] = nullptr;
  b1["deposits"] = json::array({{{"from", "2026-01"}, {"employer_part", "500.00"}, {"employee_part", "500.00"}, {"monthly_deposit", "1000.00"}}});
  json b2 = b1;
  b2["account_no"] = "B2";
  b2["person"]["id_number"] = kIdFemale1992;
  b2["base"] = "8000.00";
  json facts = {{"units", json::array({u})}, {"accounts", json::array({b1, b2})}};
  json rate = run("taiyuan", "hpf.unit.adjust_rate", "2026-03-05T10:00:00", {{"unit_code", "E1"}, {"employer_rate", "12%"}, {"employee_rate", "12%"}}, facts);
  ASSERT_TRUE(rate["ok"].get<bool>()) << rate.dump();
  EXPECT_EQ(rate["result"]["state"], "approved");
  EXPECT_EQ(unit_in(rate, "E1")["employer_rate"], "0.1");  // not yet in force
  EXPECT_EQ(account_in(rate, "B1")["deposits"].size(), 1u);
  // The next base adjustment uses it: B1's new base and B2's old one, both at 12%.
  json base = run("taiyuan", "hpf.unit.adjust_base", "2026-03-06T10:00:00",
                  {{"unit_code", "E1"}, {"effective_month", "2026-04"}, {"rows", json::array({{{"account_no", "B1"}, {"base", "6000.00"}}})}},
                  rate["state"]);
  ASSERT_TRUE(base["ok"].get<bool>()) << base.dump();
  EXPECT_TRUE(base["result"]["rate_change_used"].get<bool>());
  EXPECT_EQ(base["result"]["rows"][0]["monthly_deposit"], "1440.00");
  EXPECT_EQ(unit_in(base, "E1")["employer_rate"], "0.12");
  // 003 7: the change stays, used (已使用) from April (no case: not reviewed at Taiyuan).
  EXPECT_EQ(unit_in(base, "E1")["rate_change"],
            json({{"employer_rate", "0.12"}, {"employee_rate", "0.12"}, {"effective_month", nullptr}, {"state", "used"},
                  {"used_in", "2026-04"}, {"used_on", "2026-03-06"}}));
  EXPECT_EQ(account_in(base, "B2")["deposits"].back(),
            json({{"from", "2026-04"}, {"employer_part", "960.00"}, {"employee_part", "960.00"}, {"monthly_deposit", "1920.00"}}));
  EXPECT_EQ(account_in(base, "B2")["base"], "8000.00");
  std::vector<std::string> types;
  for (const auto& e : base["events"]) types.push_back(e["type"]);
  EXPECT_EQ(types, (std::vector<std::string>{"rate_change.used", "account.base_changed", "account.deposit_changed", "account.deposit_changed"}));
  // March still has the old deposit; a second rate change is possible now.
  EXPECT_EQ(account_in(base, "B1")["deposits"][0]["monthly_deposit"], "1000.00");
  EXPECT_TRUE(run("taiyuan", "hpf.unit.adjust_rate", "2026-03-07T10:00:00", {{"unit_code", "E1"}, {"employer_rate", "11%"}, {"employee_rate", "11%"}},
                  base["state"])["ok"]
                  .get<bool>());
}

TEST(HpfUnitAmounts, AReviewedOperationBecomesACaseAndApprovalDatesItsEffects) {
  json facts = {{"units", json::array({employer_unit("K1", "kaifeng", "0.10", "0.10")})}};
  json sub = run("kaifeng", "hpf.unit.open_accounts", "2025-08-05T10:00:00",
                 {{"unit_code", "K1"}, {"rows", json::array({{{"name", "赵一"}, {"id_number", kIdMale1990}, {"base", "5000.00"}}})}}, facts);
  ASSERT_TRUE(sub["ok"].get<bool>()) << sub.dump();
  EXPECT_EQ(sub["result"]["case_id"], "C000001");
  EXPECT_TRUE(sub["state"]["accounts"].empty());
  json app = run(engine("kaifeng"), json{{"op", "case.approve"}, {"as_of", "2025-09-02T10:00:00"}, {"args", {{"case_id", "C000001"}}}, {"facts", sub["state"]}});
  ASSERT_TRUE(app["ok"].get<bool>()) << app.dump();
  json a = account_in(app, "A000001");
  EXPECT_EQ(a["opened_on"], "2025-09-02");  // effects at the approval
  EXPECT_EQ(a["payable_from"], "2025-09");
  EXPECT_EQ(unit_in(app, "K1")["first_month"], "2025-09");
  // A state rule re-evaluated at approval: the person opened elsewhere meanwhile.
  json sub2 = run("kaifeng", "hpf.unit.open_accounts", "2025-08-05T10:00:00",
                  {{"unit_code", "K1"}, {"rows", json::array({{{"name", "钱二"}, {"id_number", kIdFemale1992}, {"base", "5000.00"}}})}},
                  app["state"]);
  ASSERT_TRUE(sub2["ok"].get<bool>()) << sub2.dump();
  json st = sub2["state"];
  json other = flex_account("X1", "K1", "2025-08", "1000.00", kIdFemale1992);
  st["accounts"].push_back(other);
  json stale = run(engine("kaifeng"), json{{"op", "case.approve"}, {"as_of", "2025-09-03T10:00:00"}, {"args", {{"case_id", sub2["result"]["case_id"]}}}, {"facts", st}});
  EXPECT_EQ(codes(stale), (std::vector<std::string>{"CASE_STALE", "HPF_ACCOUNT_EXISTS"}));
}

// ------------------------------------------------------------------ explain and masking

namespace {
json sealed_flex() {
  json s = flex_account("S1", "F1", "2025-09", "800.00", kIdFemale1992);
  s["status"] = "sealed";
  s["sealed_on"] = "2026-01-05";
  s["balance"] = "1600.00";
  s["ledger"] = json::array({{{"kind", "regular"}, {"month", "2025-09"}, {"date", "2025-09-05"}, {"amount", "800.00"}},
                             {{"kind", "regular"}, {"month", "2025-10"}, {"date", "2025-10-05"}, {"amount", "800.00"}}});
  return s;
}
}  // namespace

TEST(HpfExplain, EveryMoneyMemberHasItsDerivation) {
  json a = flex_account("A1", "F1", "2026-01", "600.00");
  json facts = {{"units", json::array({flex_unit(), employer_unit()})}, {"accounts", json::array({a})}};
  auto ask = [&](const std::string& op, const std::string& as_of, json args, json f) {
    json req = request(op, as_of, std::move(args), std::move(f));
    req["explain"] = true;
    return run(engine("taiyuan"), req);
  };
  std::vector<json> rs = {
      ask("hpf.flex.remit", "2026-03-05T10:00:00", {{"account_no", "A1"}}, facts),
      ask("hpf.flex.back_pay", "2026-03-05T10:00:00", {{"account_no", "A1"}, {"end_month", "2026-02"}}, facts),
      ask("hpf.flex.open", "2026-03-05T10:00:00", {{"unit_code", "F1"}, {"name", "李四"}, {"id_number", kIdMale1985}, {"monthly_deposit", "500.00"}}, facts),
      ask("hpf.unit.open_accounts", "2026-03-05T10:00:00",
          {{"unit_code", "E1"}, {"rows", json::array({{{"name", "李四"}, {"id_number", kIdMale1985}, {"base", "5000.00"}}})}}, facts),
      ask("hpf.settle_interest", "2026-06-30T18:00:00", {{"year", 2026}}, facts),
  };
  // The employer side, chained: verify, pay, back-pay, base adjustment, transfer, roster.
  json u = employer_unit();
  u["first_month"] = "2026-01";
  u["suspense_balance"] = "100.00";
  json b1 = flex_account("B1", "E1", "2026-01", "1200.00", kIdMale1985);
  b1["base"] = "5000.00";
  json ef = {{"units", json::array({u, flex_unit(), employer_unit("E2")})}, {"accounts", json::array({b1, sealed_flex()})}};
  json vr = ask("hpf.unit.verify_remittance", "2026-01-10T10:00:00", {{"unit_code", "E1"}, {"month", "2026-01"}}, ef);
  json pay = ask("hpf.unit.pay", "2026-01-11T10:00:00", {{"unit_code", "E1"}, {"bill_id", "B000001"}, {"amount", "1200.00"}}, vr["state"]);
  json bp = ask("hpf.unit.verify_back_pay", "2026-02-11T10:00:00",
                {{"unit_code", "E1"}, {"rows", json::array({{{"account_no", "B1"}, {"month", "2026-01"}, {"amount", "10.00"}, {"reason", "underpaid"}}})}},
                pay["state"]);
  json ab = ask("hpf.unit.adjust_base", "2026-02-11T10:00:00",
                {{"unit_code", "E1"}, {"effective_month", "2026-03"}, {"rows", json::array({{{"account_no", "B1"}, {"base", "6000.00"}}})}}, pay["state"]);
  json it = ask("hpf.unit.internal_transfer", "2026-02-12T10:00:00", {{"unit_code", "E2"}, {"account_no", "B1"}}, pay["state"]);
  json ro = ask("hpf.unit.roster", "2026-02-12T10:00:00", {{"unit_code", "E1"}}, pay["state"]);
  json us = ask("hpf.unseal", "2026-02-12T10:00:00", {{"account_no", "S1"}}, pay["state"]);
  json ex = ask("hpf.exit", "2026-02-12T10:00:00", {{"account_no", "S1"}}, pay["state"]);
  for (const json& x : {vr, pay, bp, ab, it, ro, us, ex}) rs.push_back(x);
  for (const auto& r : rs) {
    ASSERT_TRUE(r["ok"].get<bool>()) << r.dump();
    expect_explained(r["result"], r["op"].get<std::string>());
  }
  EXPECT_EQ(rs[3]["result"]["rows"][0]["employer_part_derivation"],
            json::parse(R"({"base":"5000.00","rate":"0.12","exact":"600","rounding":{"mode":"half_up","unit":"yuan"},"value":"600.00"})"));
}

TEST(HpfMasking, MessagesNeverEchoAFullIdCardOrPhone) {
  json facts = {{"units", json::array({employer_unit("K1", "kaifeng")})}, {"accounts", json::array()}};
  json r = run("kaifeng", "hpf.unit.internal_transfer", "2025-09-02T10:00:00", {{"unit_code", "K1"}, {"id_number", kIdMale1990}}, facts);
  ASSERT_EQ(r["error"]["code"], "REQ_NOT_FOUND");
  EXPECT_EQ(r["error"]["message"].get<std::string>().find(kIdMale1990), std::string::npos);
  EXPECT_NE(r["error"]["message"].get<std::string>().find("140105********1234"), std::string::npos);
  json sign = run("taiyuan", "hpf.flex.sign", "2026-03-05T10:00:00",
                  {{"account_no", "A1"}, {"account_name", "李四"}, {"card_no", kCcbCard}, {"bank", "CCB"}, {"card_class", 1}},
                  {{"units", json::array({flex_unit()})}, {"accounts", json::array({flex_account()})}});
  const std::string text = sign["violations"].dump();
  EXPECT_EQ(text.find(kCcbCard), std::string::npos);
  json phone = run("taiyuan", "hpf.change_phone", "2026-03-05T10:00:00", {{"account_no", "A1"}, {"phone", "13912345678"}},
                   {{"units", json::array({flex_unit()})}, {"accounts", json::array({flex_account()})}});
  EXPECT_EQ(phone["result"]["phone_masked"], "139****5678");
  EXPECT_EQ(phone["events"].dump().find("13912345678"), std::string::npos);
}

TEST(HpfErrors, UnknownSubjectsAreNotFoundAndBadGrammarIsBadValue) {
  json facts = {{"units", json::array({flex_unit()})}, {"accounts", json::array({flex_account()})}};
  json nf = run("taiyuan", "hpf.flex.remit", "2026-03-05T10:00:00", {{"account_no", "NOPE"}}, facts);
  EXPECT_EQ(nf["error"]["code"], "REQ_NOT_FOUND");
  EXPECT_EQ(nf["error"]["field"], "args.account_no");
  json nu = run("taiyuan", "hpf.flex.open", "2026-03-05T10:00:00", {{"unit_code", "NOPE"}, {"name", "x"}, {"id_number", kIdMale1990}, {"monthly_deposit", "600.00"}}, facts);
  EXPECT_EQ(nu["error"]["code"], "REQ_NOT_FOUND");
  EXPECT_EQ(nu["error"]["field"], "args.unit_code");
  json bad = run("taiyuan", "hpf.flex.open", "2026-03-05T10:00:00", {{"unit_code", "F1"}, {"name", "x"}, {"id_number", kIdMale1990}, {"monthly_deposit", "600.001"}}, facts);
  EXPECT_EQ(bad["error"]["code"], "REQ_BAD_VALUE");
  EXPECT_EQ(bad["error"]["field"], "args.monthly_deposit");
  json extra = run("taiyuan", "hpf.flex.remit", "2026-03-05T10:00:00", {{"account_no", "A1"}, {"month", "2026-03"}}, facts);
  EXPECT_EQ(extra["error"]["code"], "REQ_BAD_VALUE");
  json cls = run("taiyuan", "hpf.flex.sign", "2026-03-05T10:00:00",
                 {{"account_no", "A1"}, {"account_name", "张三"}, {"card_no", kIcbcCard}, {"bank", "ICBC"}, {"card_class", 4}}, facts);
  EXPECT_EQ(cls["error"]["code"], "REQ_BAD_VALUE");
  EXPECT_EQ(cls["error"]["field"], "args.card_class");
  // A month outside Taiyuan's data window cannot be evaluated.
  json early = run("taiyuan", "hpf.flex.remit", "2019-03-05T10:00:00", {{"account_no", "A1"}}, facts);
  EXPECT_EQ(early["error"]["code"], "POLICY_NOT_IN_FORCE");
}

TEST(HpfUnitAmounts, BaseAdjustmentWindowAndARateChangeWaitingForItsMonth) {
  json u = employer_unit("E1", "taiyuan", "0.10", "0.10");
  u["rate_change"] = {{"employer_rate", "0.12"}, {"employee_rate", "0.12"}, {"effective_month", "2026-08"}, {"state", "approved"}};
  json b1 = flex_account("B1", "E1", "2026-01", "1000.00", kIdMale1985);
  b1["base"] = "5000.00";
  b1["deposits"] = json::array({{{"from", "2026-01"}, {"employer_part", "500.00"}, {"employee_part", "500.00"}, {"monthly_deposit", "1000.00"}}});
  json facts = {{"units", json::array({u})}, {"accounts", json::array({b1})}};
  json args = {{"unit_code", "E1"}, {"effective_month", "2026-07"}, {"rows", json::array({{{"account_no", "B1"}, {"base", "6000.00"}}})}};
  // A centre that opens base adjustment in July only (hpf.unit.adjust_base.months).
  const std::string july = overlay_of("hpf.unit.adjust_base.months", "[7]", "2020-01-01");
  json june = run("taiyuan", "hpf.unit.adjust_base", "2026-06-30T10:00:00", args, facts, july);
  ASSERT_EQ(codes(june), (std::vector<std::string>{"HPF_ADJUST_OUTSIDE_WINDOW"}));
  EXPECT_EQ(june["violations"][0]["message"], "缴存基数调整仅在每年7月办理");
  EXPECT_EQ(june["violations"][0]["message_en"], "Contribution bases can only be adjusted in July");
  // In July: the base changes, but the rate change waits for its own month (2026-08).
  json r = run("taiyuan", "hpf.unit.adjust_base", "2026-07-01T10:00:00", args, facts, july);
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump();
  EXPECT_FALSE(r["result"]["rate_change_used"].get<bool>());
  EXPECT_EQ(r["result"]["rows"][0]["monthly_deposit"], "1200.00");
  EXPECT_EQ(unit_in(r, "E1")["rate_change"]["state"], "approved");
  // The rate change's effective month must not be past.
  json past = run("taiyuan", "hpf.unit.adjust_rate", "2026-07-01T10:00:00",
                  {{"unit_code", "E1"}, {"employer_rate", "11%"}, {"employee_rate", "11%"}, {"effective_month", "2026-06"}},
                  {{"units", json::array({employer_unit()})}});
  ASSERT_EQ(codes(past), (std::vector<std::string>{"HPF_EFFECTIVE_MONTH_INVALID"}));
  EXPECT_EQ(past["violations"][0]["message"], "生效月份不得早于当月");
}

TEST(HpfUnitAmounts, FactsWithoutAFirstMonthStartAtTheEarliestOpening) {
  json b1 = flex_account("B1", "E1", "2026-01", "1000.00", kIdMale1985);
  b1["base"] = "5000.00";
  json facts = {{"units", json::array({employer_unit()})}, {"accounts", json::array({b1})}};
  json gap = run("taiyuan", "hpf.unit.verify_remittance", "2026-03-05T10:00:00", {{"unit_code", "E1"}, {"month", "2026-02"}}, facts);
  ASSERT_EQ(codes(gap), (std::vector<std::string>{"HPF_REMIT_MONTH_GAP"}));
  EXPECT_EQ(gap["violations"][0]["message_en"], "Months are verified in order; the next month to verify is 2026-01");
  json ok = run("taiyuan", "hpf.unit.verify_remittance", "2026-03-05T10:00:00", {{"unit_code", "E1"}, {"month", "2026-01"}}, facts);
  ASSERT_TRUE(ok["ok"].get<bool>()) << ok.dump();
  EXPECT_EQ(unit_in(ok, "E1")["first_month"], "2026-01");
  EXPECT_EQ(ok["result"]["total"], "1000.00");
}
