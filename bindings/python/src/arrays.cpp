// numpy arrays as int64 columns for the shared kernels (native.hpp).
#include <algorithm>
#include <optional>

#include "native.hpp"

namespace pvd::python {

void raise_code(std::string_view code, std::string field, std::string zh, std::string en) {
  throw Error(fastpath::Cause::argument, std::string(code), std::move(field), std::move(zh), std::move(en));
}

namespace {

[[noreturn]] void wrong_type(const std::string& field, const std::string& zh, const std::string& en) {
  raise_code("WRONG_TYPE", field, field + zh, field + en);
}

[[noreturn]] void not_one_dimensional(const std::string& field) {
  fastpath::bad_value(field, field + "须为一维数组", field + " must be a one-dimensional array");
}

std::string dtype_of(const py::array& a) { return std::string(py::str(a.dtype())); }

// pandas data (a Series, a nullable Int64 or boolean column, …) as numpy, by the package's
// converter (provident/_arrays.py, native_column): NA rows are refused there, naming the row.
// numpy arrays and Python ints skip it; outside the package the object is read as it is.
py::object plain_column(py::handle obj, const std::string& field) {
  if (py::isinstance<py::array>(obj) || PyLong_CheckExact(obj.ptr())) return py::reinterpret_borrow<py::object>(obj);
  py::object convert;
  try {
    convert = py::module_::import("provident._arrays").attr("native_column");
  } catch (py::error_already_set&) {
    return py::reinterpret_borrow<py::object>(obj);
  }
  return convert(obj, field);  // a provident error propagates as it is
}

}  // namespace

Column int64_column(py::handle given, const char* name, bool scalar_ok) {
  const std::string field = name;
  const py::object plain = plain_column(given, field);
  const py::handle obj = plain;
  if (PyFloat_Check(obj.ptr()))
    raise_code("FLOAT_NOT_ALLOWED", field, field + "不能是浮点数",
               field + " must not be a float: use int64 fen, millionths or serials");
  if (PyBool_Check(obj.ptr())) wrong_type(field, "须为整数数组", " must be an integer array, not a bool");
  py::array arr = py::array::ensure(obj);
  if (!arr) {
    PyErr_Clear();
    wrong_type(field, "须为整数数组", " must be an integer array (numpy int64)");
  }
  const char kind = arr.dtype().kind();
  if (kind == 'f' || kind == 'c')
    raise_code("FLOAT_NOT_ALLOWED", field, field + "不能是浮点数组",
               field + " must not be a float array (dtype " + dtype_of(arr) +
                   "): convert exact values to int64 fen, millionths or serials");
  if (kind == 'u' && arr.dtype().itemsize() >= 8)
    wrong_type(field, "不能是uint64数组", " must not be uint64 (values beyond int64): use int64");
  if (kind != 'i' && kind != 'u')
    wrong_type(field, "须为整数数组", " must be an integer array (numpy int64), not dtype " + dtype_of(arr));
  if (arr.ndim() > 1 || (arr.ndim() == 0 && !scalar_ok)) not_one_dimensional(field);
  // Same dtype and C-contiguous: no copy. Otherwise one vectorised conversion.
  return Column{I64Array::ensure(arr)};
}

std::size_t common_length(const std::vector<Column*>& cols, const std::vector<const char*>& names) {
  std::optional<std::size_t> n;
  for (std::size_t i = 0; i < cols.size(); ++i) {
    if (cols[i]->array.ndim() == 0) {
      cols[i]->scalar = true;
      continue;
    }
    const auto len = static_cast<std::size_t>(cols[i]->array.shape(0));
    if (!n) n = len;
    else if (*n != len)
      fastpath::bad_value(names[i], names[i] + std::string("的长度与其他数组不同"),
                          names[i] + std::string(" has ") + std::to_string(len) + " rows, the other arrays " + std::to_string(*n));
  }
  if (!n) n = 1;  // every argument a scalar: one row
  for (auto* c : cols) {
    if (!c->scalar) continue;
    I64Array full(static_cast<py::ssize_t>(*n));
    std::fill_n(full.mutable_data(), *n, *c->array.data());
    c->array = std::move(full);
  }
  return *n;
}

I64Array new_array(std::size_t n) { return I64Array(static_cast<py::ssize_t>(n)); }

I64Array output_array(py::handle obj, const char* name, std::size_t n) {
  const std::string field = name;
  if (!py::isinstance<py::array>(obj)) wrong_type(field, "须为numpy int64数组", " must be a numpy int64 array");
  auto arr = py::reinterpret_borrow<py::array>(obj);
  if (!arr.dtype().is(py::dtype::of<std::int64_t>()) || arr.ndim() != 1 || !(arr.flags() & py::array::c_style) ||
      !arr.writeable())
    wrong_type(field, "须为可写的一维连续int64数组", " must be a writable, C-contiguous, one-dimensional int64 array");
  if (static_cast<std::size_t>(arr.shape(0)) != n)
    fastpath::bad_value(field, field + "的长度与输入不同",
                        field + " has " + std::to_string(arr.shape(0)) + " elements, the inputs " + std::to_string(n));
  return py::reinterpret_borrow<I64Array>(obj);
}

}  // namespace pvd::python
