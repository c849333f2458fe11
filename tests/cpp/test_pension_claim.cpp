// Pension claims (rules.md §5; seed 001 §7.1): every rule of pension.check_claim
// with a triggering and a passing boundary case, the report, the counting and
// overlap checks with 1,000 periods, and pension.claim on the World's records.
#include "test_si_support.hpp"

using namespace si_test;

namespace {

const std::string kMan = make_id("19650115", 123);    // born 1965-01: statutory 2025-02 (60y1m)
const std::string kWoman = make_id("19700115", 224);  // born 1970-01

/// A claim that passes: M60 born 1965-01 retiring 2025-02 with 475 paid months.
json base_claim() {
  return {{"id_number", kMan},
          {"category", "M60"},
          {"work_start_date", "1985-07-01"},
          {"retirement_date", "2025-02-01"},
          {"work_years", {{"years", 39}, {"months", 7}}},
          {"contribution_periods", {{{"from", "1985-07"}, {"to", "2025-01"}}}}};
}

json check(Eng& e, const json& args, const std::string& as_of = "2025-03-01T09:00:00") {
  return e.calc("pension.check_claim", as_of, args);
}

json months(const std::string& from, const std::string& to) { return {{"from", from}, {"to", to}}; }

}  // namespace

TEST(PensionClaim, PassingClaimAndItsReport) {
  Eng e("national", std::nullopt);
  auto r = check(e, base_claim());
  ASSERT_TRUE(r["ok"]) << r.dump();
  const json& x = r["result"];
  EXPECT_EQ(x["id_number"], kMan);
  EXPECT_EQ(x["statutory_month"], "2025-02");
  EXPECT_EQ(x["statutory_age"], (json{{"years", 60}, {"months", 1}}));
  EXPECT_EQ(x["earliest_month"], "2025-01");
  EXPECT_EQ(x["min_months"], 180);
  EXPECT_EQ(x["counted_months"], 475);
  EXPECT_EQ(x["paid_twice"], json::array());
  EXPECT_EQ(x["adjustment_overlaps"], json::array());
  EXPECT_EQ(x["promotion_overlaps"], json::array());
  // A 15-digit number is accepted and answered in 18 digits.
  json old = base_claim();
  old["id_number"] = "130402650115123";
  auto o = check(e, old);
  ASSERT_TRUE(o["ok"]) << o.dump();
  EXPECT_EQ(o["result"]["id_number"].get<std::string>().size(), 18u);
}

TEST(PensionClaim, CategoryAgreesWithTheIdsGender) {
  Eng e("national", std::nullopt);
  json c = base_claim();
  c["category"] = "F55";
  EXPECT_EQ(codes(check(e, c)), std::vector<std::string>{"PENSION_CATEGORY_MISMATCH"});
  c.erase("id_number");
  c["birth_date"] = "1965-01-15";  // no ID: the category gives the gender
  EXPECT_TRUE(check(e, c)["ok"]);
  json w = base_claim();
  w["id_number"] = kWoman;
  w["category"] = "F50";
  w["retirement_date"] = "2020-01-01";
  w["contribution_periods"] = {months("1985-07", "2019-12")};
  w["work_years"] = {{"years", 34}, {"months", 6}};
  EXPECT_TRUE(check(e, w, "2020-02-01T09:00:00")["ok"]);
}

TEST(PensionClaim, DeclaredWorkYears) {
  Eng e("national", std::nullopt);
  json c = base_claim();
  c["work_years"] = {{"years", 14}, {"months", 11}};
  auto r = check(e, c);
  ASSERT_EQ(codes(r), std::vector<std::string>{"PENSION_WORK_YEARS_SHORT"});
  EXPECT_EQ(r["violations"][0]["message"], "工作年限不能小于15年");
  c["work_years"] = {{"years", 15}, {"months", 0}};
  EXPECT_TRUE(check(e, c)["ok"]);
  c["work_years"] = {{"years", 15}, {"months", 12}};
  EXPECT_EQ(error_code(check(e, c)), "REQ_BAD_VALUE");
}

