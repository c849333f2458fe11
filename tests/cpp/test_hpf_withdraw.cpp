// hpf.withdraw (issue 18 (5)): the grounds of HPF Regs Art. 24 and their
// conditions (withdrawal_grounds.cpp, withdrawal_account.cpp), the interest to
// the day and the payout shared with hpf.exit (ops_payout.hpp), the ledger
// kept as the sum of its entries; and `id_type` beside `document_type`
// (src/id/checks.cpp, issue 18 (6)).
#include "test_hpf_fixture.hpp"

using namespace hpftest;

namespace {

/// A flexible account opened in July of `year` with 1,200.00 paid on the 5th
/// (the month of July).
json funded_flex(const std::string& status = "normal", const json& sealed_on = nullptr, const std::string& id = kIdMale1990,
                 const std::string& year = "2025") {
  const std::string july = year + "-07";
  json a = flex_account("A1", "F1", july, "1200.00", id);
  a["status"] = status;
  a["sealed_on"] = sealed_on;
  a["opened_on"] = july + "-01";
  a["paid_months"] = json::array({july});
  a["balance"] = "1200.00";
  a["ledger"] = json::array({{{"kind", "regular"}, {"month", july}, {"date", july + "-05"}, {"amount", "1200.00"}, {"corrects", nullptr}}});
  a["stints"] = json::array({{{"unit_code", "F1"}, {"from", july}, {"to", status == "normal" ? json(nullptr) : json(july)}}});
  return a;
}

long long signed_fen(const json& m) {
  const std::string s = m.get<std::string>();
  return s.front() == '-' ? -fen_of(s.substr(1)) : fen_of(s);
}

json facts_with(const json& account, const json& unit = flex_unit()) {
  return {{"units", json::array({unit})}, {"accounts", json::array({account})}};
}

json withdraw(const std::string& as_of, json args, const json& facts, const std::string& overlay = "") {
  return run("taiyuan", "hpf.withdraw", as_of, std::move(args), facts, overlay);
}

}  // namespace

TEST(HpfWithdraw, DeathPaysTheHeirBalanceAndInterestToTheDay) {
  // Monthly method, 1.50%: 1,200.00 bears interest from August (paid in July);
  // withdrawn on 2026-01-10: August … December, 5 × 1,200.00 × 1.5% / 12 = 7.50.
  json r = withdraw("2026-01-10T10:00:00",
                    {{"account_no", "A1"}, {"reason", "death"}, {"heir", {{"name", "李四"}, {"id_number", kIdFemale1992}}}},
                    facts_with(funded_flex()));
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump();
  EXPECT_EQ(r["result"]["interest"], "7.50");
  EXPECT_EQ(r["result"]["payout"], "1207.50");
  EXPECT_EQ(r["result"]["payee"]["name"], "李四");
  EXPECT_EQ(r["result"]["status"], "closed");
  const json a = account_in(r, "A1");
  EXPECT_EQ(a["balance"], "0.00");
  long long sum = 0;  // balance = the sum of the ledger's entries
  for (const auto& e : a["ledger"]) sum += signed_fen(e["amount"]);
  EXPECT_EQ(sum, 0);
  std::vector<std::string> types;
  for (const auto& e : r["events"]) types.push_back(e["type"]);
  EXPECT_EQ(types, (std::vector<std::string>{"interest.credited", "ledger.posted", "account.withdrawn", "account.closed"}));
  EXPECT_EQ(r["events"][2]["reason"], "death");
  EXPECT_EQ(r["events"][2]["payee_name"], "李四");
}

TEST(HpfWithdraw, TheWholeBalanceOnly) {
  json r = withdraw("2026-01-10T10:00:00", {{"account_no", "A1"}, {"reason", "leave_country"}, {"amount", "1200.00"}},
                    facts_with(funded_flex()));
  EXPECT_EQ(codes(r), std::vector<std::string>{"HPF_WITHDRAW_PARTIAL"});
  EXPECT_NE(r["violations"][0]["message_en"].get<std::string>().find("1207.50"), std::string::npos);
}

TEST(HpfWithdraw, LeavingTheCityAfterTheSealingPeriod) {
  const json sealed = funded_flex("sealed", "2025-08-15");
  // Not sealed at all; then, sealed 2025-08-15, 5 completed months on 2026-02-14 and 6 on 2026-02-15.
  EXPECT_EQ(codes(withdraw("2026-01-14T10:00:00", {{"account_no", "A1"}, {"reason", "leave_city"}}, facts_with(funded_flex()))),
            std::vector<std::string>{"HPF_WITHDRAW_NOT_SEALED"});
  EXPECT_EQ(codes(withdraw("2026-02-14T10:00:00", {{"account_no", "A1"}, {"reason", "leave_city"}}, facts_with(sealed))),
            std::vector<std::string>{"HPF_WITHDRAW_SEALED_TOO_SHORT"});
  EXPECT_TRUE(withdraw("2026-02-15T10:00:00", {{"account_no", "A1"}, {"reason", "leave_city"}}, facts_with(sealed))["ok"].get<bool>());
  // A centre without a period (overlay 0) allows it at once.
  const std::string none = overlay_of("hpf.withdraw.leave_city.min_sealed_months", "0");
  EXPECT_TRUE(withdraw("2025-08-16T10:00:00", {{"account_no", "A1"}, {"reason", "leave_city"}}, facts_with(sealed), none)["ok"].get<bool>());
}

