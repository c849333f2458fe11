// No personal number in any message (issue 13): every echoed value passes
// through one UTF-8-safe masking function, whatever the field it was typed in.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "json/json.hpp"
#include "provident/engine.hpp"
#include "provident/id/mask.hpp"
#include "store/journaled_store.hpp"

using nlohmann::json;

namespace {

json run(pvd::Engine& e, const json& r) { return json::parse(e.execute(r.dump())); }

const std::string kCard = "6222020000123456782";
const std::string kId = "110105194912310021";
const std::string kPhone = "13912345678";

/// The response text holds none of the three numbers in full.
void no_number_in(const json& r) {
  const std::string text = r.dump();
  for (const auto& n : {kCard, kId, kPhone}) EXPECT_EQ(text.find(n), std::string::npos) << n << " in " << text;
}

}  // namespace

TEST(HostileMasking, EachShapeRevealsAtMostItsDocumentedDigits) {
  EXPECT_EQ(pvd::id::mask_id_number(kId), "110105********0021");
  EXPECT_EQ(pvd::id::mask_id_number(kPhone), "*******5678");  // a phone typed as an ID: not 6 + 4 of 11
  EXPECT_EQ(pvd::id::mask_card_number(kCard), "6222 **** **** 6782");
  EXPECT_EQ(pvd::id::mask_card_number("12345"), "*****");
  EXPECT_EQ(pvd::id::mask_phone(kPhone), "139****5678");
  EXPECT_EQ(pvd::id::mask_phone(kId), "**************0021");
  // Outside ASCII: one asterisk per character, never a cut UTF-8 sequence.
  EXPECT_EQ(pvd::id::mask_phone("中国中国中"), "*****");
  EXPECT_EQ(pvd::id::mask_id_number("张三"), "**");
  EXPECT_EQ(pvd::id::mask_echo("银行代码：" + kCard + "。"), "银行代码：***************6782。");
  EXPECT_EQ(pvd::id::mask_echo("key 11010519491231002X!"), "key **************002X!");
  // 12-digit SI unit codes, months, amounts and account numbers stay.
  EXPECT_EQ(pvd::id::mask_echo("unit 130403000299, 2025-07, 1234567890.12, A000001"), "unit 130403000299, 2025-07, 1234567890.12, A000001");
}

TEST(HostileMasking, NoSurfaceMessageEchoesANumber) {
  pvd::Engine e({.policy = "kaifeng"});
  // A card number typed as a bank code (BANK_UNKNOWN).
  json r = run(e, {{"op", "hpf.unit.register"}, {"request_id", "m1"}, {"as_of", "2025-09-01T09:00:00"},
                   {"args", {{"unit_code", "KF-E01"}, {"name", "开封"}, {"credit_code", "91410200MA4F234563"}, {"bank", kCard},
                             {"kind", "employer"}, {"employer_rate", "10%"}, {"employee_rate", "10%"}}}});
  EXPECT_EQ(r["violations"][0]["message_en"], "Unknown bank code: ***************6782");
  no_number_in(r);
  // The journal's human-readable summary masks it too.
  no_number_in(run(e, {{"op", "journal.list"}}));
  // REQ_NOT_FOUND, an unknown member, an unknown operation, REQ_ID_CONFLICT.
  no_number_in(run(e, {{"op", "hpf.account.get"}, {"args", {{"account_no", kId}}}}));
  no_number_in(run(e, {{"op", "hpf.deposit"}, {"as_of", "2024-09-02T10:00:00"},
                       {"args", {{"base", "2690"}, {"employer_rate", "7%"}, {"employee_rate", "7%"}, {kPhone, "x"}}}}));
  no_number_in(run(e, {{"op", "x" + kCard}, {"args", json::object()}}));
  json draft = {{"op", "case.save_draft"}, {"request_id", "r-" + kPhone}, {"as_of", "2026-01-01T10:00:00"},
                {"args", {{"op", "hpf.seal"}, {"args", {{"account_no", "A1"}}}}}};
  ASSERT_TRUE(run(e, draft)["ok"].get<bool>());
  draft["args"]["args"]["account_no"] = "A2";
  const json conflict = run(e, draft);
  EXPECT_EQ(conflict["error"]["code"], "REQ_ID_CONFLICT");
  EXPECT_EQ(conflict["error"]["message_en"], "Request id r-*******5678 was already used for a different request");
}

