// Shared helpers of the SI and pension tests: an engine that answers JSON
// objects, valid ID numbers, and the codes of a response.
#pragma once

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "provident/engine.hpp"
#include "provident/id/citizen_id.hpp"

namespace si_test {

using json = nlohmann::json;

/// An 18-character ID number: region 130402, birth yyyymmdd, sequence (odd =
/// male, even = female), with its check character.
inline std::string make_id(const std::string& birth, int seq, const std::string& region = "130402") {
  char buf[4];
  std::snprintf(buf, sizeof buf, "%03d", seq);
  std::string first17 = region + birth + buf;
  return first17 + pvd::id::id_check_char(first17);
}

/// The Handan profile without its review list: every operation takes effect at once.
inline const char* kNoReview = R"(
[[review.ops]]
from = 2019-05-01
value = []
source = "test: no review"
verified = true
)";

struct Eng {
  pvd::Engine engine;
  explicit Eng(const std::string& policy = "handan", std::optional<std::string> overlay = std::string(kNoReview))
      : engine(options(policy, std::move(overlay))) {}
  static pvd::EngineOptions options(const std::string& policy, std::optional<std::string> overlay) {
    pvd::EngineOptions o;
    o.policy = policy;
    o.overlay = std::move(overlay);
    return o;
  }
  json run(const json& req) { return json::parse(engine.execute(req.dump())); }
  /// A stateless request on `facts`.
  json op(const std::string& name, const std::string& as_of, json args, const json& facts = json::object(),
          bool explain = false) {
    json req = {{"op", name}, {"as_of", as_of}, {"args", std::move(args)}, {"facts", facts}};
    if (explain) req["explain"] = true;
    return run(req);
  }
  json calc(const std::string& name, const std::string& as_of, json args) {
    return run({{"op", name}, {"as_of", as_of}, {"args", std::move(args)}});
  }
};

inline std::vector<std::string> codes(const json& resp) {
  std::vector<std::string> out;
  for (const auto& v : resp["violations"]) out.push_back(v["code"].get<std::string>());
  return out;
}

inline bool has_code(const json& resp, const std::string& code) {
  for (const auto& v : resp["violations"])
    if (v["code"] == code) return true;
  return false;
}

inline std::string error_code(const json& resp) {
  return resp["error"].is_null() ? std::string() : resp["error"]["code"].get<std::string>();
}

inline const char* kUnit = "1304000001";
inline const char* kUnit2 = "130400000201";
inline const char* kCredit = "91110000600037341L";

/// A state with the SI units kUnit and kUnit2 (settlement period `period`).
inline json units_state(Eng& e, const std::string& period = "2025-03") {
  json s = e.op("si.unit.register", "2025-03-01T09:00:00",
                {{"unit_code", kUnit}, {"name", "邯郸示例有限公司"}, {"credit_code", kCredit}, {"kind", "enterprise"},
                 {"settlement_period", period}})["state"];
  return e.op("si.unit.register", "2025-03-01T09:00:00",
              {{"unit_code", kUnit2}, {"name", "邯郸第二有限公司"}, {"credit_code", kCredit}, {"kind", "enterprise"},
               {"settlement_period", period}},
              s)["state"];
}

inline json enroll_args(const std::string& id, const std::string& enroll_date, json types = {"pension"},
                        const char* unit = kUnit, const std::string& wage = "5000.00") {
  return {{"unit_code", unit},       {"id_number", id}, {"name", "张三"}, {"work_start_date", "2010-07-01"},
          {"enroll_date", enroll_date}, {"types", std::move(types)}, {"wage", wage}};
}

}  // namespace si_test
