// Edges of a request (issue 13): a NUL byte anywhere is malformed (nlohmann's
// lexer would take it for the end and evaluate the text before it), and a
// member name is at most 256 bytes (a 16 MB key gave a 50 MB error).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "provident/engine.hpp"

using nlohmann::json;

TEST(HostileRequests, ANulByteIsMalformedWhereverItIs) {
  pvd::Engine e(pvd::EngineOptions{});
  const std::string ok = R"({"op":"pension.min_months","as_of":"2026-01-01T00:00:00","args":{"retirement_month":"2033-04"}})";
  EXPECT_TRUE(json::parse(e.execute(ok))["ok"].get<bool>());
  for (const std::string& bad : std::vector<std::string>{ok + std::string("\0garbage", 8), std::string("\0", 1) + ok, ok.substr(0, 10) + std::string("\0", 1) + ok.substr(10)}) {
    const json r = json::parse(e.execute(bad));
    EXPECT_EQ(r["error"]["code"], "REQ_MALFORMED") << r.dump();
    EXPECT_EQ(r["error"]["message_en"], "The request is not a well-formed JSON object: a NUL byte");
  }
}

TEST(HostileRequests, AMemberNameIsAtMost256Bytes) {
  pvd::Engine e(pvd::EngineOptions{});
  auto with_key = [&](std::size_t n) {
    return json::parse(e.execute(R"({"op":"pension.min_months","as_of":"2026-01-01T00:00:00","args":{"retirement_month":"2033-04",")" +
                                 std::string(n, 'k') + R"(":1}})"));
  };
  EXPECT_EQ(with_key(256)["error"]["code"], "REQ_BAD_VALUE");  // at the limit: an unknown member, named
  const json past = with_key(257);
  EXPECT_EQ(past["error"]["code"], "REQ_MALFORMED");
  EXPECT_EQ(past["error"]["message_en"], "The request is not a well-formed JSON object: a member name longer than 256 bytes");
  EXPECT_LT(past.dump().size(), 1000u);
}

#include "engine/run.hpp"

TEST(HostileRequests, AResponseOverTheLimitIsReplacedByREQ_TOO_LARGE) {
  const std::string small = R"({"ok":true})";
  EXPECT_EQ(pvd::engine::bounded_response(small, "x", std::nullopt, 64), small);
  const json r = json::parse(pvd::engine::bounded_response(std::string(3u << 20, 'x'), "hpf.unit.open_accounts", std::string("r1"), 2u << 20));
  EXPECT_EQ(r["error"]["code"], "REQ_TOO_LARGE");
  EXPECT_EQ(r["error"]["message_en"], "The response would exceed the limit of 2 MiB: split the request");
  EXPECT_EQ(r["request_id"], "r1");
}
