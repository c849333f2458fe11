// quality.md §1: one JSON command through pvd_engine_execute, stateless (parse,
// decide, serialise): a calculator (hpf.deposit, pension.retirement) and
// hpf.flex.remit with its facts; the same through pvd::Engine::execute. Also
// the JSON forms of the claim check (10 … 1000 periods) and of the flexible
// back-pay (12 … 600 months, facts in, state out) so that the cost of the
// protocol around those rules is visible next to bench_rules.
//
// Every benchmark checks its response outside the timed loop: the decision and
// the amounts a correct engine gives (not just that a response came back); a
// wrong answer fails the run (exit status 1, bench::main).
//
//   build/bench/benchmarks/bench_json --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <nlohmann/json.hpp>
#include <string>

#include "common.hpp"
#include "provident.h"
#include "provident/core/date.hpp"
#include "provident/engine.hpp"

namespace {

using nlohmann::json;

pvd_engine* taiyuan_c() {
  static pvd_engine* e = bench::open_c("taiyuan");
  return e;
}

// Runs one request through the C ABI; returns the response (empty on failure).
std::string exec_c(pvd_engine* e, const std::string& req) {
  char* out = nullptr;
  std::size_t len = 0;
  if (pvd_engine_execute(e, req.data(), req.size(), &out, &len) != PVD_OK) return {};
  std::string s(out, len);
  pvd_free(out);
  return s;
}

// The stateless state after: a flexible unit registered, person A's account
// opened (600.00 a month) and signed (seed 000/002, Taiyuan).
json signed_account_state() {
  pvd_engine* e = taiyuan_c();
  json facts = json::object();
  const json steps[] = {
      {{"op", "hpf.unit.register"}, {"request_id", "b-1"}, {"as_of", "2026-03-02T09:00:00"},
       {"args", {{"unit_code", "TY-F01"}, {"name", "个人自愿缴存（市本级工行）"}, {"credit_code", "91140100MA0K12345Y"}, {"bank", "ICBC"}, {"kind", "flexible"}}}},
      {{"op", "hpf.flex.open"}, {"request_id", "b-2"}, {"as_of", "2026-03-02T09:10:00"},
       {"args", {{"unit_code", "TY-F01"}, {"name", "张三"}, {"id_number", "140105199003071234"}, {"monthly_deposit", "600.00"}, {"phone", "13812345678"}}}},
      {{"op", "hpf.flex.sign"}, {"request_id", "b-3"}, {"as_of", "2026-03-02T09:40:00"},
       {"args", {{"account_no", "A000001"}, {"account_name", "张三"}, {"card_no", "6222020000123456782"}, {"bank", "ICBC"}, {"card_class", 1}}}},
  };
  for (json step : steps) {
    step["facts"] = facts;
    const json r = json::parse(exec_c(e, step.dump()));
    if (!r.value("ok", false)) throw std::runtime_error("setup step failed: " + r.dump());
    facts = r["state"];
  }
  return facts;
}

// A check of a response: the empty string when it is the expected answer,
// otherwise what is wrong.
using Check = std::string (*)(const json& response);

// Parses `response` and applies `check`; fails the benchmark if it is wrong.
bool check_response(benchmark::State& st, const std::string& response, Check check) {
  const json r = json::parse(response, nullptr, false);
  std::string why = r.is_discarded() ? "not JSON" : check(r);
  if (why.empty()) return true;
  bench::fail(st, why + ": " + response.substr(0, 400));
  return false;
}

void run_c(benchmark::State& st, pvd_engine* e, const std::string& req, Check check) {
  if (!e) return bench::fail(st, "engine did not open");
  const std::string first = exec_c(e, req);
  if (!check_response(st, first, check)) return;
  for (auto _ : st) {
    char* out = nullptr;
    std::size_t len = 0;
    pvd_engine_execute(e, req.data(), req.size(), &out, &len);
    benchmark::DoNotOptimize(out);
    pvd_free(out);
  }
  st.counters["request_bytes"] = static_cast<double>(req.size());
  st.counters["response_bytes"] = static_cast<double>(first.size());
}

// ------------------------------------------------------------------ calculators

// Shanghai, 2024-09: 2,690 × 7% = 188.30, half up to the yuan: 188.00 a part.
std::string deposit_ok(const json& r) {
  if (r["ok"] != true) return "refused";
  return r["result"] == json{{"employer_part", "188.00"}, {"employee_part", "188.00"}, {"monthly_deposit", "376.00"}}
             ? "" : "not 188.00 + 188.00";
}
// Born 1966-03, M60: original 2026-03, four months' delay: 2026-07 at 60 years 4 months.
std::string retirement_ok(const json& r) {
  if (r["ok"] != true) return "refused";
  const json& x = r["result"];
  return x["retirement_month"] == "2026-07" && x["delay_months"] == 4 && x["original_month"] == "2026-03" ? ""
                                                                                                          : "not 2026-07";
}

const std::string kDeposit =
    R"({"op":"hpf.deposit","as_of":"2024-09-02T10:00:00","policy":"shanghai","args":{"base":"2690","employer_rate":"7%","employee_rate":"7%"}})";
const std::string kRetirement =
    R"({"op":"pension.retirement","as_of":"2026-07-01T10:00:00","args":{"birth_date":"1966-03-07","category":"M60"}})";

void BM_Json_Calculator_Deposit_CAPI(benchmark::State& st) { run_c(st, taiyuan_c(), kDeposit, deposit_ok); }
BENCHMARK(BM_Json_Calculator_Deposit_CAPI);

void BM_Json_Calculator_Retirement_CAPI(benchmark::State& st) { run_c(st, taiyuan_c(), kRetirement, retirement_ok); }
BENCHMARK(BM_Json_Calculator_Retirement_CAPI);

void BM_Json_Calculator_Deposit_Cpp(benchmark::State& st) {
  static pvd::Engine engine({.policy = "taiyuan"});
  if (!check_response(st, engine.execute(kDeposit), deposit_ok)) return;
  for (auto _ : st) benchmark::DoNotOptimize(engine.execute(kDeposit));
}
BENCHMARK(BM_Json_Calculator_Deposit_Cpp);

// ------------------------------------------------------------------ hpf.flex.remit, stateless

std::string remit_request() {
  json req = {{"op", "hpf.flex.remit"}, {"request_id", "b-remit"}, {"as_of", "2026-03-05T10:00:00"},
              {"args", {{"account_no", "A000001"}}}, {"facts", signed_account_state()}};
  return req.dump();
}

// March 2026 remitted: 600.00, the balance 600.00, the month paid in the new state.
std::string remit_ok(const json& r) {
  if (r["ok"] != true) return "refused";
  if (r["result"] != json{{"month", "2026-03"}, {"amount", "600.00"}, {"balance", "600.00"}}) return "not 600.00 for 2026-03";
  return r["state"]["accounts"][0]["paid_months"] == json::array({"2026-03"}) ? "" : "2026-03 not paid in the state";
}

void BM_Json_Stateless_Remit_CAPI(benchmark::State& st) {
  static const std::string req = remit_request();
  run_c(st, taiyuan_c(), req, remit_ok);
}
BENCHMARK(BM_Json_Stateless_Remit_CAPI);

void BM_Json_Stateless_Remit_Cpp(benchmark::State& st) {
  static pvd::Engine engine({.policy = "taiyuan"});
  static const std::string req = remit_request();
  if (!check_response(st, engine.execute(req), remit_ok)) return;
  for (auto _ : st) benchmark::DoNotOptimize(engine.execute(req));
}
BENCHMARK(BM_Json_Stateless_Remit_Cpp);

// ------------------------------------------------------------------ hpf.flex.back_pay, stateless, 12 … 600 months

// The signed account, reopened `months` months before 2026-07 with its
// deposit changed every July and every third month paid (as bench_rules).
std::string back_pay_request(int months) {
  json facts = signed_account_state();
  json& acc = facts["accounts"][0];
  const pvd::YearMonth now = pvd::YearMonth::of(2026, 7), start = now - months;
  acc["opened_on"] = start.first_day().to_string();
  acc["payable_from"] = start.to_string();
  json deposits = json::array(), paid = json::array();
  for (pvd::YearMonth m = start; m < now; m = m + 12) {
    const std::int64_t total = 60000 + (m - start) / 12 * 1000;  // fen, even: splits in two
    const auto money = [](std::int64_t fen) { return std::to_string(fen / 100) + "." + (fen % 100 < 10 ? "0" : "") + std::to_string(fen % 100); };
    deposits.push_back({{"from", m.to_string()}, {"employer_part", money(total / 2)}, {"employee_part", money(total / 2)}, {"monthly_deposit", money(total)}});
  }
  for (pvd::YearMonth m = start; m < now; m = m + 3) paid.push_back(m.to_string());
  acc["deposits"] = deposits;
  acc["paid_months"] = paid;
  json req = {{"op", "hpf.flex.back_pay"}, {"request_id", "b-bp"}, {"as_of", "2026-07-10T10:00:00"},
              {"args", {{"account_no", "A000001"}, {"end_month", "2026-06"}}}, {"facts", facts}};
  return req.dump();
}

// The expected plan (as bench_rules): every month but every third, each at the
// deposit of its July year; checked in a static so that Check stays a plain
// function pointer.
int g_back_pay_months = 0;
std::string back_pay_ok(const json& r) {
  if (r["ok"] != true) return "refused";
  std::int64_t want_months = 0, want_fen = 0;
  for (int k = 0; k < g_back_pay_months; ++k)
    if (k % 3 != 0) {
      ++want_months;
      want_fen += 60000 + k / 12 * 1000;
    }
  const json& x = r["result"];
  const std::string want_total = std::to_string(want_fen / 100) + "." + (want_fen % 100 < 10 ? "0" : "") + std::to_string(want_fen % 100);
  if (!x.contains("months") || x["months"].size() != static_cast<std::size_t>(want_months))
    return "not " + std::to_string(want_months) + " months";
  return x.value("total", json()) == want_total ? "" : "the total is not " + want_total;
}

void BM_Json_Stateless_BackPay_CAPI(benchmark::State& st) {
  const std::string req = back_pay_request(static_cast<int>(st.range(0)));
  g_back_pay_months = static_cast<int>(st.range(0));
  run_c(st, taiyuan_c(), req, back_pay_ok);
}
BENCHMARK(BM_Json_Stateless_BackPay_CAPI)->Arg(12)->Arg(60)->Arg(120)->Arg(360)->Arg(600);  // growth: compare.py (see common.hpp on Complexity)

// ------------------------------------------------------------------ pension.check_claim, 10 … 1000 periods

// The claim of bench_rules (bench::claim_periods, not shuffled; no
// adjustments or promotions): admissible at every n.
std::string claim_request(std::size_t n) {
  json periods = json::array();
  for (const auto& [from, to] : bench::claim_periods(n)) periods.push_back({{"from", from.to_string()}, {"to", to.to_string()}});
  json req = {{"op", "pension.check_claim"},
              {"as_of", "2026-07-01T10:00:00"},
              {"args",
               {{"id_number", "110105196603071239"},  // GB 11643 check digit 9
                {"category", "M60"},
                {"work_start_date", "1986-09-01"},
                {"retirement_date", "2026-07-31"},
                {"work_years", {{"years", 39}, {"months", 10}}},
                {"contribution_periods", periods},
                {"adjustments", json::array()},
                {"special_jobs", json::array()},
                {"promotions", json::array()},
                {"has_arrears", false}}}};
  return req.dump();
}

// Admissible: no violation, the retirement branch ran (2026-07 at 60 years 4
// months), the whole working life counted (478 months, 1986-09 … 2026-06).
std::string claim_ok(const json& r) {
  if (r["ok"] != true || !r["violations"].empty()) return "refused";
  const json& x = r["result"];
  if (x["statutory_month"] != "2026-07" || x["statutory_age"] != json{{"years", 60}, {"months", 4}})
    return "the retirement branch did not give 2026-07 at 60 years 4 months";
  return x["counted_months"] == 478 ? "" : "not 478 months counted";
}

void BM_Json_ClaimCheck_CAPI(benchmark::State& st) {
  const std::string req = claim_request(static_cast<std::size_t>(st.range(0)));
  run_c(st, taiyuan_c(), req, claim_ok);
}
BENCHMARK(BM_Json_ClaimCheck_CAPI)->Arg(10)->Arg(100)->Arg(1000);  // growth: compare.py (see common.hpp on Complexity)

}  // namespace

PVD_BENCHMARK_MAIN();
