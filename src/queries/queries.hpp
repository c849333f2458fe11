// Queries (protocol.md §1.5): operations that read entities and change
// nothing. They read through the World — its lookups, its ledger, and the
// store behind it (state::StoreView) — so that they answer alike from facts and
// from any store.
#pragma once

#include "protocol/registry.hpp"

namespace pvd::queries {

void account_get(protocol::OpContext& ctx, protocol::ArgReader& a, protocol::OpResult& r);
void account_statement(protocol::OpContext& ctx, protocol::ArgReader& a, protocol::OpResult& r);
void person_get(protocol::OpContext& ctx, protocol::ArgReader& a, protocol::OpResult& r);
void journal_list(protocol::OpContext& ctx, protocol::ArgReader& a, protocol::OpResult& r);
void store_verify(protocol::OpContext& ctx, protocol::ArgReader& a, protocol::OpResult& r);

/// hpf.account.get, hpf.account.statement, si.person.get, journal.list, store.verify.
void register_ops(protocol::Registry& reg);

}  // namespace pvd::queries