// 001 7.1.3 (issue 12): a work start in 2020-01 and a retirement in 2025-02 leave 62 months
// ([2020-01, 2025-02]); 180 contribution months and 15 declared work years do not fit.
TEST(PensionClaim, FactsFitBetweenWorkStartAndRetirement) {
  Eng e("national", std::nullopt);
  json c = base_claim();
  c.erase("contribution_periods");
  c["work_start_date"] = "2020-01-01";
  c["work_years"] = {{"years", 15}, {"months", 0}};
  c["contribution_months"] = 180;
  auto r = check(e, c);
  ASSERT_EQ(codes(r), (std::vector<std::string>{"PENSION_WORK_YEARS_EXCEED_SPAN", "PENSION_CONTRIBUTION_EXCEEDS_SPAN"}));
  EXPECT_EQ(r["violations"][0]["message"], "工作年限180个月超过参加工作至退休的62个月");
  EXPECT_EQ(r["violations"][0]["field"], "args.work_years");
  EXPECT_EQ(r["violations"][1]["message"], "缴费月数180个月超过参加工作至退休的62个月");
  EXPECT_EQ(r["violations"][1]["message_en"], "Contribution months 180 exceed the 62 months from the work start to the retirement");
  EXPECT_EQ(r["violations"][1]["field"], "args.contribution_months");
  // A given period reaching outside the window is refused too.
  json p = base_claim();
  p["contribution_periods"] = {{{"from", "1985-06"}, {"to", "1990-12"}}, {{"from", "1991-01"}, {"to", "2025-02"}},
                               {{"from", "2025-02"}, {"to", "2025-03"}}};
  auto o = check(e, p);
  ASSERT_EQ(codes(o), (std::vector<std::string>(2, "PENSION_CONTRIBUTION_OUTSIDE_SPAN")));
  EXPECT_EQ(o["violations"][0]["field"], "args.contribution_periods[0]");
  EXPECT_EQ(o["violations"][0]["message"], "缴费时间段1985-06至1990-12超出参加工作至退休的1985-07至2025-02");
  EXPECT_EQ(o["violations"][1]["field"], "args.contribution_periods[2]");
  EXPECT_EQ(o["violations"][1]["message_en"],
            "The contribution period 2025-02 to 2025-03 lies outside 1985-07 to 2025-02, from the work start to the retirement");
  // Exactly the window fits (the minimums are then the only refusals).
  c["work_years"] = {{"years", 5}, {"months", 2}};
  c["contribution_months"] = 62;
  EXPECT_EQ(codes(check(e, c)), (std::vector<std::string>{"PENSION_WORK_YEARS_SHORT", "PENSION_CONTRIBUTION_SHORT"}));
}

TEST(PensionClaim, MinimumOfTheRetirementYear) {
  Eng e("national", std::nullopt);
  json c = base_claim();
  c.erase("contribution_periods");
  c["contribution_months"] = 179;
  auto r = check(e, c);
  ASSERT_EQ(codes(r), std::vector<std::string>{"PENSION_CONTRIBUTION_SHORT"});
  EXPECT_EQ(r["violations"][0]["message"], "累计缴费月数179个月，不能小于180个月");
  c["contribution_months"] = 180;
  EXPECT_TRUE(check(e, c)["ok"]);
  // Retiring in 2030 (born 1969-06: statutory 2030-08): 186 months.
  json d = {{"birth_date", "1969-06-10"},        {"category", "M60"},           {"work_start_date", "1990-01-01"},
            {"retirement_date", "2030-08-01"},   {"work_years", {{"years", 40}, {"months", 0}}},
            {"contribution_months", 185}};
  auto s = check(e, d, "2026-01-05T09:00:00");
  ASSERT_EQ(codes(s), std::vector<std::string>{"PENSION_CONTRIBUTION_SHORT"});
  EXPECT_EQ(s["result"]["min_months"], 186);
  EXPECT_EQ(s["result"]["statutory_month"], "2030-08");
  d["contribution_months"] = 186;
  EXPECT_TRUE(check(e, d, "2026-01-05T09:00:00")["ok"]);
}

