// String columns for the calculators' batches (columns.hpp): Python str (or
// bytes) objects copied once into one UTF-8 buffer with n+1 offsets.
#include "columns.hpp"

namespace pvd::python {

namespace {

[[noreturn]] void bad_string(std::size_t row, const char* name, PyObject* item) {
  const bool missing = item == Py_None;
  fastpath::bad_row(row, name, missing ? std::string(name) + "缺少值" : std::string(name) + "须为字符串",
                    missing ? std::string(name) + " is missing (None)"
                            : std::string(name) + " is not a string (" + Py_TYPE(item)->tp_name + ")");
}

/// The bytes the rows need at most: ASCII strings exactly, others 4 per character.
std::size_t capacity_of(PyObject** items, Py_ssize_t n) noexcept {
  std::size_t total = 0;
  for (Py_ssize_t i = 0; i < n; ++i) {
    PyObject* item = items[i];
    if (PyUnicode_Check(item))
      total += static_cast<std::size_t>(PyUnicode_GET_LENGTH(item)) * (PyUnicode_IS_COMPACT_ASCII(item) ? 1 : 4);
    else if (PyBytes_Check(item))
      total += static_cast<std::size_t>(PyBytes_GET_SIZE(item));
  }
  return total;
}

}  // namespace

StringColumn string_column(py::handle values, const char* name) {
  if (PyUnicode_Check(values.ptr()) || PyBytes_Check(values.ptr()))
    raise_code("WRONG_TYPE", name, std::string(name) + "须为字符串的序列", std::string(name) + " must be a sequence of strings, not one string");
  py::object seq = py::reinterpret_steal<py::object>(PySequence_Fast(values.ptr(), "not a sequence"));
  if (!seq) {
    PyErr_Clear();
    raise_code("WRONG_TYPE", name, std::string(name) + "须为字符串的序列", std::string(name) + " must be a sequence of strings");
  }
  const Py_ssize_t n = PySequence_Fast_GET_SIZE(seq.ptr());
  PyObject** items = PySequence_Fast_ITEMS(seq.ptr());
  StringColumn col;
  col.offsets.reserve(static_cast<std::size_t>(n) + 1);
  col.data.reserve(capacity_of(items, n));
  for (Py_ssize_t i = 0; i < n; ++i) {
    PyObject* item = items[i];
    Py_ssize_t len = 0;
    const char* text = nullptr;
    if (PyUnicode_Check(item) && PyUnicode_IS_COMPACT_ASCII(item)) {  // the common case: no conversion
      text = static_cast<const char*>(PyUnicode_DATA(item));
      len = PyUnicode_GET_LENGTH(item);
    } else if (PyUnicode_Check(item)) {
      text = PyUnicode_AsUTF8AndSize(item, &len);
      if (!text) {
        PyErr_Clear();
        fastpath::bad_row(static_cast<std::size_t>(i), name, "不是有效的Unicode文本", "is not valid Unicode text");
      }
    } else if (PyBytes_Check(item)) {
      text = PyBytes_AS_STRING(item);
      len = PyBytes_GET_SIZE(item);
    } else {
      bad_string(static_cast<std::size_t>(i), name, item);
    }
    col.data.append(text, static_cast<std::size_t>(len));
    col.offsets.push_back(static_cast<std::int64_t>(col.data.size()));
  }
  return col;
}

}  // namespace pvd::python
