// String columns for the calculators' batches (columns.hpp): Python str (or
// bytes) objects, or a numpy fixed-width 'S' / 'U' array read from its buffer
// (no Python object per row), copied once into one UTF-8 buffer with n+1
// offsets.
#include "columns.hpp"

#include <cstring>
#include <optional>

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

/// A row's length without numpy's trailing NUL padding.
template <class C>
std::size_t unpadded(const C* row, std::size_t width) noexcept {
  while (width > 0 && row[width - 1] == 0) --width;
  return width;
}

/// Code point `c` as UTF-8 at `out`; the bytes written (0: not a Unicode scalar value).
std::size_t put_utf8(char32_t c, char* out) noexcept {
  if (c < 0x80) {
    out[0] = static_cast<char>(c);
    return 1;
  }
  if (c < 0x800) {
    out[0] = static_cast<char>(0xC0 | (c >> 6));
    out[1] = static_cast<char>(0x80 | (c & 0x3F));
    return 2;
  }
  if ((c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF) return 0;
  if (c < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (c >> 12));
    out[1] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (c & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (c >> 18));
  out[1] = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (c & 0x3F));
  return 4;
}

/// Makes room for `bytes` more at `at` (the column only grows: reused chunk after chunk).
char* room(StringColumn& col, std::size_t at, std::size_t bytes) {
  if (col.data.size() < at + bytes) col.data.resize(std::max(2 * col.data.size(), at + bytes));
  return col.data.data() + at;
}

/// Rows of an 'S' array (bytes taken as they are, like bytes objects).
void bytes_rows(const char* cells, std::size_t n, std::size_t width, StringColumn& col) {
  std::size_t at = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const char* row = cells + i * width;
    const std::size_t len = unpadded(row, width);
    std::memcpy(room(col, at, len), row, len);
    at += len;
    col.offsets[i + 1] = static_cast<std::int64_t>(at);
  }
}

/// Rows of a native-order 'U' array (UCS-4) as UTF-8: ASCII in one tight
/// loop, other code points converted exactly, a surrogate refused naming its
/// row (row_base + i).
void ucs4_rows(const char32_t* cells, std::size_t n, std::size_t width, StringColumn& col, std::size_t row_base,
               const char* name) {
  std::size_t at = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const char32_t* __restrict row = cells + i * width;
    const std::size_t len = unpadded(row, width);
    char* __restrict out = room(col, at, 4 * len);
    char32_t any = 0;
    for (std::size_t k = 0; k < len; ++k) {
      any |= row[k];
      out[k] = static_cast<char>(row[k]);
    }
    std::size_t bytes = len;
    if (any >= 0x80) {
      bytes = 0;
      for (std::size_t k = 0; k < len; ++k) {
        const std::size_t put = put_utf8(row[k], out + bytes);
        if (put == 0) fastpath::bad_row(row_base + i, name, "不是有效的Unicode文本", "is not valid Unicode text");
        bytes += put;
      }
    }
    at += bytes;
    col.offsets[i + 1] = static_cast<std::int64_t>(at);
  }
}

/// A 1-D, C-contiguous, native-order numpy 'S' or 'U' array (_columns.py makes it so), or none.
std::optional<py::array> fixed_width_array(py::handle values) {
  if (!py::isinstance<py::array>(values)) return std::nullopt;
  auto a = py::reinterpret_borrow<py::array>(values);
  const char kind = a.dtype().kind();
  if ((kind != 'S' && kind != 'U') || a.ndim() != 1 || !(a.flags() & py::array::c_style)) return std::nullopt;
  if (kind == 'U' && a.dtype().attr("byteorder").cast<std::string>() == ">") return std::nullopt;
  return a;
}

}  // namespace

StringRows::StringRows(py::handle values, const char* name) : name_(name) {
  if (auto a = fixed_width_array(values)) {
    array_ = std::move(*a);
    rows_ = static_cast<std::size_t>(array_->shape(0));
  } else {
    column_ = string_column(values, name);
    rows_ = column_.size();
  }
}

void StringRows::fill(std::size_t first, std::size_t count, std::size_t row_base, StringColumn& chunk) const {
  chunk.offsets.resize(count + 1);
  const auto width = static_cast<std::size_t>(array_->itemsize());
  const char* cells = static_cast<const char*>(array_->data()) + first * width;
  if (array_->dtype().kind() == 'S') return bytes_rows(cells, count, width, chunk);
  ucs4_rows(reinterpret_cast<const char32_t*>(cells), count, width / 4, chunk, row_base, name_);
}

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
