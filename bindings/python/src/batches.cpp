// The population batches (protocol.md §3): numpy int64 columns in, the
// shared kernels (src/fastpath) run with the GIL released, int64 arrays out.
// The policy is resolved once per batch; every row is checked before any
// output is written.
#include "columns.hpp"
#include "fastpath/kernels.hpp"
#include "native.hpp"

namespace pvd::python {

namespace {

namespace fp = fastpath;

/// hpf.deposit.rounding in force on day 1 of a month: (mode, unit).
py::tuple deposit_rounding(const EngineHandle& h, std::int64_t month_serial) {
  const Rounding r = fp::deposit_rounding(*h.policy(), fp::month_arg(month_serial, "month"));
  return py::make_tuple(std::string(to_string(r.mode)), std::string(to_string(r.unit)));
}

/// The two output arrays: new ones, or the caller's pair (`out=`).
std::pair<I64Array, I64Array> deposit_outputs(py::object out, std::size_t n) {
  if (out.is_none()) return {new_array(n), new_array(n)};
  const auto pair = out.cast<py::sequence>();
  if (pair.size() != 2) fp::bad_value("out", "out须为两个数组", "out must be a pair of arrays (employer, employee)");
  return {output_array(pair[0], "out[0]", n), output_array(pair[1], "out[1]", n)};
}

// HPF deposit (the same call as pvd_hpf_deposit_batch): the rounding in force
// on day 1 of `month`.
py::tuple hpf_deposit_batch(const EngineHandle& h, py::handle base, py::handle er, py::handle ee, std::int64_t month_serial,
                            py::object out) {
  const YearMonth month = fp::month_arg(month_serial, "as_of");
  Column cb = int64_column(base, "base_fen", false);
  Column cer = int64_column(er, "employer_rate_micros", true);
  Column cee = int64_column(ee, "employee_rate_micros", true);
  const std::size_t n = common_length({&cb, &cer, &cee}, {"base_fen", "employer_rate_micros", "employee_rate_micros"});
  auto [out_er, out_ee] = deposit_outputs(std::move(out), n);
  fp::check_outputs_apart(n, {cb.data(), cer.data(), cee.data()}, {{out_er.data(), "out[0]"}, {out_ee.data(), "out[1]"}});
  const policy::PolicyPtr policy = h.policy();
  {
    py::gil_scoped_release nogil;
    fp::deposit_batch(*policy, month, n, cb.data(), cer.data(), cee.data(), out_er.mutable_data(), out_ee.mutable_data());
  }
  return py::make_tuple(std::move(out_er), std::move(out_ee));
}

// Statutory retirement for many people; categories are the C ABI's codes
// (PVD_CATEGORY_M60 = 1, F55 = 2, F50 = 3).
py::object retirement_batch(const EngineHandle& h, py::handle birth, py::handle category, std::int64_t as_of_days,
                            bool detail) {
  const Date on = fp::day_arg(as_of_days, "as_of");
  Column cb = int64_column(birth, "birth_month", false);
  Column cc = int64_column(category, "category", true);
  const std::size_t n = common_length({&cb, &cc}, {"birth_month", "category"});
  const policy::PolicyPtr policy = h.policy();
  I64Array statutory = new_array(n);
  I64Array delay = new_array(detail ? n : 0), earliest = new_array(detail ? n : 0), latest = new_array(detail ? n : 0);
  {
    py::gil_scoped_release nogil;
    fp::RetirementOutputs out{.statutory = statutory.mutable_data()};
    if (detail) out = {out.statutory, delay.mutable_data(), earliest.mutable_data(), latest.mutable_data()};
    fp::retirement_batch(*policy, on, n, cb.data(), cc.data(), out);
  }
  if (!detail) return statutory;
  return py::make_tuple(std::move(statutory), std::move(delay), std::move(earliest), std::move(latest));
}

// Minimum contribution months keyed by the retirement month, read on its day 1.
I64Array min_months_batch(const EngineHandle& h, py::handle retirement_month) {
  Column cm = int64_column(retirement_month, "retirement_month", false);
  const auto n = static_cast<std::size_t>(cm.array.shape(0));
  const policy::PolicyPtr policy = h.policy();
  I64Array out = new_array(n);
  {
    py::gil_scoped_release nogil;
    fp::min_months_batch(*policy, n, cm.data(), out.mutable_data());
  }
  return out;
}

// Late fees on many principals, each counted day at the daily rate in force on it.
I64Array late_fee_batch(const EngineHandle& h, py::handle principal, py::handle due, py::handle paid) {
  Column cp = int64_column(principal, "principal_fen", false);
  Column cd = int64_column(due, "due_date", true);
  Column cq = int64_column(paid, "paid_date", true);
  const std::size_t n = common_length({&cp, &cd, &cq}, {"principal_fen", "due_date", "paid_date"});
  const policy::PolicyPtr policy = h.policy();
  I64Array out = new_array(n);
  {
    py::gil_scoped_release nogil;
    fp::late_fee_batch(*policy, n, cp.data(), cd.data(), cq.data(), out.mutable_data());
  }
  return out;
}

}  // namespace

void register_batches(py::class_<EngineHandle>& engine) {
  engine.def("deposit_rounding", &deposit_rounding, py::arg("month"))
      .def("hpf_deposit_batch", &hpf_deposit_batch, py::arg("base_fen"), py::arg("employer_rate_micros"),
           py::arg("employee_rate_micros"), py::arg("month"), py::arg("out") = py::none())
      .def("retirement_batch", &retirement_batch, py::arg("birth_month"), py::arg("category"), py::arg("as_of"),
           py::arg("detail") = false)
      .def("min_months_batch", &min_months_batch, py::arg("retirement_month"))
      .def("late_fee_batch", &late_fee_batch, py::arg("principal_fen"), py::arg("due_date"), py::arg("paid_date"));
  register_calculator_batches(engine);
}

}  // namespace pvd::python
