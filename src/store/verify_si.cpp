#include "store/verify.hpp"

#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "provident/id/mask.hpp"
#include "state/entities.hpp"

namespace pvd::store {

using protocol::json;

namespace {

std::string place(const std::string& unit) { return unit.empty() ? std::string("flexible") : unit; }

// issue 18: a registered flexible worker's pension months charged as flexible lie in the
// flexible insurance (an enrollment with unit_code ""); a pension bank account and
// qualifications belong to a retired person.
void flexible_and_retiree_checks(const state::Person& p, const std::string& who,
                                 const std::map<std::pair<std::string, std::int32_t>, std::vector<std::string>>& at,
                                 Findings& outside) {
  if (!p.retired_from && (p.pension_bank || !p.qualifications.empty()))
    outside.add(who + " a pension bank account or qualification without a retirement");
  bool registered = false;
  for (const auto& e : p.enrollments) registered = registered || (e.unit_code.empty() && e.type == "pension");
  if (!registered) return;
  for (const auto& [key, places] : at) {
    if (key.first != "pension") continue;
    const YearMonth m = YearMonth::from_serial(key.second);
    bool flexible_charge = false;
    for (const auto& u : places) flexible_charge = flexible_charge || u.empty();
    bool covered = false;
    for (const auto& e : p.enrollments)
      covered = covered || (e.unit_code.empty() && e.type == "pension" && e.from <= m.last_day() &&
                            (!e.to || !(*e.to < m.first_day())));
    if (flexible_charge && !covered) outside.add(who + " pension " + m.to_string() + " flexible outside the flexible insurance");
  }
}

}  // namespace

void si_history_checks(Db& db, std::vector<state::Check>& checks) {
  // Open flexible verifications, by person: their months are charged (pension) until
  // paid (then a contribution record of no unit) or withdrawn.
  std::map<std::string, std::set<YearMonth>> open_flex;
  {
    Stmt s(db, "SELECT doc FROM bills WHERE status = 'open' ORDER BY bill_id");
    while (s.step()) {
      const state::Bill b = state::decode_bill(parse_stored<json>(s.text(0), "bill"), "bills");
      if (b.kind != state::BillKind::flex || !b.id_number) continue;
      for (const auto& i : b.items) open_flex[*b.id_number].insert(i.month);
    }
  }
  Findings twice, outside;
  std::int64_t persons = 0, records = 0;
  Stmt s(db, "SELECT id_number, doc FROM persons ORDER BY id_number");
  while (s.step()) {
    ++persons;
    const state::Person p = state::decode_person(parse_stored<json>(s.text(1), "person"), "persons");
    const std::string who = id::mask_id_number(p.id_number);
    // (type, month) → places charged, one entry per record.
    std::map<std::pair<std::string, std::int32_t>, std::vector<std::string>> at;
    for (const auto& c : p.contributions) {
      ++records;
      at[{c.type, c.month.serial()}].push_back(c.unit_code);
      if (!c.unit_code.empty()) {
        bool covered = false;
        for (const auto& e : p.enrollments)
          if (e.unit_code == c.unit_code && e.type == c.type && e.from <= c.month.last_day() &&
              (!e.to || !(*e.to < c.month.first_day()))) {
            covered = true;
            break;
          }
        if (!covered) outside.add(who + " " + c.type + " " + c.month.to_string() + " at " + c.unit_code + " without an enrollment");
      }
      if (c.type == "pension" && p.retired_from && !(c.month < *p.retired_from))
        outside.add(who + " pension " + c.month.to_string() + " at " + place(c.unit_code) + " after retirement from " +
                            p.retired_from->to_string());
    }
    if (auto it = open_flex.find(p.id_number); it != open_flex.end())
      for (auto m : it->second) at[{"pension", m.serial()}].push_back("");
    flexible_and_retiree_checks(p, who, at, outside);  // issue 18
    for (const auto& [key, places] : at) {
      if (places.size() < 2) continue;
      std::string where;
      for (const auto& u : places) where += (where.empty() ? "" : ", ") + place(u);
      twice.add(who + " " + key.first + " " + YearMonth::from_serial(key.second).to_string() + " charged at " + where);
    }
  }
  checks.push_back(
      twice.result("no SI month charged twice", std::to_string(persons) + " persons, " + std::to_string(records) + " contribution records"));
  checks.push_back(outside.result("no SI month charged outside an enrollment", "ok"));
}

}  // namespace pvd::store