TEST(PensionClaim, CountsMonthsAsASetWithDeemedAdditionsAndReductions) {
  Eng e("national", std::nullopt);
  json c = base_claim();
  c["work_start_date"] = "1998-01-01";
  c["work_years"] = {{"years", 27}, {"months", 0}};
  c["contribution_periods"] = {months("2000-01", "2000-12"), months("2000-06", "2001-03"), months("2001-04", "2015-12")};
  c["adjustments"] = {{{"kind", "add"}, {"from", "1999-01"}, {"to", "1999-06"}},
                      {{"kind", "reduce"}, {"from", "2001-01"}, {"to", "2001-03"}}};
  auto r = check(e, c);
  ASSERT_TRUE(r["ok"]) << r.dump();
  // paid 2000-01 … 2015-12 = 192, + 6 added − 3 reduced.
  EXPECT_EQ(r["result"]["counted_months"], 195);
  EXPECT_EQ(r["result"]["paid_twice"], (json{"2000-06", "2000-07", "2000-08", "2000-09", "2000-10", "2000-11", "2000-12"}));
  // With a count: c + |A| − |R|, nothing paid twice.
  c.erase("contribution_periods");
  c["contribution_months"] = 192;
  auto n = check(e, c);
  EXPECT_EQ(n["result"]["counted_months"], 195);
  EXPECT_EQ(n["result"]["paid_twice"], json::array());
  // Months outside [work start, retirement] do not count.
  json w = base_claim();
  w["contribution_periods"] = {months("1980-01", "1999-12")};
  EXPECT_EQ(check(e, w)["result"]["counted_months"], 174);  // 1985-07 … 1999-12
}

TEST(PensionClaim, PeriodOrder) {
  Eng e("national", std::nullopt);
  json c = base_claim();
  c["contribution_periods"].push_back(months("2000-05", "2000-01"));
  c["adjustments"] = {{{"kind", "add"}, {"from", "1990-02"}, {"to", "1990-01"}}};
  auto r = check(e, c);
  ASSERT_EQ(codes(r), (std::vector<std::string>{"PENSION_PERIOD_INVERTED", "PENSION_PERIOD_INVERTED"}));
  EXPECT_EQ(r["violations"][0]["field"], "args.contribution_periods[1]");
  EXPECT_EQ(r["violations"][1]["field"], "args.adjustments[0]");
  c["contribution_periods"][1] = months("2000-05", "2000-05");
  c["adjustments"][0]["from"] = "1990-01";
  EXPECT_TRUE(check(e, c)["ok"]);
}

TEST(PensionClaim, AdjustmentsWithinWorkStartAndRetirement) {
  Eng e("national", std::nullopt);
  json c = base_claim();
  c["adjustments"] = {{{"kind", "add"}, {"from", "1985-06"}, {"to", "1986-01"}},
                      {{"kind", "reduce"}, {"from", "2025-02"}, {"to", "2025-03"}}};
  auto r = check(e, c);
  EXPECT_EQ(codes(r), (std::vector<std::string>{"PENSION_ADJUSTMENT_OUT_OF_RANGE", "PENSION_ADJUSTMENT_OUT_OF_RANGE"}));
  c["adjustments"] = {{{"kind", "add"}, {"from", "1985-07"}, {"to", "1986-01"}},
                      {{"kind", "reduce"}, {"from", "2025-02"}, {"to", "2025-02"}}};
  EXPECT_TRUE(check(e, c)["ok"]);
}

TEST(PensionClaim, EveryOverlappingAdjustmentIsReportedOnceWithTheEntriesItOverlaps) {
  Eng e("national", std::nullopt);
  json c = base_claim();
  c["adjustments"] = {{{"kind", "add"}, {"from", "1990-01"}, {"to", "1990-12"}},
                      {{"kind", "reduce"}, {"from", "1990-06"}, {"to", "1991-03"}},
                      {{"kind", "add"}, {"from", "1990-12"}, {"to", "1991-01"}}};
  auto r = check(e, c);
  // One violation per entry overlapping entries that start before it: entry 2 (overlaps 1), entry 3 (overlaps 1 and 2).
  ASSERT_EQ(codes(r), (std::vector<std::string>(2, "PENSION_ADJUSTMENT_OVERLAP")));
  EXPECT_EQ(r["violations"][0]["message"], "核增、核减时间段不能重复（第2条与第1条重叠）");
  EXPECT_EQ(r["violations"][0]["field"], "args.adjustments[1]");
  EXPECT_EQ(r["violations"][1]["message"], "核增、核减时间段不能重复（第3条与第1、2条重叠）");
  EXPECT_EQ(r["violations"][1]["message_en"], "Adjustment periods must not overlap (entry 3 overlaps entries 1, 2)");
  EXPECT_EQ(r["result"]["adjustment_overlap_count"], 3);
  EXPECT_EQ(r["result"]["adjustment_overlaps"],
            (json{{{"a", 0}, {"b", 1}, {"months", 7}, {"from", "1990-06"}, {"to", "1990-12"}},
                  {{"a", 0}, {"b", 2}, {"months", 1}, {"from", "1990-12"}, {"to", "1990-12"}},
                  {{"a", 1}, {"b", 2}, {"months", 2}, {"from", "1990-12"}, {"to", "1991-01"}}}));
  // Adjacent periods share no month.
  c["adjustments"] = {{{"kind", "add"}, {"from", "1990-01"}, {"to", "1990-12"}},
                      {{"kind", "reduce"}, {"from", "1991-01"}, {"to", "1991-03"}}};
  EXPECT_TRUE(check(e, c)["ok"]);
}

