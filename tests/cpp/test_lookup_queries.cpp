// Lookups by person (docs/queries.md §4): what the stories cannot show well —
// a name search in store mode among thousands of accounts of one unit with
// many equal names, paged stably while accounts are added; and the ID-number
// resolution of the employer operations on facts no operation can produce.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <unistd.h>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "provident/engine.hpp"
#include "provident/id/citizen_id.hpp"

using nlohmann::json;

namespace {

/// The k-th of many distinct valid ID numbers (born 1980–1989).
std::string nth_id(int k) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "1101011%03d0101%03d", 980 + k / 1000, k % 1000);
  const std::string first17 = buf;
  return first17 + pvd::id::id_check_char(first17);
}

struct TempDir {
  std::filesystem::path path = std::filesystem::temp_directory_path() / ("provident-lookups-" + std::to_string(::getpid()));
  TempDir() { std::filesystem::create_directories(path); }
  ~TempDir() { std::filesystem::remove_all(path); }
};

json run(pvd::Engine& e, const json& req) { return json::parse(e.execute(req.dump())); }

json must(pvd::Engine& e, const json& req) {
  json r = run(e, req);
  EXPECT_TRUE(r["ok"].get<bool>()) << r.dump();
  return r;
}

void register_unit(pvd::Engine& e, const std::string& code) {
  must(e, {{"op", "hpf.unit.register"}, {"request_id", "reg-" + code}, {"as_of", "2025-07-01T09:00:00"},
           {"args", {{"unit_code", code}, {"name", "太原某实业有限公司"}, {"credit_code", "91140100MA0K12345Y"}, {"bank", "ICBC"},
                     {"kind", "employer"}, {"employer_rate", "10%"}, {"employee_rate", "10%"}}}});
}

/// Opens accounts for ID numbers first … first+n-1; every third is named 王芳.
void open_accounts(pvd::Engine& e, const std::string& unit, int first, int n, const std::string& request_id) {
  json rows = json::array();
  for (int k = first; k < first + n; ++k)
    rows.push_back({{"name", k % 3 == 0 ? "王芳" : "职工" + std::to_string(k)}, {"id_number", nth_id(k)}, {"base", "5000.00"}});
  must(e, {{"op", "hpf.unit.open_accounts"}, {"request_id", request_id}, {"as_of", "2025-07-02T09:00:00"},
           {"args", {{"unit_code", unit}, {"rows", rows}}}});
}

json find_page(pvd::Engine& e, json args) {
  return must(e, {{"op", "hpf.account.find"}, {"as_of", "2025-07-03T09:00:00"}, {"args", std::move(args)}})["result"];
}

/// Every account named 王芳 (at `unit`, or anywhere), page by page of `limit`;
/// `between` runs after the first page.
std::vector<std::string> all_pages(pvd::Engine& e, const std::string& unit, int limit, const std::function<void()>& between = {}) {
  std::vector<std::string> seen;
  json args = {{"name", "王芳"}, {"limit", limit}};
  if (!unit.empty()) args["unit_code"] = unit;
  for (int page = 0;; ++page) {
    const json r = find_page(e, args);
    EXPECT_LE(r["accounts"].size(), static_cast<std::size_t>(limit));
    for (const auto& row : r["accounts"]) {
      EXPECT_EQ(row["name"], "王芳");
      if (!unit.empty()) {
        EXPECT_EQ(row["unit_code"], unit);
      }
      seen.push_back(row["account_no"]);
    }
    if (page == 0 && between) between();
    if (r["next"].is_null()) return seen;
    EXPECT_EQ(r["next"], seen.back());
    args["after"] = r["next"];
  }
}

}  // namespace

