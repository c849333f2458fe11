// String columns and blocked runs for the calculators' batches
// (batch_calls.cpp): a Python sequence of str as one UTF-8 buffer and n+1
// offsets (the kernels' fastpath::Strings), and a kernel run in blocks with
// the GIL released, a progress callback called between them.
#pragma once

#include <algorithm>
#include <optional>
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
/// Rows of a fixed-width array converted at a time (a buffer that stays in cache).
inline constexpr std::size_t kChunkRows = 4'096;

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

/// A string column for a kernel: a numpy fixed-width 'S' / 'U' array
/// converted chunk by chunk into one reused buffer (no whole-column copy, no
/// Python object per row), anything else copied once (string_column).
class StringRows {
 public:
  StringRows(py::handle values, const char* name);
  std::size_t size() const noexcept { return rows_; }

  /// in_blocks over the rows, calling kernel(strings, first, count) on
  /// chunks whose strings start at row `first`.
  template <class K>
  void run(const py::object& progress, K&& kernel) const {
    in_blocks(rows_, progress, [&](std::size_t first, std::size_t count) {
      if (!array_) return kernel(fastpath::Strings{column_.data.data(), column_.offsets.data() + first}, first, count);
      StringColumn chunk;
      for (std::size_t done = 0; done < count; done += kChunkRows) {
        const std::size_t c = std::min(kChunkRows, count - done);
        fill(first + done, c, done, chunk);
        try {
          kernel(chunk.strings(), first + done, c);
        } catch (const fastpath::Error& e) {
          throw fastpath::shifted(e, done);
        }
      }
    });
  }

 private:
  void fill(std::size_t first, std::size_t count, std::size_t row_base, StringColumn& chunk) const;
  const char* name_;
  std::size_t rows_ = 0;
  std::optional<py::array> array_;
  StringColumn column_;
};

void register_calculator_batches(py::class_<EngineHandle>& engine);

}  // namespace pvd::python
