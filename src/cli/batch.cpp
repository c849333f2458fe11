// `provident batch CALCULATOR IN.csv OUT.csv` (protocol.md §4). Each cell is
// read in the JSON protocol's text forms (money "2690" or "2690.50" yuan,
// rates "7%" or "0.07", months YYYY-MM, dates YYYY-MM-DD, categories
// M60/F55/F50); every bad cell is reported by its line and column before
// anything is computed; the kernels (src/fastpath) run in chunks so that a
// terminal sees progress; OUT is the input's columns and the results, money
// as yuan with two decimals, written only when every row was computed.
#include "cli/batch.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>

#include "cli/csv.hpp"
#include "cli/exec.hpp"
#include "fastpath/error.hpp"
#include "fastpath/kernels.hpp"
#include "provident/core/money.hpp"
#include "provident/core/rate.hpp"

namespace pvd::cli {

namespace {

using Column = std::vector<std::int64_t>;

/// How a cell is read (input) or written (output).
enum class Kind { money, rate, month, date, category, count };

struct Field {
  std::string name;  // the CSV column
  Kind kind;
};

/// One calculator: its input columns, its result columns and the kernel over
/// rows [0, n) of the columns (pointers already offset to a chunk).
struct Calculator {
  std::string name;
  std::vector<Field> inputs, outputs;
  bool needs_as_of;
  std::function<void(const policy::Policy&, std::size_t n, const std::vector<const std::int64_t*>& in,
                     const std::vector<std::int64_t*>& out)>
      run;
};

/// --as-of as the calculators read it: a month (deposit) or a day (retirement).
struct AsOf {
  YearMonth month = YearMonth::of(2000, 1);
  Date day = Date::of(2000, 1, 1);
};

std::vector<Calculator> calculators(const AsOf& as_of) {
  using P = const policy::Policy&;
  using In = const std::vector<const std::int64_t*>&;
  using Out = const std::vector<std::int64_t*>&;
  return {
      {"deposit",
       {{"base", Kind::money}, {"employer_rate", Kind::rate}, {"employee_rate", Kind::rate}},
       {{"employer_part", Kind::money}, {"employee_part", Kind::money}},
       true,
       [as_of](P p, std::size_t n, In in, Out out) {
         fastpath::deposit_batch(p, as_of.month, n, in[0], in[1], in[2], out[0], out[1]);
       }},
      {"late-fee",
       {{"principal", Kind::money}, {"due_date", Kind::date}, {"paid_date", Kind::date}},
       {{"late_fee", Kind::money}},
       false,
       [](P p, std::size_t n, In in, Out out) { fastpath::late_fee_batch(p, n, in[0], in[1], in[2], out[0]); }},
      {"min-months",
       {{"retirement_month", Kind::month}},
       {{"min_months", Kind::count}},
       false,
       [](P p, std::size_t n, In in, Out out) { fastpath::min_months_batch(p, n, in[0], out[0]); }},
      {"retirement",
       {{"birth_month", Kind::month}, {"category", Kind::category}},
       {{"statutory_month", Kind::month}, {"delay_months", Kind::count}, {"earliest_month", Kind::month},
        {"latest_month", Kind::month}},
       true,
       [as_of](P p, std::size_t n, In in, Out out) {
         fastpath::retirement_batch(p, as_of.day, n, in[0], in[1], {out[0], out[1], out[2], out[3]});
       }},
  };
}

/// A cell read in its kind's text form, or nullopt with what it should be.
std::optional<std::int64_t> read_cell(Kind kind, const std::string& s) {
  switch (kind) {
    case Kind::money:
      if (auto m = Money::parse(s)) return m->as_fen();
      return std::nullopt;
    case Kind::rate:
      if (auto r = Rate::parse(s)) return r->to_micros();
      return std::nullopt;
    case Kind::month:
      if (auto m = YearMonth::parse(s)) return m->serial();
      return std::nullopt;
    case Kind::date:
      if (auto d = Date::parse(s)) return d->days();
      return std::nullopt;
    case Kind::category:
      if (s == "M60" || s == "F55" || s == "F50") return s == "M60" ? 1 : s == "F55" ? 2 : 3;
      return std::nullopt;
    case Kind::count: return std::nullopt;
  }
  return std::nullopt;
}

const char* expected(Kind kind) {
  switch (kind) {
    case Kind::money: return "an amount of yuan with at most two decimals (2690 or 2690.50)";
    case Kind::rate: return "a rate in whole millionths (7% or 0.07)";
    case Kind::month: return "a month YYYY-MM";
    case Kind::date: return "a date YYYY-MM-DD";
    case Kind::category: return "M60, F55 or F50";
    case Kind::count: return "a count";
  }
  return "";
}

std::string write_cell(Kind kind, std::int64_t v) {
  switch (kind) {
    case Kind::money: return Money::fen(v).to_string();
    case Kind::month: return YearMonth::from_serial(static_cast<std::int32_t>(v)).to_string();
    default: return std::to_string(v);
  }
}

/// "\rdeposit: 40% (400000 of 1000000 rows)" on stderr, only on a terminal.
class Progress {
 public:
  Progress(std::string name, std::size_t total) : name_(std::move(name)), total_(total), on_(isatty(STDERR_FILENO)) {}
  void at(std::size_t done) const {
    if (on_ && total_) std::cerr << "\r" << name_ << ": " << done * 100 / total_ << "% (" << done << " of " << total_ << " rows)" << std::flush;
  }
  ~Progress() {
    if (on_ && total_) std::cerr << "\n";
  }

