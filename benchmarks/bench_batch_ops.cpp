// How each batch operation's time grows with its rows (issue 13: work bounded
// by the input's size, no quadratic paths): stateless requests of 10³, 10⁴ and
// 10⁵ rows through pvd::Engine::execute — the JSON in and out included, as a
// host pays it. Linear work shows as a flat rows/s across the sizes.
//
//   build/release/benchmarks/bench_batch_ops
//
// Every request is built and checked outside the timed loop: a request that is
// refused, or an answer with the wrong number of rows, fails the program
// (exit status 1), so a benchmark never measures a rejection.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "common.hpp"
#include "provident/engine.hpp"

namespace {

using nlohmann::json;

bool g_failed = false;

void fail(benchmark::State& st, const std::string& why) {
  g_failed = true;
  st.SkipWithError(why.c_str());
}

pvd::Engine& engine(const char* policy) {
  static pvd::Engine taiyuan({.policy = "taiyuan"});
  static pvd::Engine national({.policy = "national"});
  return std::string(policy) == "taiyuan" ? taiyuan : national;
}

json hpf_unit() {
  return {{"unit_code", "E1"}, {"name", "某公司"}, {"credit_code", "91410200MA4F234563"}, {"scheme", "hpf"}, {"kind", "employer"},
          {"profile", "taiyuan"}, {"status", "active"}, {"bank", "CCB"}, {"employer_rate", "0.12"}, {"employee_rate", "0.12"},
          {"suspense_balance", "0.00"}};
}

json open_rows(std::size_t n) {
  json rows = json::array();
  for (std::size_t i = 0; i < n; ++i)
    rows.push_back({{"name", "职工" + std::to_string(i)}, {"id_number", bench::citizen_id(i)}, {"base", "5000.00"}});
  return rows;
}

/// The state after opening n accounts at E1 in 2026-01 (facts for the next operations).
const json& opened(std::size_t n) {
  static std::map<std::size_t, json> cache;
  auto it = cache.find(n);
  if (it != cache.end()) return it->second;
  json req = {{"op", "hpf.unit.open_accounts"}, {"as_of", "2026-01-05T10:00:00"},
              {"args", {{"unit_code", "E1"}, {"rows", open_rows(n)}}}, {"facts", {{"units", json::array({hpf_unit()})}}}};
  json r = json::parse(engine("taiyuan").execute(req.dump()));
  return cache[n] = r["state"];
}

/// Times one request; `rows` is the member of `result` that must hold n entries.
void run(benchmark::State& st, const char* policy, const json& req, const char* rows, std::size_t n) {
  const std::string text = req.dump();
  const json check = json::parse(engine(policy).execute(text));
  if (!check["ok"].get<bool>()) return fail(st, "refused: " + check.dump().substr(0, 300));
  if (rows && check["result"][rows].size() != n) return fail(st, std::string("wrong number of ") + rows);
  for (auto _ : st) benchmark::DoNotOptimize(engine(policy).execute(text));
  st.SetItemsProcessed(static_cast<std::int64_t>(st.iterations() * n));
  st.counters["rows"] = static_cast<double>(n);
  st.counters["request_MB"] = static_cast<double>(text.size()) / 1e6;
}

void BM_OpenAccounts(benchmark::State& st) {
  const auto n = static_cast<std::size_t>(st.range(0));
  json req = {{"op", "hpf.unit.open_accounts"}, {"as_of", "2026-01-05T10:00:00"},
              {"args", {{"unit_code", "E1"}, {"rows", open_rows(n)}}}, {"facts", {{"units", json::array({hpf_unit()})}}}};
  run(st, "taiyuan", req, "rows", n);
}

void BM_VerifyRemittance(benchmark::State& st) {
  const auto n = static_cast<std::size_t>(st.range(0));
  json req = {{"op", "hpf.unit.verify_remittance"}, {"as_of", "2026-01-10T10:00:00"},
              {"args", {{"unit_code", "E1"}, {"month", "2026-01"}}}, {"facts", opened(n)}};
  run(st, "taiyuan", req, "rows", n);
}

void BM_AdjustBase(benchmark::State& st) {
  const auto n = static_cast<std::size_t>(st.range(0));
  json rows = json::array();
  for (std::size_t i = 0; i < n; ++i) rows.push_back({{"account_no", opened(n)["accounts"][i]["account_no"]}, {"base", "6000.00"}});
  json req = {{"op", "hpf.unit.adjust_base"}, {"as_of", "2026-01-10T10:00:00"},
              {"args", {{"unit_code", "E1"}, {"effective_month", "2026-02"}, {"rows", rows}}}, {"facts", opened(n)}};
  run(st, "taiyuan", req, "rows", n);
}

void BM_VerifyBackPay(benchmark::State& st) {
  const auto n = static_cast<std::size_t>(st.range(0));
  json rows = json::array();
  for (std::size_t i = 0; i < n; ++i)
    rows.push_back({{"account_no", opened(n)["accounts"][i]["account_no"]}, {"month", "2026-01"}, {"amount", "1200.00"}, {"reason", "overdue"}});
  json req = {{"op", "hpf.unit.verify_back_pay"}, {"as_of", "2026-02-10T10:00:00"}, {"args", {{"unit_code", "E1"}, {"rows", rows}}},
              {"facts", opened(n)}};
  run(st, "taiyuan", req, "rows", n);
}

void BM_SiStopBatch(benchmark::State& st) {
  const auto n = static_cast<std::size_t>(st.range(0));
  json unit = {{"unit_code", "1304030001"}, {"name", "邯郸某公司"}, {"credit_code", "91130400MA0A12345X"}, {"scheme", "si"},
               {"kind", "enterprise"}, {"profile", "national"}, {"status", "active"}, {"suspense_balance", "0.00"},
               {"settlement_period", "2025-03"}};
  json persons = json::array(), rows = json::array();
  for (std::size_t i = 0; i < n; ++i) {
    const std::string id = bench::citizen_id(i);
    persons.push_back({{"id_number", id}, {"name", "职工"}, {"category", nullptr}, {"work_start_date", "2010-01-01"},
                       {"enrollments", json::array({{{"unit_code", "1304030001"}, {"type", "pension"}, {"from", "2025-01-02"},
                                                     {"to", nullptr}, {"base", "5000.00"}, {"back_pay", false}}})},
                       {"contributions", json::array()}, {"last_change_date", json::object()}});
    rows.push_back({{"id_number", id}, {"stop_date", "20250310"}, {"reason", "stop_contribution"}});
  }
  json req = {{"op", "si.stop_batch"}, {"as_of", "2025-03-15T10:00:00"}, {"args", {{"unit_code", "1304030001"}, {"rows", rows}}},
              {"facts", {{"units", json::array({unit})}, {"persons", persons}}}};
  run(st, "national", req, "rows", n);
}

void BM_CheckClaimAdjustments(benchmark::State& st) {
  const auto n = static_cast<std::size_t>(st.range(0));  // up to the 1,000 entries a claim allows
  json adj = json::array();
  const pvd::YearMonth w = pvd::YearMonth::of(1930, 1);
  for (std::size_t i = 0; i < n; ++i)  // every one overlapping the next: n − 1 violations
    adj.push_back({{"kind", i % 2 ? "reduce" : "add"}, {"from", (w + static_cast<int>(i)).to_string()},
                   {"to", (w + static_cast<int>(i) + 1).to_string()}});
  json req = {{"op", "pension.check_claim"}, {"as_of", "2025-03-10T09:00:00"},
              {"args", {{"id_number", "110105192001011234"}, {"category", "M60"}, {"work_start_date", "1929-01-01"},
                        {"retirement_date", "2025-03-01"}, {"work_years", {{"years", 40}, {"months", 0}}},
                        {"contribution_periods", json::array({{{"from", "1985-01"}, {"to", "2024-12"}}})}, {"adjustments", adj}}}};
  const std::string text = req.dump();
  const json check = json::parse(engine("national").execute(text));
  std::size_t overlaps = 0;
  for (const auto& v : check["violations"]) overlaps += v["code"] == "PENSION_ADJUSTMENT_OVERLAP";
  if (check["error"] != nullptr) return fail(st, "error: " + check.dump().substr(0, 300));
  if (overlaps != n - 1) return fail(st, "expected " + std::to_string(n - 1) + " overlap violations, got " + std::to_string(overlaps));
  for (auto _ : st) benchmark::DoNotOptimize(engine("national").execute(text));
  st.SetItemsProcessed(static_cast<std::int64_t>(st.iterations() * n));
  st.counters["rows"] = static_cast<double>(n);
}

}  // namespace

BENCHMARK(BM_OpenAccounts)->Arg(1'000)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_VerifyRemittance)->Arg(1'000)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_AdjustBase)->Arg(1'000)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_VerifyBackPay)->Arg(1'000)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SiStopBatch)->Arg(1'000)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CheckClaimAdjustments)->Arg(10)->Arg(100)->Arg(1'000)->Unit(benchmark::kMillisecond);

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  if (g_failed) std::fprintf(stderr, "bench_batch_ops: a request was refused or answered wrongly (see above)\n");
  return g_failed ? 1 : 0;
}
