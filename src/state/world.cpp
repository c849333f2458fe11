#include "state/world.hpp"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace pvd::state {

std::string_view id_prefix(IdKind k) noexcept {
  switch (k) {
    case IdKind::account: return "A";
    case IdKind::bill: return "B";
    case IdKind::case_: return "C";
    case IdKind::verification: return "V";
  }
  return "X";
}

World::World(Facts f) {
  for (auto& u : f.units) {
    const std::string id = u.unit_code;
    if (units_.contains(id)) throw std::invalid_argument("facts.units: duplicate unit_code " + id);
    units_.put_loaded(std::move(u), id);
  }
  for (auto& a : f.accounts) {
    const std::string id = a.account_no;
    if (accounts_.contains(id)) throw std::invalid_argument("facts.accounts: duplicate account_no " + id);
    accounts_.put_loaded(std::move(a), id);
  }
  for (auto& p : f.persons) {
    const std::string id = p.id_number;
    if (persons_.contains(id)) throw std::invalid_argument("facts.persons: duplicate id_number");
    persons_.put_loaded(std::move(p), id);
  }
  for (auto& b : f.bills) {
    const std::string id = b.bill_id;
    if (bills_.contains(id)) throw std::invalid_argument("facts.bills: duplicate bill_id " + id);
    bills_.put_loaded(std::move(b), id);
  }
  for (auto& c : f.cases) {
    const std::string id = c.case_id;
    if (cases_.contains(id)) throw std::invalid_argument("facts.cases: duplicate case_id " + id);
    cases_.put_loaded(std::move(c), id);
  }
}

const Unit* World::unit(std::string_view code) {
  if (!units_.contains(code)) load_unit(code);
  return units_.find(code);
}
const Account* World::account(std::string_view no) {
  if (!accounts_.contains(no)) load_account(no);
  return accounts_.find(no);
}
const Person* World::person(std::string_view id) {
  if (!persons_.contains(id)) load_person(id);
  return persons_.find(id);
}
const Bill* World::bill(std::string_view id) {
  if (!bills_.contains(id)) load_bill(id);
  return bills_.find(id);
}
const Case* World::find_case(std::string_view id) {
  if (!cases_.contains(id)) load_case(id);
  return cases_.find(id);
}

std::vector<const Account*> World::accounts_of_unit(std::string_view code) {
  load_accounts_of_unit(code);
  std::vector<const Account*> out;
  for (auto* a : accounts_.all())
    if (a->unit_code == code) out.push_back(a);
  return out;
}

std::vector<const Account*> World::accounts_with_stint_at(std::string_view code) {
  load_accounts_with_stint_at(code);
  std::vector<const Account*> out;
  for (auto* a : accounts_.all()) {
    bool at = a->unit_code == code;
    for (const auto& s : a->stints) at = at || s.unit_code == code;
    if (at) out.push_back(a);
  }
  return out;
}

void World::index_new_bills() {
  const auto& order = bills_.order();
  for (; bills_indexed_ < order.size(); ++bills_indexed_) {
    const Bill* b = bills_.find(order[bills_indexed_]);
    if (!b || b->scheme != state::Scheme::hpf) continue;
    for (const auto& item : b->items) {
      const LedgerKind kind = item.kind.value_or(LedgerKind::regular);
      if (!item.account_no || (kind != LedgerKind::regular && kind != LedgerKind::back_pay)) continue;
      bill_index_[{*item.account_no, item.month.serial()}].push_back(b->bill_id);
    }
  }
}

std::optional<std::string> World::bill_paying(std::string_view account_no, YearMonth m) {
  index_new_bills();
  if (auto it = bill_index_.find({std::string(account_no), m.serial()}); it != bill_index_.end())
    for (const auto& id : it->second)
      if (const Bill* b = bills_.find(id); b && b->status != state::BillStatus::withdrawn) return id;
  // Bills this world does not hold (a store's): held ones were judged above.
  for (const auto& id : stored_bills_paying(account_no, m))
    if (!bills_.contains(id)) return id;
  return std::nullopt;
}

std::vector<const Account*> World::accounts_of_person(std::string_view id) {
  load_accounts_of_person(id);
  // An index over the accounts held, extended in their order: a batch that
  // looks up every row's person stays O(rows · log accounts).
  const auto& order = accounts_.order();
  for (; persons_indexed_ < order.size(); ++persons_indexed_)
    if (const Account* a = accounts_.find(order[persons_indexed_])) person_index_[a->person.id_number].push_back(a->account_no);
  std::vector<const Account*> out;
  if (auto it = person_index_.find(id); it != person_index_.end())
    for (const auto& no : it->second)
      if (const Account* a = accounts_.find(no); a && a->person.id_number == id) out.push_back(a);
  return out;
}

std::vector<const Account*> World::all_accounts() {
  load_all_accounts();
  std::vector<const Account*> out;
  for (auto* a : accounts_.all()) out.push_back(a);
  return out;
}