 private:
  std::string name_;
  std::size_t total_;
  bool on_;
};

struct Prepared {
  std::vector<Column> in, out;
  std::vector<std::size_t> index;  // the CSV column of each input
};

/// The input columns read from the table; false after reporting every bad cell.
bool read_columns(const Calculator& c, const csv::Table& t, const std::string& file, Prepared& p) {
  std::size_t bad = 0;
  p.in.assign(c.inputs.size(), Column(t.rows.size()));
  for (std::size_t row = 0; row < t.rows.size(); ++row)
    for (std::size_t k = 0; k < c.inputs.size(); ++k) {
      const std::string& cell = t.rows[row][p.index[k]];
      if (auto v = read_cell(c.inputs[k].kind, cell)) p.in[k][row] = *v;
      else if (++bad <= 20)
        std::cerr << file << ":" << t.lines[row] << ": column " << c.inputs[k].name << ": '" << cell << "' is not "
                  << expected(c.inputs[k].kind) << "\n";
    }
  if (bad > 20) std::cerr << file << ": " << bad - 20 << " more bad cells\n";
  return bad == 0;
}

/// Runs the kernel in chunks; false after reporting the row it refused.
bool compute(const Calculator& c, const policy::Policy& policy, const csv::Table& t, const std::string& file, Prepared& p) {
  constexpr std::size_t kChunk = 1 << 16;
  const std::size_t n = t.rows.size();
  p.out.assign(c.outputs.size(), Column(n));
  Progress progress(c.name, n);
  for (std::size_t at = 0; at < n || at == 0; at += kChunk) {
    const std::size_t m = std::min(kChunk, n - at);
    std::vector<const std::int64_t*> in;
    std::vector<std::int64_t*> out;
    for (auto& col : p.in) in.push_back(col.data() + at);
    for (auto& col : p.out) out.push_back(col.data() + at);
    try {
      c.run(policy, m, in, out);
    } catch (const fastpath::Error& e) {
      std::cerr << file << (e.row ? ":" + std::to_string(t.lines[at + std::size_t(*e.row)]) : std::string()) << ": "
                << e.code << " (" << e.field << "): " << e.message_en << "\n";
      return false;
    } catch (const RequestError& e) {
      std::cerr << file << ": " << e.code() << " (" << e.field() << "): " << e.message_en() << "\n";
      return false;
    }
    progress.at(at + m);
    if (n == 0) break;
  }
  return true;
}

int write_output(const Calculator& c, const csv::Table& t, const std::string& file, const Prepared& p) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  if (!out) {
    std::cerr << "provident: batch: cannot write " << file << ": " << std::strerror(errno) << "\n";
    return 2;
  }
  std::vector<std::string> header = t.header;
  for (const auto& f : c.outputs) header.push_back(f.name);
  csv::write_row(out, header);
  for (std::size_t row = 0; row < t.rows.size(); ++row) {
    std::vector<std::string> fields = t.rows[row];
    for (std::size_t k = 0; k < c.outputs.size(); ++k) fields.push_back(write_cell(c.outputs[k].kind, p.out[k][row]));
    csv::write_row(out, fields);
  }
  out.flush();
  if (!out) {
    std::cerr << "provident: batch: cannot write " << file << ": " << std::strerror(errno) << "\n";
    return 2;
  }
  return 0;
}

/// The CSV column of each input, or a usage message naming the missing ones.
std::string find_columns(const Calculator& c, const csv::Table& t, Prepared& p) {
  std::string missing;
  for (const auto& f : c.inputs) {
    const auto it = std::find(t.header.begin(), t.header.end(), f.name);
    if (it == t.header.end()) missing += (missing.empty() ? "" : ", ") + f.name;
    p.index.push_back(static_cast<std::size_t>(it - t.header.begin()));
  }
  return missing;
}

std::optional<AsOf> read_as_of(const std::string& text) {
  AsOf a;
  if (auto d = Date::parse(text)) {
    a.day = *d;
    a.month = d->year_month();
  } else if (auto m = YearMonth::parse(text)) {
    a.month = *m;
    a.day = m->first_day();
  } else {
    return std::nullopt;
  }
  return a;
}

}  // namespace

std::vector<std::string> batch_calculators() {
  std::vector<std::string> names;
  for (const auto& c : calculators({})) names.push_back(c.name);
  return names;
}

int run_batch(const BatchOptions& o) {
  const auto as_of = o.as_of.empty() ? std::optional<AsOf>(AsOf{}) : read_as_of(o.as_of);
  if (!as_of) {
    std::cerr << "provident: batch: --as-of is not a month (YYYY-MM) or a date (YYYY-MM-DD): " << o.as_of << "\n";
    return 2;
  }
  const auto all = calculators(*as_of);
  const auto c = std::find_if(all.begin(), all.end(), [&](const Calculator& x) { return x.name == o.calculator; });
  if (c->needs_as_of && o.as_of.empty()) {
    std::cerr << "provident: batch " << c->name << ": give --as-of (the month or day the rules are read on)\n";
    return 2;
  }
  std::ifstream in;
  if (const auto why = open_to_read(o.in, in)) {
    std::cerr << "provident: batch: cannot read " << o.in << ": " << *why << "\n";
    return 2;
  }
  csv::Table t;
  if (const auto err = csv::read(in, t)) {
    std::cerr << o.in << ":" << err->line << ": " << err->reason << "\n";
    return 1;
  }
  Prepared p;
  if (const auto missing = find_columns(*c, t, p); !missing.empty()) {
    std::cerr << "provident: batch " << c->name << ": " << o.in << " has no column " << missing << "\n";
    return 2;
  }
  const auto engine = open_engine(o.engine);
  if (!engine) return 2;
  if (!read_columns(*c, t, o.in, p) || !compute(*c, *engine->policy(), t, o.in, p)) return 1;
  return write_output(*c, t, o.out, p);
}

}  // namespace pvd::cli
