// The unit queries (docs/queries.md §3) where stories cannot show them well:
// a store-mode roster of a unit of 3,000 accounts read page by page, with
// accounts opened between two pages.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <algorithm>
#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "provident/engine.hpp"

using nlohmann::json;

namespace {

json run(pvd::Engine& e, const json& request) { return json::parse(e.execute(request.dump())); }

/// A valid 18-digit ID number (GB 11643): region 140105, born in 1990 on day
/// `n / 9` of the year, sequence `n % 9 + 1`.
std::string id_number(int n) {
  static const int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static const char kCheck[] = "10X98765432";
  static const int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int day = n / 9, month = 0;
  while (day >= kDays[month]) day -= kDays[month++];
  char body[64];
  std::snprintf(body, sizeof body, "1401051990%02d%02d%03d", month + 1, day + 1, n % 9 + 1);
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (body[i] - '0') * kWeights[i];
  return std::string(body, 17) + kCheck[sum % 11];
}

/// Opens accounts for persons first … first + count − 1 at TY-E01 (approving
/// the case when the centre reviews the opening).
void open_accounts(pvd::Engine& e, int first, int count, const std::string& request_id) {
  json rows = json::array();
  for (int i = first; i < first + count; ++i) rows.push_back({{"name", "王五"}, {"id_number", id_number(i)}, {"base", "5000.00"}});
  json r = run(e, {{"op", "hpf.unit.open_accounts"}, {"request_id", request_id}, {"as_of", "2025-09-02T09:00:00"},
                   {"args", {{"unit_code", "TY-E01"}, {"rows", rows}}}});
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump().substr(0, 2000);
  if (r["result"].contains("case_id")) {
    r = run(e, {{"op", "case.approve"}, {"request_id", request_id + "-ok"}, {"as_of", "2025-09-02T10:00:00"},
                {"args", {{"case_id", r["result"]["case_id"]}}}});
    ASSERT_TRUE(r["ok"].get<bool>()) << r.dump().substr(0, 2000);
  }
}

json roster_page(pvd::Engine& e, const json& after, int limit, const char* status = nullptr) {
  json args = {{"unit_code", "TY-E01"}, {"limit", limit}};
  if (!after.is_null()) args["after"] = after;
  if (status) args["status"] = status;
  return run(e, {{"op", "hpf.unit.roster"}, {"as_of", "2025-09-03T09:00:00"}, {"args", args}});
}

}  // namespace

TEST(UnitQueries, AStoreRosterOf3000AccountsPagesStablyWhileAccountsAreOpened) {
  pvd::Engine e({.policy = "taiyuan"});  // in-memory store
  json reg = run(e, {{"op", "hpf.unit.register"}, {"request_id", "u1"}, {"as_of", "2025-09-01T09:00:00"},
                     {"args", {{"unit_code", "TY-E01"}, {"name", "太原某公司"}, {"credit_code", "91140100MA0K12345Y"}, {"bank", "ICBC"},
                               {"kind", "employer"}, {"employer_rate", "10%"}, {"employee_rate", "10%"}}}});
  ASSERT_TRUE(reg["ok"].get<bool>()) << reg.dump();
  open_accounts(e, 0, 3000, "u2");

  std::vector<std::string> seen;
  json after = nullptr;
  for (int page = 0;; ++page) {
    if (page == 5) open_accounts(e, 3000, 10, "u3");  // between two pages: new, larger ids
    const json r = roster_page(e, after, 250);
    ASSERT_TRUE(r["ok"].get<bool>()) << r.dump().substr(0, 2000);
    EXPECT_EQ(r["result"]["count"].get<std::size_t>(), r["result"]["accounts"].size());
    for (const auto& a : r["result"]["accounts"]) seen.push_back(a["account_no"]);
    after = r["result"]["next"];
    if (after.is_null()) break;
    // A full page names its last account as the next `after`.
    EXPECT_EQ(after, r["result"]["accounts"].back()["account_no"]);
    ASSERT_LT(page, 20);
  }
  // Every account once, in ascending order, the ten opened midway included.
  ASSERT_EQ(seen.size(), 3010u);
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 3010u);
  EXPECT_EQ(seen.front(), "A000001");
  EXPECT_EQ(seen.back(), "A003010");

  // A filter that keeps nothing reads through the unit and ends the list.
  const json sealed = roster_page(e, nullptr, 100, "sealed");
  EXPECT_EQ(sealed["result"]["accounts"], json::array());
  EXPECT_EQ(sealed["result"]["next"], nullptr);
  // The same page twice is the same answer (a query changes nothing).
  EXPECT_EQ(roster_page(e, "A001000", 3), roster_page(e, "A001000", 3));
  EXPECT_EQ(roster_page(e, "A001000", 3)["result"]["accounts"][0]["account_no"], "A001001");
}

