// JSON codec of the entities (state.md §1–2). Each entity lists its members
// once, in their JSON order; the decoder (strict: a member not in the schema, a
// wrong JSON type or a bad value is REQ_BAD_VALUE naming the path) and the
// encoder both walk that list (src/state/codec_members.hpp).
#include "state/codec_members.hpp"
#include "state/encode_text.hpp"
#include "state/world.hpp"

namespace pvd::state {

using protocol::json;
using protocol::ojson;

namespace codec {

namespace {

constexpr UnitKind kHpfUnitKinds[] = {UnitKind::employer, UnitKind::flexible};
constexpr UnitKind kSiUnitKinds[] = {UnitKind::enterprise, UnitKind::institution};
const Texts kCategories = {"M60", "F55", "F50"};
const Texts kInsuranceTypes = {"pension", "medical", "unemployment", "injury", "maternity"};
constexpr LedgerKind kItemKinds[] = {LedgerKind::regular, LedgerKind::back_pay, LedgerKind::back_pay_difference};

// ------------------------------------------------------------------ checks of decoded elements

void months_in_order(const std::vector<CarriedMonths>&, const CarriedMonths& x, const std::string& path) {
  if (x.to < x.from) protocol::throw_bad_value(path, "结束月份早于开始月份", "`to` is before `from`");
}

void deposits_ascending(const std::vector<Deposit>& before, const Deposit& x, const std::string& path) {
  if (!before.empty() && !(before.back().from < x.from))
    protocol::throw_bad_value(path, "缴存额记录须按起始月份升序", "deposits must be in ascending order of from");
}

void stints_disjoint(const std::vector<Stint>& before, const Stint& x, const std::string& path) {
  if (x.to && *x.to < x.from) protocol::throw_bad_value(path, "结束月份早于开始月份", "`to` is before `from`");
  // Stints are ascending and disjoint: one month belongs to one unit.
  if (!before.empty() && (!before.back().to || !(*before.back().to < x.from)))
    protocol::throw_bad_value(path, "缴存时段须按时间升序且互不重叠", "stints must be ascending and must not overlap");
}

/// Facts written before stints existed (docs/history.md): the current stint
/// only, as the engine then read it — normal from `payable_from`, and a
/// sealed account's stint ending the month before the month it was sealed in.
std::vector<Stint> legacy_stints(const Account& a) {
  if (a.status == AccountStatus::closed || !a.payable_from) return {};
  Stint s{a.unit_code, *a.payable_from, std::nullopt};
  if (a.status == AccountStatus::sealed) {
    if (!a.sealed_on) return {};
    const YearMonth last = a.sealed_on->year_month() - 1;
    if (last < s.from) return {};
    s.to = last;
  }
  return {s};
}

// ------------------------------------------------------------------ members with their own rule

/// An account's stints; absent (or null), the legacy stint derived from the
/// members read before it.
template <class T>
auto stints(T& a) {
  return Coded{a,
               [](auto& r, const char* n, Account& account) {
                 if (r.has(n)) return list(account.stints, stints_disjoint).decode(r, n);
                 (void)r.raw(n);  // null: derived
                 account.stints = legacy_stints(account);
               },
               [](auto& out, const char* n, const Account& account) { list(account.stints).encode(out, n); }};
}

/// A person's last change date per unit code: an object of dates.
template <class T>
auto dates_by_unit(T& x) {
  return Coded{x,
               []<class R>(R& r, const char* n, std::map<std::string, Date>& dates) {
                 if constexpr (std::same_as<R, ArgReader>) {
                   const json* m = r.raw(n);
                   if (!m) return;
                   ArgReader each(m, r.field(n), false);
                   for (auto it = m->begin(); it != m->end(); ++it) dates[it.key()] = each.date(it.key());
                   each.finish();
                 } else {  // a tape's keys are distinct
                   r.each_member(n, [&](std::string_view unit, const protocol::TapeValue& d) {
                     dates[std::string(unit)] = protocol::decode_date(d, "");
                   });
                 }
               },
               [](auto& out, const char* n, const std::map<std::string, Date>& dates) {
                 ojson o = ojson::object();
                 for (const auto& [unit, d] : dates) o[unit] = d.to_string();
                 out.add(n, std::move(o));
               }};
}

/// A case's arguments: the object as submitted.
template <class T>
auto arguments(T& x) {
  return Coded{x,
               []<class R>(R& r, const char* n, json& args) {
                 const auto* a = r.raw(n);
                 if (!a) return;
                 if constexpr (std::same_as<R, ArgReader>) {
                   if (!a->is_object()) protocol::throw_bad_value(r.field(n), "应为对象", "expected an object");
                   args = *a;
                 } else {
                   if (a->node().kind != protocol::TapeNode::Kind::object) throw protocol::TapeDeclined{};
                   args = protocol::to_json(*a);
                 }
               },
               [](auto& out, const char* n, const json& args) { out.add(n, ojson::parse(args.dump())); }};
}

}  // namespace

ojson value_of(const std::vector<YearMonth>& months) {
  ojson a = ojson::array();
  for (auto m : months) a.push_back(m.to_string());
  return a;
}

void write_text(std::string& out, const std::vector<YearMonth>& months) {
  out.push_back('[');
  for (std::size_t i = 0; i < months.size(); ++i) {
    if (i) out.push_back(',');
    write_text(out, months[i]);  // between quotes, as a plain text
  }
  out.push_back(']');
}

// ------------------------------------------------------------------ the members, in JSON order

template <class V, Of<CarriedMonths> T>
void members(V& v, T& x) {
  v("account_no", x.account_no); v("from", x.from); v("to", x.to);
}

template <class V, Of<RateChange> T>
void members(V& v, T& x) {
  v("employer_rate", x.employer_rate); v("employee_rate", x.employee_rate); v("effective_month", x.effective_month);
  v("state", one_of(x.state)); v("used_in", if_present(x.used_in)); v("used_on", if_present(x.used_on));
  v("case_id", if_present(x.case_id));
}

// issue 18 corrections: one entry of a `changes` history.
template <class V, Of<FieldChange> T>
void members(V& v, T& c) {
  v("date", c.date); v("field", c.field); v("old", or_default(c.old_value, "")); v("new", or_default(c.new_value, ""));
  v("reason", or_default(c.reason, ""));
}

/// issue 18: a `changes` history, written only when it has entries (an entity never
/// corrected encodes as before).
template <class T>
auto history(T& x) {
  auto whole = list(x);
  return Coded{x, whole.decode_with, [enc = whole.encode_with](auto& out, const char* n, const auto& v) {
                 if (!v.empty()) enc(out, n, v);
               }};
}

template <class V, Of<Unit> T>
void members(V& v, T& u) {
  v("unit_code", u.unit_code); v("name", or_default(u.name, "")); v("credit_code", or_default(u.credit_code, ""));
  v("scheme", one_of(u.scheme));
  v("kind", one_of(u.kind, u.scheme == Scheme::hpf ? kHpfUnitKinds : kSiUnitKinds));
  v("profile", or_default(u.profile, "")); v("status", one_of(u.status, all_of<UnitStatus>, UnitStatus::active));
  v("bank", u.bank); v("employer_rate", u.employer_rate); v("employee_rate", u.employee_rate);
  v("suspense_balance", or_default(u.suspense_balance, Money())); v("first_month", u.first_month);
  v("verified_months", u.verified_months); v("carried", list(u.carried, months_in_order));
  v("rate_change", nested(u.rate_change));
  v("settlement_period", u.settlement_period); v("last_settled_period", u.last_settled_period);
  v("changes_since_settlement", count(u.changes_since_settlement, 0, INT32_MAX, 0));
  v("address", if_present(u.address)); v("phone", if_present(u.phone)); v("changes", history(u.changes));  // issue 18
}

// issue 18 (6) intake: the identity a document without a birth date leaves to the request.
const Texts kIdTypesWithoutBirth = {"passport", "foreign_permanent"};
const Texts kGenders = {"male", "female"};

/// An optional text of `allowed`, written only when present.
template <class T>
auto one_of_if_present(T& x, Texts allowed) {
  return Coded{x, one_of(x, allowed).decode_with, if_present(x).encode_with};
}

template <class V, Of<Identity> T>
void identity_members(V& v, T& i) {
  v("id_type", one_of_if_present(i.id_type, kIdTypesWithoutBirth)); v("birth_date", if_present(i.birth_date));
  v("gender", one_of_if_present(i.gender, kGenders));
}

template <class V, Of<PersonRef> T>
void members(V& v, T& p) {
  v("name", name(p.name)); v("id_number", p.id_number); v("category", one_of(p.category, kCategories));
  identity_members(v, p.identity);  // issue 18 (6)
}

template <class V, Of<Deposit> T>
void members(V& v, T& d) {
  v("from", d.from); v("employer_part", d.employer_part); v("employee_part", d.employee_part);
  v("monthly_deposit", d.monthly_deposit);
}

template <class V, Of<Stint> T>
void members(V& v, T& s) {
  v("unit_code", s.unit_code); v("from", s.from); v("to", s.to);
}

template <class V, Of<Contract> T>
void members(V& v, T& c) {
  v("bank", c.bank); v("account_name", name(c.account_name)); v("card_no", c.card_no);
  v("card_class", count(c.card_class, 1, 3));
}

template <class V, Of<LedgerEntry> T>
void members(V& v, T& e) {
  v("kind", one_of(e.kind)); v("month", e.month); v("date", e.date); v("amount", e.amount);
  v("corrects", if_present(e.corrects));
}

template <class V, Of<Account> T>
void members(V& v, T& a) {
  v("account_no", a.account_no); v("unit_code", a.unit_code); v("status", one_of(a.status));
  v("person", nested(a.person)); v("phone", a.phone); v("opened_on", a.opened_on); v("sealed_on", a.sealed_on);
  v("base", a.base); v("deposits", list(a.deposits, deposits_ascending)); v("payable_from", a.payable_from);
  v("paid_months", a.paid_months); v("stints", stints(a)); v("contract", nested(a.contract));
  v("last_adjust_year", count(a.last_adjust_year, 1900, 9999));
  v("adjust_count", count(a.adjust_count, 0, 1000, a.last_adjust_year ? 1 : 0));
  v("balance", or_default(a.balance, Money())); v("interest_settled_through", count(a.interest_settled_through, 1900, 9999));
  v("ledger", list(a.ledger)); v("has_outstanding_loan", or_default(a.has_outstanding_loan, false));
  v("changes", history(a.changes));  // issue 18
}

// issue 18 (itemised wages): one item of an institution's wage.
template <class V, Of<WageItem> T>
void members(V& v, T& i) {
  v("name", i.name); v("amount", i.amount);
}

template <class V, Of<Enrollment> T>
void members(V& v, T& e) {
  v("unit_code", e.unit_code); v("type", one_of(e.type, kInsuranceTypes)); v("from", e.from); v("to", e.to);
  v("base", e.base); v("back_pay", or_default(e.back_pay, false));
  v("wage_items", history(e.wage_items));  // issue 18: written only when the wage was itemised
}

template <class V, Of<Contribution> T>
void members(V& v, T& c) {
  v("unit_code", c.unit_code); v("type", one_of(c.type, kInsuranceTypes)); v("month", c.month); v("base", c.base);
  v("employer", c.employer); v("employee", c.employee); v("bill_id", c.bill_id); v("paid", c.paid);
}

// issue 18 (pension after retirement)
template <class V, Of<PensionBank> T>
void members(V& v, T& b) {
  v("bank", b.bank); v("account_name", name(b.account_name)); v("card_no", b.card_no); v("since", b.since);
  v("until", b.until);
}

template <class V, Of<Qualification> T>
void members(V& v, T& q) {
  v("date", q.date); v("method", q.method);
}

/// issue 18 (1): a list of ID numbers, written only when it has entries (a person never
/// re-keyed encodes as before).
template <class T>
auto id_numbers(T& x) {
  return Coded{x,
               [](auto& r, const char* n, auto& v) {
                 r.each_value(
                     n, [&](const auto& j, const std::string& path, std::size_t) { v.push_back(protocol::decode_string(j, path)); },
                     protocol::kMaxBatchRows, true);
               },
               [](auto& out, const char* n, const auto& v) {
                 if (v.empty()) return;
                 ojson a = ojson::array();
                 for (const auto& s : v) a.push_back(s);
                 out.add(n, std::move(a));
               }};
}

template <class V, Of<Person> T>
void members(V& v, T& p) {
  v("id_number", p.id_number); v("name", name(p.name, true)); v("category", one_of(p.category, kCategories));
  v("work_start_date", p.work_start_date); v("enrollments", list(p.enrollments));
  v("contributions", list(p.contributions)); v("last_change_date", dates_by_unit(p.last_change_date));
  v("retired_from", p.retired_from);
  // issue 18 (pension after retirement)
  v("pension_bank", nested(p.pension_bank)); v("pension_bank_history", list(p.pension_bank_history));
  v("qualifications", list(p.qualifications));
  v("phone", if_present(p.phone)); v("address", if_present(p.address));  // issue 18 corrections
  v("locked", or_default(p.locked, false)); v("changes", history(p.changes));
  v("previous_ids", id_numbers(p.previous_ids)); v("moved_to", if_present(p.moved_to));  // issue 18 (1)
  identity_members(v, p.identity);  // issue 18 (6)
}

// Read in this order; written in the order of state.md's bill items (below).
template <class V, Of<BillItem> T>
void members(V& v, T& i) {
  v("account_no", i.account_no); v("id_number", i.id_number); v("type", one_of(i.type, kInsuranceTypes));
  v("month", i.month); v("employer", i.employer); v("employee", i.employee);
  v("late_fee", or_default(i.late_fee, Money())); v("kind", one_of(i.kind, kItemKinds));
  v("base", i.base); v("pool", i.pool); v("personal", i.personal);
  v("refunds", i.refunds);
}

template <class O>
void encode_members(O& out, const BillItem& i) {
  Encoder<O> e{out};
  e("account_no", if_present(i.account_no)); e("id_number", if_present(i.id_number)); e("type", if_present(i.type));
  e("kind", if_present(i.kind)); e("month", i.month); e("base", if_present(i.base)); e("employer", i.employer);
  e("employee", i.employee); e("pool", if_present(i.pool)); e("personal", if_present(i.personal));
  e("late_fee", i.late_fee);
  e("refunds", if_present(i.refunds));
}

template <class V, Of<Bill> T>
void members(V& v, T& b) {
  v("bill_id", b.bill_id); v("scheme", one_of(b.scheme)); v("unit_code", b.unit_code);
  v("id_number", b.id_number); v("kind", one_of(b.kind)); v("period", b.period); v("items", list(b.items));
  v("principal", b.principal); v("late_fee", or_default(b.late_fee, Money()));
  v("suspense_used", or_default(b.suspense_used, Money())); v("amount_due", b.amount_due);
  v("status", one_of(b.status)); v("created_on", b.created_on); v("due_date", b.due_date);
  v("paid_on", b.paid_on);
}

template <class V, Of<CaseHistoryEntry> T>
void members(V& v, T& h) {
  v("status", one_of(h.status)); v("as_of", h.as_of); v("note", or_default(h.note, ""));
}

template <class V, Of<Case> T>
void members(V& v, T& c) {
  v("case_id", c.case_id); v("op", c.op); v("args", arguments(c.args));
  v("submitted_as_of", c.submitted_as_of); v("status", one_of(c.status)); v("reason", c.reason);
  v("unit_code", c.unit_code); v("profile", c.profile); v("history", list(c.history));
  v("used_in", if_present(c.used_in)); v("used_on", if_present(c.used_on));
}

template <class V, Of<Facts> T>
void members(V& v, T& f) {
  v("units", list(f.units)); v("accounts", list(f.accounts)); v("persons", list(f.persons)); v("bills", list(f.bills));
  v("cases", list(f.cases));
}

}  // namespace codec

Unit decode_unit(const json& j, const std::string& path) { return codec::decode_object<Unit>(j, path); }
Account decode_account(const json& j, const std::string& path) { return codec::decode_object<Account>(j, path); }
Person decode_person(const json& j, const std::string& path) { return codec::decode_object<Person>(j, path); }
Bill decode_bill(const json& j, const std::string& path) { return codec::decode_object<Bill>(j, path); }
Case decode_case(const json& j, const std::string& path) { return codec::decode_object<Case>(j, path); }
Facts decode_facts(const json& j, const std::string& path) { return codec::decode_object<Facts>(j, path); }

ojson encode(const Unit& u) { return codec::encode_object(u); }
ojson encode(const Account& a) { return codec::encode_object(a); }
ojson encode(const Person& p) { return codec::encode_object(p); }
ojson encode(const Bill& b) { return codec::encode_object(b); }
ojson encode(const Case& c) { return codec::encode_object(c); }
ojson encode(const Facts& f) { return codec::encode_object(f); }

void encode_text(std::string& out, const Facts& f) { codec::encode_text(out, f); }

// The members of Facts (codec::members above), in their order, each from the world's table.
void encode_text(std::string& out, World& w) {
  out.push_back('{');
  codec::TextObj o(out);
  o.objects("units", w.units().all());
  o.objects("accounts", w.accounts().all());
  o.objects("persons", w.persons().all());
  o.objects("bills", w.bills().all());
  o.objects("cases", w.cases().all());
  out.push_back('}');
}

template <class T>
std::string document_text(const T& x) {
  std::string out;
  out.reserve(512);
  codec::encode_text(out, x);
  return out;
}
template std::string document_text(const Unit&);
template std::string document_text(const Account&);
template std::string document_text(const Person&);
template std::string document_text(const Bill&);
template std::string document_text(const Case&);

template <class T>
bool decode_tape(const protocol::Tape& t, T& out) {
  return codec::decode_from_tape(t, out);
}
template bool decode_tape(const protocol::Tape&, Unit&);
template bool decode_tape(const protocol::Tape&, Account&);
template bool decode_tape(const protocol::Tape&, Person&);
template bool decode_tape(const protocol::Tape&, Bill&);
template bool decode_tape(const protocol::Tape&, Case&);
template bool decode_tape(const protocol::Tape&, Facts&);

}  // namespace pvd::state
