// The certificates' queries (docs/queries.md §5) where the stories cannot show
// them well: a unit with more persons than one page read (store mode), and a
// person with several HPF accounts.
#include <algorithm>

#include "test_si_support.hpp"

using namespace si_test;

namespace {

constexpr int kPersons = 1010;  // more than one page (1,000) of the unit's persons

std::string person_id(int i) { return make_id("1990010" + std::to_string(1 + i / 500), 100 + i % 500); }

/// A store (in memory) with kUnit and kPersons persons enrolled for pension on 2025-03-03.
std::vector<std::string> enroll_many(Eng& e) {
  e.run({{"op", "si.unit.register"}, {"request_id", "u1"}, {"as_of", "2025-03-01T09:00:00"},
         {"args", {{"unit_code", kUnit}, {"name", "邯郸示例有限公司"}, {"credit_code", kCredit}, {"kind", "enterprise"},
                   {"settlement_period", "2025-03"}}}});
  std::vector<std::string> ids;
  for (int i = 0; i < kPersons; ++i) {
    ids.push_back(person_id(i));
    const json r = e.run({{"op", "si.enroll"}, {"request_id", "e" + std::to_string(i)}, {"as_of", "2025-03-03T09:00:00"},
                          {"args", enroll_args(ids.back(), "2025-03-03")}});
    EXPECT_TRUE(r["ok"].get<bool>()) << r.dump();
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

}  // namespace

TEST(CertificateQueries, AUnitOfManyPersonsIsCountedAndPagedInStoreMode) {
  Eng e;
  const auto ids = enroll_many(e);
  ASSERT_EQ(std::adjacent_find(ids.begin(), ids.end()), ids.end());  // distinct ID numbers
  e.run({{"op", "si.stop"}, {"request_id", "s1"}, {"as_of", "2025-03-10T09:00:00"},
         {"args", {{"unit_code", kUnit}, {"id_number", ids[5]}, {"stop_date", "2025-03-10"}, {"reason", "stop_contribution"}}}});

  // Every person read, across two pages: 1,010 enrolled, one stopped on 2025-03-10.
  json cert = e.run({{"op", "si.unit.certificate"}, {"as_of", "2025-03-11T09:00:00"}, {"args", {{"unit_code", kUnit}}}});
  ASSERT_TRUE(cert["ok"].get<bool>()) << cert.dump();
  EXPECT_EQ(cert["result"]["insured"], kPersons - 1);
  EXPECT_EQ(cert["result"]["types"], json::parse(R"([{"type": "pension", "insured": 1009}])"));
  cert = e.run({{"op", "si.unit.certificate"}, {"as_of", "2025-03-10T09:00:00"}, {"args", {{"unit_code", kUnit}}}});
  EXPECT_EQ(cert["result"]["insured"], kPersons);

  // 人员变更表 in pages of 1,000 by ID number: the next page starts after the last.
  json args = {{"unit_code", kUnit}, {"from", "2025-03-01"}, {"to", "2025-03-31"}, {"limit", 1000}};
  const json first = e.run({{"op", "si.unit.changes"}, {"args", args}});
  ASSERT_TRUE(first["ok"].get<bool>()) << first.dump();
  ASSERT_EQ(first["result"]["persons"].size(), 1000u);
  EXPECT_EQ(first["result"]["persons"][0]["id_number"], ids[0]);
  EXPECT_EQ(first["result"]["next"], ids[999]);
  EXPECT_EQ(first["result"]["persons"][5]["changes"],
            json::parse(R"([{"date": "2025-03-03", "kind": "enroll", "types": ["pension"], "other_unit": null},
                            {"date": "2025-03-10", "kind": "stop", "types": ["pension"], "other_unit": null}])"));
  args["after"] = ids[999];
  const json last = e.run({{"op", "si.unit.changes"}, {"args", args}});
  ASSERT_EQ(last["result"]["persons"].size(), 10u);
  EXPECT_EQ(last["result"]["persons"][9]["id_number"], ids.back());
  EXPECT_TRUE(last["result"]["next"].is_null());

  // Only the stop falls on 2025-03-10: a filtered page reads on until it ends.
  args = {{"unit_code", kUnit}, {"from", "2025-03-10"}, {"to", "2025-03-10"}, {"limit", 10}};
  const json stops = e.run({{"op", "si.unit.changes"}, {"args", args}});
  ASSERT_EQ(stops["result"]["persons"].size(), 1u);
  EXPECT_EQ(stops["result"]["persons"][0]["id_number"], ids[5]);
  EXPECT_TRUE(stops["result"]["next"].is_null());
}

TEST(CertificateQueries, AnIdNumberWithSeveralAccountsNamesTheNormalOneOrAsksForAnAccountNumber) {
  Eng e("taiyuan", std::nullopt);
  json s = e.op("hpf.unit.register", "2025-09-01T09:00:00",
                {{"unit_code", "TY-F01"}, {"name", "个人自愿缴存"}, {"credit_code", "91140100MA0K12345Y"}, {"bank", "ICBC"},
                 {"kind", "flexible"}})["state"];
  s = e.op("hpf.flex.open", "2025-09-01T09:10:00",
           {{"unit_code", "TY-F01"}, {"name", "刘六"}, {"id_number", "140105199211200029"}, {"monthly_deposit", "1000.00"}},
           s)["state"];
  ASSERT_EQ(s["accounts"].size(), 1u) << s.dump();
  // An older account of the same person, sealed at another time (as after a move between units).
  json old = s["accounts"][0];
  old["account_no"] = "A000000";
  old["status"] = "sealed";
  old["sealed_on"] = "2025-08-31";
  s["accounts"].push_back(old);

  const json by_id = e.op("hpf.account.certificate", "2025-09-02T09:00:00", {{"id_number", "140105199211200029"}}, s);
  ASSERT_TRUE(by_id["ok"].get<bool>()) << by_id.dump();
  EXPECT_EQ(by_id["result"]["account_no"], "A000001");

  s["accounts"][0]["status"] = "sealed";
  s["accounts"][0]["sealed_on"] = "2025-09-02";
  const json none = e.op("hpf.account.certificate", "2025-09-03T09:00:00", {{"id_number", "140105199211200029"}}, s);
  EXPECT_EQ(error_code(none), "REQ_BAD_VALUE");
  EXPECT_EQ(none["error"]["field"], "args.id_number");
  EXPECT_EQ(none["error"]["message"].get<std::string>().find("140105199211200029"), std::string::npos);
  const json by_no = e.op("hpf.account.certificate", "2025-09-03T09:00:00", {{"account_no", "A000000"}}, s);
  EXPECT_EQ(by_no["result"]["sealed_on"], "2025-08-31");
}
