// The C ABI's typed fast paths (protocol.md §2): C values in, the shared
// kernels (src/fastpath) run, C structs out. Validation, row errors and the
// rules themselves are the kernels'; here are the C shapes and the pointers.
#include <cstring>

#include "fastpath/kernels.hpp"
#include "internal.hpp"
#include "provident/id/citizen_id.hpp"
#include "utf8.hpp"

namespace {

namespace fp = pvd::fastpath;
using pvd::capi::Out;
using pvd::capi::fail;
using pvd::capi::fail_global;
using pvd::capi::on_engine;
using pvd::policy::Policy;

std::uint32_t id_problems(const pvd::id::IdParseResult& r) noexcept {
  std::uint32_t problems = 0;
  for (auto p : r.problems) {
    switch (p) {
      case pvd::id::IdProblem::format: problems |= PVD_ID_FORMAT; break;
      case pvd::id::IdProblem::checksum: problems |= PVD_ID_CHECKSUM; break;
      case pvd::id::IdProblem::birth_date: problems |= PVD_ID_BIRTH_DATE; break;
      case pvd::id::IdProblem::region: problems |= PVD_ID_UNKNOWN_REGION; break;
    }
  }
  return problems;
}

/// Whether [p, p + n) of int64 fits the address space.
bool addressable(const int64_t* p, std::size_t n) noexcept {
  if (n > SIZE_MAX / sizeof(int64_t)) return false;
  const auto a = reinterpret_cast<std::uintptr_t>(p);
  return a <= UINTPTR_MAX - n * sizeof(int64_t);
}

}  // namespace

