// store.verify's check of institutions' itemised wages (issue 18; 004 §2.1.1 (3), §2.3.2).
#include <set>
#include <string>

#include "provident/id/mask.hpp"
#include "si/rules/wage_rules.hpp"
#include "state/entities.hpp"
#include "store/verify.hpp"

namespace pvd::store {

using protocol::json;

namespace {

std::set<std::string> institution_codes(Db& db) {
  std::set<std::string> out;
  Stmt s(db, "SELECT unit_code FROM units WHERE " + doc_member(db.dialect(), "kind") + " = 'institution'");
  while (s.step()) out.insert(s.text(0));
  return out;
}

/// What is wrong with one record's items (empty: nothing): the request's own rules
/// (si::check_wage_items: named, once, not negative), and a positive sum.
std::string items_problem(const state::Enrollment& e, const std::set<std::string>& institutions) {
  if (!institutions.count(e.unit_code)) return "items at a unit that is not an institution";
  Violations v;
  si::check_wage_items(v, e.wage_items, "wage_items");
  if (!v.empty()) return v.list().front().code;
  return si::wage_items_sum(e.wage_items).is_positive() ? std::string() : "items summing to no wage";
}

}  // namespace

void si_wage_items_check(Db& db, std::vector<state::Check>& checks) {
  const std::set<std::string> institutions = institution_codes(db);
  Findings wrong(kShown);
  std::int64_t records = 0;
  Stmt s(db, "SELECT doc FROM persons WHERE " + doc_member(db.dialect(), "enrollments") + " LIKE '%wage_items%' ORDER BY id_number");
  while (s.step()) {
    const state::Person p = decode_stored(s.text(0), "person", state::decode_person, "persons");
    for (const auto& e : p.enrollments) {
      if (e.wage_items.empty()) continue;
      ++records;
      if (const std::string why = items_problem(e, institutions); !why.empty())
        wrong.add(id::mask_id_number(p.id_number) + " " + e.type + " from " + e.from.to_string() + " at " + e.unit_code + ": " + why);
    }
  }
  checks.push_back(wrong.result("SI itemised wages are institutions' and whole", std::to_string(records) + " itemised records"));
}

}  // namespace pvd::store
