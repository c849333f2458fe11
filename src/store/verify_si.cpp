#include "store/verify.hpp"

#include <algorithm>
#include <map>
#include <optional>
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

/// The paid SI bills (by id) and the refund bills, read from the documents.
struct SiBills {
  std::map<std::string, state::Bill> paid;
  std::vector<state::Bill> refunds;
};

SiBills read_si_bills(Db& db) {
  SiBills out;
  Stmt s(db, "SELECT doc FROM bills WHERE status = 'paid' ORDER BY bill_id");
  while (s.step()) {
    state::Bill b = decode_stored(s.text(0), "bill", state::decode_bill, "bills");
    if (b.scheme != state::Scheme::si) continue;
    if (b.kind == state::BillKind::refund) out.refunds.push_back(std::move(b));
    else out.paid.emplace(b.bill_id, std::move(b));
  }
  return out;
}

/// What a refund item returns: the item of the bill it names that paid the same
/// person-type-month, if that bill is a paid SI bill that paid it. The paid item may name
/// one of the person's previous numbers (issue 18 (1): a bill keeps its number).
const state::BillItem* refunded_item(const SiBills& bills, const std::set<std::string>& numbers, const state::BillItem& i) {
  if (!i.refunds) return nullptr;
  auto it = bills.paid.find(*i.refunds);
  if (it == bills.paid.end()) return nullptr;
  const state::Bill& b = it->second;
  for (const auto& x : b.items) {
    const std::string& who = x.id_number ? *x.id_number : b.id_number.value_or("");
    if (numbers.contains(who) && x.type.value_or("pension") == i.type.value_or("pension") && x.month == i.month)
      return &x;
  }
  return nullptr;
}

}  // namespace

void si_refund_checks(Db& db, std::vector<state::Check>& checks);
void si_id_checks(Db& db, std::vector<state::Check>& checks);

void si_history_checks(Db& db, std::vector<state::Check>& checks) {
  // Open flexible verifications, by person: their months are charged (pension) until
  // paid (then a contribution record of no unit) or withdrawn.
  std::map<std::string, std::set<YearMonth>> open_flex;
  {
    Stmt s(db, "SELECT doc FROM bills WHERE status = 'open' ORDER BY bill_id");
    while (s.step()) {
      const state::Bill b = decode_stored(s.text(0), "bill", state::decode_bill, "bills");
      if (b.kind != state::BillKind::flex || !b.id_number) continue;
      for (const auto& i : b.items) open_flex[*b.id_number].insert(i.month);
    }
  }
  Findings twice, outside;
  std::int64_t persons = 0, records = 0;
  Stmt s(db, "SELECT id_number, doc FROM persons ORDER BY id_number");
  while (s.step()) {
    ++persons;
    const state::Person p = decode_stored(s.text(1), "person", state::decode_person, "persons");
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
    std::vector<std::string> numbers = p.previous_ids;  // a bill keeps its number (issue 18 (1))
    numbers.push_back(p.id_number);
    for (const auto& n : numbers)
      if (auto it = open_flex.find(n); it != open_flex.end())
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
  si_refund_checks(db, checks);
  si_id_checks(db, checks);
}

// issue 18 (1): a corrected number is a tombstone — no name, enrollment or contribution, and
// `moved_to` naming the person that lists it in previous_ids — and every previous number of a
// person is such a tombstone naming them: no person lost, none doubled, no number live twice.
void si_id_checks(Db& db, std::vector<state::Check>& checks) {
  std::map<std::string, std::string> moved;                 // tombstone → moved_to
  std::map<std::string, std::vector<std::string>> previous;  // live person → previous_ids
  Findings wrong;
  Stmt s(db, "SELECT doc FROM persons ORDER BY id_number");
  while (s.step()) {
    const state::Person p = decode_stored(s.text(0), "person", state::decode_person, "persons");
    const std::string who = id::mask_id_number(p.id_number);
    if (!p.moved_to) {
      if (!p.previous_ids.empty()) previous[p.id_number] = p.previous_ids;
      continue;
    }
    moved[p.id_number] = *p.moved_to;
    if (!p.name.empty() || !p.enrollments.empty() || !p.contributions.empty() || !p.previous_ids.empty())
      wrong.add(who + " is corrected away but keeps a name, enrollments, contributions or previous numbers");
  }
  for (const auto& [old_id, to] : moved) {
    auto it = previous.find(to);
    if (it == previous.end() || std::find(it->second.begin(), it->second.end(), old_id) == it->second.end())
      wrong.add(id::mask_id_number(old_id) + " is corrected to " + id::mask_id_number(to) + ", which does not list it");
  }
  for (const auto& [id_number, olds] : previous)
    for (const auto& o : olds)
      if (auto it = moved.find(o); it == moved.end() || it->second != id_number)
        wrong.add(id::mask_id_number(id_number) + " lists " + id::mask_id_number(o) + ", which is not corrected to it");
  checks.push_back(wrong.result("corrected ID numbers are tombstones of one live person",
                                std::to_string(moved.size()) + " corrected numbers"));
}

// issue 18: a refund returns at most what a paid bill paid for that person-type-month, once, and the
// month refunded is no longer a paid record of that bill on the person.
void si_refund_checks(Db& db, std::vector<state::Check>& checks) {
  const SiBills bills = read_si_bills(db);
  Findings wrong;
  std::set<std::tuple<std::string, std::string, std::string, std::int32_t>> seen;  // (bill, person, type, month)
  std::int64_t items = 0;
  for (const auto& r : bills.refunds) {
    const std::string who = r.id_number.value_or("");
    const state::Person* p = nullptr;
    std::optional<state::Person> person;
    {
      Stmt s(db, "SELECT doc FROM persons WHERE id_number = ?");
      s.bind(1, who);
      if (s.step()) person = decode_stored(s.text(0), "person", state::decode_person, "persons");
      p = person ? &*person : nullptr;
    }
    std::set<std::string> numbers{who};
    if (p) numbers.insert(p->previous_ids.begin(), p->previous_ids.end());
    for (const auto& i : r.items) {
      ++items;
      const std::string what = r.bill_id + " " + id::mask_id_number(who) + " " + i.type.value_or("pension") + " " + i.month.to_string();
      const state::BillItem* paid = refunded_item(bills, numbers, i);
      if (!paid) {
        wrong.add(what + " refunds no paid month of " + i.refunds.value_or("no bill"));
        continue;
      }
      if (paid->employer + paid->employee < -(i.employer + i.employee)) wrong.add(what + " refunds more than was paid");
      if (!seen.emplace(*i.refunds, who, i.type.value_or("pension"), i.month.serial()).second) wrong.add(what + " refunded twice");
      if (p)
        for (const auto& c : p->contributions)
          if (c.bill_id == i.refunds && c.type == i.type.value_or("pension") && c.month == i.month && c.paid)
            wrong.add(what + " is refunded and still paid");
    }
  }
  checks.push_back(wrong.result("SI refunds return paid months once", std::to_string(bills.refunds.size()) + " refunds, " +
                                                                     std::to_string(items) + " months"));
}

}  // namespace pvd::store
