// What the files of the native module `_provident` share (protocol.md §3):
// the engine handle, int64 columns taken from numpy, and the errors the
// module raises. The rules and their checks are the shared kernels'
// (src/fastpath); this module turns numpy arrays into pointers and errors into
// the package's exceptions.
//
// Exact values only: money is int64 fen, rates int64 millionths, months int
// serials (year*12 + month-1), days int serials (days since 1970-01-01). A
// float array, or a float where an integer is expected, is refused
// (provident.FloatNotAllowed) rather than converted.
#pragma once

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fastpath/error.hpp"
#include "provident/engine.hpp"

namespace pvd::python {

namespace py = pybind11;

using I64Array = py::array_t<std::int64_t, py::array::c_style>;
using fastpath::Error;

/// An error of the Python layer: WRONG_TYPE, FLOAT_NOT_ALLOWED, MISUSE, … (the
/// package maps each code to its exception class, provident/errors.py).
[[noreturn]] void raise_code(std::string_view code, std::string field, std::string zh, std::string en);

// ------------------------------------------------------------------ engine
// Calls copy the shared pointer (with the GIL held) before releasing the GIL,
// so close() from another thread never pulls the engine from under a call in
// flight: the engine goes when the last call using it returns.
struct EngineHandle {
  std::shared_ptr<pvd::Engine> engine;
  std::string profile;

  std::shared_ptr<pvd::Engine> get() const {
    if (!engine) raise_code("MISUSE", "", "引擎已关闭", "the engine is closed");
    return engine;
  }
  policy::PolicyPtr policy() const { return get()->policy(); }
};

// ------------------------------------------------------------------ arrays

/// An integer argument as a C-contiguous int64 array; a 0-d one (a scalar,
/// where `scalar_ok`) is broadcast by common_length.
struct Column {
  I64Array array;
  bool scalar = false;
  const std::int64_t* data() const { return array.data(); }
};

/// Floats (arrays or scalars) are refused, never truncated; other integer
/// dtypes that fit int64 are widened (one vectorised copy, no Python per
/// row); booleans, objects and uint64 are refused.
Column int64_column(py::handle obj, const char* name, bool scalar_ok);

/// Checks that every 1-D column has the same length and expands the 0-d ones
/// to it (one allocation per batch, none per row); the number of rows.
std::size_t common_length(const std::vector<Column*>& cols, const std::vector<const char*>& names);

I64Array new_array(std::size_t n);

/// An output array given by the caller (`out=`): int64, C-contiguous,
/// writable, n elements.
I64Array output_array(py::handle obj, const char* name, std::size_t n);

// ------------------------------------------------------------------ batches
void register_batches(py::class_<EngineHandle>& engine);

}  // namespace pvd::python
