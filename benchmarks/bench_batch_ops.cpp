// How each batch operation's time grows with its rows (issue 13: work bounded
// by the input's size, no quadratic paths): stateless requests of 10³, 10⁴ and
// 10⁵ rows through pvd::Engine::execute — the JSON in and out included, as a
// host pays it. Linear work shows as a flat rows/s across the sizes.
//
//   build/release/benchmarks/bench_batch_ops
//
// Every request is built and checked outside the timed loop: a request that is
// refused, an answer with the wrong number of rows, or a row whose amount is
// not the one expected fails the program (exit status 1, bench::main), so a
// benchmark never measures a rejection.
#include <benchmark/benchmark.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "common.hpp"
#include "provident/engine.hpp"
#include "provident/rules/codes.hpp"

namespace {

using nlohmann::json;

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

/// Times one request after checking its answer: result.rows holds n entries,
/// each with `field` equal to `value`.
void run(benchmark::State& st, const char* policy, const json& req, std::size_t n, const char* field, const json& value) {
  const std::string text = req.dump();
  const json check = json::parse(engine(policy).execute(text));
  if (!check["ok"].get<bool>()) return bench::fail(st, "refused: " + check.dump().substr(0, 300));
  const json& rows = check["result"]["rows"];
  if (rows.size() != n) return bench::fail(st, "result.rows has " + std::to_string(rows.size()) + " entries, not " + std::to_string(n));
  for (const auto& row : rows)
    if (row.value(field, json()) != value)
      return bench::fail(st, std::string("a row's ") + field + " is not " + value.dump() + ": " + row.dump());
  for (auto _ : st) benchmark::DoNotOptimize(engine(policy).execute(text));
  st.SetItemsProcessed(static_cast<std::int64_t>(st.iterations() * n));
  st.counters["rows"] = static_cast<double>(n);
  st.counters["request_MB"] = static_cast<double>(text.size()) / 1e6;
}

void BM_OpenAccounts(benchmark::State& st) {
  const auto n = static_cast<std::size_t>(st.range(0));
  json req = {{"op", "hpf.unit.open_accounts"}, {"as_of", "2026-01-05T10:00:00"},
              {"args", {{"unit_code", "E1"}, {"rows", open_rows(n)}}}, {"facts", {{"units", json::array({hpf_unit()})}}}};
  run(st, "taiyuan", req, n, "monthly_deposit", "1200.00");  // 5,000.00 × (12% + 12%)
}

void BM_VerifyRemittance(benchmark::State& st) {
  const auto n = static_cast<std::size_t>(st.range(0));
  json req = {{"op", "hpf.unit.verify_remittance"}, {"as_of", "2026-01-10T10:00:00"},
              {"args", {{"unit_code", "E1"}, {"month", "2026-01"}}}, {"facts", opened(n)}};
  run(st, "taiyuan", req, n, "monthly_deposit", "1200.00");
}

void BM_AdjustBase(benchmark::State& st) {
  const auto n = static_cast<std::size_t>(st.range(0));
  json rows = json::array();
  for (std::size_t i = 0; i < n; ++i) rows.push_back({{"account_no", opened(n)["accounts"][i]["account_no"]}, {"base", "6000.00"}});
  json req = {{"op", "hpf.unit.adjust_base"}, {"as_of", "2026-01-10T10:00:00"},
              {"args", {{"unit_code", "E1"}, {"effective_month", "2026-02"}, {"rows", rows}}}, {"facts", opened(n)}};
  run(st, "taiyuan", req, n, "monthly_deposit", "1440.00");  // 6,000.00 × (12% + 12%)
}

void BM_VerifyBackPay(benchmark::State& st) {
  const auto n = static_cast<std::size_t>(st.range(0));
  json rows = json::array();
  for (std::size_t i = 0; i < n; ++i)
    rows.push_back({{"account_no", opened(n)["accounts"][i]["account_no"]}, {"month", "2026-01"}, {"amount", "1200.00"}, {"reason", "overdue"}});
  json req = {{"op", "hpf.unit.verify_back_pay"}, {"as_of", "2026-02-10T10:00:00"}, {"args", {{"unit_code", "E1"}, {"rows", rows}}},
              {"facts", opened(n)}};
  run(st, "taiyuan", req, n, "amount", "1200.00");
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
  run(st, "national", req, n, "stopped", json::array({"pension"}));
}

void BM_CheckClaimAdjustments(benchmark::State& st) {
  const auto n = static_cast<std::size_t>(st.range(0));  // up to the 1,000 entries a claim allows
  json adj = json::array();
  const pvd::YearMonth w = pvd::YearMonth::of(1930, 1);
  // Every one overlapping the next: n − 1 violations. One in four is a
  // reduction, so that the months counted stay above the minimum (with every
  // other one reduced, 1,000 entries would remove 1930–2013 and the claim
  // would also be short of months).
  for (std::size_t i = 0; i < n; ++i)
    adj.push_back({{"kind", i % 4 == 3 ? "reduce" : "add"}, {"from", (w + static_cast<int>(i)).to_string()},
                   {"to", (w + static_cast<int>(i) + 1).to_string()}});
  json req = {{"op", "pension.check_claim"}, {"as_of", "2025-03-10T09:00:00"},
              {"args", {{"id_number", "110105192001011230"}, {"category", "M60"}, {"work_start_date", "1929-01-01"},
                        {"retirement_date", "2025-03-01"}, {"work_years", {{"years", 40}, {"months", 0}}},
                        {"contribution_periods", json::array({{{"from", "1985-01"}, {"to", "2024-12"}}})}, {"adjustments", adj}}}};
  const std::string text = req.dump();
  const json check = json::parse(engine("national").execute(text));
  // The answer: the claim is refused for the overlaps and nothing else (a man
  // born 1920-01, statutory month 1980-01; the ID's check digit is right).
  std::size_t overlaps = 0, others = 0;
  for (const auto& v : check["violations"]) (v["code"].get_ref<const std::string&>() == pvd::code::PENSION_ADJUSTMENT_OVERLAP ? overlaps : others) += 1;
  if (check["error"] != nullptr) return bench::fail(st, "error: " + check.dump().substr(0, 300));
  if (overlaps != n - 1 || others != 0)
    return bench::fail(st, "expected " + std::to_string(n - 1) + " overlap violations and no other, got " + std::to_string(overlaps) +
                               " and " + std::to_string(others) + ": " + check["violations"].dump().substr(0, 300));
  if (check["result"]["statutory_month"] != "1980-01" || check["result"]["adjustment_overlap_count"] != n - 1)
    return bench::fail(st, "unexpected claim report: " + check["result"].dump().substr(0, 300));
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

PVD_BENCHMARK_MAIN();
