// What the store's World reads and writes of an entity's row beside its
// document (table_world.cpp reads, table_world_write.cpp writes): the
// searched columns and the id counters' names.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "state/entities.hpp"
#include "state/world.hpp"

namespace pvd::store::rows {

/// The columns a row keeps beside its document, for the store's searches, in
/// the order of the table's columns (write_sql in table_world_write.cpp).
using Value = std::variant<std::string, std::optional<std::string>, std::int64_t>;
inline std::vector<Value> searched(const state::Unit& u) { return {std::string(state::to_text(u.scheme))}; }
inline std::vector<Value> searched(const state::Account& a) {
  return {a.unit_code, a.person.id_number, std::string(state::to_text(a.status)), a.balance.as_fen(), a.person.name};
}
inline std::vector<Value> searched(const state::Person& p) { return {p.name}; }
inline std::vector<Value> searched(const state::Bill& b) {
  return {b.unit_code, b.id_number, std::string(state::to_text(b.status)), b.amount_due.as_fen()};
}
inline std::vector<Value> searched(const state::Case& c) { return {c.unit_code, c.op, std::string(state::to_text(c.status))}; }

/// An account's searched columns by name, and as text (to compare the loaded
/// row with the written one: only the columns that changed are updated).
inline constexpr const char* kAccountColumns[] = {"unit_code", "id_number", "status", "balance", "name"};
inline std::vector<std::string> account_columns(const state::Account& a) {
  std::vector<std::string> text;
  for (const Value& v : searched(a))
    text.push_back(std::visit(
        [](const auto& x) -> std::string {
          using X = std::decay_t<decltype(x)>;
          if constexpr (std::is_same_v<X, std::int64_t>) return std::to_string(x);
          else if constexpr (std::is_same_v<X, std::string>) return x;
          else return x.value_or("");
        },
        v));
  return text;
}

/// The units an account is linked to in account_units (docs/history.md): its
/// unit and its stints' units, sorted, each once.
inline std::vector<std::string> linked_units(const state::Account& a) {
  std::vector<std::string> units = {a.unit_code};
  for (const auto& st : a.stints) units.push_back(st.unit_code);
  std::sort(units.begin(), units.end());
  units.erase(std::unique(units.begin(), units.end()), units.end());
  return units;
}

/// The row of `sequences` an id counter is kept in.
inline std::string kind_name(state::IdKind k) {
  switch (k) {
    case state::IdKind::account: return "account";
    case state::IdKind::bill: return "bill";
    case state::IdKind::case_: return "case";
    case state::IdKind::verification: return "verification";
  }
  return "?";
}

}  // namespace pvd::store::rows