std::vector<const Bill*> World::bills_of_unit(std::string_view code) {
  load_bills_of_unit(code);
  std::vector<const Bill*> out;
  for (auto* b : bills_.all())
    if (b->unit_code && *b->unit_code == code) out.push_back(b);
  return out;
}

const Person* World::current_person(std::string_view id) {
  const Person* p = person(id);
  // A number corrected more than once leads on from record to record (bounded: a cycle
  // would be a damaged store, which store.verify reports).
  for (int hops = 0; p && p->moved_to && hops < 64; ++hops) p = person(*p->moved_to);
  return p && !p->moved_to ? p : nullptr;
}

std::vector<std::string> World::numbers_of_person(std::string_view id) {
  std::vector<std::string> out{std::string(id)};
  if (const Person* p = person(id)) out.insert(out.end(), p->previous_ids.begin(), p->previous_ids.end());
  return out;
}

std::vector<const Bill*> World::bills_of_person(std::string_view id) {
  return std::move(bills_of_persons({std::string(id)}).begin()->second);
}

std::map<std::string, std::vector<const Bill*>, std::less<>> World::bills_of_persons(const std::vector<std::string>& ids) {
  std::map<std::string, std::vector<const Bill*>, std::less<>> out;
  std::map<std::string, std::string, std::less<>> owner;  // a number (current or previous) → the person's number
  for (const auto& id : ids) {
    out.emplace(id, std::vector<const Bill*>{});
    for (const auto& n : numbers_of_person(id)) {
      load_bills_of_person(n);
      owner.emplace(n, id);
    }
  }
  for (auto* b : bills_.all())
    if (b->id_number)
      if (auto it = owner.find(*b->id_number); it != owner.end()) out[it->second].push_back(b);
  return out;
}

std::vector<const Person*> World::persons_of_unit(std::string_view code) {
  load_persons_of_unit(code);
  std::vector<const Person*> out;
  for (auto* p : persons_.all()) {
    for (const auto& e : p->enrollments)
      if (e.unit_code == code) {
        out.push_back(p);
        break;
      }
  }
  return out;
}

std::vector<const Case*> World::cases_of_unit(std::string_view code) {
  load_cases_of_unit(code);
  std::vector<const Case*> out;
  for (auto* c : cases_.all())
    if (c->unit_code && *c->unit_code == code) out.push_back(c);
  return out;
}

std::vector<const Case*> World::all_cases() {
  load_all_cases();
  std::vector<const Case*> out;
  for (auto* c : cases_.all()) out.push_back(c);
  return out;
}

namespace {

/// The first `limit` entities of `table` after `after` (ids ascending) that `keep`.
template <class T, class Keep>
std::vector<const T*> page_of(EntityTable<T>& table, std::string_view after, std::size_t limit, Keep keep) {
  std::vector<const T*> out;
  if (limit == 0) return out;
  table.each_after(after, [&](const T& x) {
    if (keep(x)) out.push_back(&x);
    return out.size() < limit;
  });
  return out;
}

bool enrolled_at(const Person& p, std::string_view unit_code) {
  return std::any_of(p.enrollments.begin(), p.enrollments.end(), [&](const Enrollment& e) { return e.unit_code == unit_code; });
}

}  // namespace

std::vector<const Account*> World::accounts_of_unit_page(std::string_view unit, std::string_view after, std::size_t limit) {
  load_accounts_of_unit_page(unit, after, limit);
  return page_of(accounts_, after, limit, [&](const Account& a) { return a.unit_code == unit; });
}

std::vector<const Account*> World::accounts_named_page(std::string_view name, std::string_view unit, std::string_view after,
                                                       std::size_t limit) {
  load_accounts_named_page(name, unit, after, limit);
  return page_of(accounts_, after, limit,
                 [&](const Account& a) { return a.person.name == name && (unit.empty() || a.unit_code == unit); });
}

std::vector<const Person*> World::persons_of_unit_page(std::string_view unit, std::string_view after, std::size_t limit) {
  load_persons_of_unit_page(unit, after, limit);
  return page_of(persons_, after, limit, [&](const Person& p) { return enrolled_at(p, unit); });
}

std::vector<const Person*> World::persons_named_page(std::string_view name, std::string_view after, std::size_t limit) {
  load_persons_named_page(name, after, limit);
  return page_of(persons_, after, limit, [&](const Person& p) { return p.name == name; });
}

std::vector<const Bill*> World::bills_page(std::string_view unit, std::string_view id_number, std::string_view after,
                                           std::size_t limit) {
  load_bills_page(unit, id_number, after, limit);
  return page_of(bills_, after, limit, [&](const Bill& b) {
    return (unit.empty() || (b.unit_code && *b.unit_code == unit)) && (id_number.empty() || (b.id_number && *b.id_number == id_number));
  });
}

