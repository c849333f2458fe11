// Shared helpers of the HPF tests: engines per profile (and with overlays),
// facts builders for units and accounts (state.md §2), and a request runner
// for the stateless mode (facts in, decision + events + state out).
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "provident/engine.hpp"

namespace hpftest {

using nlohmann::json;

// Valid identifiers (GB 11643-1999 and Luhn check digits computed).
inline const std::string kIdMale1990 = "140105199003071234";    // man, born 1990-03-07
inline const std::string kIdMale1985 = "140105198506124567";    // man, born 1985-06-12
inline const std::string kIdFemale1992 = "140105199211200029";  // woman, born 1992-11-20
inline const std::string kIdMale1965 = "140105196503011234";    // man, born 1965-03-01 (retires 2025-04)
inline const std::string kIdChild2010 = "140105201001011115";   // born 2010-01-01
inline const std::string kIcbcCard = "6222020000123456782";
inline const std::string kCcbCard = "6217000000123456786";
inline const std::string kCommitment = "本人自愿申请封存住房公积金个人账户，已知悉封存期间不能缴存，承诺所提供信息真实有效。";

/// One engine per (profile, overlay), opened once.
inline pvd::Engine& engine(const std::string& profile, const std::string& overlay = "") {
  static std::mutex mu;
  static std::map<std::string, std::unique_ptr<pvd::Engine>> engines;
  std::lock_guard lock(mu);
  auto& e = engines[profile + "\n" + overlay];
  if (!e) {
    pvd::EngineOptions o;
    o.policy = profile;
    if (!overlay.empty()) o.overlay = overlay;
    e = std::make_unique<pvd::Engine>(o);
  }
  return *e;
}

/// An overlay setting one integer/boolean/list parameter from `from`.
inline std::string overlay_of(const std::string& key, const std::string& value, const std::string& from = "2015-01-01") {
  return "[[" + key + "]]\nfrom = " + from + "\nvalue = " + value + "\nsource = \"test\"\nverified = false\n";
}

inline json flex_unit(const std::string& code = "F1", const std::string& profile = "taiyuan", const std::string& bank = "ICBC") {
  return {{"unit_code", code}, {"name", "个人自愿缴存（市本级工行）"}, {"credit_code", "91140100MA0K12345Y"},
          {"scheme", "hpf"}, {"kind", "flexible"}, {"profile", profile}, {"status", "active"}, {"bank", bank}};
}

inline json employer_unit(const std::string& code = "E1", const std::string& profile = "taiyuan", const std::string& er = "0.12",
                          const std::string& ee = "0.12") {
  return {{"unit_code", code}, {"name", "某公司"}, {"credit_code", "91410200MA4F234563"}, {"scheme", "hpf"},
          {"kind", "employer"}, {"profile", profile}, {"status", "active"}, {"bank", "CCB"},
          {"employer_rate", er}, {"employee_rate", ee}, {"suspense_balance", "0.00"}};
}

/// "123.45" → 12345 (test data only).
inline long long fen_of(const std::string& m) {
  const auto dot = m.find('.');
  return std::stoll(m.substr(0, dot)) * 100 + (dot == std::string::npos ? 0 : std::stoll(m.substr(dot + 1)));
}
inline std::string money_of(long long fen) {
  std::string c = std::to_string(fen % 100);
  return std::to_string(fen / 100) + "." + (c.size() == 1 ? "0" + c : c);
}
/// A flexible deposit entry: two halves, the employer part taking the odd fen.
inline json flex_deposit(const std::string& from, const std::string& deposit) {
  const long long f = fen_of(deposit), ee = f / 2;
  return {{"from", from}, {"employer_part", money_of(f - ee)}, {"employee_part", money_of(ee)}, {"monthly_deposit", deposit}};
}

/// A flexible account, normal and signed, with one deposit from `from`.
inline json flex_account(const std::string& no = "A1", const std::string& unit = "F1", const std::string& from = "2026-01",
                         const std::string& deposit = "600.00", const std::string& id = kIdMale1990) {
  return {{"account_no", no},
          {"unit_code", unit},
          {"status", "normal"},
          {"person", {{"name", "张三"}, {"id_number", id}, {"category", nullptr}}},
          {"phone", nullptr},
          {"opened_on", from + "-02"},
          {"sealed_on", nullptr},
          {"base", nullptr},
          {"deposits", json::array({flex_deposit(from, deposit)})},
          {"payable_from", from},
          {"paid_months", json::array()},
          {"contract", {{"bank", "ICBC"}, {"account_name", "张三"}, {"card_no", kIcbcCard}, {"card_class", 1}}},
          {"last_adjust_year", nullptr},
          {"adjust_count", 0},
          {"balance", "0.00"},
          {"interest_settled_through", nullptr},
          {"ledger", json::array()},
          {"has_outstanding_loan", false}};
}

/// A request in stateless mode.
inline json request(const std::string& op, const std::string& as_of, json args, json facts) {
  json r = {{"op", op}, {"as_of", as_of}, {"args", std::move(args)}, {"facts", std::move(facts)}};
  return r;
}

inline json run(pvd::Engine& e, const json& req) { return json::parse(e.execute(req.dump())); }

inline json run(const std::string& profile, const std::string& op, const std::string& as_of, json args, json facts,
                const std::string& overlay = "") {
  return run(engine(profile, overlay), request(op, as_of, std::move(args), std::move(facts)));
}

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

/// The account `no` in a response's state.
inline json account_in(const json& resp, const std::string& no) {
  for (const auto& a : resp["state"]["accounts"])
    if (a["account_no"] == no) return a;
  return nullptr;
}

inline json unit_in(const json& resp, const std::string& code) {
  for (const auto& u : resp["state"]["units"])
    if (u["unit_code"] == code) return u;
  return nullptr;
}

}  // namespace hpftest