extern "C" {

PVD_API pvd_status pvd_id_parse(const char* number, size_t len, int32_t as_of_date, uint32_t flags, pvd_citizen_id* out) {
  constexpr std::string_view fn = "pvd_id_parse";
  if (!out) return fail_global(PVD_E_INVALID_ARGUMENT, fn, "out is NULL");
  if (!number && len > 0) return fail_global(PVD_E_INVALID_ARGUMENT, fn, "number is NULL but len is not 0");
  if (flags & ~PVD_ID_ACCEPT_15_DIGITS) return fail_global(PVD_E_INVALID_ARGUMENT, fn, "flags has unknown bits");
  const std::string_view text(number ? number : "", len);
  return pvd::capi::guarded(nullptr, fn, [&]() -> pvd_status {
    const pvd::Date on = fp::day_arg(as_of_date, "as_of_date");
    if (!pvd::capi::valid_utf8(text)) return fail_global(PVD_E_INVALID_ARGUMENT, fn, "number is not valid UTF-8");
    const auto r = pvd::id::parse_citizen_id(text, on, (flags & PVD_ID_ACCEPT_15_DIGITS) != 0);
    pvd_citizen_id res;
    std::memset(&res, 0, sizeof res);
    res.problems = id_problems(r);
    if (r.id && res.problems == 0) {
      const auto& id = *r.id;
      if (id.number.size() != 18 || id.region.size() != 6)
        return fail_global(PVD_E_INTERNAL, fn, "the parsed number has an unexpected length");
      std::memcpy(res.number, id.number.data(), 18);
      std::memcpy(res.region, id.region.data(), 6);
      res.birth_date = id.birth_date.days();
      res.gender = static_cast<char>(id.gender);
    } else if (res.problems == 0) {
      res.problems = PVD_ID_FORMAT;  // defensive: no id and no reason
    }
    *out = res;
    return PVD_OK;
  });
}

PVD_API pvd_status pvd_pension_retirement(const pvd_engine* engine, int32_t as_of_date, int32_t birth_date,
                                          pvd_category category, pvd_retirement* out) {
  return on_engine(engine, "pvd_pension_retirement", {{out, "out"}}, [&](const Policy& p) {
    const pvd::Date on = fp::day_arg(as_of_date, "as_of_date");
    fp::check(fp::kBirthDate, birth_date, "birth_date");
    const pvd::YearMonth birth = pvd::Date::from_days(birth_date).year_month();
    const auto r = fp::retirement(p, on, birth, fp::category_arg(category, "category"));
    *out = pvd_retirement{.original_month = r.original_month.serial(),
                          .statutory_month = r.statutory_month.serial(),
                          .delay_months = r.delay_months,
                          .age_years = r.age_years,
                          .age_months = r.age_months,
                          .earliest_month = r.earliest_month.serial(),
                          .latest_month = r.latest_month.serial()};
  });
}

PVD_API pvd_status pvd_pension_min_months(const pvd_engine* engine, int32_t retirement_month, int32_t* out_months) {
  return on_engine(engine, "pvd_pension_min_months", {{out_months, "out_months"}}, [&](const Policy& p) {
    *out_months = fp::min_months(p, fp::month_arg(retirement_month, "retirement_month"));
  });
}

PVD_API pvd_status pvd_hpf_payment_window(const pvd_engine* engine, int64_t as_of, int32_t* out_open) {
  return on_engine(engine, "pvd_hpf_payment_window", {{out_open, "out_open"}}, [&](const Policy& p) {
    *out_open = fp::payment_window_open(p, fp::moment_arg(as_of, "as_of")) ? 1 : 0;
  });
}

PVD_API pvd_status pvd_hpf_adjustment_window(const pvd_engine* engine, int64_t as_of, int32_t last_adjust_year,
                                             int32_t adjust_count, pvd_adjustment_window* out) {
  return on_engine(engine, "pvd_hpf_adjustment_window", {{out, "out"}}, [&](const Policy& p) {
    const auto w = fp::adjustment_window(p, fp::moment_arg(as_of, "as_of"), last_adjust_year, adjust_count);
    *out = pvd_adjustment_window{.open = w.open,
                                 .month_open = w.month_open,
                                 .under_yearly_limit = w.under_yearly_limit,
                                 .done_this_year = w.done_this_year,
                                 .per_year = w.per_year,
                                 .months_mask = w.months_mask};
  });
}

PVD_API pvd_status pvd_hpf_rate_limits(const pvd_engine* engine, int32_t as_of_date, int64_t* out_min_micros,
                                       int64_t* out_max_micros) {
  return on_engine(engine, "pvd_hpf_rate_limits", {{out_min_micros, "out_min_micros"}, {out_max_micros, "out_max_micros"}},
                   [&](const Policy& p) {
                     const auto limits = fp::rate_limits(p, fp::day_arg(as_of_date, "as_of_date"));
                     *out_min_micros = limits.min_micros;
                     *out_max_micros = limits.max_micros;
                   });
}

PVD_API pvd_status pvd_hpf_deposit_batch(const pvd_engine* engine, int32_t as_of_month, size_t n, const int64_t* base_fen,
                                         const int64_t* employer_rate_micros, const int64_t* employee_rate_micros,
                                         int64_t* out_employer_fen, int64_t* out_employee_fen) {
  constexpr std::string_view fn = "pvd_hpf_deposit_batch";
  if (const pvd_status st = pvd::capi::check_engine(engine, fn)) return st;
  if (n > 0) {
    const int64_t* const arrays[] = {base_fen, employer_rate_micros, employee_rate_micros, out_employer_fen, out_employee_fen};
    for (const int64_t* a : arrays)
      if (!a) return fail(engine, PVD_E_INVALID_ARGUMENT, fn, "an array pointer is NULL");
    for (const int64_t* a : arrays)
      if (!addressable(a, n)) return fail(engine, PVD_E_INVALID_ARGUMENT, fn, "n is larger than the arrays can be");
  }
  return pvd::capi::guarded(engine, fn, [&]() -> pvd_status {
    fp::check_outputs_apart(n, {base_fen, employer_rate_micros, employee_rate_micros},
                            {{out_employer_fen, "out_employer_fen"}, {out_employee_fen, "out_employee_fen"}});
    fp::deposit_batch(pvd::capi::policy_of(engine), fp::month_arg(as_of_month, "as_of_month"), n, base_fen,
                      employer_rate_micros, employee_rate_micros, out_employer_fen, out_employee_fen);
    return PVD_OK;
  });
}

}  // extern "C"
