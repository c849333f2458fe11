#include "common.hpp"

#include <atomic>
#include <cstdio>
#include <memory>
#include <vector>

#include "provident/core/date.hpp"

namespace bench {

namespace {

std::atomic<int> g_failures{0};

// Forwards to the display reporter the flags chose (--benchmark_format) and
// counts the runs that report an error, whoever raised it: a second guard
// besides bench::fail. With --benchmark_report_aggregates_only a failed
// repetition may be left out of the report; bench::fail's count is not.
class ErrorCountingReporter : public benchmark::BenchmarkReporter {
 public:
  explicit ErrorCountingReporter(benchmark::BenchmarkReporter* inner) : inner_(inner) {}
  bool ReportContext(const Context& c) override { return inner_->ReportContext(c); }
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const auto& r : runs)
      if (r.error_occurred) errors_.push_back(r.benchmark_name() + ": " + r.error_message);
    inner_->ReportRuns(runs);
  }
  void Finalize() override { inner_->Finalize(); }
  const std::vector<std::string>& errors() const { return errors_; }

 private:
  std::unique_ptr<benchmark::BenchmarkReporter> inner_;
  std::vector<std::string> errors_;
};

}  // namespace

void fail(benchmark::State& st, const std::string& why) {
  g_failures.fetch_add(1);
  std::fprintf(stderr, "check failed: %s\n", why.c_str());
  st.SkipWithError(why.c_str());
}

bool expect(benchmark::State& st, bool ok, const std::string& why) {
  if (!ok) fail(st, why);
  return ok;
}

void fail_program(const std::string& why) {
  g_failures.fetch_add(1);
  std::fprintf(stderr, "check failed: %s\n", why.c_str());
}

int failures() { return g_failures.load(); }

int main(int argc, char** argv) {
  const char* prog = argc > 0 ? argv[0] : "benchmark";
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  ErrorCountingReporter reporter(benchmark::CreateDefaultDisplayReporter());
  const std::size_t ran = benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  int status = 0;
  if (ran == 0) {
    std::fprintf(stderr, "%s: FAILED: no benchmark matched the filter (nothing was checked)\n", prog);
    status = 1;
  }
  for (const auto& e : reporter.errors()) std::fprintf(stderr, "%s: FAILED: %s\n", prog, e.c_str());
  if (!reporter.errors().empty() || failures() > 0) {
    std::fprintf(stderr, "%s: FAILED: %d check(s) failed, %zu run(s) reported an error\n", prog, failures(),
                 reporter.errors().size());
    status = 1;
  }
  return status;
}

std::string citizen_id(std::uint64_t k, int birth_year) {
  // Birth dates over ~24 years from 1 January of birth_year, then 999
  // sequence numbers per day: unique for k < 8.7 million.
  const pvd::Date birth = pvd::Date::of(birth_year, 1, 1) + static_cast<int>(k % 8760);
  const unsigned seq = 1 + static_cast<unsigned>((k / 8760) % 999);
  const std::string d = birth.to_string();  // YYYY-MM-DD
  std::string id = "140105" + d.substr(0, 4) + d.substr(5, 2) + d.substr(8, 2);
  id += static_cast<char>('0' + seq / 100);
  id += static_cast<char>('0' + seq / 10 % 10);
  id += static_cast<char>('0' + seq % 10);
  static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (id[static_cast<std::size_t>(i)] - '0') * w[i];
  id += "10X98765432"[sum % 11];
  return id;
}

std::vector<std::pair<pvd::YearMonth, pvd::YearMonth>> claim_periods(std::size_t n) {
  const pvd::YearMonth first = pvd::YearMonth::of(1986, 9), last = pvd::YearMonth::of(2026, 6);
  const std::int64_t span = last - first + 1, nn = static_cast<std::int64_t>(n);
  SplitMix64 g(n);
  std::vector<std::pair<pvd::YearMonth, pvd::YearMonth>> out;
  for (std::int64_t k = 0; k < nn; ++k) {
    const pvd::YearMonth from = first + static_cast<int>(k * span / nn);
    const pvd::YearMonth next = first + static_cast<int>((k + 1) * span / nn);
    pvd::YearMonth to = (from < next ? next - 1 : from) + static_cast<int>(g.in(0, 2));
    if (k % 10 == 9) to = to + 3;  // overlaps the next one
    if (last < to) to = last;
    out.emplace_back(from, to);
  }
  return out;
}

std::int32_t days_of(int y, int m, int d) { return pvd::Date::of(y, m, d).days(); }

std::int64_t seconds_of(int y, int m, int d, int hh, int mm, int ss) {
  return pvd::LocalDateTime::of(pvd::Date::of(y, m, d), hh, mm, ss).epoch_seconds();
}

}  // namespace bench
