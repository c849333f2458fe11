// The certificates' data (docs/queries.md §5): what the halls print as 参保证明,
// 缴费明细, 单位参保证明, 人员变更表, 缴存证明 and 退休证明. The host prints; these
// queries supply the exact content. Each topic has its file:
// certificates_si.cpp (a person's SI), certificates_unit.cpp (an SI unit's),
// certificates_hpf.cpp (an HPF account's), certificates_pension.cpp (retirement).
#pragma once

#include <optional>
#include <string>

#include "protocol/registry.hpp"
#include "state/world.hpp"

namespace pvd::queries::certificates {

using protocol::ArgReader;
using protocol::ojson;
using protocol::OpContext;
using protocol::OpResult;

void person_certificate(OpContext& ctx, ArgReader& a, OpResult& r);    // si.person.certificate
void person_contributions(OpContext& ctx, ArgReader& a, OpResult& r);  // si.person.contributions
void unit_certificate(OpContext& ctx, ArgReader& a, OpResult& r);      // si.unit.certificate
void unit_changes(OpContext& ctx, ArgReader& a, OpResult& r);          // si.unit.changes
void account_certificate(OpContext& ctx, ArgReader& a, OpResult& r);   // hpf.account.certificate
void pension_certificate(OpContext& ctx, ArgReader& a, OpResult& r);   // pension.certificate

/// The SI person `args.id_number` names — for a corrected number, the person it was corrected
/// to (issue 18 (1)); REQ_NOT_FOUND (the number masked) otherwise.
const state::Person& person_named(OpContext& ctx, const std::string& id_number);
/// A month, a date or nothing as JSON.
ojson text_or_null(const std::optional<YearMonth>& m);
ojson text_or_null(const std::optional<Date>& d);

}  // namespace pvd::queries::certificates