// 3,000 accounts at one unit, 1,000 of them named 王芳, and 10 more at another
// unit: pages of 97 list each of the unit's 王芳 once, in account order; an
// account opened while paging (a larger id) comes last and nothing is skipped
// or repeated.
TEST(LookupQueries, StoreNameSearchAmongThousandsPagesStably) {
  const TempDir dir;
  const std::string file = (dir.path / "store.sqlite").string();
  {
    pvd::Engine filling({.policy = "taiyuan", .db_path = file});
    register_unit(filling, "TY-E01");
    register_unit(filling, "TY-E02");
    open_accounts(filling, "TY-E01", 0, 3000, "open-1");
    open_accounts(filling, "TY-E02", 3000, 30, "open-2");
  }
  // Opened again: the pages are read from the file, none held before.
  pvd::Engine e({.policy = "taiyuan", .db_path = file});

  const std::vector<std::string> first = all_pages(e, "TY-E01", 97);
  ASSERT_EQ(first.size(), 1000u);
  EXPECT_TRUE(std::is_sorted(first.begin(), first.end()));
  EXPECT_EQ(std::set<std::string>(first.begin(), first.end()).size(), 1000u);
  EXPECT_EQ(all_pages(e, "TY-E01", 1000), first);  // one page of the limit: the same list

  const std::vector<std::string> during = all_pages(e, "TY-E01", 97, [&] { open_accounts(e, "TY-E01", 3030, 3, "open-3"); });
  ASSERT_EQ(during.size(), 1001u);
  EXPECT_TRUE(std::equal(first.begin(), first.end(), during.begin()));

  // Without unit_code the whole centre: both units' 王芳.
  EXPECT_EQ(all_pages(e, "", 250).size(), 1011u);
}

// Facts from elsewhere may hold two normal accounts of one person at a unit:
// a row naming the person by ID number is ambiguous; account_no with the same
// ID number (a lower-case check character too) names one.
TEST(LookupQueries, AnIdNumberNamingSeveralAccountsAsksForTheAccountNumber) {
  int k = 0;
  while (nth_id(k).back() != 'X') ++k;
  const std::string id = nth_id(k);
  std::string lower = id;
  lower.back() = 'x';
  pvd::Engine e({.policy = "taiyuan"});
  auto stateless = [&](const std::string& op, json args, const json& facts) {
    return run(e, {{"op", op}, {"request_id", op}, {"as_of", "2025-07-02T09:00:00"}, {"args", std::move(args)}, {"facts", facts}});
  };
  json facts = stateless("hpf.unit.register",
                         {{"unit_code", "TY-E01"}, {"name", "太原某实业有限公司"}, {"credit_code", "91140100MA0K12345Y"}, {"bank", "ICBC"},
                          {"kind", "employer"}, {"employer_rate", "10%"}, {"employee_rate", "10%"}},
                         json::object())["state"];
  facts = stateless("hpf.unit.open_accounts",
                    {{"unit_code", "TY-E01"}, {"rows", {{{"name", "李四"}, {"id_number", id}, {"base", "5000.00"}}}}}, facts)["state"];
  ASSERT_EQ(facts["accounts"].size(), 1u);
  json second = facts["accounts"][0];
  second["account_no"] = "A900001";
  facts["accounts"].push_back(second);

  const json ambiguous = stateless(
      "hpf.unit.adjust_base", {{"unit_code", "TY-E01"}, {"effective_month", "2025-07"}, {"rows", {{{"id_number", id}, {"base", "6000.00"}}}}},
      facts);
  EXPECT_EQ(ambiguous["error"]["code"], "REQ_BAD_VALUE") << ambiguous.dump();
  EXPECT_EQ(ambiguous["error"]["field"], "args.rows[0].id_number");

  const json named = stateless("hpf.unit.adjust_base",
                               {{"unit_code", "TY-E01"}, {"effective_month", "2025-07"},
                                {"rows", {{{"account_no", "A900001"}, {"id_number", lower}, {"base", "6000.00"}}}}},
                               facts);
  EXPECT_TRUE(named["ok"].get<bool>()) << named.dump();
  EXPECT_EQ(named["result"]["rows"][0]["account_no"], "A900001");
}
