// _provident — the native half of the Python package `provident`
// (protocol.md §3). It holds a pvd::Engine, runs JSON requests with the GIL
// released, and runs the population batches over numpy int64 arrays: every
// row in C++, the GIL released, the policy resolved once per batch.
//
// The pure-Python package (bindings/python/provident/) wraps this module with
// the typed API, the exceptions and the docstrings analysts read; nothing here
// is meant to be called directly.
//
// Exact values only: money is int64 fen, rates int64 millionths, months int
// serials (year*12 + month-1), days int serials (days since 1970-01-01). A
// float array, or a float where an integer is expected, is refused
// (provident.FloatNotAllowed) rather than converted.
#include "provident/id/mask.hpp"

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <exception>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "hpf/deposit_batch.hpp"
#include "pension/retirement.hpp"
#include "provident/engine.hpp"
#include "provident/policy/loader.hpp"
#include "provident/version.hpp"
#include "si/late_fee.hpp"

namespace py = pybind11;

namespace {

using I64Array = py::array_t<std::int64_t, py::array::c_style>;

// ------------------------------------------------------------------ errors
// Errors raised by this module. The translator below turns them into the
// package's exception classes (provident/errors.py, `_from_native`), so that
// the mapping from codes to classes lives in one place.
struct NativeError {
  std::string code;  // a protocol code (REQ_BAD_VALUE, POLICY_NOT_IN_FORCE, …) or WRONG_TYPE / FLOAT_NOT_ALLOWED
  std::string field;
  std::string message_zh;
  std::string message_en;
  std::optional<std::int64_t> row;
};

[[noreturn]] void bad_value(std::string field, std::string zh, std::string en, std::optional<std::int64_t> row = {}) {
  throw NativeError{"REQ_BAD_VALUE", std::move(field), std::move(zh), std::move(en), row};
}

void raise_python(const NativeError& e) {
  try {
    py::object factory = py::module_::import("provident.errors").attr("_from_native");
    py::object exc = factory(e.code, e.field, e.message_zh, e.message_en, e.row ? py::object(py::int_(*e.row)) : py::none());
    PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(exc.ptr())), exc.ptr());
  } catch (py::error_already_set& failed) {
    // The module was imported outside its package: fall back to builtins.
    PyObject* type = e.code == "FLOAT_NOT_ALLOWED" || e.code == "WRONG_TYPE" ? PyExc_TypeError : PyExc_ValueError;
    PyErr_SetString(type, (e.code + ": " + e.message_en).c_str());
  }
}

// ------------------------------------------------------------------ arrays
// An integer array argument as a C-contiguous int64 array. Floats (arrays or
// scalars) are refused, never truncated; other integer dtypes that fit int64
// are widened (one vectorised copy, no Python per row); booleans, objects and
// uint64 are refused. A 0-d value is allowed only where `scalar_ok`; it comes
// back as a 0-d array and is broadcast by the caller.
I64Array int64_array(py::handle obj, const char* name, bool scalar_ok) {
  const std::string field = name;
  if (PyFloat_Check(obj.ptr()))
    throw NativeError{"FLOAT_NOT_ALLOWED", field, field + "不能是浮点数", field + " must not be a float: use int64 fen, millionths or serials", {}};
  if (PyBool_Check(obj.ptr()))
    throw NativeError{"WRONG_TYPE", field, field + "须为整数数组", field + " must be an integer array, not a bool", {}};
  py::array arr = py::array::ensure(obj);
  if (!arr) {
    PyErr_Clear();
    throw NativeError{"WRONG_TYPE", field, field + "须为整数数组", field + " must be an integer array (numpy int64)", {}};
  }
  const char kind = arr.dtype().kind();
  if (kind == 'f' || kind == 'c')
    throw NativeError{"FLOAT_NOT_ALLOWED", field, field + "不能是浮点数组",
                      field + " must not be a float array (dtype " + std::string(py::str(arr.dtype())) +
                          "): convert exact values to int64 fen, millionths or serials", {}};
  if (kind == 'u' && arr.dtype().itemsize() >= 8)
    throw NativeError{"WRONG_TYPE", field, field + "不能是uint64数组", field + " must not be uint64 (values beyond int64): use int64", {}};
  if (kind != 'i' && kind != 'u')
    throw NativeError{"WRONG_TYPE", field, field + "须为整数数组",
                      field + " must be an integer array (numpy int64), not dtype " + std::string(py::str(arr.dtype())), {}};
  if (arr.ndim() > 1 || (arr.ndim() == 0 && !scalar_ok))
    bad_value(field, field + "须为一维数组", field + " must be a one-dimensional array");
  // Same dtype and C-contiguous: no copy. Otherwise one vectorised conversion.
  return I64Array::ensure(arr);
}

