// The C ABI's batch forms of the calculators (protocol.md §2, issue 19 (4)):
// C arrays in, the shared kernels (src/fastpath/batches.hpp) run, C arrays
// out. Here are only the pointer checks; validation, row errors and the rules
// are the kernels'.
#include <cstring>
#include <string>

#include "fastpath/batches.hpp"
#include "fastpath/kernels.hpp"
#include "internal.hpp"

namespace {

namespace fp = pvd::fastpath;
using pvd::capi::fail;

static_assert(PVD_ID_FORMAT == fp::kIdFormat && PVD_ID_CHECKSUM == fp::kIdChecksum &&
              PVD_ID_BIRTH_DATE == fp::kIdBirthDate && PVD_ID_UNKNOWN_REGION == fp::kIdUnknownRegion);
static_assert(PVD_CLAIM_WORK_YEARS_SHORT == fp::kClaimWorkYearsShort &&
              PVD_CLAIM_BEFORE_RETIREMENT_AGE == fp::kClaimBeforeRetirementAge && PVD_CLAIM_OTHER == fp::kClaimOther);
static_assert(PVD_SI_ALL_TYPES == fp::kAllTypes && PVD_LOGIN_NAME_MAX == fp::kLoginNameMax);

/// An array argument: its pointer, how many elements it must hold, their size.
struct Arg {
  const void* pointer;
  std::size_t count;
  std::size_t size;
  const char* name;
  bool optional = false;  // may be NULL (an output not wanted)
};

/// Whether count elements of `size` bytes from p fit the address space.
bool addressable(const void* p, std::size_t count, std::size_t size) noexcept {
  if (size != 0 && count > SIZE_MAX / size) return false;
  return reinterpret_cast<std::uintptr_t>(p) <= UINTPTR_MAX - count * size;
}

/// NULL where elements are needed, or more than an array could hold: the
/// failure's status (message recorded), else PVD_OK.
pvd_status check_args(const pvd_engine* e, std::string_view fn, std::initializer_list<Arg> args) noexcept {
  for (const Arg& a : args) {
    if (a.count == 0 || (a.optional && !a.pointer)) continue;
    if (!a.pointer) return fail(e, PVD_E_INVALID_ARGUMENT, fn, {a.name, " is NULL"});
    if (!addressable(a.pointer, a.count, a.size))
      return fail(e, PVD_E_INVALID_ARGUMENT, fn, {"n is larger than ", a.name, " can be"});
  }
  return PVD_OK;
}

Arg i64(const void* p, std::size_t n, const char* name, bool optional = false) {
  return Arg{p, n, sizeof(int64_t), name, optional};
}

/// The engine, then the arrays, then `f` guarded.
template <class F>
pvd_status with_engine(const pvd_engine* e, std::string_view fn, std::initializer_list<Arg> args, F&& f) noexcept {
  if (const pvd_status st = pvd::capi::check_engine(e, fn)) return st;
  if (const pvd_status st = check_args(e, fn, args)) return st;
  return pvd::capi::guarded(e, fn, [&]() -> pvd_status {
    f(pvd::capi::policy_of(e));
    return PVD_OK;
  });
}

/// The arrays, then `f` guarded; failures go to pvd_last_error().
template <class F>
pvd_status without_engine(std::string_view fn, std::initializer_list<Arg> args, F&& f) noexcept {
  if (const pvd_status st = check_args(nullptr, fn, args)) return st;
  return pvd::capi::guarded(nullptr, fn, [&]() -> pvd_status {
    f();
    return PVD_OK;
  });
}

/// The offsets array of a string or CSR column (n+1 values, never NULL) and
/// its last value: how many elements the column's data holds.
std::size_t data_length(const int64_t* offsets, std::size_t n) noexcept {
  if (n == 0 || !offsets || !addressable(offsets, n + 1, sizeof(int64_t))) return 0;
  return offsets[n] > 0 ? static_cast<std::size_t>(offsets[n]) : 0;
}

}  // namespace