TEST(PensionClaim, NoArrears) {
  Eng e("national", std::nullopt);
  json c = base_claim();
  c["has_arrears"] = true;
  EXPECT_EQ(codes(check(e, c)), std::vector<std::string>{"PENSION_HAS_ARREARS"});
  c["has_arrears"] = false;
  EXPECT_TRUE(check(e, c)["ok"]);
}

TEST(PensionClaim, SpecialJobsInOrderWithinWorkStartAndRetirementDates) {
  Eng e("national", std::nullopt);
  json c = base_claim();
  c["special_jobs"] = {{{"from", "2000-05-01"}, {"to", "2000-04-30"}},
                       {{"from", "1985-06-30"}, {"to", "1990-01-01"}},
                       {{"from", "2020-01-01"}, {"to", "2025-02-02"}}};
  auto r = check(e, c);
  EXPECT_EQ(codes(r), (std::vector<std::string>{"PENSION_SPECIAL_JOB_INVERTED", "PENSION_SPECIAL_JOB_OUT_OF_RANGE",
                                                "PENSION_SPECIAL_JOB_OUT_OF_RANGE"}));
  EXPECT_EQ(r["violations"][1]["field"], "args.special_jobs[1]");
  c["special_jobs"] = {{{"from", "1985-07-01"}, {"to", "2025-02-01"}}, {{"from", "2000-05-01"}, {"to", "2000-05-01"}}};
  EXPECT_TRUE(check(e, c)["ok"]);
}

TEST(PensionClaim, PromotionDates) {
  Eng e("national", std::nullopt);
  json c = base_claim();
  c["promotions"] = {{{"from", "2010-05-01"}, {"to", "2010-04-30"}}, {{"from", "2025-02-02"}}};
  auto r = check(e, c);
  ASSERT_EQ(codes(r), (std::vector<std::string>{"PENSION_PROMOTION_INVERTED", "PENSION_PROMOTION_AFTER_RETIREMENT"}));
  EXPECT_EQ(r["violations"][1]["field"], "args.promotions[1].from");
  c["promotions"] = {{{"from", "2010-05-01"}, {"to", "2010-05-01"}}, {{"from", "2025-02-01"}}};
  EXPECT_TRUE(check(e, c)["ok"]);
}

TEST(PensionClaim, PromotionOverlapsWithOpenRecords) {
  Eng e("national", std::nullopt);
  json c = base_claim();
  // Open records last until the day before the next record's start: no overlap.
  c["promotions"] = {{{"from", "2016-03-01"}}, {{"from", "2015-03-01"}}, {{"from", "2010-01-01"}, {"to", "2012-05-31"}},
                     {{"from", "2012-06-01"}}};
  auto ok = check(e, c);
  ASSERT_TRUE(ok["ok"]) << ok.dump();
  // A closed record reaching into the next one overlaps it.
  c["promotions"] = {{{"from", "2010-01-01"}, {"to", "2012-12-31"}}, {{"from", "2012-06-01"}}, {{"from", "2013-01-01"}}};
  auto r = check(e, c);
  ASSERT_EQ(codes(r), std::vector<std::string>{"PENSION_PROMOTION_OVERLAP"});
  EXPECT_EQ(r["violations"][0]["message"], "职务升降时间段不能重复（第2条与第1条重叠）");
  EXPECT_EQ(r["result"]["promotion_overlaps"],
            (json{{{"a", 0}, {"b", 1}, {"months", 7}, {"days", 214}, {"from", "2012-06-01"}, {"to", "2012-12-31"}}}));
  // Two open records from the same day overlap on that day.
  c["promotions"] = {{{"from", "2012-01-01"}}, {{"from", "2012-01-01"}}};
  EXPECT_EQ(codes(check(e, c)), std::vector<std::string>{"PENSION_PROMOTION_OVERLAP"});
  // A closed record followed by an open one that runs to the retirement date.
  c["promotions"] = {{{"from", "2012-01-01"}, {"to", "2012-12-31"}}, {{"from", "2013-01-01"}}};
  EXPECT_TRUE(check(e, c)["ok"]);
}