TEST(UnitQueries, TheUnitScreenRefusesAUnitOfTheOtherScheme) {
  pvd::Engine e({.policy = "handan"});
  json reg = run(e, {{"op", "si.unit.register"}, {"request_id", "s1"}, {"as_of", "2025-03-03T09:00:00"},
                     {"args", {{"unit_code", "1304030001"}, {"name", "邯郸某公司"}, {"credit_code", "91110000600037341L"},
                               {"kind", "enterprise"}, {"settlement_period", "2025-03"}}}});
  ASSERT_TRUE(reg["ok"].get<bool>()) << reg.dump();
  const json h = run(e, {{"op", "hpf.unit.get"}, {"args", {{"unit_code", "1304030001"}}}});
  EXPECT_EQ(h["error"]["code"], "REQ_NOT_FOUND");
  EXPECT_EQ(h["error"]["field"], "args.unit_code");
  const json r = run(e, {{"op", "hpf.unit.roster"}, {"args", {{"unit_code", "1304030001"}}}});
  EXPECT_EQ(r["error"]["code"], "REQ_NOT_FOUND");
  // Without as_of the SI screen answers from the records alone.
  const json s = run(e, {{"op", "si.unit.get"}, {"args", {{"unit_code", "1304030001"}}}});
  ASSERT_TRUE(s["ok"].get<bool>()) << s.dump();
  EXPECT_EQ(s["result"]["settlement_period"], "2025-03");
  EXPECT_EQ(s["result"]["last_settled_period"], nullptr);
  EXPECT_EQ(s["result"]["arrears"], json({{"amount_due", "0.00"}, {"bills", 0}, {"bill_ids", json::array()}}));
}

TEST(UnitQueries, RateChangesOfOlderDocumentsDecodeAndAUsedOneRoundTrips) {
  pvd::Engine e({.policy = "taiyuan"});
  json unit = {{"unit_code", "E1"}, {"name", "某公司"}, {"credit_code", "91140100MA0K12345Y"}, {"scheme", "hpf"},
               {"kind", "employer"}, {"profile", "taiyuan"}, {"bank", "ICBC"}, {"employer_rate", "0.1"}, {"employee_rate", "0.1"}};
  // Written before a used change was kept: no used_in, used_on, case_id.
  unit["rate_change"] = {{"employer_rate", "0.12"}, {"employee_rate", "0.12"}, {"effective_month", nullptr}, {"state", "approved"}};
  json r = run(e, {{"op", "hpf.unit.get"}, {"args", {{"unit_code", "E1"}}}, {"facts", {{"units", json::array({unit})}}}});
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump();
  EXPECT_EQ(r["result"]["rate_change"],
            json({{"employer_rate", "0.12"}, {"employee_rate", "0.12"}, {"effective_month", nullptr}, {"state", "approved"},
                  {"used_in", nullptr}, {"used_on", nullptr}, {"case_id", nullptr}}));
  EXPECT_EQ(r["result"]["last_verified_month"], nullptr);
  // A used change reads back as written, and does not block the next one.
  unit["rate_change"] = {{"employer_rate", "0.12"}, {"employee_rate", "0.12"}, {"effective_month", "2026-04"}, {"state", "used"},
                         {"used_in", "2026-04"}, {"used_on", "2026-03-06"}, {"case_id", "C000007"}};
  r = run(e, {{"op", "hpf.unit.get"}, {"args", {{"unit_code", "E1"}}}, {"facts", {{"units", json::array({unit})}}}});
  EXPECT_EQ(r["result"]["rate_change"]["case_id"], "C000007");
  EXPECT_EQ(r["result"]["rate_change"]["used_in"], "2026-04");
  r = run(e, {{"op", "hpf.unit.adjust_rate"}, {"as_of", "2026-05-06T10:00:00"},
              {"args", {{"unit_code", "E1"}, {"employer_rate", "11%"}, {"employee_rate", "11%"}}}, {"facts", {{"units", json::array({unit})}}}});
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump();
  EXPECT_EQ(r["state"]["units"][0]["rate_change"],
            json({{"employer_rate", "0.11"}, {"employee_rate", "0.11"}, {"effective_month", nullptr}, {"state", "approved"}}));
}
