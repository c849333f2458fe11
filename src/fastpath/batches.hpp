// The batch forms of the calculators (issue 19 (4)): one kernel per JSON
// calculator, shared by the C ABI (capi/batches.cpp) and the Python module
// (bindings/python/src/batch_calls.cpp). Each calls the rule functions the
// JSON operation calls and reads the policy figures they need once per batch
// (or once per distinct month). Rows are exact integers (fen, day and month
// serials) or strings in one buffer with n+1 offsets (Arrow-like, below).
//
// Every argument row is checked before any output is written: a bad row fails
// the call (fastpath::Error naming the row and the column) with the outputs
// untouched. A policy value not in force where a row needs it
// (POLICY_NOT_IN_FORCE, naming the row) is met while computing: the outputs
// of the rows before it are then written, the rest unspecified.
#pragma once

#include <cstddef>
#include <cstdint>

#include "provident/policy/policy.hpp"

namespace pvd::fastpath {

using policy::Policy;

/// n strings: row i is the bytes data[offsets[i]] … data[offsets[i+1]-1].
/// offsets holds n+1 non-decreasing values ≥ 0 (an Arrow string column's
/// offsets, widened to int64); data may be null when every row is empty.
struct Strings {
  const char* data = nullptr;
  const std::int64_t* offsets = nullptr;
};
/// Checks the offsets of n rows (REQ_BAD_VALUE naming `field` and the row).
void check_offsets(std::size_t n, const std::int64_t* offsets, const char* field);

// ------------------------------------------------------------------ si.contribution

/// The SI types selected by a mask: bit k for si::kTypes[k] (pension 1,
/// medical 2, unemployment 4, injury 8, maternity 16); 0 means all five.
inline constexpr std::uint32_t kAllTypes = 0x1F;

struct ContributionOutputs {
  std::int64_t* base = nullptr;            // the base priced (the clamped wage); may be null
  std::int64_t* employer_total = nullptr;  // required
  std::int64_t* employee_total = nullptr;  // required
  std::int64_t* employer_by_type = nullptr;  // n × T row-major, T = the types selected, kTypes order; may be null
  std::int64_t* employee_by_type = nullptr;  // likewise
};
/// si.contribution per row: amount_fen[i] is a wage (clamped to the base
/// limits in force in month[i], `wage` true) or a base (priced as given);
/// each type's parts round(base × rate) with si.amount.rounding, rates and
/// rounding in force on day 1 of month[i] (a month serial).
void si_contribution_batch(const Policy& p, std::size_t n, const std::int64_t* amount_fen, const std::int64_t* month,
                           bool wage, std::uint32_t types, ContributionOutputs out);
/// The number of types a mask selects (kAllTypes for 0).
int type_count(std::uint32_t types) noexcept;

// ------------------------------------------------------------------ hpf.interest

/// Interest methods: 0 the policy's hpf.interest.method, 1 monthly, 2 daily, 3 two_rate.
struct Movements {
  const std::int64_t* offsets = nullptr;  // n+1, or null: no movements in any row
  const std::int64_t* date = nullptr;     // day serials, inside the row's interest year
  const std::int64_t* amount_fen = nullptr;  // deposits positive, withdrawals negative
};
/// hpf.interest per row: the interest year ending 30 June of year[i], the
/// opening balance, the row's movements; out_interest required, out_closing
/// (opening + movements + interest) may be null.
void hpf_interest_batch(const Policy& p, std::size_t n, const std::int64_t* year, const std::int64_t* opening_fen,
                        Movements movements, std::int64_t method, std::int64_t* out_interest,
                        std::int64_t* out_closing);

// ------------------------------------------------------------------ identifiers

/// id.parse problems (the C ABI's PVD_ID_* bits).
inline constexpr std::int64_t kIdFormat = 1, kIdChecksum = 2, kIdBirthDate = 4, kIdUnknownRegion = 8;
struct IdOutputs {
  std::int64_t* problems = nullptr;    // required: 0 valid, else the bits above
  std::int64_t* kind = nullptr;        // 1 citizen_id, 2 hk_macao_residence_permit, 3 taiwan_residence_permit,
                                       // 4 foreign_permanent_residence; 0 when invalid
  std::int64_t* birth_date = nullptr;  // day serial; 0 when invalid
  std::int64_t* gender = nullptr;      // 1 male, 2 female; 0 when invalid
  std::int64_t* region = nullptr;      // the 6-digit division code as a number; 0 when invalid
};
/// id.parse per row (numbers of the GB 11643 form, as id.parse without
/// document_type), birth dates not after as_of.
void id_parse_batch(Date as_of, bool accept_15_digits, std::size_t n, Strings numbers, IdOutputs out);
/// uscc.validate per row: out_valid 1 or 0.
void uscc_validate_batch(std::size_t n, Strings codes, std::int64_t* out_valid);
/// card.validate per row, card.luhn_required read once on as_of: out_valid 1 or 0.
void card_validate_batch(const Policy& p, Date as_of, std::size_t n, Strings numbers, std::int64_t* out_valid);
/// The longest login name (bytes): a 12-digit unit code.
inline constexpr std::size_t kLoginNameMax = 12;
/// si.unit_login_name per row: out_valid 1 or 0; the names into out_data
/// (capacity kLoginNameMax × n bytes) with n+1 out_offsets (an invalid
/// code: an empty string).
void unit_login_name_batch(std::size_t n, Strings codes, std::int64_t* out_valid, char* out_data,
                           std::int64_t* out_offsets);

// ------------------------------------------------------------------ pension

/// Periods of months in CSR form: row i has the periods offsets[i] … offsets[i+1]-1.
struct Periods {
  const std::int64_t* offsets = nullptr;
  const std::int64_t* from = nullptr;  // month serials
  const std::int64_t* to = nullptr;    // inclusive
};
/// pension.count_months per row (periods only, no add/reduce): the months
/// covered and the months paid in two periods or more. A period whose end
/// precedes its start is a bad row (PERIOD_INVERTED in the JSON form).
void count_months_batch(std::size_t n, Periods periods, std::int64_t* out_months, std::int64_t* out_paid_twice);

/// pension.check_claim's violations as bits (the numeric facts of a claim
/// can give these; any other code sets kClaimOther).
inline constexpr std::int64_t kClaimWorkYearsShort = 1, kClaimWorkYearsExceedSpan = 2, kClaimContributionExceedsSpan = 4,
                              kClaimContributionShort = 8, kClaimHasArrears = 16, kClaimBeforeRetirementAge = 32,
                              kClaimOther = std::int64_t{1} << 62;
/// The code of each bit, in bit order (kClaimOther excluded).
extern const Code kClaimCodes[6];

struct ClaimColumns {
  const std::int64_t* birth_date = nullptr;       // day serials
  const std::int64_t* category = nullptr;         // 1 M60, 2 F55, 3 F50
  const std::int64_t* work_start_date = nullptr;  // day serials
  const std::int64_t* retirement_date = nullptr;  // day serials
  const std::int64_t* work_months = nullptr;      // work_years as years × 12 + months, 0 … 1211
  const std::int64_t* contribution_months = nullptr;  // 0 … 1200
  const std::int64_t* has_arrears = nullptr;      // 0 or 1; may be null (none)
};
struct ClaimOutputs {
  std::int64_t* violations = nullptr;  // required: 0 passes, else kClaim* bits
  std::int64_t* counted_months = nullptr;
  std::int64_t* min_months = nullptr;
  std::int64_t* earliest_month = nullptr;  // month serial
};
/// pension.check_claim per row with a birth date and a contribution count
/// (no ID number, periods, adjustments, special jobs or promotions: those go
/// through the JSON operation); `as_of` is the request's date.
void check_claim_batch(const Policy& p, Date as_of, std::size_t n, ClaimColumns in, ClaimOutputs out);

}  // namespace pvd::fastpath
