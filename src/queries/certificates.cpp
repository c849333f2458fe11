// The certificates' queries: their registration and what their files share
// (docs/queries.md §5; the handlers are in certificates_*.cpp).
#include "queries/certificates.hpp"

#include "provident/id/mask.hpp"
#include "queries/queries.hpp"

namespace pvd::queries {

namespace certificates {

const state::Person& person_named(OpContext& ctx, const std::string& id_number) {
  const state::Person* p = ctx.world().current_person(id_number);  // a corrected number: its person (issue 18 (1))
  if (!p) protocol::throw_not_found("args.id_number", "人员", "person", id::mask_id_number(id_number));
  return *p;
}

ojson text_or_null(const std::optional<YearMonth>& m) { return m ? ojson(m->to_string()) : ojson(nullptr); }
ojson text_or_null(const std::optional<Date>& d) { return d ? ojson(d->to_string()) : ojson(nullptr); }

}  // namespace certificates

void register_certificate_queries(protocol::Registry& reg) {
  using protocol::OpKind;
  namespace c = certificates;
  reg.add_all({{"si.person.certificate", OpKind::query, c::person_certificate,
                "个人参保证明: a person's SI spans, months paid and unpaid per year, base and arrears"},
               {"si.person.contributions", OpKind::query, c::person_contributions,
                "缴费明细: a person's SI contributions month by month, with who paid"},
               {"si.unit.certificate", OpKind::query, c::unit_certificate,
                "单位参保证明: persons insured per type at the unit, and its open bills"},
               {"si.unit.changes", OpKind::query, c::unit_changes,
                "人员变更表: enrollments, stops and transfers at a unit in a period (paged)"},
               {"hpf.account.certificate", OpKind::query, c::account_certificate,
                "缴存证明: an HPF account's status, deposit, months paid, balance and interest"},
               {"pension.certificate", OpKind::query, c::pension_certificate,
                "退休证明: the retirement of a person whose pension claim was approved"}});
}

}  // namespace pvd::queries
