// The envelope and strict JSON (protocol.md §1.1–1.3, quality.md §2): every
// malformed request gets a clear REQ_* error naming the field; nothing crashes.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "provident/engine.hpp"

using nlohmann::json;

namespace {

pvd::Engine& engine() {
  static pvd::Engine e;
  return e;
}

json ask(std::string_view text) { return json::parse(engine().execute(text)); }

void expect_error(std::string_view request, const std::string& code, const json& field = nullptr) {
  const json r = ask(request);
  EXPECT_FALSE(r["ok"].get<bool>()) << request;
  ASSERT_TRUE(r["error"].is_object()) << request << " → " << r.dump();
  EXPECT_EQ(r["error"]["code"], code) << request << " → " << r.dump();
  if (!field.is_null()) {
    EXPECT_EQ(r["error"]["field"], field) << request;
  }
  EXPECT_FALSE(r["error"]["message"].get<std::string>().empty());
  EXPECT_FALSE(r["error"]["message_en"].get<std::string>().empty());
  EXPECT_TRUE(r["result"].is_null());
  EXPECT_TRUE(r["violations"].empty());
}

const std::string kOkCalc = R"({"op":"pension.min_months","as_of":"2026-01-01T00:00:00","args":{"retirement_month":"2033-04"}})";

}  // namespace

TEST(Protocol, AWellFormedRequestAnswersInTheEnvelopeShape) {
  const json r = ask(kOkCalc);
  EXPECT_TRUE(r["ok"].get<bool>());
  for (const char* k : {"ok", "op", "request_id", "result", "violations", "events", "state", "error", "policy", "replayed"})
    EXPECT_TRUE(r.contains(k)) << k;
  EXPECT_EQ(r["result"]["months"], 204);
  EXPECT_EQ(r["policy"]["parameters"], json::array({"pension.min_contribution_months@2033-01-01"}));
}

TEST(Protocol, NotJsonIsMalformed) {
  expect_error("", "REQ_MALFORMED");
  expect_error("not json", "REQ_MALFORMED");
  expect_error("{\"op\":", "REQ_MALFORMED");
  expect_error(kOkCalc + " {}", "REQ_MALFORMED");
  expect_error("[1,2,3]", "REQ_MALFORMED");
  expect_error("\"just a string\"", "REQ_MALFORMED");
  expect_error(R"({"op":"pension.min_months","as_of":"2026-01-01T00:00:00","args":{"retirement_month":NaN}})", "REQ_MALFORMED");
  expect_error(R"({"op":"pension.min_months","args":{"x":Infinity}})", "REQ_MALFORMED");
}

TEST(Protocol, DuplicateKeysInvalidUtf8AndNulAreMalformed) {
  expect_error(R"({"op":"pension.min_months","op":"pension.min_months"})", "REQ_MALFORMED");
  expect_error(R"({"op":"x","args":{"a":1,"a":2}})", "REQ_MALFORMED");
  expect_error("{\"op\":\"id.parse\",\"args\":{\"number\":\"\xff\xfe\"}}", "REQ_MALFORMED");
  expect_error("{\"op\":\"id.parse\",\"args\":{\"number\":\"\xc3\"}}", "REQ_MALFORMED");
  expect_error(R"({"op":"id.parse","args":{"number":"1\u0000"}})", "REQ_MALFORMED");
  expect_error(std::string("{\"op\":\"id.parse\"\0}", 17), "REQ_MALFORMED");
}

TEST(Protocol, DeepNestingAndHugeRequestsAreRefused) {
  std::string deep = "{\"op\":\"id.parse\",\"args\":";
  for (int i = 0; i < 100; ++i) deep += "[";
  for (int i = 0; i < 100; ++i) deep += "]";
  deep += "}";
  expect_error(deep, "REQ_MALFORMED");
  std::string huge = R"({"op":"id.parse","args":{"number":")" + std::string(17u * 1024u * 1024u, '1') + "\"}}";
  expect_error(huge, "REQ_TOO_LARGE");
}

