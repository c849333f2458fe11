// String columns and blocked runs for the calculators' batches
// (batch_calls.cpp): a Python sequence of str as one UTF-8 buffer and n+1
// offsets (the kernels' fastpath::Strings), and a kernel run in blocks with
// the GIL released, a progress callback called between them.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "fastpath/batches.hpp"
#include "native.hpp"

namespace pvd::python {

/// A column of strings copied out of Python objects (with the GIL held).
struct StringColumn {
  std::string data;
  std::vector<std::int64_t> offsets{0};
  std::size_t size() const noexcept { return offsets.size() - 1; }
  fastpath::Strings strings() const noexcept { return {data.data(), offsets.data()}; }
};

/// A list, tuple or object array of str (bytes are taken as they are): None
/// or any other object is refused naming its row.
StringColumn string_column(py::handle values, const char* name);

/// Rows per block when a progress callback is given.
inline constexpr std::size_t kBlockRows = 65'536;

/// Runs kernel(first, count) with the GIL released: once over all n rows,
/// or in blocks of kBlockRows calling progress(done, n) with the GIL held
/// after each. A row error names its row in the whole batch.
template <class F>
void in_blocks(std::size_t n, const py::object& progress, F&& kernel) {
  const bool blocks = !progress.is_none();
  std::size_t first = 0;
  do {
    const std::size_t count = blocks ? std::min(kBlockRows, n - first) : n;
    try {
      py::gil_scoped_release nogil;
      kernel(first, count);
    } catch (const fastpath::Error& e) {
      throw fastpath::shifted(e, first);
    }
    first += count;
    if (blocks) progress(first, n);
  } while (first < n);
}

void register_calculator_batches(py::class_<EngineHandle>& engine);

}  // namespace pvd::python
