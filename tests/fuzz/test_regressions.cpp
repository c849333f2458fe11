// Unit tests for the bugs the reliability tools found (issue 9;
// docs/reliability.md). Each input also lives in tests/fuzz/regressions/ and is
// replayed through its fuzz harness (fuzz.<target>.replay); these tests state
// the expected answer in plain terms.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "provident/core/date.hpp"
#include "provident/core/year_month.hpp"
#include "provident/engine.hpp"
#include "provident/policy/loader.hpp"

namespace {

using nlohmann::json;

pvd::EngineOptions taiyuan() {
  pvd::EngineOptions o;
  o.policy = "taiyuan";
  return o;
}

json run(pvd::Engine& e, const std::string& request) {
  const std::string text = e.execute(request);
  // Every response is valid UTF-8 JSON (json::parse refuses anything else).
  return json::parse(text);
}

// Found by bad_input (invalid UTF-8 in as_of): nlohmann's parse error quotes the
// bytes it last read; quoted into REQ_MALFORMED's message they made the
// response invalid UTF-8, dumping it threw, and `provident exec` died
// (std::terminate) on one bad line. Fixed in 7f7e0ff (found at the same time
// by the protocol's own tests): the bytes are no longer quoted.
TEST(Regressions, InvalidUtf8IsMalformedAndTheMessageIsValidUtf8) {
  pvd::Engine e(taiyuan());
  for (const std::string& req : {std::string("{\"op\":\"hpf.flex.remit\",\"as_of\":\"\xff\xfe" "2026\"}"),
                                std::string("{\"op\":\"hpf.flex.remit\",\"args\":{\"account_no\":\"\xc0\xaf\"}}"),
                                std::string("{\"op\":\"x\xe4\xb8\"}"), std::string("\xff")}) {
    const json r = run(e, req);
    ASSERT_TRUE(r["error"].is_object()) << r.dump();
    EXPECT_EQ(r["error"]["code"], "REQ_MALFORMED");
    EXPECT_EQ(r["error"]["message_en"].get<std::string>().find("last read"), std::string::npos) << "request bytes are not echoed";
  }
}

// Found by fuzz_execute under ASan: store.verify iterated over a member of a
// temporary JSON document (paid_months of each account) after it was freed.
TEST(Regressions, StoreVerifyWithPaidMonths) {
  pvd::Engine e(taiyuan());
  for (const char* req : {
           R"({"op":"hpf.unit.register","request_id":"r1","as_of":"2026-03-02T09:00:00","args":{"unit_code":"F1","name":"个人自愿缴存","credit_code":"91140100MA0K12345Y","bank":"ICBC","kind":"flexible"}})",
           R"({"op":"hpf.flex.open","request_id":"r2","as_of":"2026-03-02T09:10:00","args":{"unit_code":"F1","name":"张三","id_number":"140105199003071234","monthly_deposit":"600.00"}})",
           R"({"op":"hpf.flex.sign","request_id":"r3","as_of":"2026-03-02T09:20:00","args":{"account_no":"A000001","account_name":"张三","card_no":"6222020000123456782","bank":"ICBC","card_class":1}})",
           R"({"op":"hpf.flex.remit","request_id":"r4","as_of":"2026-03-05T10:00:00","args":{"account_no":"A000001"}})"}) {
    const json r = run(e, req);
    ASSERT_TRUE(r["ok"].get<bool>()) << r.dump();
  }
  const json v = run(e, R"({"op":"store.verify"})");
  EXPECT_TRUE(v["result"]["ok"].get<bool>()) << v.dump();
}

// Found by fuzz_values and bad_input: "0001-01" parsed as a month although the
// calendar (Date) starts in 1400, and pricing it threw std::invalid_argument:
// INTERNAL instead of REQ_BAD_VALUE.
TEST(Regressions, MonthsBeforeTheCalendarAreBadValues) {
  EXPECT_FALSE(pvd::YearMonth::parse("0001-01"));
  EXPECT_FALSE(pvd::YearMonth::parse("1399-12"));
  EXPECT_FALSE(pvd::YearMonth::parse_compact("139912"));
  ASSERT_TRUE(pvd::YearMonth::parse("1400-01"));
  EXPECT_EQ(pvd::YearMonth::parse("1400-01")->first_day(), pvd::Date::of(1400, 1, 1));
  pvd::Engine e(taiyuan());
  for (const char* req : {
           R"({"op":"hpf.deposit","as_of":"2026-07-01T10:00:00","args":{"base":"5000","employer_rate":"12%","employee_rate":"12%","month":"0001-01"}})",
           R"({"op":"si.contribution","as_of":"2026-07-01T10:00:00","args":{"wage":"5000.00","month":"1000-01"}})",
           R"({"op":"pension.min_months","args":{"retirement_month":"0001-01"}})"}) {
    const json r = run(e, req);
    ASSERT_TRUE(r["error"].is_object()) << r.dump();
    EXPECT_EQ(r["error"]["code"], "REQ_BAD_VALUE") << r.dump();
  }
}

// Found by fuzz_policy: toml++ 3.3 checks some parser preconditions with
// assert() only (marzer/tomlplusplus#294); malformed table headers aborted a
// debug build and were undefined behaviour in a release build. They are load
// errors of the file now, and an overlay that fails leaves its base as it was.
TEST(Regressions, MalformedTableHeadersAreLoadErrors) {
  for (const char* text : {"[[[1]]]\n", "[=\n", "[&]\n", "name = \"x\"\n[a.&]\n"}) {
    EXPECT_THROW(pvd::policy::load_profile_text(text, "fuzz.toml"), pvd::policy::LoadError) << text;
  }
  // toml++ 3.3 reaches __builtin_unreachable when it asks whether a character
  // outside ASCII found where TOML allows none is whitespace (fuzz_policy): the
  // loader refuses such text first, naming the line; in strings and comments
  // such characters are text as ever.
  try {
    pvd::policy::load_profile_text("[profile]\nname = \"x\"\nfrom = 2019-国办发\"\n", "typo.toml");
    ADD_FAILURE() << "a character outside a string was accepted";
  } catch (const pvd::policy::LoadError& e) {
    EXPECT_EQ(e.line(), 3);
    EXPECT_EQ(e.file(), "typo.toml");
  }
  EXPECT_THROW(pvd::policy::load_profile_text("a = \"\"\"x\"\"\"\"\" # 注\n¡ = 1\n", "t.toml"), pvd::policy::LoadError);
  // The same classifier reached from inside a bare value, where a quote opens
  // no string: a load error, no undefined behaviour (UBSan in the fuzz build).
  for (const char* text : {"from = 2020x\"本人\"\n", "a = 1¡\n", "a = 2026-07-01　\n"}) {
    EXPECT_THROW(pvd::policy::load_profile_text(text, "t.toml"), pvd::policy::LoadError) << text;
  }
  const pvd::policy::PolicyPtr base = pvd::policy::load_profile("national");
  EXPECT_THROW(pvd::policy::apply_overlay(base, "[&\n"), pvd::policy::LoadError);
}

}  // namespace
