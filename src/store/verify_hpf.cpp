// store.verify's HPF checks: the contribution history (docs/history.md) read
// from the documents themselves, not from the engine's indexes.
#include <algorithm>
#include <map>
#include <set>

#include "hpf/account.hpp"
#include "store/verify.hpp"

namespace pvd::store {

using protocol::json;

namespace {


using AccountMonth = std::pair<std::string, int>;  // (account_no, month serial)

/// The history as stored: accounts, HPF units, and which bills charge which
/// account-months (the paying items of HPF bills not withdrawn).
struct History {
  std::map<std::string, state::Account> accounts;
  std::map<std::string, state::Unit> units;
  std::map<AccountMonth, std::vector<std::string>> billed;
};

template <class T>
std::map<std::string, T> read_docs(Db& db, const char* sql, const char* what, T (*decode)(const json&, const std::string&),
                                   const char* path) {
  std::map<std::string, T> out;
  Stmt s(db, sql);
  while (s.step()) out.emplace(s.text(0), decode_stored(s.text(1), what, decode, path));
  return out;
}

// Every bill's totals equal the sums of its items; while reading the bills,
// the account-months they charge, and those charged outside a stint at the
// billing unit.
state::Check read_bills(Db& db, History& h, Findings& outside) {
  Findings sums(kShown);
  std::size_t bills = 0;
  Stmt s(db, "SELECT bill_id, doc FROM bills ORDER BY bill_id");
  while (s.step()) {
    const state::Bill b = decode_stored(s.text(1), "bill", state::decode_bill, "store.bills");
    ++bills;
    Money principal, late_fee;
    for (const auto& i : b.items) {
      principal += i.employer + i.employee;
      late_fee += i.late_fee;
    }
    if (principal != b.principal || late_fee != b.late_fee || b.amount_due != b.principal + b.late_fee - b.suspense_used)
      sums.add(b.bill_id + ": principal " + b.principal.to_string() + " (items " + principal.to_string() + "), late fee " +
               b.late_fee.to_string() + " (items " + late_fee.to_string() + "), due " + b.amount_due.to_string());
    if (b.scheme != state::Scheme::hpf || b.status == state::BillStatus::withdrawn) continue;
    for (const auto& i : b.items) {
      const state::LedgerKind kind = i.kind.value_or(state::LedgerKind::regular);
      if (!i.account_no || (kind != state::LedgerKind::regular && kind != state::LedgerKind::back_pay)) continue;
      h.billed[{*i.account_no, i.month.serial()}].push_back(b.bill_id);
      auto a = h.accounts.find(*i.account_no);
      if (b.unit_code && (a == h.accounts.end() || !hpf::owed_to(a->second, *b.unit_code, i.month)))
        outside.add(b.bill_id + " charges " + *i.account_no + " " + i.month.to_string() + " outside its stints at " + *b.unit_code);
    }
  }
  return sums.result("every bill's totals equal the sums of its items", std::to_string(bills) + " bills");
}

// A month is on one bill; a paid month stays on the bill that paid it, an
// open bill does not charge it again.
state::Check charged_once(Db& db, const History& h) {
  Findings twice(kShown);
  for (const auto& [key, ids] : h.billed) {
    const auto& [no, serial] = key;
    const YearMonth m = YearMonth::from_serial(serial);
    auto a = h.accounts.find(no);
    const bool paid = a != h.accounts.end() && hpf::is_paid(a->second, m);
    if (ids.size() > 1) {
      twice.add(no + " " + m.to_string() + " on " + ids[0] + " and " + ids[1]);
    } else if (paid) {
      Stmt st(db, "SELECT status FROM bills WHERE bill_id = ?");
      st.bind(1, ids[0]);
      if (st.step() && st.text(0) == "open") twice.add(no + " " + m.to_string() + " paid and on open bill " + ids[0]);
    }
  }
  return twice.result("no HPF month charged twice", "ok");
}

state::Check index_equals_bills(Db& db, const History& h) {
  Findings bad(kShown);
  std::set<AccountMonth> indexed;
  Stmt s(db, "SELECT account_no, month, bill_id FROM hpf_billed_months");
  while (s.step()) {
    const auto m = YearMonth::parse(s.text(1));
    const AccountMonth key{s.text(0), m ? m->serial() : -1};
    indexed.insert(key);
    auto it = h.billed.find(key);
    if (it == h.billed.end() || std::find(it->second.begin(), it->second.end(), s.text(2)) == it->second.end())
      bad.add(s.text(0) + " " + s.text(1) + " indexed on " + s.text(2) + " but not billed there");
  }
  for (const auto& [key, ids] : h.billed)
    if (!indexed.count(key)) bad.add(key.first + " " + YearMonth::from_serial(key.second).to_string() + " billed but not indexed");
  return bad.result("the index of billed months equals the bills", "ok");
}

bool carried(const state::Unit& unit, const std::string& no, YearMonth m) {
  return std::any_of(unit.carried.begin(), unit.carried.end(),
                     [&](const state::CarriedMonths& c) { return c.account_no == no && !(m < c.from) && !(c.to < m); });
}

// Every owed month a unit verified is billed, paid or carried.
state::Check owed_months_billed(const History& h) {
  Findings lost(kShown);
  std::size_t owed = 0;
  for (const auto& [no, a] : h.accounts) {
    for (const auto& st : a.stints) {
      auto u = h.units.find(st.unit_code);
      if (u == h.units.end() || u->second.kind != state::UnitKind::employer) continue;
      for (auto m : u->second.verified_months) {
        if (m < st.from || (st.to && *st.to < m)) continue;
        ++owed;
        if (hpf::is_paid(a, m) || h.billed.count({no, m.serial()}) || carried(u->second, no, m)) continue;
        lost.add(no + " " + m.to_string() + " verified at " + u->second.unit_code + " but never billed");
      }
    }
  }
  return lost.result("every owed and verified HPF month is billed once", std::to_string(owed) + " account-months");
}

// issue 18 (5): a withdrawn account — closed by hpf.exit or hpf.withdraw — holds
// nothing and owes no month after its withdrawal (its stints ended).
state::Check closed_accounts_empty(const History& h) {
  Findings bad(kShown);
  std::size_t closed = 0;
  for (const auto& [no, a] : h.accounts) {
    if (a.status != state::AccountStatus::closed) continue;
    ++closed;
    if (!a.balance.is_zero()) bad.add(no + ": closed with a balance of " + a.balance.to_string());
    if (hpf::open_stint(a)) bad.add(no + ": closed with an open-ended stint");
  }
  return bad.result("a closed HPF account holds nothing and owes no later month", std::to_string(closed) + " closed accounts");
}

}  // namespace

/// issue 18: every correction names an earlier entry of its account that is not itself a correction.
state::Check corrections_name_entries(Db& db) {
  Findings wrong(kShown);
  std::int64_t n = 0;
  Stmt s(db,
         "SELECT c.entry_id, c.account_no, c.corrects, o.kind FROM ledger c "
         "LEFT JOIN ledger o ON o.account_no = c.account_no AND o.entry_id < c.entry_id "
         "AND CAST(o.entry_id AS TEXT) = c.corrects WHERE c.kind = 'correction' ORDER BY c.entry_id");
  while (s.step()) {
    ++n;
    const std::string what = "entry " + std::to_string(s.int64(0)) + " of " + s.text(1);
    if (s.is_null(2)) wrong.add(what + " corrects no entry");
    else if (s.is_null(3)) wrong.add(what + " corrects " + s.text(2) + ", no earlier entry of the account");
    else if (s.text(3) == "correction") wrong.add(what + " corrects a correction");
  }
  return wrong.result("HPF corrections name their entries", std::to_string(n) + " corrections");
}

void hpf_history_checks(Db& db, std::vector<state::Check>& checks) {
  History h;
  h.accounts = read_docs(db, "SELECT account_no, doc FROM accounts ORDER BY account_no", "account", state::decode_account,
                         "store.accounts");
  h.units = read_docs(db, "SELECT unit_code, doc FROM units WHERE scheme = 'hpf' ORDER BY unit_code", "unit",
                      state::decode_unit, "store.units");
  Findings outside(kShown);
  checks.push_back(read_bills(db, h, outside));
  checks.push_back(charged_once(db, h));
  for (const auto& [no, a] : h.accounts)
    for (auto m : a.paid_months)
      if (!hpf::stint_in(a, m)) outside.add(no + " " + m.to_string() + " paid outside its stints");
  checks.push_back(outside.result("no HPF month charged outside a stint", "ok"));
  checks.push_back(index_equals_bills(db, h));
  checks.push_back(owed_months_billed(h));
  checks.push_back(closed_accounts_empty(h));
  checks.push_back(corrections_name_entries(db));
}

}  // namespace pvd::store
