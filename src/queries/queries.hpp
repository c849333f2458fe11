// Queries (protocol.md §1.5, docs/queries.md): operations that read entities
// and change nothing, never journaled. They read through the World — its
// lookups, its pages (paging.hpp), its ledger, and the store behind it
// (state::StoreView) — so that they answer alike from facts and from any store.
#pragma once

#include "protocol/registry.hpp"

namespace pvd::queries {

void account_get(protocol::OpContext& ctx, protocol::ArgReader& a, protocol::OpResult& r);
void account_statement(protocol::OpContext& ctx, protocol::ArgReader& a, protocol::OpResult& r);
void person_get(protocol::OpContext& ctx, protocol::ArgReader& a, protocol::OpResult& r);
void journal_list(protocol::OpContext& ctx, protocol::ArgReader& a, protocol::OpResult& r);
void store_verify(protocol::OpContext& ctx, protocol::ArgReader& a, protocol::OpResult& r);

// Each file of the read side registers its own queries (docs/queries.md §2–§5).
void register_bill_queries(protocol::Registry& reg);         // bills.cpp: bill.list, bill.get
void register_unit_queries(protocol::Registry& reg);         // units.cpp: si/hpf.unit.get, rosters
void register_lookup_queries(protocol::Registry& reg);       // lookups.cpp: hpf.account.find, si.person.find
void register_certificate_queries(protocol::Registry& reg);  // certificates*.cpp: the certificates' data
void register_case_queries(protocol::Registry& reg);         // cases.cpp: case.list

/// hpf.account.get, hpf.account.statement, si.person.get, journal.list,
/// store.verify and every register_*_queries above.
void register_ops(protocol::Registry& reg);

}  // namespace pvd::queries
