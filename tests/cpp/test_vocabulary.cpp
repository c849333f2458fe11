// The statuses and kinds (src/state/vocabulary.hpp): every enumerator's text
// reads back as the enumerator, an unknown text is refused, and the entity
// decoders refuse it as REQ_BAD_VALUE naming the field.
#include <gtest/gtest.h>

#include <string>

#include "json/json.hpp"
#include "state/codec_members.hpp"
#include "state/entities.hpp"
#include "state/vocabulary.hpp"

namespace {

using namespace pvd::state;

/// Every enumerator of E round-trips through its text; texts are distinct.
template <class E>
void expect_round_trip(std::optional<E> (*parse_text)(std::string_view)) {
  const auto& all = codec::all_of<E>;
  ASSERT_FALSE(all.empty());
  for (E e : all) {
    const std::string_view text = to_text(e);
    EXPECT_FALSE(text.empty());
    EXPECT_EQ(parse_text(text), e) << text;
    EXPECT_EQ(parse<E>(text), e) << text;
  }
  EXPECT_EQ(parse_text("no_such_value"), std::nullopt);
  EXPECT_EQ(parse_text(""), std::nullopt);
  EXPECT_EQ(parse_text(std::string(to_text(all.front())) + " "), std::nullopt);  // exact text only
}

TEST(Vocabulary, Scheme) {
  expect_round_trip<Scheme>(parse_scheme);
  EXPECT_EQ(to_text(Scheme::hpf), "hpf");
  EXPECT_EQ(to_text(Scheme::si), "si");
}
TEST(Vocabulary, UnitKind) {
  expect_round_trip<UnitKind>(parse_unit_kind);
  EXPECT_EQ(to_text(UnitKind::institution), "institution");
}
TEST(Vocabulary, UnitStatus) {
  expect_round_trip<UnitStatus>(parse_unit_status);
  EXPECT_EQ(to_text(UnitStatus::suspended), "suspended");
}
TEST(Vocabulary, AccountStatus) {
  expect_round_trip<AccountStatus>(parse_account_status);
  EXPECT_EQ(to_text(AccountStatus::sealed), "sealed");
}
TEST(Vocabulary, LedgerKind) {
  expect_round_trip<LedgerKind>(parse_ledger_kind);
  EXPECT_EQ(to_text(LedgerKind::back_pay_difference), "back_pay_difference");
  EXPECT_EQ(to_text(LedgerKind::transfer_out), "transfer_out");
}
TEST(Vocabulary, BillKind) {
  expect_round_trip<BillKind>(parse_bill_kind);
  EXPECT_EQ(to_text(BillKind::remittance), "remittance");
}
TEST(Vocabulary, BillStatus) {
  expect_round_trip<BillStatus>(parse_bill_status);
  EXPECT_EQ(to_text(BillStatus::withdrawn), "withdrawn");
}
TEST(Vocabulary, RateChangeState) {
  expect_round_trip<RateChangeState>(parse_rate_change_state);
  EXPECT_EQ(to_text(RateChangeState::approved), "approved");
}
TEST(Vocabulary, CaseStatus) {
  expect_round_trip<CaseStatus>(parse_case_status);
  EXPECT_EQ(to_text(CaseStatus::rejected), "rejected");
}

TEST(Vocabulary, InAJsonDocumentAnEnumIsItsText) {
  const pvd::protocol::ojson j = {{"status", BillStatus::paid}};
  EXPECT_EQ(j.dump(), R"({"status":"paid"})");
}

TEST(Vocabulary, DecoderRefusesAnUnknownTextNamingTheField) {
  auto j = pvd::protocol::json::parse(R"({"account_no":"1","unit_code":"U","status":"frozen",
      "person":{"name":"张三","id_number":"110101199003071234"},"opened_on":"2025-01-01"})");
  try {
    decode_account(j, "facts.accounts[0]");
    FAIL() << "decoded";
  } catch (const std::exception& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("facts.accounts[0].status"), std::string::npos) << what;
  }
  j["status"] = "sealed";
  EXPECT_EQ(decode_account(j, "facts.accounts[0]").status, AccountStatus::sealed);
}

}  // namespace