TEST(PensionClaim, AtMostOnePromotionAYearIn2014To2024) {
  Eng e("national", std::nullopt);
  json c = base_claim();
  c["promotions"] = {{{"from", "2013-02-01"}}, {{"from", "2013-09-01"}}, {{"from", "2014-03-01"}}, {{"from", "2014-09-01"}},
                     {{"from", "2024-01-01"}}, {{"from", "2024-12-01"}}};
  auto r = check(e, c);
  ASSERT_EQ(codes(r), (std::vector<std::string>(2, "PENSION_PROMOTION_TWICE_IN_YEAR")));
  EXPECT_EQ(r["violations"][0]["message"], "2014年度最多只能一次升降");
  EXPECT_EQ(r["violations"][1]["message"], "2024年度最多只能一次升降");
  c["promotions"] = {{{"from", "2013-02-01"}}, {{"from", "2013-09-01"}}, {{"from", "2014-03-01"}}, {{"from", "2015-09-01"}}};
  EXPECT_TRUE(check(e, c)["ok"]);
}

TEST(PensionClaim, NotBeforeTheEarliestAllowedMonth) {
  Eng e("national", std::nullopt);
  json c = base_claim();
  c["retirement_date"] = "2024-12-31";  // born 1965-01: not before 60 (2025-01)
  // 474 months from 1985-07 to 2024-12: the declared work time and the paid months fit (issue 12, 001 7.1.3).
  c["work_years"] = {{"years", 39}, {"months", 6}};
  c["contribution_periods"] = {{{"from", "1985-07"}, {"to", "2024-12"}}};
  auto r = check(e, c);
  ASSERT_EQ(codes(r), std::vector<std::string>{"PENSION_BEFORE_RETIREMENT_AGE"});
  EXPECT_EQ(r["violations"][0]["message"], "退休时间早于最早可退休月份2025-01");
  c["retirement_date"] = "2025-01-01";
  EXPECT_TRUE(check(e, c)["ok"]);
  // Flexible early retirement (born 1970-01: statutory 2031-05, original 2030-01) needs the minimum.
  json f = {{"birth_date", "1970-01-20"},      {"category", "M60"},           {"work_start_date", "1990-01-01"},
            {"retirement_date", "2030-01-01"}, {"work_years", {{"years", 40}, {"months", 0}}},
            {"contribution_months", 186}};
  auto early = check(e, f, "2026-01-05T09:00:00");
  ASSERT_TRUE(early["ok"]) << early.dump();
  EXPECT_EQ(early["result"]["statutory_month"], "2031-05");
  EXPECT_EQ(early["result"]["earliest_month"], "2030-01");
  f["retirement_date"] = "2029-12-31";
  EXPECT_EQ(codes(check(e, f, "2026-01-05T09:00:00")), std::vector<std::string>{"PENSION_BEFORE_RETIREMENT_AGE"});
  f["retirement_date"] = "2030-01-01";
  f["contribution_months"] = 185;
  auto shortm = check(e, f, "2026-01-05T09:00:00");
  EXPECT_EQ(codes(shortm), (std::vector<std::string>{"PENSION_CONTRIBUTION_SHORT", "PENSION_BEFORE_RETIREMENT_AGE"}));
  EXPECT_EQ(shortm["result"]["earliest_month"], "2031-05");
}

TEST(PensionClaim, AFailingClaimListsEveryViolationAtOnce) {
  Eng e("national", std::nullopt);
  json c = base_claim();
  c["category"] = "F50";
  c["work_years"] = {{"years", 10}, {"months", 0}};
  c["contribution_periods"] = {months("2015-01", "2024-12")};
  c["adjustments"] = {{{"kind", "add"}, {"from", "1980-01"}, {"to", "1981-01"}},
                      {{"kind", "add"}, {"from", "1980-06"}, {"to", "1980-08"}}};
  c["has_arrears"] = true;
  c["special_jobs"] = {{{"from", "2026-01-01"}, {"to", "2027-01-01"}}};
  c["promotions"] = {{{"from", "2016-01-01"}}, {{"from", "2016-06-01"}}};
  auto r = check(e, c);
  EXPECT_EQ(codes(r), (std::vector<std::string>{"PENSION_CATEGORY_MISMATCH", "PENSION_WORK_YEARS_SHORT",
                                                "PENSION_ADJUSTMENT_OUT_OF_RANGE", "PENSION_ADJUSTMENT_OUT_OF_RANGE",
                                                "PENSION_ADJUSTMENT_OVERLAP", "PENSION_CONTRIBUTION_SHORT",
                                                "PENSION_HAS_ARREARS", "PENSION_SPECIAL_JOB_OUT_OF_RANGE",
                                                "PENSION_PROMOTION_TWICE_IN_YEAR"}));
  EXPECT_EQ(r["result"]["counted_months"], 120);
  for (const auto& v : r["violations"]) {
    EXPECT_EQ(v["message"].get<std::string>().find(kMan), std::string::npos);
    EXPECT_EQ(v["message_en"].get<std::string>().find(kMan), std::string::npos);
  }
}

