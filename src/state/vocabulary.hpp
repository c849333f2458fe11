// The entities' statuses and kinds (state.md §2) as enums, each from ONE
// list below: the list makes the enumerators and their text forms in the same
// order, so `to_text` and `parse_<vocabulary>` cannot disagree with the enum.
// The codec (JSON, the store's columns, the journal) reads and writes these
// texts only through the functions made here; a misspelt status does not
// compile. An enumerator is spelt as its text.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

#include "json/json.hpp"

namespace pvd::state {

// ------------------------------------------------------------------ the lists

#define PVD_SCHEME(X) X(hpf) X(si)
// hpf: employer | flexible; si: enterprise | institution
#define PVD_UNIT_KIND(X) X(employer) X(flexible) X(enterprise) X(institution)
#define PVD_UNIT_STATUS(X) X(active) X(suspended)
#define PVD_ACCOUNT_STATUS(X) X(normal) X(sealed) X(closed)
// A ledger entry's kind; a bill item's kind is one of the first three.
#define PVD_LEDGER_KIND(X) \
  X(regular) X(back_pay) X(back_pay_difference) X(interest) X(withdrawal) X(transfer_in) X(transfer_out) X(correction)
#define PVD_BILL_KIND(X) X(remittance) X(back_pay) X(settlement) X(flex) X(refund)
#define PVD_BILL_STATUS(X) X(open) X(paid) X(withdrawn)
#define PVD_RATE_CHANGE_STATE(X) X(submitted) X(approved) X(used)
#define PVD_CASE_STATUS(X) X(draft) X(submitted) X(approved) X(rejected) X(withdrawn)

// ------------------------------------------------------------------ what each list makes

/// The text forms of a vocabulary, in the order of its enumerators.
template <class E>
struct Vocabulary;

template <class E>
concept Vocab = requires { Vocabulary<E>::texts; };

template <Vocab E>
constexpr std::string_view to_text(E x) {
  return Vocabulary<E>::texts[static_cast<std::size_t>(x)];
}

/// The enumerator whose text is `text`; nothing for an unknown text.
template <Vocab E>
constexpr std::optional<E> parse(std::string_view text) {
  const auto& texts = Vocabulary<E>::texts;
  for (std::size_t i = 0; i < texts.size(); ++i)
    if (texts[i] == text) return static_cast<E>(i);
  return std::nullopt;
}

#define PVD_ENUMERATOR(name) name,
#define PVD_TEXT(name) std::string_view(#name),
#define PVD_VOCABULARY(E, e, LIST)                                                                \
  enum class E { LIST(PVD_ENUMERATOR) };                                                          \
  template <>                                                                                     \
  struct Vocabulary<E> {                                                                          \
    static constexpr std::array texts{LIST(PVD_TEXT)};                                            \
  };                                                                                              \
  constexpr std::optional<E> parse_##e(std::string_view text) { return parse<E>(text); }         \
  /* Put into a JSON document, its text (never its number). */                                 \
  inline void to_json(protocol::json& j, E x) { j = std::string(to_text(x)); }                  \
  inline void to_json(protocol::ojson& j, E x) { j = std::string(to_text(x)); }

PVD_VOCABULARY(Scheme, scheme, PVD_SCHEME)
PVD_VOCABULARY(UnitKind, unit_kind, PVD_UNIT_KIND)
PVD_VOCABULARY(UnitStatus, unit_status, PVD_UNIT_STATUS)
PVD_VOCABULARY(AccountStatus, account_status, PVD_ACCOUNT_STATUS)
PVD_VOCABULARY(LedgerKind, ledger_kind, PVD_LEDGER_KIND)
PVD_VOCABULARY(BillKind, bill_kind, PVD_BILL_KIND)
PVD_VOCABULARY(BillStatus, bill_status, PVD_BILL_STATUS)
PVD_VOCABULARY(RateChangeState, rate_change_state, PVD_RATE_CHANGE_STATE)
PVD_VOCABULARY(CaseStatus, case_status, PVD_CASE_STATUS)

#undef PVD_VOCABULARY
#undef PVD_TEXT
#undef PVD_ENUMERATOR

}  // namespace pvd::state
