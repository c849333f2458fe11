#include "hpf/account.hpp"

#include <algorithm>

#include "provident/core/allocation.hpp"

namespace pvd::hpf {

// ------------------------------------------------------------------ deposits

const state::Deposit* deposit_in_force(const state::Account& a, YearMonth m) noexcept {
  const state::Deposit* found = nullptr;
  for (const auto& d : a.deposits) {
    if (m < d.from) break;
    found = &d;
  }
  return found;
}

const state::Deposit* last_deposit(const state::Account& a) noexcept {
  return a.deposits.empty() ? nullptr : &a.deposits.back();
}

state::Deposit flexible_deposit(YearMonth from, Money total) {
  const auto [er, ee] = split_flexible_deposit(total);
  return state::Deposit{from, er, ee, total};
}

state::Deposit priced_deposit(YearMonth from, const DepositParts& p) {
  return state::Deposit{from, p.employer_part, p.employee_part, p.monthly_deposit};
}

namespace {
bool same_parts(const state::Deposit& a, const state::Deposit& b) {
  return a.employer_part == b.employer_part && a.employee_part == b.employee_part && a.monthly_deposit == b.monthly_deposit;
}
}  // namespace

bool set_deposit(state::Account& a, const state::Deposit& d) {
  const state::Deposit* cur = deposit_in_force(a, d.from);
  const bool later = !a.deposits.empty() && d.from < a.deposits.back().from;
  if (cur && same_parts(*cur, d) && !later) return false;
  a.deposits.erase(std::remove_if(a.deposits.begin(), a.deposits.end(), [&](const state::Deposit& x) { return !(x.from < d.from); }),
                   a.deposits.end());
  a.deposits.push_back(d);
  return true;
}

void count_adjustment(state::Account& a, int year) {
  a.adjust_count = a.last_adjust_year && *a.last_adjust_year == year ? a.adjust_count + 1 : 1;
  a.last_adjust_year = year;
}

// ------------------------------------------------------------------ months

bool contains_month(const std::vector<YearMonth>& v, YearMonth m) noexcept {
  return std::binary_search(v.begin(), v.end(), m);
}

void insert_month(std::vector<YearMonth>& v, YearMonth m) {
  auto it = std::lower_bound(v.begin(), v.end(), m);
  if (it == v.end() || *it != m) v.insert(it, m);
}

void erase_month(std::vector<YearMonth>& v, YearMonth m) {
  auto it = std::lower_bound(v.begin(), v.end(), m);
  if (it != v.end() && *it == m) v.erase(it);
}

const state::Stint* stint_in(const state::Account& a, YearMonth m) noexcept {
  // Ascending and disjoint: the last stint starting by m holds it if it has not ended.
  auto it = std::upper_bound(a.stints.begin(), a.stints.end(), m, [](YearMonth x, const state::Stint& s) { return x < s.from; });
  if (it == a.stints.begin()) return nullptr;
  --it;
  return !it->to || !(*it->to < m) ? &*it : nullptr;
}

bool owed_to(const state::Account& a, std::string_view unit_code, YearMonth m) noexcept {
  const state::Stint* s = stint_in(a, m);
  return s && s->unit_code == unit_code;
}

const state::Stint* open_stint(const state::Account& a) noexcept {
  return !a.stints.empty() && !a.stints.back().to ? &a.stints.back() : nullptr;
}

void end_stint(state::Account& a, YearMonth last) {
  if (!open_stint(a)) return;
  if (last < a.stints.back().from) a.stints.pop_back();
  else a.stints.back().to = last;
}

void own_month(state::Account& a, const std::string& unit_code, YearMonth m) {
  if (stint_in(a, m)) return;
  auto& st = a.stints;
  const auto at = std::upper_bound(st.begin(), st.end(), m, [](YearMonth x, const state::Stint& s) { return x < s.from; });
  // Indexes, not iterators: every insert and erase below may move the elements.
  std::size_t pos = static_cast<std::size_t>(at - st.begin());
  st.insert(st.begin() + static_cast<std::ptrdiff_t>(pos), state::Stint{unit_code, m, m});
  // Join with the next stint, then with the previous one, when they are here and adjacent.
  if (pos + 1 < st.size() && st[pos + 1].unit_code == unit_code && st[pos + 1].from == m + 1) {
    st[pos + 1].from = m;
    st.erase(st.begin() + static_cast<std::ptrdiff_t>(pos));
  }
  if (pos > 0 && st[pos - 1].unit_code == unit_code && st[pos - 1].to && *st[pos - 1].to + 1 == st[pos].from) {
    st[pos - 1].to = st[pos].to;
    st.erase(st.begin() + static_cast<std::ptrdiff_t>(pos));
  }
}

YearMonth begin_stint(state::Account& a, const std::string& unit_code, YearMonth from) {
  if (!a.stints.empty() && a.stints.back().to && !(*a.stints.back().to < from)) from = *a.stints.back().to + 1;
  a.stints.push_back({unit_code, from, std::nullopt});
  return from;
}

bool pays_month(state::LedgerKind kind) noexcept {
  return kind == state::LedgerKind::regular || kind == state::LedgerKind::back_pay;
}

void post(state::Account& a, state::LedgerKind kind, std::optional<YearMonth> month, Date date, Money amount) {
  state::LedgerEntry e;
  e.kind = kind;
  e.month = month;
  e.date = date;
  e.amount = amount;
  a.ledger.push_back(std::move(e));
  a.balance += amount;
  if (month && pays_month(kind)) {
    insert_month(a.paid_months, *month);
  }
}

// ------------------------------------------------------------------ interest

// arithmetic.md §3.4: the interest year runs 1 July – 30 June.
int interest_year_of(Date d) noexcept { return d.month() >= 7 ? d.year() + 1 : d.year(); }

Money opening_balance(const state::Account& a, int year) {
  const Date start = interest_year_start(year);
  Money m = a.balance;
  for (const auto& e : a.ledger)
    if (!(e.date < start)) m -= e.amount;
  return m;
}

std::vector<Movement> movements_in_year(const state::Account& a, int year) {
  const Date start = interest_year_start(year), end = interest_year_end(year);
  std::vector<Movement> out;
  for (const auto& e : a.ledger)
    if (!(e.date < start) && !(end < e.date)) out.push_back({e.date, e.amount});
  return out;
}

int first_unsettled_year(const state::Account& a) noexcept {
  if (a.interest_settled_through) return static_cast<int>(*a.interest_settled_through) + 1;
  Date earliest = a.opened_on;
  for (const auto& e : a.ledger) earliest = std::min(earliest, e.date);
  return interest_year_of(earliest);
}

std::vector<CreditedYear> settle_years(state::Account& a, const policy::Policy& p, policy::Trace* t, int through) {
  std::vector<CreditedYear> out;
  const int first = first_unsettled_year(a);
  if (through < first) return out;
  // Computed on the ledger as it stands, each year on the balance the earlier
  // ones left (their interest is dated 30 June, before the next year starts).
  const std::size_t held_before = a.ledger.size();
  std::vector<state::LedgerEntry> credited;
  for (int y = first; y <= through; ++y) {
    InterestInput in;
    in.year = y;
    in.opening_balance = opening_balance(a, y);
    in.movements = movements_in_year(a, y);
    CreditedYear c{y, compute_interest(p, t, in), false};
    if (!c.result.interest.is_zero()) post(a, state::LedgerKind::interest, std::nullopt, interest_year_end(y), c.result.interest);
    a.interest_settled_through = y;
    out.push_back(std::move(c));
  }
  // Drop the entries of the settled years held before this operation.
  const Date end = interest_year_end(through);
  std::vector<state::LedgerEntry> kept;
  for (std::size_t i = 0; i < a.ledger.size(); ++i)
    if (i >= held_before || end < a.ledger[i].date) kept.push_back(std::move(a.ledger[i]));
  a.ledger = std::move(kept);
  return out;
}

CreditedYear partial_year_interest(const state::Account& a, const policy::Policy& p, policy::Trace* t, Date as_of) {
  const int year = interest_year_of(as_of);
  InterestInput in;
  in.year = year;
  in.opening_balance = opening_balance(a, year);
  for (const auto& m : movements_in_year(a, year))
    if (m.date < as_of) in.movements.push_back(m);  // a movement of the exit day itself earns nothing
  in.stop = as_of;
  return CreditedYear{year, compute_interest(p, t, in), true};
}

}  // namespace pvd::hpf