TEST(PensionClaim, ArgumentErrors) {
  Eng e("national", std::nullopt);
  json c = base_claim();
  c["contribution_months"] = 200;  // both forms
  EXPECT_EQ(error_code(check(e, c)), "REQ_BAD_VALUE");
  c.erase("contribution_months");
  c.erase("contribution_periods");
  EXPECT_EQ(error_code(check(e, c)), "REQ_MISSING_FIELD");
  json d = base_claim();
  d["adjustments"] = {{{"kind", "plus"}, {"from", "1990-01"}, {"to", "1990-02"}}};
  EXPECT_EQ(error_code(check(e, d)), "REQ_BAD_VALUE");
  json big = base_claim();
  big["promotions"] = json::array();
  for (int i = 0; i < 1001; ++i) big["promotions"].push_back({{"from", "2000-01-01"}});
  EXPECT_EQ(error_code(check(e, big)), "REQ_BAD_VALUE");
}

// ------------------------------------------------------------------ scale (correctness, O(n log n))

TEST(PensionClaim, AThousandPeriodsAnswerInBoundedSpace) {
  Eng e("national", std::nullopt);
  json c = base_claim();
  c["work_start_date"] = "1930-01-01";
  c["work_years"] = {{"years", 95}, {"months", 0}};
  // 1,000 adjustments, each sharing one month with the next: 999 pairs.
  json adj = json::array();
  pvd::YearMonth w = pvd::YearMonth::of(1930, 1);
  for (int i = 0; i < 1000; ++i)
    adj.push_back({{"kind", i % 2 ? "reduce" : "add"}, {"from", (w + i).to_string()}, {"to", (w + i + 1).to_string()}});
  c["adjustments"] = adj;
  // 1,000 paid periods, every month paid twice over 500 months.
  json paid = json::array();
  for (int i = 0; i < 1000; ++i) paid.push_back(months((w + 100 + i / 2).to_string(), (w + 100 + i / 2).to_string()));
  c["contribution_periods"] = paid;
  // 1,000 open promotion records, one a month: none overlaps.
  json promos = json::array();
  for (int i = 0; i < 1000; ++i) promos.push_back({{"from", (w + i).first_day().to_string()}});
  c["promotions"] = promos;
  auto r = check(e, c);
  const json& ov = r["result"]["adjustment_overlaps"];
  ASSERT_EQ(ov.size(), 100u);  // the first 100 of the 999 pairs
  EXPECT_EQ(r["result"]["adjustment_overlap_count"], 999);
  for (int i = 0; i < 100; ++i) {
    ASSERT_EQ(ov[i]["a"], i);
    ASSERT_EQ(ov[i]["b"], i + 1);
    ASSERT_EQ(ov[i]["months"], 1);
  }
  EXPECT_EQ(r["result"]["paid_twice"].size(), 500u);
  EXPECT_EQ(r["result"]["promotion_overlaps"].size(), 0u);
  std::size_t overlap_violations = 0;
  for (const auto& code : codes(r)) overlap_violations += code == "PENSION_ADJUSTMENT_OVERLAP";
  EXPECT_EQ(overlap_violations, 999u);

  // 1,000 identical periods (issue 13: 499,500 violations, a 168 MB answer): 999 violations, each naming at
  // most 5 entries, at most 100 pairs listed, and the count of all 499,500.
  json same = base_claim();
  same["adjustments"] = json::array();
  for (int i = 0; i < 1000; ++i) same["adjustments"].push_back({{"kind", "add"}, {"from", "1990-01"}, {"to", "1990-01"}});
  const json s = check(e, same);
  EXPECT_EQ(s["result"]["adjustment_overlaps"].size(), 100u);
  EXPECT_EQ(s["result"]["adjustment_overlap_count"], 499500);
  ASSERT_EQ(s["violations"].size(), 999u);
  EXPECT_EQ(s["violations"][998]["message_en"], "Adjustment periods must not overlap (entry 1000 overlaps entries 1, 2, 3, 4, 5 and 994 more)");
  EXPECT_EQ(s["violations"][998]["message"], "核增、核减时间段不能重复（第1000条与第1、2、3、4、5等另外994条重叠）");
  EXPECT_LT(s.dump().size(), 400'000u);
}

// ------------------------------------------------------------------ pension.claim on the World

namespace {

json claim_person(bool arrears) {
  json contributions = json::array();
  for (pvd::YearMonth m = pvd::YearMonth::of(2005, 1); m <= pvd::YearMonth::of(2024, 12); ++m)
    contributions.push_back({{"unit_code", kUnit}, {"type", "pension"}, {"month", m.to_string()}, {"base", "5000.00"},
                             {"employer", "800.00"}, {"employee", "400.00"}, {"bill_id", nullptr}, {"paid", true}});
  // 2024-12 paid at a second unit too.
  contributions.push_back({{"unit_code", kUnit2}, {"type", "pension"}, {"month", "2024-12"}, {"base", "5000.00"},
                           {"employer", "800.00"}, {"employee", "400.00"}, {"bill_id", nullptr}, {"paid", true}});
  // Other types do not count.
  contributions.push_back({{"unit_code", kUnit}, {"type", "medical"}, {"month", "2004-12"}, {"base", "5000.00"},
                           {"employer", "300.00"}, {"employee", "100.00"}, {"bill_id", nullptr}, {"paid", true}});
  if (arrears)
    contributions.push_back({{"unit_code", kUnit}, {"type", "pension"}, {"month", "2025-01"}, {"base", "5000.00"},
                             {"employer", "800.00"}, {"employee", "400.00"}, {"bill_id", nullptr}, {"paid", false}});
  return {{"id_number", kMan}, {"name", "王五"}, {"category", "M60"}, {"work_start_date", "1985-07-01"},
          {"enrollments", json::array()}, {"contributions", contributions}, {"last_change_date", json::object()}};
}

json claim_args() {
  json c = base_claim();
  c.erase("contribution_periods");
  return c;
}

}  // namespace

TEST(PensionClaimOp, CountsThePersonsPaidPensionMonths) {
  Eng e("national", std::nullopt);
  auto r = e.op("pension.claim", "2025-03-01T09:00:00", claim_args(), {{"persons", {claim_person(false)}}});
  ASSERT_TRUE(r["ok"]) << r.dump();
  EXPECT_EQ(r["result"]["counted_months"], 240);
  EXPECT_EQ(r["result"]["paid_twice"], json{"2024-12"});
  EXPECT_EQ(r["result"]["has_arrears"], false);
  // An unpaid month due before as_of (2025-01 due 2025-02-15) is arrears.
  auto a = e.op("pension.claim", "2025-03-01T09:00:00", claim_args(), {{"persons", {claim_person(true)}}});
  ASSERT_EQ(codes(a), std::vector<std::string>{"PENSION_HAS_ARREARS"});
  EXPECT_EQ(a["violations"][0]["field"], "contributions");
  // Not yet due on 2025-02-15: not arrears.
  EXPECT_TRUE(e.op("pension.claim", "2025-02-15T09:00:00", claim_args(), {{"persons", {claim_person(true)}}})["ok"]);
}

TEST(PensionClaimOp, ContributionFactsMayNotBeGivenAndThePersonMustBeKnown) {
  Eng e("national", std::nullopt);
  json facts = {{"persons", {claim_person(false)}}};
  for (const char* name : {"contribution_months", "contribution_periods", "has_arrears"}) {
    json c = claim_args();
    c[name] = std::string(name) == "has_arrears" ? json(false)
              : std::string(name) == "contribution_months" ? json(200)
                                                           : json{months("2000-01", "2020-01")};
    auto r = e.op("pension.claim", "2025-03-01T09:00:00", c, facts);
    EXPECT_EQ(error_code(r), "REQ_BAD_VALUE") << name;
    EXPECT_EQ(r["error"]["field"], std::string("args.") + name);
  }
  json other = claim_args();
  other["id_number"] = kWoman;
  other["category"] = "F55";
  EXPECT_EQ(error_code(e.op("pension.claim", "2025-03-01T09:00:00", other, facts)), "REQ_NOT_FOUND");
}

TEST(PensionClaimOp, JiangxiReviewsClaims) {
  Eng e("jiangxi", std::nullopt);
  auto r = e.op("pension.claim", "2025-03-01T09:00:00", claim_args(), {{"persons", {claim_person(false)}}});
  ASSERT_TRUE(r["ok"]) << r.dump();
  EXPECT_TRUE(r["result"].contains("case_id"));
  EXPECT_EQ(r["events"][0]["type"], "case.created");
  // A failing claim is refused before any case is made.
  auto bad = e.op("pension.claim", "2025-03-01T09:00:00", claim_args(), {{"persons", {claim_person(true)}}});
  EXPECT_EQ(codes(bad), std::vector<std::string>{"PENSION_HAS_ARREARS"});
  EXPECT_EQ(bad["state"]["cases"], json::array());
}

// 001 7.1 (issue 12): an allowed claim retires the person from the retirement month: the open
// pension enrollment ends the day before, the person reads as retired, and a second claim is refused.
TEST(PensionClaimOp, AClaimRetiresThePersonOnce) {
  Eng e("national", std::nullopt);
  json person = claim_person(false);
  person["enrollments"] = {{{"unit_code", kUnit}, {"type", "pension"}, {"from", "2005-01-01"}, {"to", nullptr},
                            {"base", "5000.00"}, {"back_pay", false}},
                           {{"unit_code", kUnit}, {"type", "medical"}, {"from", "2005-01-01"}, {"to", nullptr},
                            {"base", "5000.00"}, {"back_pay", false}}};
  auto r = e.op("pension.claim", "2025-03-01T09:00:00", claim_args(), {{"persons", {person}}});
  ASSERT_TRUE(r["ok"]) << r.dump();
  EXPECT_EQ(r["result"]["retired_from"], "2025-02");
  ASSERT_EQ(r["events"].size(), 2u);
  EXPECT_EQ(r["events"][0], (json{{"type", "si.stopped"}, {"unit_code", kUnit}, {"id_number", kMan}, {"types", {"pension"}},
                                  {"stop_date", "2025-01-31"}, {"reason", "retirement"}}));
  EXPECT_EQ(r["events"][1], (json{{"type", "si.retired"}, {"id_number", kMan}, {"retired_from", "2025-02"},
                                  {"pension_ended", {{{"unit_code", kUnit}, {"stop_date", "2025-01-31"}}}}}));
  const json& p = r["state"]["persons"][0];
  EXPECT_EQ(p["retired_from"], "2025-02");
  EXPECT_EQ(p["enrollments"][0]["to"], "2025-01-31");  // pension ends
  EXPECT_EQ(p["enrollments"][1]["to"], nullptr);       // medical goes on
  auto again = e.op("pension.claim", "2025-03-02T09:00:00", claim_args(), r["state"]);
  ASSERT_EQ(codes(again), std::vector<std::string>{"PENSION_ALREADY_RETIRED"});
  EXPECT_EQ(again["violations"][0]["message"], "该人员已自2025-02起退休");
}

// A pension month from the retirement month on already paid refuses the claim (refused, not refunded).
TEST(PensionClaimOp, APaidMonthAfterTheRetirementRefusesTheClaim) {
  Eng e("national", std::nullopt);
  json person = claim_person(false);
  person["contributions"].push_back({{"unit_code", kUnit}, {"type", "pension"}, {"month", "2025-02"}, {"base", "5000.00"},
                                     {"employer", "800.00"}, {"employee", "400.00"}, {"bill_id", nullptr}, {"paid", true}});
  person["enrollments"] = {{{"unit_code", kUnit}, {"type", "pension"}, {"from", "2005-01-01"}, {"to", nullptr},
                            {"base", "5000.00"}, {"back_pay", false}}};
  auto r = e.op("pension.claim", "2025-03-01T09:00:00", claim_args(), {{"persons", {person}}});
  ASSERT_EQ(codes(r), std::vector<std::string>{"SI_STOP_INTO_BILLED_MONTHS"});
  EXPECT_EQ(r["violations"][0]["field"], "args.retirement_date");
  EXPECT_EQ(r["violations"][0]["message"], "2025-02养老保险已结算或已缴费，停保时间不能早于该月份");
}
