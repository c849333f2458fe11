// The queries' registration (src/engine/operations.cpp lists the domains).
#include "queries/queries.hpp"

namespace pvd::queries {

void register_ops(protocol::Registry& reg) {
  using protocol::OpKind;
  reg.add_all({{"hpf.account.get", OpKind::query, account_get, "An HPF account"},
               {"hpf.account.statement", OpKind::query, account_statement, "Ledger entries of an account"},
               {"si.person.get", OpKind::query, person_get, "An SI person"},
               {"journal.list", OpKind::query, journal_list, "Journaled requests (store mode)"},
               {"store.verify", OpKind::query, store_verify, "Check the store's invariants (store mode)"}});
  register_bill_queries(reg);
  register_unit_queries(reg);
  register_lookup_queries(reg);
  register_certificate_queries(reg);
  register_case_queries(reg);
}

}  // namespace pvd::queries
