// `provident batch CALCULATOR IN.csv OUT.csv` (protocol.md §4): the engine's
// batch calculators (src/fastpath/kernels.hpp) over CSV files.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "provident/engine.hpp"

namespace pvd::cli {

struct BatchOptions {
  std::string calculator;  // "deposit", "late-fee", "min-months", "retirement"
  std::string in, out;
  pvd::EngineOptions engine;  // policy, overlay, lenient, strict
  std::string as_of;          // YYYY-MM (deposit) or YYYY-MM-DD (retirement)
};

/// The calculators' names, for the command line's choices.
std::vector<std::string> batch_calculators();

/// Exit 0 when every row was computed and OUT written; 1 when a row is bad
/// (each bad cell named by its line and column; OUT not written); 2 for a
/// usage or I/O error (a file that cannot be read or written, a missing
/// column, a bad --as-of).
int run_batch(const BatchOptions& options);

}  // namespace pvd::cli