std::vector<const Case*> World::cases_page(std::string_view unit, std::string_view after, std::size_t limit) {
  load_cases_page(unit, after, limit);
  return page_of(cases_, after, limit, [&](const Case& c) { return unit.empty() || (c.unit_code && *c.unit_code == unit); });
}

std::vector<LedgerRecord> World::ledger_of(std::string_view account_no) {
  std::vector<LedgerRecord> out;
  if (const Account* a = account(account_no))
    for (const auto& e : a->ledger) out.push_back({std::nullopt, e});
  return out;
}

std::vector<LedgerRecord> World::ledger_between(std::string_view account_no, YearMonth from, YearMonth to) {
  std::vector<LedgerRecord> out;
  for (auto& r : ledger_of(account_no)) {
    const YearMonth m = r.entry.month ? *r.entry.month : r.entry.date.year_month();
    if (!(m < from) && !(to < m)) out.push_back(std::move(r));
  }
  return out;
}

std::vector<const Unit*> World::all_units() {
  load_all_units();
  std::vector<const Unit*> out;
  for (auto* u : units_.all()) out.push_back(u);
  return out;
}

Unit& World::add(Unit u) { const std::string id = u.unit_code; return units_.add(std::move(u), id); }
Account& World::add(Account a) { const std::string id = a.account_no; return accounts_.add(std::move(a), id); }
Person& World::add(Person p) { const std::string id = p.id_number; return persons_.add(std::move(p), id); }
Bill& World::add(Bill b) { const std::string id = b.bill_id; return bills_.add(std::move(b), id); }
Case& World::add(Case c) { const std::string id = c.case_id; return cases_.add(std::move(c), id); }

namespace {
template <class T, class F>
std::int64_t max_number(EntityTable<T>& table, std::string_view prefix, F id_of) {
  std::int64_t best = 0;
  for (auto* e : table.all()) {
    const std::string& id = id_of(*e);
    if (id.size() <= prefix.size() || id.compare(0, prefix.size(), prefix) != 0) continue;
    std::int64_t v = 0;
    bool digits = true;
    for (std::size_t i = prefix.size(); i < id.size(); ++i) {
      if (id[i] < '0' || id[i] > '9' || v > INT64_MAX / 10 - 10) { digits = false; break; }
      v = v * 10 + (id[i] - '0');
    }
    if (digits) best = std::max(best, v);
  }
  return best;
}
}  // namespace

std::int64_t World::next_number(IdKind kind) {
  const auto prefix = id_prefix(kind);
  std::int64_t best = 0;
  switch (kind) {
    case IdKind::account: best = max_number(accounts_, prefix, [](const Account& a) -> const std::string& { return a.account_no; }); break;
    case IdKind::bill:
    case IdKind::verification: best = max_number(bills_, prefix, [](const Bill& b) -> const std::string& { return b.bill_id; }); break;
    case IdKind::case_: best = max_number(cases_, prefix, [](const Case& c) -> const std::string& { return c.case_id; }); break;
  }
  return best + 1;
}

std::string World::new_id(IdKind kind) {
  // The entities are scanned (or the store's counter read) once per
  // operation; later ids of the same kind follow the last one handed out,
  // skipping any taken since (an id given explicitly).
  auto it = issued_.find(kind);
  std::int64_t n = it != issued_.end() ? it->second + 1 : next_number(kind);
  char buf[32];
  for (;; ++n) {
    std::snprintf(buf, sizeof buf, "%s%06lld", std::string(id_prefix(kind)).c_str(), static_cast<long long>(n));
    const bool taken = kind == IdKind::account ? accounts_.contains(buf)
                       : kind == IdKind::case_ ? cases_.contains(buf)
                                               : bills_.contains(buf);
    if (!taken) break;
  }
  issued_[kind] = n;
  return buf;
}

void World::rollback_bill_index() {
  bill_index_.clear();
  bills_indexed_ = 0;
  person_index_.clear();
  persons_indexed_ = 0;
}

void World::rollback() {
  issued_.clear();  // numbers handed out by discarded changes are free again
  rollback_bill_index();  // discarded bills leave the index (rebuilt on demand)
  units_.rollback();
  accounts_.rollback();
  persons_.rollback();
  bills_.rollback();
  cases_.rollback();
}

void World::commit() {
  units_.commit();
  accounts_.commit();
  persons_.commit();
  bills_.commit();
  cases_.commit();
}

Facts World::snapshot() {
  Facts f;
  for (auto* u : units_.all()) f.units.push_back(*u);
  for (auto* a : accounts_.all()) f.accounts.push_back(*a);
  for (auto* p : persons_.all()) f.persons.push_back(*p);
  for (auto* b : bills_.all()) f.bills.push_back(*b);
  for (auto* c : cases_.all()) f.cases.push_back(*c);
  return f;
}

}  // namespace pvd::state
