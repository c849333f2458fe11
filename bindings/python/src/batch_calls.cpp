// The calculators' batches (protocol.md §3, issue 19 (4)): numpy int64 columns
// and string columns in, the shared kernels (src/fastpath/batches.hpp) run in
// blocks with the GIL released (columns.hpp), int64 arrays out. The policy is
// resolved once per batch.
#include "columns.hpp"
#include "fastpath/args.hpp"

namespace pvd::python {

namespace {

namespace fp = fastpath;

std::int64_t* at(I64Array& a, std::size_t first) { return a.mutable_data() + first; }

/// Columns of the same length (scalars broadcast); their row count.
std::size_t rows_of(std::vector<Column*> cols, std::vector<const char*> names) { return common_length(cols, names); }

py::dict si_contribution_batch(const EngineHandle& h, py::handle amount, py::handle month, bool wage,
                               std::uint32_t types, bool by_type, py::object progress) {
  Column ca = int64_column(amount, wage ? "wage_fen" : "base_fen", false);
  Column cm = int64_column(month, "month", true);
  const std::size_t n = rows_of({&ca, &cm}, {wage ? "wage_fen" : "base_fen", "month"});
  const auto t = static_cast<std::size_t>(fp::type_count(types & fp::kAllTypes));
  I64Array base = new_array(n), er = new_array(n), ee = new_array(n);
  py::array_t<std::int64_t> er_t(by_type ? std::vector<py::ssize_t>{static_cast<py::ssize_t>(n), static_cast<py::ssize_t>(t)}
                                         : std::vector<py::ssize_t>{0, 0});
  py::array_t<std::int64_t> ee_t(er_t.request().shape);
  const policy::PolicyPtr policy = h.policy();
  in_blocks(n, progress, [&](std::size_t first, std::size_t count) {
    fp::si_contribution_batch(*policy, count, ca.data() + first, cm.data() + first, wage, types,
                              {.base = at(base, first), .employer_total = at(er, first), .employee_total = at(ee, first),
                               .employer_by_type = by_type ? er_t.mutable_data() + first * t : nullptr,
                               .employee_by_type = by_type ? ee_t.mutable_data() + first * t : nullptr});
  });
  py::dict out;
  out["base_fen"] = base;
  out["employer_fen"] = er;
  out["employee_fen"] = ee;
  if (by_type) {
    out["employer_by_type_fen"] = er_t;
    out["employee_by_type_fen"] = ee_t;
  }
  return out;
}

py::dict hpf_interest_batch(const EngineHandle& h, py::handle year, py::handle opening, py::object offsets, py::handle date,
                            py::handle amount, std::int64_t method, py::object progress) {
  Column cy = int64_column(year, "year", true);
  Column co = int64_column(opening, "opening_fen", true);
  const std::size_t n = rows_of({&cy, &co}, {"year", "opening_fen"});
  std::optional<Column> coff, cd, camt;
  if (!offsets.is_none()) {
    coff = int64_column(offsets, "movement_offsets", false);
    cd = int64_column(date, "movement_date", false);
    camt = int64_column(amount, "movement_amount_fen", false);
    if (static_cast<std::size_t>(coff->array.shape(0)) != n + 1)
      fp::bad_value("movement_offsets", "movement_offsets须有n+1个元素", "movement_offsets must hold one more element than the rows");
    const std::int64_t m = coff->data()[n];
    if (m < 0 || cd->array.shape(0) < m || camt->array.shape(0) < m)
      fp::bad_value("movement_offsets", "movement_offsets超出变动数组", "movement_offsets point past the movement arrays");
  }
  I64Array interest = new_array(n), closing = new_array(n);
  const policy::PolicyPtr policy = h.policy();
  in_blocks(n, progress, [&](std::size_t first, std::size_t count) {
    const fp::Movements mv = coff ? fp::Movements{coff->data() + first, cd->data(), camt->data()} : fp::Movements{};
    fp::hpf_interest_batch(*policy, count, cy.data() + first, co.data() + first, mv, method, at(interest, first),
                           at(closing, first));
  });
  py::dict out;
  out["interest_fen"] = interest;
  out["closing_fen"] = closing;
  return out;
}

py::dict parse_id_batch(py::handle numbers, std::int64_t as_of, bool accept_15, py::object progress) {
  const Date on = fp::day_arg(as_of, "as_of");
  const StringRows s(numbers, "numbers");
  const std::size_t n = s.size();
  I64Array problems = new_array(n), kind = new_array(n), birth = new_array(n), gender = new_array(n), region = new_array(n);
  s.run(progress, [&](fp::Strings rows, std::size_t first, std::size_t count) {
    fp::id_parse_batch(on, accept_15, count, rows,
                       {at(problems, first), at(kind, first), at(birth, first), at(gender, first), at(region, first)});
  });
  py::dict out;
  out["problems"] = problems;
  out["kind"] = kind;
  out["birth_date"] = birth;
  out["gender"] = gender;
  out["region"] = region;
  return out;
}

/// A validity column of strings through `kernel(strings, count, out)`.
template <class K>
I64Array validity(py::handle values, const char* name, const py::object& progress, K&& kernel) {
  const StringRows s(values, name);
  I64Array valid = new_array(s.size());
  s.run(progress, [&](fp::Strings rows, std::size_t first, std::size_t count) { kernel(rows, count, at(valid, first)); });
  return valid;
}

I64Array validate_card_batch(const EngineHandle& h, py::handle numbers, std::int64_t as_of, py::object progress) {
  const Date on = fp::day_arg(as_of, "as_of");
  const policy::PolicyPtr policy = h.policy();
  return validity(numbers, "numbers", progress, [&](fp::Strings s, std::size_t count, std::int64_t* out) {
    fp::card_validate_batch(*policy, on, count, s, out);
  });
}

I64Array validate_credit_code_batch(py::handle codes, py::object progress) {
  return validity(codes, "codes", progress,
                  [](fp::Strings s, std::size_t count, std::int64_t* out) { fp::uscc_validate_batch(count, s, out); });
}

/// Login names per row: the kernel's valid flags, names and offsets for
/// each chunk, handed to put(first, count, valid, names, offsets) (GIL released).
template <class F>
void login_names(const StringRows& s, const py::object& progress, F&& put) {
  s.run(progress, [&](fp::Strings rows, std::size_t first, std::size_t count) {
    std::vector<std::int64_t> valid(count), offsets(count + 1);
    std::string names(count * fp::kLoginNameMax, '\0');
    fp::unit_login_name_batch(count, rows, valid.data(), names.data(), offsets.data());
    put(first, count, valid.data(), names.data(), offsets.data());
  });
}

/// Login names as a numpy '<U12' (Cell char32_t) or 'S12' (Cell char) array
/// ('' for an invalid code; the names are ASCII digits), written chunk by
/// chunk without a Python object per row.
template <class Cell>
py::array fixed_width_login_names(const StringRows& s, const char* kind, const py::object& progress) {
  const auto n = static_cast<py::ssize_t>(s.size());
  py::array out(py::dtype(std::string(kind) + std::to_string(fp::kLoginNameMax)), std::vector<py::ssize_t>{n});
  auto* cells = static_cast<Cell*>(out.mutable_data());
  login_names(s, progress, [&](std::size_t first, std::size_t count, const std::int64_t*, const char* names,
                               const std::int64_t* offsets) {
    Cell* row = cells + first * fp::kLoginNameMax;
    std::fill(row, row + count * fp::kLoginNameMax, Cell{0});
    for (std::size_t j = 0; j < count; ++j, row += fp::kLoginNameMax)
      std::copy(names + offsets[j], names + offsets[j + 1], row);
  });
  return out;
}

/// Login names as an object array (None for an invalid code), or with
/// fixed_width "U" / "S" a numpy '<U12' / 'S12' array.
py::array unit_login_name_batch(py::handle codes, const std::string& fixed_width, py::object progress) {
  const StringRows s(codes, "unit_codes");
  if (fixed_width == "U") return fixed_width_login_names<char32_t>(s, "<U", progress);
  if (fixed_width == "S") return fixed_width_login_names<char>(s, "S", progress);
  std::vector<std::optional<std::string>> names(s.size());
  login_names(s, progress, [&](std::size_t first, std::size_t count, const std::int64_t* valid, const char* text,
                               const std::int64_t* offsets) {
    for (std::size_t j = 0; j < count; ++j)
      if (valid[j]) names[first + j].emplace(text + offsets[j], static_cast<std::size_t>(offsets[j + 1] - offsets[j]));
  });
  py::array out(py::dtype("O"), std::vector<py::ssize_t>{static_cast<py::ssize_t>(names.size())});
  auto* cells = static_cast<PyObject**>(out.mutable_data());
  for (std::size_t i = 0; i < names.size(); ++i) {
    PyObject* cell = names[i] ? PyUnicode_FromStringAndSize(names[i]->data(), static_cast<Py_ssize_t>(names[i]->size()))
                              : Py_NewRef(Py_None);
    if (!cell) throw py::error_already_set();
    Py_XSETREF(cells[i], cell);
  }
  return out;
}

py::dict count_months_batch(py::handle offsets, py::handle from, py::handle to, py::object progress) {
  Column co = int64_column(offsets, "offsets", false);
  Column cf = int64_column(from, "from_month", false);
  Column ct = int64_column(to, "to_month", false);
  rows_of({&cf, &ct}, {"from_month", "to_month"});
  const auto rows = static_cast<std::size_t>(co.array.shape(0));
  if (rows == 0) fp::bad_value("offsets", "offsets须有n+1个元素", "offsets must hold n+1 elements (at least one)");
  const std::size_t n = rows - 1;
  if (co.data()[n] < 0 || co.data()[n] > cf.array.shape(0))
    fp::bad_value("offsets", "offsets超出时间段数组", "offsets point past the period arrays");
  I64Array months = new_array(n), twice = new_array(n);
  in_blocks(n, progress, [&](std::size_t first, std::size_t count) {
    fp::count_months_batch(count, {co.data() + first, cf.data(), ct.data()}, at(months, first), at(twice, first));
  });
  py::dict out;
  out["months"] = months;
  out["paid_twice"] = twice;
  return out;
}

py::dict check_claim_batch(const EngineHandle& h, py::handle birth, py::handle category, py::handle work_start,
                           py::handle retirement, py::handle work_months, py::handle contribution_months,
                           py::object arrears, std::int64_t as_of, py::object progress) {
  const Date on = fp::day_arg(as_of, "as_of");
  Column cb = int64_column(birth, "birth_date", true), cc = int64_column(category, "category", true);
  Column cw = int64_column(work_start, "work_start_date", true), cr = int64_column(retirement, "retirement_date", true);
  Column cm = int64_column(work_months, "work_months", true);
  Column cn = int64_column(contribution_months, "contribution_months", true);
  Column ca = arrears.is_none() ? Column{I64Array(py::ssize_t{0}), true} : int64_column(arrears, "has_arrears", true);
  std::vector<Column*> cols{&cb, &cc, &cw, &cr, &cm, &cn};
  std::vector<const char*> names{"birth_date", "category", "work_start_date", "retirement_date", "work_months",
                                 "contribution_months"};
  if (!arrears.is_none()) {
    cols.push_back(&ca);
    names.push_back("has_arrears");
  }
  const std::size_t n = rows_of(cols, names);
  I64Array violations = new_array(n), counted = new_array(n), min = new_array(n), earliest = new_array(n);
  const policy::PolicyPtr policy = h.policy();
  in_blocks(n, progress, [&](std::size_t first, std::size_t count) {
    fp::check_claim_batch(*policy, on, count,
                          {cb.data() + first, cc.data() + first, cw.data() + first, cr.data() + first, cm.data() + first,
                           cn.data() + first, arrears.is_none() ? nullptr : ca.data() + first},
                          {at(violations, first), at(counted, first), at(min, first), at(earliest, first)});
  });
  py::dict out;
  out["violations"] = violations;
  out["counted_months"] = counted;
  out["min_months"] = min;
  out["earliest_month"] = earliest;
  return out;
}

}  // namespace

void register_calculator_batches(py::class_<EngineHandle>& engine) {
  engine
      .def("si_contribution_batch", &si_contribution_batch, py::arg("amount_fen"), py::arg("month"), py::arg("wage"),
           py::arg("types"), py::arg("by_type"), py::arg("progress"))
      .def("hpf_interest_batch", &hpf_interest_batch, py::arg("year"), py::arg("opening_fen"), py::arg("offsets"),
           py::arg("date"), py::arg("amount_fen"), py::arg("method"), py::arg("progress"))
      .def("validate_card_batch", &validate_card_batch, py::arg("numbers"), py::arg("as_of"), py::arg("progress"))
      .def_static("parse_id_batch", &parse_id_batch, py::arg("numbers"), py::arg("as_of"), py::arg("accept_15_digits"),
                  py::arg("progress"))
      .def("check_claim_batch", &check_claim_batch, py::arg("birth_date"), py::arg("category"),
           py::arg("work_start_date"), py::arg("retirement_date"), py::arg("work_months"),
           py::arg("contribution_months"), py::arg("has_arrears"), py::arg("as_of"), py::arg("progress"))
      .def_static("count_months_batch", &count_months_batch, py::arg("offsets"), py::arg("from_month"),
                  py::arg("to_month"), py::arg("progress"))
      .def_static("validate_credit_code_batch", &validate_credit_code_batch, py::arg("codes"), py::arg("progress"))
      .def_static("unit_login_name_batch", &unit_login_name_batch, py::arg("unit_codes"), py::arg("fixed_width"),
                  py::arg("progress"));
}

}  // namespace pvd::python