TEST(Protocol, EnvelopeMembersAreCheckedByName) {
  expect_error(R"({"args":{}})", "REQ_MISSING_FIELD", "op");
  expect_error(R"({"op":17})", "REQ_BAD_VALUE", "op");
  expect_error(R"({"op":"no.such"})", "REQ_UNKNOWN_OP", "op");
  expect_error(R"({"op":"pension.min_months","as_of":"2026-01-01","args":{"retirement_month":"2033-04"}})", "REQ_BAD_VALUE", "as_of");
  expect_error(R"({"op":"pension.min_months","as_of":"2026-01-01T00:00:00+09:00","args":{"retirement_month":"2033-04"}})", "REQ_BAD_VALUE", "as_of");
  expect_error(R"({"op":"pension.min_months","as_of":"2026-01-01T00:00:00.5","args":{"retirement_month":"2033-04"}})", "REQ_BAD_VALUE", "as_of");
  expect_error(R"({"op":"pension.min_months","as_of":"2026-01-01T00:00:00","args":[]})", "REQ_BAD_VALUE", "args");
  expect_error(R"({"op":"pension.min_months","as_of":"2026-01-01T00:00:00","args":{"retirement_month":"2033-04"},"explain":"yes"})", "REQ_BAD_VALUE", "explain");
  expect_error(R"({"op":"pension.min_months","as_of":"2026-01-01T00:00:00","args":{"retirement_month":"2033-04"},"request_id":"é"})", "REQ_BAD_VALUE", "request_id");
  expect_error(R"({"op":"pension.min_months","as_of":"2026-01-01T00:00:00","args":{"retirement_month":"2033-04"},"request_id":")" + std::string(129, 'a') + "\"}", "REQ_BAD_VALUE", "request_id");
  expect_error(R"({"op":"pension.min_months","as_of":"2026-01-01T00:00:00","args":{"retirement_month":"2033-04"},"colour":"red"})", "REQ_BAD_VALUE", "colour");
}

TEST(Protocol, ArgumentsAreDecodedStrictlyNamingTheField) {
  const std::string head = R"({"op":"hpf.deposit","as_of":"2026-01-01T00:00:00","args":{"employer_rate":"7%","employee_rate":"7%","base":)";
  for (const char* bad : {R"("12.345")", R"("1e3")", R"("+5")", R"("007")", R"(".5")", R"(" 12")", R"(12)", R"(12.5)", R"(true)",
                          R"(["1"])", R"({})", R"("")", R"("1000000000000000.00")", R"("１２")"})
    expect_error(head + bad + "}}", "REQ_BAD_VALUE", "args.base");
  expect_error(head + R"(null}})", "REQ_MISSING_FIELD", "args.base");
  expect_error(R"({"op":"pension.retirement","as_of":"2026-01-01T00:00:00","args":{"birth_date":"1970-01-01","category":"M65"}})",
               "REQ_BAD_VALUE", "args.category");
  expect_error(R"({"op":"hpf.interest","as_of":"2026-07-01T00:00:00","args":{"year":1e30,"opening_balance":"1.00"}})", "REQ_BAD_VALUE",
               "args.year");
  expect_error(R"({"op":"hpf.interest","as_of":"2026-07-01T00:00:00","args":{"year":20260,"opening_balance":"1.00"}})", "REQ_BAD_VALUE",
               "args.year");
  expect_error(R"({"op":"id.parse","as_of":"2026-07-01T00:00:00","args":{"number":")" + std::string(300, '1') + "\"}}", "REQ_BAD_VALUE",
               "args.number");
  expect_error(R"({"op":"id.parse","as_of":"2026-07-01T00:00:00","args":{"number":"1\t2"}})", "REQ_BAD_VALUE", "args.number");
}

TEST(Protocol, UnknownSubjectsAreNotFoundInBothModes) {
  expect_error(R"({"op":"hpf.flex.remit","request_id":"x1","as_of":"2026-07-03T10:00:00","args":{"account_no":"A404"}})", "REQ_NOT_FOUND",
               "args.account_no");
  expect_error(R"({"op":"hpf.flex.remit","as_of":"2026-07-03T10:00:00","args":{"account_no":"A404"},"facts":{}})", "REQ_NOT_FOUND",
               "args.account_no");
}

TEST(Protocol, FactsAreDecodedStrictlyNamingThePath) {
  expect_error(R"({"op":"hpf.flex.remit","as_of":"2026-07-03T10:00:00","args":{"account_no":"A1"},"facts":{"accounts":[{"account_no":"A1"}]}})",
               "REQ_MISSING_FIELD", "facts.accounts[0].unit_code");
  expect_error(R"({"op":"hpf.flex.remit","as_of":"2026-07-03T10:00:00","args":{"account_no":"A1"},"facts":{"planets":[]}})",
               "REQ_BAD_VALUE", "facts.planets");
}

TEST(Protocol, MoneyAndRatesAreCanonicalInResponses) {
  const json r = ask(R"({"op":"hpf.deposit","as_of":"2026-01-01T00:00:00","args":{"base":"1000","employer_rate":"0.120","employee_rate":"12.0%"},"explain":true})");
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump();
  EXPECT_EQ(r["result"]["employer_part"], "120.00");
  EXPECT_EQ(r["result"]["employer_part_derivation"]["rate"], "0.12");
  EXPECT_EQ(r["result"]["employer_part_derivation"]["base"], "1000.00");
}
