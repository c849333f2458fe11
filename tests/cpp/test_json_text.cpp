// The JSON reader and writer of the engine (protocol.md §1.3, "Reading and
// writing JSON"): the fast reader gives the document nlohmann gives, and
// every problem the strict reading refuses — inside facts as at the top — is
// refused with the same words as before; every response is byte for byte
// nlohmann's dump of itself, the state written straight from the entities
// included.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "json/json.hpp"
#include "json/writer.hpp"
#include "provident/engine.hpp"
#include "state/encode_text.hpp"
#include "state/entities.hpp"
#include "same_json.hpp"
#include "story_files.hpp"

using nlohmann::json;
using pvd::protocol::ojson;

namespace {

std::string nlohmann_dump(const std::string& text) {
  return ojson::parse(text).dump(-1, ' ', false, ojson::error_handler_t::replace);
}

// A stateless request whose facts hold `inner` as the value of an unknown
// member (the reading refuses it before the codec sees it, or the codec names
// the member).
std::string with_facts(const std::string& inner) {
  return R"({"op":"hpf.unit.register","request_id":"t-1","as_of":"2026-03-02T09:00:00","args":{"unit_code":"TY-F01","name":"单位","credit_code":"91140100MA0K12345Y","bank":"ICBC","kind":"flexible"},"facts":{"units":[],"x":)" +
         inner + "}}";
}

std::string message_en(pvd::Engine& e, const std::string& request) {
  const json r = json::parse(e.execute(request));
  EXPECT_EQ(r["error"]["code"], "REQ_MALFORMED") << request;
  return r["error"]["message_en"].get<std::string>();
}

}  // namespace

TEST(JsonText, StrictnessProblemsInsideFactsAreRefusedWithTheSameWords) {
  pvd::Engine e({.policy = "taiyuan"});
  const std::string prefix = "The request is not a well-formed JSON object: ";
  EXPECT_EQ(message_en(e, with_facts(R"({"a":1,"a":2})")), prefix + "duplicate key \"a\"");
  EXPECT_EQ(message_en(e, with_facts(R"("a\u0000b")")), prefix + "a string contains a NUL character");
  EXPECT_EQ(message_en(e, with_facts("{\"" + std::string(257, 'k') + "\":1}")), prefix + "a member name longer than 256 bytes");
  const json long_key = json::parse(e.execute(with_facts("{\"" + std::string(256, 'k') + "\":1}")));
  EXPECT_EQ(long_key["error"]["code"], "REQ_BAD_VALUE");  // 256 bytes are read; the codec refuses the unknown member
  EXPECT_EQ(long_key["error"]["field"], "facts.x");
  // 64 levels in all are allowed, the 65th is not: the request and its facts are 2 of them.
  const auto nested = [](int levels) { return std::string(levels, '[') + std::string(levels, ']'); };
  EXPECT_EQ(message_en(e, with_facts(nested(63))), prefix + "nesting deeper than 64");
  const json ok = json::parse(e.execute(with_facts(nested(62))));
  EXPECT_EQ(ok["error"]["code"], "REQ_BAD_VALUE");  // read; the codec refuses the unknown member
  EXPECT_EQ(ok["error"]["field"], "facts.x");
  // nlohmann's own texts (position, never the bytes read).
  EXPECT_EQ(message_en(e, with_facts("\"\xc3\x28\"")),
            prefix + "parse error at line 1, column 215: syntax error while parsing value - invalid string: ill-formed UTF-8 byte");
  EXPECT_EQ(message_en(e, with_facts("\"\xed\xa0\x80\"")),
            prefix + "parse error at line 1, column 215: syntax error while parsing value - invalid string: ill-formed UTF-8 byte");
  EXPECT_EQ(message_en(e, with_facts(R"("\ud800")")),
            prefix + "parse error at line 1, column 220: syntax error while parsing value - invalid string: surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF");
  EXPECT_EQ(message_en(e, with_facts("01")),
            prefix + "parse error at line 1, column 214: syntax error while parsing object - unexpected number literal; expected '}'");
  EXPECT_EQ(message_en(e, with_facts("[1,]")),
            prefix + "parse error at line 1, column 216: syntax error while parsing value - unexpected ']'; expected '[', '{', or a literal");
}