struct Column {
  I64Array array;
  bool scalar = false;
  const std::int64_t* data() const { return array.data(); }
};

// Checks that every 1-D column has the same length; 0-d columns (scalars) are
// expanded to that length (one allocation per batch, none per row).
std::size_t common_length(std::vector<Column*> cols, const std::vector<const char*>& names) {
  std::optional<std::size_t> n;
  for (std::size_t i = 0; i < cols.size(); ++i) {
    if (cols[i]->array.ndim() == 0) {
      cols[i]->scalar = true;
      continue;
    }
    const auto len = static_cast<std::size_t>(cols[i]->array.shape(0));
    if (!n) n = len;
    else if (*n != len)
      bad_value(names[i], names[i] + std::string("的长度与其他数组不同"),
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

// ------------------------------------------------------------------ serials
constexpr std::int64_t kMinMonthSerial = 1 * 12;          // 0001-01
constexpr std::int64_t kMaxMonthSerial = 9999 * 12 + 11;  // 9999-12
const std::int64_t kMinDay = pvd::Date::of(1400, 1, 1).days();
const std::int64_t kMaxDay = pvd::Date::of(9999, 12, 31).days();

pvd::YearMonth month_of(std::int64_t serial, const char* field) {
  if (serial < kMinMonthSerial || serial > kMaxMonthSerial)
    bad_value(field, std::string(field) + "不是有效的年月序号", std::string(field) + ": " + std::to_string(serial) +
                                                                   " is not a month serial (year*12 + month-1, years 1–9999)");
  return pvd::YearMonth::from_serial(static_cast<std::int32_t>(serial));
}

pvd::Date day_of(std::int64_t serial, const char* field) {
  if (serial < kMinDay || serial > kMaxDay)
    bad_value(field, std::string(field) + "不是有效的日期序号", std::string(field) + ": " + std::to_string(serial) +
                                                                   " is not a day serial (days since 1970-01-01, years 1400–9999)");
  return pvd::Date::from_days(static_cast<std::int32_t>(serial));
}

// ------------------------------------------------------------------ engine
// Calls copy the shared pointer (with the GIL held) before releasing the GIL,
// so close() from another thread never pulls the engine from under a call in
// flight: the engine goes when the last call using it returns.
struct EngineHandle {
  std::shared_ptr<pvd::Engine> engine;
  std::string profile;

  std::shared_ptr<pvd::Engine> get() const {
    if (!engine) throw NativeError{"MISUSE", "", "引擎已关闭", "the engine is closed", {}};
    return engine;
  }
  pvd::policy::PolicyPtr policy() const { return get()->policy(); }
};

std::unique_ptr<EngineHandle> open_engine(const std::string& policy, std::optional<std::string> db,
                                          std::optional<std::string> overlay, bool lenient, bool readonly,
                                          bool strict) {
  pvd::EngineOptions o;
  o.policy = policy;
  o.db_path = std::move(db);
  o.overlay = std::move(overlay);
  o.lenient_policy = lenient;
  o.readonly = readonly;
  o.strict_policy = strict;
  auto h = std::make_unique<EngineHandle>();
  {
    py::gil_scoped_release nogil;  // loading profiles and opening a store may take a while
    try {
      h->engine = std::make_shared<pvd::Engine>(o);
    } catch (const pvd::EngineError& e) {
      const bool store = e.kind() == "store";
      throw NativeError{store ? "ENGINE_STORE" : "ENGINE_POLICY", store ? "db" : (o.overlay ? "overlay" : "policy"),
                        store ? "无法打开存储：" + std::string(e.what()) : "无法加载政策：" + std::string(e.what()),
                        std::string(store ? "cannot open the store: " : "cannot load the policy: ") + e.what(), {}};
    }
  }
  h->profile = h->engine->policy()->name();
  return h;
}

// JSON text in, JSON text out; the GIL is released while the engine runs.
py::str execute_json(const EngineHandle& h, const std::string& request) {
  const auto e = h.get();
  std::string response;
  try {
    py::gil_scoped_release nogil;
    response = e->execute(request);
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& x) {  // Engine::execute promises not to throw; say so if it does
    throw NativeError{"INTERNAL", "", std::string("内部错误：") + x.what(), std::string("the engine threw instead of answering: ") + x.what(), {}};
  }
  return py::str(response);
}

py::tuple rounding_in_month(const EngineHandle& h, std::int64_t month_serial) {
  const pvd::YearMonth m = month_of(month_serial, "month");
  const pvd::Rounding r = h.policy()->get<pvd::Rounding>(pvd::policy::Key::hpf_deposit_rounding, m.first_day());
  return py::make_tuple(std::string(pvd::to_string(r.mode)), std::string(pvd::to_string(r.unit)));
}

// ------------------------------------------------------------------ batches

// HPF deposit (protocol.md §3, the same call as pvd_hpf_deposit_batch): the
// rounding in force on day 1 of `month`, then the shared kernel.
// An output array given by the caller (`out=`): int64, C-contiguous, writable,
// n elements, not overlapping any input.
I64Array output_array(py::handle obj, const char* name, std::size_t n, const std::vector<const Column*>& inputs) {
  const std::string field = name;
  if (!py::isinstance<py::array>(obj))
    throw NativeError{"WRONG_TYPE", field, field + "须为numpy int64数组", field + " must be a numpy int64 array", {}};
  auto arr = py::reinterpret_borrow<py::array>(obj);
  if (!arr.dtype().is(py::dtype::of<std::int64_t>()) || arr.ndim() != 1 || !(arr.flags() & py::array::c_style) ||
      !arr.writeable())
    throw NativeError{"WRONG_TYPE", field, field + "须为可写的一维连续int64数组",
                      field + " must be a writable, C-contiguous, one-dimensional int64 array", {}};
  if (static_cast<std::size_t>(arr.shape(0)) != n)
    bad_value(field, field + "的长度与输入不同", field + " has " + std::to_string(arr.shape(0)) + " elements, the inputs " + std::to_string(n));
  const auto* lo = static_cast<const char*>(arr.data());
  const auto* hi = lo + n * sizeof(std::int64_t);
  for (const Column* c : inputs) {
    const auto* a = reinterpret_cast<const char*>(c->data());
    const auto* b = a + static_cast<std::size_t>(c->array.size()) * sizeof(std::int64_t);
    if (n > 0 && a < hi && lo < b)
      bad_value(field, field + "不能与输入数组重叠", field + " must not overlap an input array");
  }
  return py::reinterpret_borrow<I64Array>(obj);
}

py::tuple hpf_deposit_batch(const EngineHandle& h, py::handle base, py::handle er, py::handle ee, std::int64_t month_serial,
                            py::object out) {
  const pvd::YearMonth m = month_of(month_serial, "as_of");
  Column cb{int64_array(base, "base_fen", false)};
  Column cer{int64_array(er, "employer_rate_micros", true)};
  Column cee{int64_array(ee, "employee_rate_micros", true)};
  if (cb.array.ndim() == 0) bad_value("base_fen", "base_fen须为一维数组", "base_fen must be a one-dimensional array");
  const std::size_t n = common_length({&cb, &cer, &cee}, {"base_fen", "employer_rate_micros", "employee_rate_micros"});
  const pvd::Rounding rounding = h.policy()->get<pvd::Rounding>(pvd::policy::Key::hpf_deposit_rounding, m.first_day());
  I64Array out_er, out_ee;
  if (out.is_none()) {
    out_er = new_array(n);
    out_ee = new_array(n);
  } else {
    const auto pair = out.cast<py::sequence>();
    if (pair.size() != 2) bad_value("out", "out须为两个数组", "out must be a pair of arrays (employer, employee)");
    out_er = output_array(pair[0], "out[0]", n, {&cb, &cer, &cee});
    out_ee = output_array(pair[1], "out[1]", n, {&cb, &cer, &cee});
    if (n > 0 && out_er.data() == out_ee.data()) bad_value("out", "两个输出数组不能相同", "the two output arrays must differ");
  }
  std::optional<pvd::hpf::BatchError> err;
  {
    py::gil_scoped_release nogil;
    err = pvd::hpf::deposit_batch(rounding, n, cb.data(), cer.data(), cee.data(), out_er.mutable_data(), out_ee.mutable_data());
  }
  if (err)
    bad_value(err->field, "第" + std::to_string(err->row) + "行：" + err->field + "无效", err->message, static_cast<std::int64_t>(err->row));
  return py::make_tuple(std::move(out_er), std::move(out_ee));
}

// Statutory retirement (arithmetic.md §3.5) for many people; categories are
// the C ABI's codes (PVD_CATEGORY_M60 = 1, F55 = 2, F50 = 3). The rules in
// force on `as_of` are the same for every row, so statutory_retirement is
// evaluated once per (category, birth month) in the batch's range of birth
// months; each row is then a table lookup.
py::object retirement_batch(const EngineHandle& h, py::handle birth, py::handle category, std::int64_t as_of_days,
                            bool detail) {
  const pvd::Date on = day_of(as_of_days, "as_of");
  Column cb{int64_array(birth, "birth_month", false)};
  Column cc{int64_array(category, "category", true)};
  if (cb.array.ndim() == 0) bad_value("birth_month", "birth_month须为一维数组", "birth_month must be a one-dimensional array");
  const std::size_t n = common_length({&cb, &cc}, {"birth_month", "category"});
  const pvd::policy::PolicyPtr policy = h.policy();
  const pvd::policy::Policy& p = *policy;
  I64Array out_stat = new_array(n);
  I64Array out_delay = detail ? new_array(n) : I64Array(0);
  I64Array out_early = detail ? new_array(n) : I64Array(0);
  I64Array out_late = detail ? new_array(n) : I64Array(0);
  std::optional<NativeError> err;
  {
    py::gil_scoped_release nogil;
    const std::int64_t* b = cb.data();
    const std::int64_t* c = cc.data();
    // Pass 1: validate every row, find the range of birth months.
    std::int64_t lo = std::numeric_limits<std::int64_t>::max(), hi = std::numeric_limits<std::int64_t>::min();
    unsigned cats = 0;
    for (std::size_t i = 0; i < n && !err; ++i) {
      if (c[i] < 1 || c[i] > 3) {
        err = NativeError{"REQ_BAD_VALUE", "category", "第" + std::to_string(i) + "行：类别代码须为1（M60）、2（F55）或3（F50）",
                          "row " + std::to_string(i) + ": category code must be 1 (M60), 2 (F55) or 3 (F50)", static_cast<std::int64_t>(i)};
      } else if (b[i] < kMinMonthSerial || b[i] > kMaxMonthSerial - 12 * 70) {
        err = NativeError{"REQ_BAD_VALUE", "birth_month", "第" + std::to_string(i) + "行：出生年月序号无效",
                          "row " + std::to_string(i) + ": birth_month " + std::to_string(b[i]) +
                              " is not a month serial (year*12 + month-1, years 1–9929)", static_cast<std::int64_t>(i)};
      } else {
        lo = std::min(lo, b[i]);
        hi = std::max(hi, b[i]);
        cats |= 1u << (c[i] - 1);
      }
    }
    if (!err && n > 0) {
      // Pass 2: the table. statutory_retirement throws NotInForce when the
      // rules are not in force on `as_of` (the same for every row).
      constexpr std::array<pvd::pension::Category, 3> kCats{pvd::pension::Category::M60, pvd::pension::Category::F55,
                                                            pvd::pension::Category::F50};
      const std::size_t span = static_cast<std::size_t>(hi - lo + 1);
      std::array<std::vector<pvd::pension::Retirement>, 3> table;
      for (int k = 0; k < 3; ++k) {
        if (!(cats & (1u << k))) continue;
        table[k].reserve(span);
        for (std::size_t j = 0; j < span; ++j)
          table[k].push_back(pvd::pension::statutory_retirement(
              p, nullptr, on, pvd::YearMonth::from_serial(static_cast<std::int32_t>(lo + static_cast<std::int64_t>(j))), kCats[k]));
      }
      // Pass 3: the rows.
      std::int64_t* os = out_stat.mutable_data();
      if (detail) {
        std::int64_t* od = out_delay.mutable_data();
        std::int64_t* oe = out_early.mutable_data();
        std::int64_t* ol = out_late.mutable_data();
        for (std::size_t i = 0; i < n; ++i) {
          const auto& r = table[c[i] - 1][static_cast<std::size_t>(b[i] - lo)];
          os[i] = r.statutory_month.serial();
          od[i] = r.delay_months;
          oe[i] = r.earliest_month.serial();
          ol[i] = r.latest_month.serial();
        }
      } else {
        for (std::size_t i = 0; i < n; ++i) os[i] = table[c[i] - 1][static_cast<std::size_t>(b[i] - lo)].statutory_month.serial();
      }
    }
  }
  if (err) throw *err;
  if (!detail) return out_stat;
  return py::make_tuple(std::move(out_stat), std::move(out_delay), std::move(out_early), std::move(out_late));
}

// Minimum contribution months (arithmetic.md §3.6) keyed by the retirement
// month, read on its day 1: evaluated once per distinct month of the batch's
// range, then looked up per row.
I64Array min_months_batch(const EngineHandle& h, py::handle retirement_month) {
  Column cm{int64_array(retirement_month, "retirement_month", false)};
  if (cm.array.ndim() == 0) bad_value("retirement_month", "retirement_month须为一维数组", "retirement_month must be a one-dimensional array");
  const std::size_t n = static_cast<std::size_t>(cm.array.shape(0));
  const pvd::policy::PolicyPtr policy = h.policy();
  const pvd::policy::Policy& p = *policy;
  I64Array out = new_array(n);
  std::optional<NativeError> err;
  std::exception_ptr policy_error;
  {
    py::gil_scoped_release nogil;
    const std::int64_t* m = cm.data();
    std::int64_t lo = std::numeric_limits<std::int64_t>::max(), hi = std::numeric_limits<std::int64_t>::min();
    for (std::size_t i = 0; i < n && !err; ++i) {
      if (m[i] < kMinMonthSerial || m[i] > kMaxMonthSerial)
        err = NativeError{"REQ_BAD_VALUE", "retirement_month", "第" + std::to_string(i) + "行：退休年月序号无效",
                          "row " + std::to_string(i) + ": retirement_month " + std::to_string(m[i]) +
                              " is not a month serial (year*12 + month-1, years 1–9999)", static_cast<std::int64_t>(i)};
      lo = std::min(lo, m[i]);
      hi = std::max(hi, m[i]);
    }
    if (!err && n > 0) {
      constexpr std::int64_t kNotInForce = -1;
      std::vector<std::int64_t> table(static_cast<std::size_t>(hi - lo + 1));
      for (std::size_t j = 0; j < table.size(); ++j) {
        try {
          table[j] = pvd::pension::min_contribution_months(p, nullptr, pvd::YearMonth::from_serial(static_cast<std::int32_t>(lo + static_cast<std::int64_t>(j))));
        } catch (const pvd::RequestError&) {
          table[j] = kNotInForce;  // an error only if a row needs this month
        }
      }
      std::int64_t* o = out.mutable_data();
      for (std::size_t i = 0; i < n; ++i) {
        const std::int64_t v = table[static_cast<std::size_t>(m[i] - lo)];
        if (v == kNotInForce) {
          try {  // evaluate again to report the policy's own error, naming the row
            pvd::pension::min_contribution_months(p, nullptr, pvd::YearMonth::from_serial(static_cast<std::int32_t>(m[i])));
          } catch (const pvd::RequestError& e) {
            err = NativeError{e.code(), "retirement_month", "第" + std::to_string(i) + "行：" + e.message_zh(),
                              "row " + std::to_string(i) + ": " + e.message_en(), static_cast<std::int64_t>(i)};
          }
          break;
        }
        o[i] = v;
      }
    }
  }
  if (err) throw *err;
  return out;
}

// Late fees (arithmetic.md §3.3) on many principals: compute_late_fee per row,
// each counted day at the daily rate in force on it.
I64Array late_fee_batch(const EngineHandle& h, py::handle principal, py::handle due, py::handle paid) {
  Column cp{int64_array(principal, "principal_fen", false)};
  Column cd{int64_array(due, "due_date", true)};
  Column cq{int64_array(paid, "paid_date", true)};
  if (cp.array.ndim() == 0) bad_value("principal_fen", "principal_fen须为一维数组", "principal_fen must be a one-dimensional array");
  const std::size_t n = common_length({&cp, &cd, &cq}, {"principal_fen", "due_date", "paid_date"});
  const pvd::policy::PolicyPtr policy = h.policy();
  const pvd::policy::Policy& p = *policy;
  I64Array out = new_array(n);
  std::optional<NativeError> err;
  {
    py::gil_scoped_release nogil;
    const std::int64_t* a = cp.data();
    const std::int64_t* d = cd.data();
    const std::int64_t* q = cq.data();
    for (std::size_t i = 0; i < n && !err; ++i) {
      const auto row = static_cast<std::int64_t>(i);
      if (a[i] < 0 || a[i] > pvd::protocol::kMaxMoneyFen)
        err = NativeError{"REQ_BAD_VALUE", "principal_fen", "第" + std::to_string(i) + "行：本金须在0至1万亿元之间",
                          "row " + std::to_string(i) + ": principal_fen must be within 0 … 100000000000000", row};
      else if (d[i] < kMinDay || d[i] > kMaxDay)
        err = NativeError{"REQ_BAD_VALUE", "due_date", "第" + std::to_string(i) + "行：应缴日期序号无效",
                          "row " + std::to_string(i) + ": due_date is not a day serial (days since 1970-01-01, years 1400–9999)", row};
      else if (q[i] < kMinDay || q[i] > kMaxDay)
        err = NativeError{"REQ_BAD_VALUE", "paid_date", "第" + std::to_string(i) + "行：缴纳日期序号无效",
                          "row " + std::to_string(i) + ": paid_date is not a day serial (days since 1970-01-01, years 1400–9999)", row};
    }
    std::int64_t* o = out.mutable_data();
    for (std::size_t i = 0; i < n && !err; ++i) {
      try {
        o[i] = pvd::si::compute_late_fee(p, nullptr, pvd::Money::fen(a[i]), pvd::Date::from_days(static_cast<std::int32_t>(d[i])),
                                         pvd::Date::from_days(static_cast<std::int32_t>(q[i])))
                   .fee.as_fen();
      } catch (const pvd::RequestError& e) {
        err = NativeError{e.code(), e.field(), "第" + std::to_string(i) + "行：" + e.message_zh(), "row " + std::to_string(i) + ": " + e.message_en(),
                          static_cast<std::int64_t>(i)};
      } catch (const pvd::OverflowError&) {
        err = NativeError{"REQ_BAD_VALUE", "principal_fen", "第" + std::to_string(i) + "行：金额超出可计算范围",
                          "row " + std::to_string(i) + ": an amount is too large to compute exactly", static_cast<std::int64_t>(i)};
      }
    }
  }
  if (err) throw *err;
  return out;
}

}  // namespace

PYBIND11_MODULE(_provident, m) {
  m.doc() = "Native part of the provident package (use `import provident`, not this module).";

  py::register_local_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const NativeError& e) {
      raise_python(e);
    } catch (const pvd::RequestError& e) {  // includes policy::NotInForce (POLICY_NOT_IN_FORCE)
      raise_python(NativeError{e.code(), e.field(), e.message_zh(), e.message_en(), {}});
    } catch (const pvd::OverflowError& e) {
      raise_python(NativeError{"REQ_BAD_VALUE", "", "金额超出可计算范围", std::string("an amount is too large to compute exactly: ") + e.what(), {}});
    }
  });

  m.attr("__version__") = PROVIDENT_VERSION_STRING;
  m.def("mask_echo", [](const std::string& text) { return pvd::id::mask_echo(text); }, py::arg("text"),
        "The engine's masking of echoed text: runs of 11 or 13+ digits (mobile, card and ID numbers) keep their last 4.");
  m.def("shipped_profiles", &pvd::Engine::shipped_profiles, "The names of the profiles compiled into the library.");

  py::class_<EngineHandle>(m, "Engine", "A pvd::Engine (see provident.Engine).")
      .def(py::init(&open_engine), py::arg("policy") = "national", py::arg("db") = py::none(), py::arg("overlay") = py::none(),
           py::arg("lenient") = false, py::arg("readonly") = false, py::arg("strict") = false)
      .def_property_readonly("profile", [](const EngineHandle& h) { return h.profile; })
      .def_property_readonly("policy_name", [](const EngineHandle& h) { return h.policy()->name(); })
      .def_property_readonly("closed", [](const EngineHandle& h) { return !h.engine; })
      .def("close",
           [](EngineHandle& h) {
             std::shared_ptr<pvd::Engine> e = std::move(h.engine);
             py::gil_scoped_release nogil;
             e.reset();
           })
      .def("execute_json", &execute_json, py::arg("request"))
      .def("deposit_rounding", &rounding_in_month, py::arg("month"))
      .def("hpf_deposit_batch", &hpf_deposit_batch, py::arg("base_fen"), py::arg("employer_rate_micros"),
           py::arg("employee_rate_micros"), py::arg("month"), py::arg("out") = py::none())
      .def("retirement_batch", &retirement_batch, py::arg("birth_month"), py::arg("category"), py::arg("as_of"),
           py::arg("detail") = false)
      .def("min_months_batch", &min_months_batch, py::arg("retirement_month"))
      .def("late_fee_batch", &late_fee_batch, py::arg("principal_fen"), py::arg("due_date"), py::arg("paid_date"));
}