TEST(HostileMasking, TextOutsideAsciiInAMaskedFieldIsStoredNotAnInternalError) {
  pvd::Engine e({.policy = "taiyuan"});
  auto ok = [&](const json& r) {
    const json a = run(e, r);
    EXPECT_TRUE(a["ok"].get<bool>()) << a.dump();
    return a;
  };
  ok({{"op", "hpf.unit.register"}, {"request_id", "t1"}, {"as_of", "2025-09-01T09:00:00"},
      {"args", {{"unit_code", "TY-F01"}, {"name", "个人自愿缴存"}, {"credit_code", "91140100MA0K12345Y"}, {"bank", "ICBC"}, {"kind", "flexible"}}}});
  ok({{"op", "hpf.flex.open"}, {"request_id", "t2"}, {"as_of", "2025-09-02T09:00:00"},
      {"args", {{"unit_code", "TY-F01"}, {"name", "赵敏"}, {"id_number", "140105199003071234"}, {"monthly_deposit", "600.00"}}}});
  // Not a mobile number: a clear violation, journaled with the text masked — not INTERNAL.
  const json r = run(e, {{"op", "hpf.change_phone"}, {"request_id", "t3"}, {"as_of", "2025-09-03T09:00:00"},
                         {"args", {{"account_no", "A000001"}, {"phone", "中国中国中"}}}});
  EXPECT_FALSE(r["ok"].get<bool>());
  EXPECT_EQ(r["error"], nullptr) << r.dump();
  EXPECT_EQ(r["violations"][0]["code"], "PHONE_INVALID");
  const json j = run(e, {{"op", "journal.list"}});
  EXPECT_EQ(j["result"]["entries"][2]["request"]["args"]["phone"], "*****");
}

// The events table keeps each event masked, keys sorted: written straight from
// the response's ordered document, byte for byte what masking a sorted copy and
// dumping it gave — numbers in names and values, the three kinds of personal
// number (masked by their member's name only when they are strings), nesting,
// escapes, and two names that mask to one (the one whose own name sorts later stays).
TEST(HostileMasking, AnEventIsStoredAsItsMaskedSortedCopyWouldBeDumped) {
  using pvd::protocol::ojson;
  ojson e = ojson::object();
  e["type"] = "person.enrolled";
  e["phone"] = kPhone;
  e["id_number"] = kId;
  e["card_no"] = kCard;
  e["number"] = kId;
  e["note " + kCard] = "seen " + kId + " \"quoted\"\n\x01";
  e["zeta"] = ojson::array({kPhone, 1, -2, true, nullptr, ojson::object({{"phone", kPhone}, {"id_number", 7}})});
  e["amount"] = "123.45";
  e["nested"] = ojson::object({{"card_no", kCard}, {"b", ojson::array()}, {"a", ojson::object()}, {"中文", "张三"}});
  e["phone_1"] = nullptr;
  e["k" + kCard] = "second";
  e["k" + std::string(kCard).replace(0, 1, "5")] = "first";  // masks to the same name as the member above, sorts before it
  const std::string before = pvd::store::mask_personal_data(json(e)).dump();
  EXPECT_EQ(pvd::store::masked_text(e), before);
  EXPECT_EQ(before.find(kPhone), std::string::npos);
  EXPECT_NE(before.find("\"k***************6782\":\"second\""), std::string::npos) << before;
  for (const char* text : {"1", "\"" "a" "\"", "[]", "{}", "null", "[{\"z\":1,\"a\":[\"13912345678\"]}]"}) {
    const ojson v = ojson::parse(text);
    EXPECT_EQ(pvd::store::masked_text(v), pvd::store::mask_personal_data(json(v)).dump()) << text;
  }
}