TEST(HpfWithdraw, RetirementFromTheStatutoryMonth) {
  // kIdMale1965 retires 2025-04 (2024 Decision): March refused, April allowed.
  json acc = funded_flex("normal", nullptr, kIdMale1965, "2024");
  json before = withdraw("2025-03-31T10:00:00", {{"account_no", "A1"}, {"reason", "retirement"}}, facts_with(acc));
  ASSERT_EQ(codes(before), std::vector<std::string>{"HPF_WITHDRAW_BEFORE_RETIREMENT"});
  EXPECT_NE(before["violations"][0]["message_en"].get<std::string>().find("2025-04"), std::string::npos);
  EXPECT_TRUE(withdraw("2025-04-01T10:00:00", {{"account_no", "A1"}, {"reason", "retirement"}}, facts_with(acc))["ok"].get<bool>());
}

TEST(HpfWithdraw, IncapacityOfAnEmployeeNeedsTheEmploymentEnded) {
  json acc = funded_flex();
  acc["unit_code"] = "E1";
  acc["stints"][0]["unit_code"] = "E1";
  const json facts = facts_with(acc, employer_unit("E1"));
  EXPECT_EQ(codes(withdraw("2026-01-10T10:00:00", {{"account_no", "A1"}, {"reason", "incapacity"}}, facts)),
            std::vector<std::string>{"HPF_WITHDRAW_NOT_SEALED"});
  // A flexible depositor has no employment to end.
  EXPECT_TRUE(withdraw("2026-01-10T10:00:00", {{"account_no", "A1"}, {"reason", "incapacity"}}, facts_with(funded_flex()))["ok"].get<bool>());
}

TEST(HpfWithdraw, EveryViolationAtOnce) {
  json acc = funded_flex();
  acc["has_outstanding_loan"] = true;
  json r = withdraw("2026-01-10T10:00:00", {{"account_no", "A1"}, {"reason", "death"}}, facts_with(acc));
  EXPECT_EQ(codes(r), (std::vector<std::string>{"HPF_WITHDRAW_HEIR_REQUIRED", "HPF_WITHDRAW_HAS_LOAN"}));
  // The argument wins over the fact (state.md §1).
  json ok = withdraw("2026-01-10T10:00:00", {{"account_no", "A1"}, {"reason", "leave_country"}, {"has_outstanding_loan", false}}, facts_with(acc));
  EXPECT_TRUE(ok["ok"].get<bool>()) << ok.dump();
}

TEST(HpfWithdraw, ArgumentsAreStrict) {
  const json facts = facts_with(funded_flex());
  json bad = withdraw("2026-01-10T10:00:00", {{"account_no", "A1"}, {"reason", "holiday"}}, facts);
  EXPECT_EQ(bad["error"]["code"], "REQ_BAD_VALUE");
  json heir = withdraw("2026-01-10T10:00:00", {{"account_no", "A1"}, {"reason", "retirement"}, {"heir", {{"name", "李四"}, {"id_number", kIdFemale1992}}}}, facts);
  EXPECT_EQ(heir["error"]["field"], "args.heir");
  json no_unit = withdraw("2026-01-10T10:00:00", {{"id_number", kIdMale1990}, {"reason", "death"}}, facts);
  EXPECT_EQ(no_unit["error"]["code"], "REQ_MISSING_FIELD");
}

TEST(IdType, TheProtocolsNamesBesideTheOldOnes) {
  const json facts = {{"units", json::array({flex_unit()})}};
  auto open = [&](json extra) {
    json args = {{"unit_code", "F1"}, {"name", "陈五"}, {"id_number", "810000199001011011"}, {"monthly_deposit", "600.00"}};
    args.update(extra);
    return run("taiyuan", "hpf.flex.open", "2026-01-10T10:00:00", args, facts);
  };
  EXPECT_TRUE(open({{"id_type", "hk_mo_permit"}})["ok"].get<bool>());
  EXPECT_TRUE(open({{"document_type", "hk_macao_residence_permit"}})["ok"].get<bool>());
  EXPECT_EQ(codes(open({{"id_type", "citizen"}})), std::vector<std::string>{"ID_DOCUMENT_TYPE_MISMATCH"});
  json both = open({{"id_type", "tw_permit"}, {"document_type", "hk_macao_residence_permit"}});
  EXPECT_EQ(both["error"]["field"], "args.id_type");
  EXPECT_EQ(open({{"id_type", "hk_permit"}})["error"]["code"], "REQ_BAD_VALUE");
}