TEST(JsonText, WhatTheFastReaderLeavesToNlohmannIsReadAsBefore) {
  // Numbers with a fraction or an exponent, integers beyond 64 bits, a byte
  // order mark: valid, read by the strict builder; the codec then judges them.
  pvd::Engine e({.policy = "taiyuan"});
  for (const std::string v : {"1.5", "1e3", "18446744073709551616", "-9223372036854775809"}) {
    const json r = json::parse(e.execute(with_facts(v)));
    EXPECT_EQ(r["error"]["code"], "REQ_BAD_VALUE") << v;
    EXPECT_EQ(r["error"]["field"], "facts.x") << v;
  }
  const json bom = json::parse(e.execute("\xef\xbb\xbf" R"({"op":"pension.min_months","as_of":"2026-01-01T00:00:00","args":{"retirement_month":"2033-04"}})"));
  EXPECT_TRUE(bom["ok"].get<bool>()) << bom.dump();
  const json r = pvd::protocol::parse_request(R"({"u":18446744073709551615,"i":-9223372036854775808,"z":-0,"f":0.5,"s":"\ud83d\ude00\/\b"})");
  EXPECT_TRUE(r["u"].is_number_unsigned());
  EXPECT_EQ(r["u"].get<std::uint64_t>(), UINT64_MAX);
  EXPECT_TRUE(r["i"].is_number_integer() && !r["i"].is_number_unsigned());
  EXPECT_EQ(r["i"].get<std::int64_t>(), INT64_MIN);
  EXPECT_TRUE(r["z"].is_number_integer() && !r["z"].is_number_unsigned());
  EXPECT_EQ(r["s"], "\xf0\x9f\x98\x80/\b");
}

TEST(JsonText, TheWriterWritesWhatNlohmannDumps) {
  ojson o = ojson::object();
  o["text"] = std::string("\"\\/\b\f\n\r\t\x01\x1f\x7f 中文 \xf0\x9f\x98\x80");
  o["nul"] = std::string("a\0b", 3);
  o["bad"] = std::string("a\xff\xc3(b");  // invalid UTF-8: replaced, as nlohmann replaces it
  o["n"] = ojson::array({0, -1, 18446744073709551615ull, INT64_MIN, 0.1, 1e300, nullptr, true, false});
  o["empty"] = ojson::object();
  o["none"] = ojson::array();
  EXPECT_EQ(pvd::protocol::dump(o), o.dump(-1, ' ', false, ojson::error_handler_t::replace));
  std::string s;
  pvd::protocol::write_json_string(s, "\x1f");
  EXPECT_EQ(s, "\"\\u001f\"");
  // A member written apart is written in its place, the rest as before.
  o["state"] = nullptr;
  o["after"] = 1;
  ojson whole = o;
  whole["state"] = ojson::parse(R"({"units":[]})");
  EXPECT_EQ(pvd::protocol::dump_with(o, "state", R"({"units":[]})"), whole.dump(-1, ' ', false, ojson::error_handler_t::replace));
  EXPECT_EQ(pvd::protocol::dump_with(o, "state", ""), pvd::protocol::dump(o));
}

// Every stateless step of the case corpus: the response is nlohmann's dump of
// itself, the request reads as nlohmann reads it, and the state written
// straight from the entities is the dump of their document.
TEST(JsonText, EveryCorpusResponseIsItsOwnDump) {
  std::size_t steps = 0, states = 0;
  for (const auto& param : pvd::test::story_params()) {
    if (param.store) continue;
    pvd::test::run_story(param.file, false, [&](const pvd::test::Step& step) {
      const std::string request = step.request.dump();
      EXPECT_TRUE(pvd::test::same_json(pvd::protocol::parse_request(request), json::parse(request))) << step.no;
      const std::string text = step.engine.execute(request);
      ASSERT_EQ(text, nlohmann_dump(text)) << step.no;
      ++steps;
      const json response = json::parse(text);
      if (response["state"].is_object()) {
        const pvd::state::Facts facts = pvd::state::decode_facts(response["state"]);
        std::string written;
        pvd::state::encode_text(written, facts);
        EXPECT_EQ(written, pvd::state::encode(facts).dump(-1, ' ', false, ojson::error_handler_t::replace)) << step.no;
        ++states;
      }
    });
  }
  EXPECT_GT(steps, 500u);
  EXPECT_GT(states, 300u);
}