extern "C" {

PVD_API pvd_status pvd_si_contribution_batch(const pvd_engine* engine, size_t n, const int64_t* amount_fen,
                                             const int64_t* month, uint32_t flags, uint32_t types, int64_t* out_base_fen,
                                             int64_t* out_employer_total_fen, int64_t* out_employee_total_fen,
                                             int64_t* out_employer_by_type_fen, int64_t* out_employee_by_type_fen) {
  constexpr std::string_view fn = "pvd_si_contribution_batch";
  if (flags & ~PVD_SI_AMOUNT_IS_WAGE) return fail(engine, PVD_E_INVALID_ARGUMENT, fn, "flags has unknown bits");
  const std::size_t t = static_cast<std::size_t>(fp::type_count(types & fp::kAllTypes));
  const std::size_t cells = n > SIZE_MAX / t ? SIZE_MAX : n * t;
  return with_engine(engine, fn,
                     {i64(amount_fen, n, "amount_fen"), i64(month, n, "month"), i64(out_base_fen, n, "out_base_fen", true),
                      i64(out_employer_total_fen, n, "out_employer_total_fen"),
                      i64(out_employee_total_fen, n, "out_employee_total_fen"),
                      i64(out_employer_by_type_fen, cells, "out_employer_by_type_fen", true),
                      i64(out_employee_by_type_fen, cells, "out_employee_by_type_fen", true)},
                     [&](const pvd::policy::Policy& p) {
                       fp::check_outputs_apart(n, {amount_fen, month},
                                               {{out_employer_total_fen, "out_employer_total_fen"},
                                                {out_employee_total_fen, "out_employee_total_fen"}});
                       fp::si_contribution_batch(p, n, amount_fen, month, (flags & PVD_SI_AMOUNT_IS_WAGE) != 0, types,
                                                 {.base = out_base_fen,
                                                  .employer_total = out_employer_total_fen,
                                                  .employee_total = out_employee_total_fen,
                                                  .employer_by_type = out_employer_by_type_fen,
                                                  .employee_by_type = out_employee_by_type_fen});
                     });
}

PVD_API pvd_status pvd_hpf_interest_batch(const pvd_engine* engine, size_t n, const int64_t* year,
                                          const int64_t* opening_fen, const int64_t* movement_offsets,
                                          const int64_t* movement_date, const int64_t* movement_amount_fen, int32_t method,
                                          int64_t* out_interest_fen, int64_t* out_closing_fen) {
  const std::size_t m = movement_offsets ? data_length(movement_offsets, n) : 0;
  return with_engine(engine, "pvd_hpf_interest_batch",
                     {i64(year, n, "year"), i64(opening_fen, n, "opening_fen"),
                      i64(movement_offsets, n ? n + 1 : 0, "movement_offsets", true), i64(movement_date, m, "movement_date"),
                      i64(movement_amount_fen, m, "movement_amount_fen"), i64(out_interest_fen, n, "out_interest_fen"),
                      i64(out_closing_fen, n, "out_closing_fen", true)},
                     [&](const pvd::policy::Policy& p) {
                       fp::check_outputs_apart(n, {year, opening_fen}, {{out_interest_fen, "out_interest_fen"}});
                       fp::hpf_interest_batch(p, n, year, opening_fen, {movement_offsets, movement_date, movement_amount_fen},
                                              method, out_interest_fen, out_closing_fen);
                     });
}

PVD_API pvd_status pvd_id_parse_batch(size_t n, const char* data, const int64_t* offsets, int32_t as_of_date,
                                      uint32_t flags, int64_t* out_problems, int64_t* out_kind, int64_t* out_birth_date,
                                      int64_t* out_gender, int64_t* out_region) {
  constexpr std::string_view fn = "pvd_id_parse_batch";
  if (flags & ~PVD_ID_ACCEPT_15_DIGITS) return pvd::capi::fail_global(PVD_E_INVALID_ARGUMENT, fn, "flags has unknown bits");
  return without_engine(fn,
                        {i64(offsets, n ? n + 1 : 0, "offsets"), Arg{data, data_length(offsets, n), 1, "data"},
                         i64(out_problems, n, "out_problems"), i64(out_kind, n, "out_kind", true),
                         i64(out_birth_date, n, "out_birth_date", true), i64(out_gender, n, "out_gender", true),
                         i64(out_region, n, "out_region", true)},
                        [&] {
                          fp::id_parse_batch(fp::day_arg(as_of_date, "as_of_date"), (flags & PVD_ID_ACCEPT_15_DIGITS) != 0,
                                             n, {data, offsets},
                                             {out_problems, out_kind, out_birth_date, out_gender, out_region});
                        });
}

PVD_API pvd_status pvd_uscc_validate_batch(size_t n, const char* data, const int64_t* offsets, int64_t* out_valid) {
  return without_engine("pvd_uscc_validate_batch",
                        {i64(offsets, n ? n + 1 : 0, "offsets"), Arg{data, data_length(offsets, n), 1, "data"},
                         i64(out_valid, n, "out_valid")},
                        [&] { fp::uscc_validate_batch(n, {data, offsets}, out_valid); });
}

PVD_API pvd_status pvd_card_validate_batch(const pvd_engine* engine, int32_t as_of_date, size_t n, const char* data,
                                           const int64_t* offsets, int64_t* out_valid) {
  return with_engine(engine, "pvd_card_validate_batch",
                     {i64(offsets, n ? n + 1 : 0, "offsets"), Arg{data, data_length(offsets, n), 1, "data"},
                      i64(out_valid, n, "out_valid")},
                     [&](const pvd::policy::Policy& p) {
                       fp::card_validate_batch(p, fp::day_arg(as_of_date, "as_of_date"), n, {data, offsets}, out_valid);
                     });
}

PVD_API pvd_status pvd_si_unit_login_name_batch(size_t n, const char* data, const int64_t* offsets, int64_t* out_valid,
                                                char* out_data, int64_t* out_offsets) {
  const std::size_t capacity = n > SIZE_MAX / fp::kLoginNameMax ? SIZE_MAX : n * fp::kLoginNameMax;
  return without_engine("pvd_si_unit_login_name_batch",
                        {i64(offsets, n ? n + 1 : 0, "offsets"), Arg{data, data_length(offsets, n), 1, "data"},
                         i64(out_valid, n, "out_valid"), Arg{out_data, capacity, 1, "out_data"},
                         i64(out_offsets, n ? n + 1 : 0, "out_offsets")},
                        [&] { fp::unit_login_name_batch(n, {data, offsets}, out_valid, out_data, out_offsets); });
}

PVD_API pvd_status pvd_pension_count_months_batch(size_t n, const int64_t* offsets, const int64_t* from_month,
                                                  const int64_t* to_month, int64_t* out_months, int64_t* out_paid_twice) {
  const std::size_t m = data_length(offsets, n);
  return without_engine("pvd_pension_count_months_batch",
                        {i64(offsets, n ? n + 1 : 0, "offsets"), i64(from_month, m, "from_month"), i64(to_month, m, "to_month"),
                         i64(out_months, n, "out_months"), i64(out_paid_twice, n, "out_paid_twice", true)},
                        [&] { fp::count_months_batch(n, {offsets, from_month, to_month}, out_months, out_paid_twice); });
}

PVD_API pvd_status pvd_pension_check_claim_batch(const pvd_engine* engine, int32_t as_of_date, size_t n,
                                                 const int64_t* birth_date, const int64_t* category,
                                                 const int64_t* work_start_date, const int64_t* retirement_date,
                                                 const int64_t* work_months, const int64_t* contribution_months,
                                                 const int64_t* has_arrears, int64_t* out_violations,
                                                 int64_t* out_counted_months, int64_t* out_min_months,
                                                 int64_t* out_earliest_month) {
  return with_engine(
      engine, "pvd_pension_check_claim_batch",
      {i64(birth_date, n, "birth_date"), i64(category, n, "category"), i64(work_start_date, n, "work_start_date"),
       i64(retirement_date, n, "retirement_date"), i64(work_months, n, "work_months"),
       i64(contribution_months, n, "contribution_months"), i64(has_arrears, n, "has_arrears", true),
       i64(out_violations, n, "out_violations"), i64(out_counted_months, n, "out_counted_months", true),
       i64(out_min_months, n, "out_min_months", true), i64(out_earliest_month, n, "out_earliest_month", true)},
      [&](const pvd::policy::Policy& p) {
        fp::check_outputs_apart(n, {birth_date, category, work_start_date, retirement_date, work_months, contribution_months},
                                {{out_violations, "out_violations"}});
        fp::check_claim_batch(p, fp::day_arg(as_of_date, "as_of_date"), n,
                              {birth_date, category, work_start_date, retirement_date, work_months, contribution_months,
                               has_arrears},
                              {out_violations, out_counted_months, out_min_months, out_earliest_month});
      });
}

PVD_API pvd_status pvd_pension_retirement_batch(const pvd_engine* engine, int32_t as_of_date, size_t n,
                                                const int64_t* birth_month, const int64_t* category,
                                                int64_t* out_statutory_month, int64_t* out_delay_months,
                                                int64_t* out_earliest_month, int64_t* out_latest_month) {
  return with_engine(engine, "pvd_pension_retirement_batch",
                     {i64(birth_month, n, "birth_month"), i64(category, n, "category"),
                      i64(out_statutory_month, n, "out_statutory_month"), i64(out_delay_months, n, "out_delay_months", true),
                      i64(out_earliest_month, n, "out_earliest_month", true),
                      i64(out_latest_month, n, "out_latest_month", true)},
                     [&](const pvd::policy::Policy& p) {
                       fp::check_outputs_apart(n, {birth_month, category}, {{out_statutory_month, "out_statutory_month"}});
                       fp::retirement_batch(p, fp::day_arg(as_of_date, "as_of_date"), n, birth_month, category,
                                            {out_statutory_month, out_delay_months, out_earliest_month, out_latest_month});
                     });
}

PVD_API pvd_status pvd_pension_min_months_batch(const pvd_engine* engine, size_t n, const int64_t* retirement_month,
                                                int64_t* out_months) {
  return with_engine(engine, "pvd_pension_min_months_batch",
                     {i64(retirement_month, n, "retirement_month"), i64(out_months, n, "out_months")},
                     [&](const pvd::policy::Policy& p) {
                       fp::check_outputs_apart(n, {retirement_month}, {{out_months, "out_months"}});
                       fp::min_months_batch(p, n, retirement_month, out_months);
                     });
}

PVD_API pvd_status pvd_si_late_fee_batch(const pvd_engine* engine, size_t n, const int64_t* principal_fen,
                                         const int64_t* due_date, const int64_t* paid_date, int64_t* out_fee_fen) {
  return with_engine(engine, "pvd_si_late_fee_batch",
                     {i64(principal_fen, n, "principal_fen"), i64(due_date, n, "due_date"), i64(paid_date, n, "paid_date"),
                      i64(out_fee_fen, n, "out_fee_fen")},
                     [&](const pvd::policy::Policy& p) {
                       fp::check_outputs_apart(n, {principal_fen, due_date, paid_date}, {{out_fee_fen, "out_fee_fen"}});
                       fp::late_fee_batch(p, n, principal_fen, due_date, paid_date, out_fee_fen);
                     });
}

}  // extern "C"
