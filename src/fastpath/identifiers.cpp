// The identifier calculators over string columns (batches.hpp): id.parse,
// uscc.validate, card.validate and si.unit_login_name, each row through the
// function the JSON operation calls (provident/id); the strings are read in
// place from one buffer and n+1 offsets.
#include <cstring>
#include <string>
#include <string_view>

#include "fastpath/args.hpp"
#include "fastpath/batches.hpp"
#include "fastpath/error.hpp"
#include "provident/id/document.hpp"
#include "provident/id/identifiers.hpp"

namespace pvd::fastpath {

namespace {

std::string_view row_text(Strings s, std::size_t i) noexcept {
  const auto from = s.offsets[i], to = s.offsets[i + 1];
  if (to == from) return {};
  return {s.data + from, static_cast<std::size_t>(to - from)};
}

std::int64_t problem_bits(const id::DocumentParseResult& r) noexcept {
  std::int64_t bits = 0;
  for (auto p : r.problems) {
    switch (p) {
      case id::DocumentProblem::checksum: bits |= kIdChecksum; break;
      case id::DocumentProblem::birth_date: bits |= kIdBirthDate; break;
      case id::DocumentProblem::region: bits |= kIdUnknownRegion; break;
      default: bits |= kIdFormat; break;  // format (the other kinds need a declared type)
    }
  }
  return bits;
}

std::int64_t region_number(std::string_view region) noexcept {
  std::int64_t v = 0;
  for (char c : region) {
    if (c < '0' || c > '9') return 0;
    v = v * 10 + (c - '0');
  }
  return v;
}

}  // namespace

void check_offsets(std::size_t n, const std::int64_t* offsets, const char* field) {
  if (n == 0) return;
  if (offsets[0] < 0) bad_row(0, field, std::string(field) + "不能为负数", std::string(field) + "[0] is negative");
  for (std::size_t i = 0; i < n; ++i)
    if (offsets[i + 1] < offsets[i]) bad_row(i, field, std::string(field) + "须不减（行的结束偏移量小于开始偏移量）",
                                              std::string(field) + ": the row ends before it starts (offsets must not decrease)");
}

void id_parse_batch(Date as_of, bool accept_15_digits, std::size_t n, Strings numbers, IdOutputs out) {
  check_offsets(n, numbers.offsets, "offsets");
  for (std::size_t i = 0; i < n; ++i) {
    const auto doc = id::parse_document(row_text(numbers, i), std::nullopt, as_of, accept_15_digits);
    const std::int64_t bits = doc.ok() && doc.id ? 0 : doc.ok() ? kIdFormat : problem_bits(doc);
    out.problems[i] = bits;
    const bool valid = bits == 0;
    put(out.kind, i, valid ? static_cast<std::int64_t>(doc.id->kind) + 1 : 0);
    put(out.birth_date, i, valid ? doc.id->birth_date.days() : 0);
    put(out.gender, i, valid ? (doc.id->gender == id::Gender::female ? 2 : 1) : 0);
    put(out.region, i, valid ? region_number(doc.region) : 0);
  }
}

void uscc_validate_batch(std::size_t n, Strings codes, std::int64_t* out_valid) {
  check_offsets(n, codes.offsets, "offsets");
  for (std::size_t i = 0; i < n; ++i) out_valid[i] = id::credit_code_valid(row_text(codes, i)) ? 1 : 0;
}

void card_validate_batch(const Policy& p, Date as_of, std::size_t n, Strings numbers, std::int64_t* out_valid) {
  check_offsets(n, numbers.offsets, "offsets");
  const bool luhn = p.get<bool>(policy::Key::card_luhn_required, as_of);
  for (std::size_t i = 0; i < n; ++i) out_valid[i] = id::card_number_valid(row_text(numbers, i), luhn) ? 1 : 0;
}

void unit_login_name_batch(std::size_t n, Strings codes, std::int64_t* out_valid, char* out_data,
                           std::int64_t* out_offsets) {
  check_offsets(n, codes.offsets, "offsets");
  if (n == 0) return;
  std::int64_t at = 0;
  out_offsets[0] = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const auto name = id::si_unit_login_name(row_text(codes, i));
    out_valid[i] = name ? 1 : 0;
    if (name && name->size() <= kLoginNameMax) {
      std::memcpy(out_data + at, name->data(), name->size());
      at += static_cast<std::int64_t>(name->size());
    }
    out_offsets[i + 1] = at;
  }
}

}  // namespace pvd::fastpath
