// _provident — the native half of the Python package `provident`
// (protocol.md §3). It holds a pvd::Engine, runs JSON requests with the GIL
// released, and runs the population batches over numpy int64 arrays
// (batches.cpp: the shared kernels of src/fastpath, every row in C++, the
// GIL released, the policy resolved once per batch).
//
// The pure-Python package (bindings/python/provident/) wraps this module with
// the typed API, the exceptions and the docstrings analysts read; nothing here
// is meant to be called directly.
#include <pybind11/stl.h>

#include <exception>
#include <optional>
#include <string>

#include "native.hpp"
#include "provident/id/mask.hpp"
#include "provident/rules/codes.hpp"
#include "provident/version.hpp"

namespace pvd::python {

namespace {

// Errors become the package's exception classes (provident/errors.py,
// `_from_native`), so that the mapping from codes to classes lives in one place.
void raise_python(const std::string& code, const std::string& field, const std::string& zh, const std::string& en,
                  std::optional<std::int64_t> row) {
  try {
    py::object factory = py::module_::import("provident.errors").attr("_from_native");
    py::object exc = factory(code, field, zh, en, row ? py::object(py::int_(*row)) : py::none());
    PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(exc.ptr())), exc.ptr());
  } catch (py::error_already_set& failed) {
    // The module was imported outside its package: fall back to builtins.
    PyObject* type = code == "FLOAT_NOT_ALLOWED" || code == "WRONG_TYPE" ? PyExc_TypeError : PyExc_ValueError;
    PyErr_SetString(type, (code + ": " + en).c_str());
  }
}

void translate(std::exception_ptr p) {
  try {
    if (p) std::rethrow_exception(p);
  } catch (const Error& e) {
    raise_python(e.code, e.field, e.message_zh, e.message_en, e.row);
  } catch (const RequestError& e) {  // includes policy::NotInForce (POLICY_NOT_IN_FORCE)
    raise_python(e.code(), e.field(), e.message_zh(), e.message_en(), std::nullopt);
  } catch (const OverflowError& e) {
    raise_python(std::string(code::REQ_BAD_VALUE.text), "", "金额超出可计算范围",
                 std::string("an amount is too large to compute exactly: ") + e.what(), std::nullopt);
  }
}

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
      raise_code(store ? "ENGINE_STORE" : "ENGINE_POLICY", store ? "db" : (o.overlay ? "overlay" : "policy"),
                 store ? "无法打开存储：" + std::string(e.what()) : "无法加载政策：" + std::string(e.what()),
                 std::string(store ? "cannot open the store: " : "cannot load the policy: ") + e.what());
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
    raise_code(code::INTERNAL.text, "", std::string("内部错误：") + x.what(),
               std::string("the engine threw instead of answering: ") + x.what());
  }
  return py::str(response);
}

}  // namespace

}  // namespace pvd::python

PYBIND11_MODULE(_provident, m) {
  namespace py = pybind11;
  using pvd::python::EngineHandle;
  m.doc() = "Native part of the provident package (use `import provident`, not this module).";
  py::register_local_exception_translator(&pvd::python::translate);

  m.attr("__version__") = PROVIDENT_VERSION_STRING;
  m.def("mask_echo", [](const std::string& text) { return pvd::id::mask_echo(text); }, py::arg("text"),
        "The engine's masking of echoed text: runs of 11 or 13+ digits (mobile, card and ID numbers) keep their last 4.");
  m.def("shipped_profiles", &pvd::Engine::shipped_profiles, "The names of the profiles compiled into the library.");

  py::class_<EngineHandle> engine(m, "Engine", "A pvd::Engine (see provident.Engine).");
  engine
      .def(py::init(&pvd::python::open_engine), py::arg("policy") = "national", py::arg("db") = py::none(),
           py::arg("overlay") = py::none(), py::arg("lenient") = false, py::arg("readonly") = false,
           py::arg("strict") = false)
      .def_property_readonly("profile", [](const EngineHandle& h) { return h.profile; })
      .def_property_readonly("policy_name", [](const EngineHandle& h) { return h.policy()->name(); })
      .def_property_readonly("closed", [](const EngineHandle& h) { return !h.engine; })
      .def("close",
           [](EngineHandle& h) {
             std::shared_ptr<pvd::Engine> e = std::move(h.engine);
             py::gil_scoped_release nogil;
             e.reset();
           })
      .def("execute_json", &pvd::python::execute_json, py::arg("request"));
  pvd::python::register_batches(engine);
}
