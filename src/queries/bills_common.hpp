// What bill.list (bills.cpp) and bill.get (bills_get.cpp) share: a bill's
// summary row and the reading of a vocabulary argument.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "protocol/registry.hpp"
#include "state/entities.hpp"

namespace pvd::queries {

void bill_list(protocol::OpContext& ctx, protocol::ArgReader& a, protocol::OpResult& r);
void bill_get(protocol::OpContext& ctx, protocol::ArgReader& a, protocol::OpResult& r);

/// The members of a bill that a list row and bill.get both show: bill_id,
/// scheme, kind, unit_code, id_number, period, status, principal, late_fee,
/// suspense_used, amount_due, created_on, due_date, paid_on (absent ones null),
/// amounts as exact strings.
protocol::ojson bill_summary(const state::Bill& b);

/// An optional argument from one of the entities' vocabularies (state/vocabulary.hpp):
/// REQ_BAD_VALUE naming the field, with the allowed texts, for any other text.
template <state::Vocab E>
std::optional<E> opt_vocabulary(protocol::ArgReader& a, std::string_view name) {
  const auto text = a.opt_string(name, 32);
  if (!text) return std::nullopt;
  if (const auto e = state::parse<E>(*text)) return e;
  std::string list;
  for (std::string_view t : state::Vocabulary<E>::texts) list += (list.empty() ? "" : ", ") + std::string(t);
  protocol::throw_bad_value(a.field(name), "须为以下之一：" + list, "must be one of: " + list);
}

}  // namespace pvd::queries
