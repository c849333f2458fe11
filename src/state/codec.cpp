// JSON codec of the entities (state.md §1–2). Money is a string with two
// decimals, months "YYYY-MM", dates "YYYY-MM-DD", counts JSON integers, flags
// booleans, null where a value is absent.
#include "protocol/args.hpp"
#include "state/entities.hpp"

namespace pvd::state {

using protocol::ArgReader;
using protocol::json;
using protocol::ojson;

namespace {

template <class T>
ojson opt(const std::optional<T>& v) {
  return v ? ojson(*v) : ojson(nullptr);
}
ojson opt(const std::optional<Money>& v) { return v ? ojson(v->to_string()) : ojson(nullptr); }
ojson opt(const std::optional<Rate>& v) { return v ? ojson(v->to_string()) : ojson(nullptr); }
ojson opt(const std::optional<YearMonth>& v) { return v ? ojson(v->to_string()) : ojson(nullptr); }
ojson opt(const std::optional<Date>& v) { return v ? ojson(v->to_string()) : ojson(nullptr); }

ojson months(const std::vector<YearMonth>& v) {
  ojson a = ojson::array();
  for (auto m : v) a.push_back(m.to_string());
  return a;
}

std::vector<YearMonth> read_months(ArgReader& r, std::string_view name) {
  std::vector<YearMonth> out;
  r.each_value(
      name, [&](const json& e, const std::string& p, std::size_t) { out.push_back(protocol::decode_month(e, p)); },
      protocol::kMaxBatchRows, true);
  return out;
}

/// Facts written before stints existed (docs/history.md): the current stint
/// only, as the engine then read it — normal from `payable_from`, and a
/// sealed account's stint ending the month before the month it was sealed in.
std::vector<Stint> legacy_stints(const Account& a) {
  if (a.status == "closed" || !a.payable_from) return {};
  Stint s{a.unit_code, *a.payable_from, std::nullopt};
  if (a.status == "sealed") {
    if (!a.sealed_on) return {};
    const YearMonth last = a.sealed_on->year_month() - 1;
    if (last < s.from) return {};
    s.to = last;
  }
  return {s};
}

std::string category_of(ArgReader& r, std::string_view name, std::optional<std::string>& out) {
  out = r.opt_enumeration(name, {"M60", "F55", "F50"});
  return {};
}

const std::initializer_list<std::string_view> kInsuranceTypes = {"pension", "medical", "unemployment", "injury", "maternity"};

// An object built member by member in the order written. The initializer-list
// form (ojson{{"k", v}, …}) makes a temporary [key, value] array per member,
// deep-copies every named array or object, and searches the keys already
// there at each insertion; encode() runs for every entity of every stateless
// response and every row the store writes, so it appends instead (the keys of
// each entity are distinct by construction). Same members, same order.
class Obj {
 public:
  explicit Obj(std::size_t members) : j_(ojson::object()) { map().reserve(members); }
  template <class V>
  Obj& operator()(const char* key, V&& v) {
    map().emplace_back(key, ojson(std::forward<V>(v)));
    return *this;
  }
  // Hands the object over (used once, at the end of the full expression).
  operator ojson() { return std::move(j_); }

 private:
  ojson::object_t& map() { return j_.get_ref<ojson::object_t&>(); }
  ojson j_;
};

}  // namespace

// ------------------------------------------------------------------ decode

Unit decode_unit(const json& j, const std::string& path) {
  ArgReader r(&j, path, false);
  Unit u;
  u.unit_code = r.string("unit_code");
  u.name = r.opt_string("name").value_or("");
  u.credit_code = r.opt_string("credit_code").value_or("");
  u.scheme = r.enumeration("scheme", {"hpf", "si"});
  u.kind = u.scheme == "hpf" ? r.enumeration("kind", {"employer", "flexible"}) : r.enumeration("kind", {"enterprise", "institution"});
  u.profile = r.opt_string("profile").value_or("");
  u.status = r.opt_enumeration("status", {"active", "suspended"}).value_or("active");
  u.bank = r.opt_string("bank");
  u.employer_rate = r.opt_rate("employer_rate");
  u.employee_rate = r.opt_rate("employee_rate");
  u.suspense_balance = r.opt_money("suspense_balance").value_or(Money());
  u.first_month = r.opt_month("first_month");
  u.verified_months = read_months(r, "verified_months");
  r.each(
      "carried",
      [&](ArgReader& c, std::size_t) {
        CarriedMonths x;
        x.account_no = c.string("account_no");
        x.from = c.month("from");
        x.to = c.month("to");
        c.finish();
        if (x.to < x.from) protocol::throw_bad_value(c.path(), "结束月份早于开始月份", "`to` is before `from`");
        u.carried.push_back(std::move(x));
      },
      protocol::kMaxBatchRows, true);
  if (auto rc = r.opt_object("rate_change")) {
    RateChange c;
    c.employer_rate = rc->rate("employer_rate");
    c.employee_rate = rc->rate("employee_rate");
    c.effective_month = rc->opt_month("effective_month");
    c.state = rc->enumeration("state", {"submitted", "approved"});
    rc->finish();
    u.rate_change = c;
  }
  u.settlement_period = r.opt_month("settlement_period");
  u.last_settled_period = r.opt_month("last_settled_period");
  u.changes_since_settlement = r.opt_integer("changes_since_settlement", 0, INT32_MAX).value_or(0);
  r.finish();
  return u;
}

Account decode_account(const json& j, const std::string& path) {
  ArgReader r(&j, path, false);
  Account a;
  a.account_no = r.string("account_no");
  a.unit_code = r.string("unit_code");
  a.status = r.enumeration("status", {"normal", "sealed", "closed"});
  {
    ArgReader p = r.object("person");
    a.person.name = p.name("name");
    a.person.id_number = p.string("id_number");
    category_of(p, "category", a.person.category);
    p.finish();
  }
  a.phone = r.opt_string("phone");
  a.opened_on = r.date("opened_on");
  a.sealed_on = r.opt_date("sealed_on");
  a.base = r.opt_money("base");
  r.each(
      "deposits",
      [&](ArgReader& d, std::size_t) {
        Deposit x;
        x.from = d.month("from");
        x.employer_part = d.money("employer_part");
        x.employee_part = d.money("employee_part");
        x.monthly_deposit = d.money("monthly_deposit");
        d.finish();
        if (!a.deposits.empty() && !(a.deposits.back().from < x.from))
          protocol::throw_bad_value(d.path(), "缴存额记录须按起始月份升序", "deposits must be in ascending order of from");
        a.deposits.push_back(x);
      },
      protocol::kMaxBatchRows, true);
  a.payable_from = r.opt_month("payable_from");
  a.paid_months = read_months(r, "paid_months");
  if (r.has("stints")) {
    r.each(
        "stints",
        [&](ArgReader& e, std::size_t) {
          Stint x;
          x.unit_code = e.string("unit_code");
          x.from = e.month("from");
          x.to = e.opt_month("to");
          e.finish();
          if (x.to && *x.to < x.from) protocol::throw_bad_value(e.path(), "结束月份早于开始月份", "`to` is before `from`");
          // Stints are ascending and disjoint: one month belongs to one unit.
          if (!a.stints.empty() && (!a.stints.back().to || !(*a.stints.back().to < x.from)))
            protocol::throw_bad_value(e.path(), "缴存时段须按时间升序且互不重叠", "stints must be ascending and must not overlap");
          a.stints.push_back(std::move(x));
        },
        protocol::kMaxBatchRows, true);
  } else {
    (void)r.raw("stints");  // null: derived below
    a.stints = legacy_stints(a);
  }
  if (auto c = r.opt_object("contract")) {
    Contract k;
    k.bank = c->string("bank");
    k.account_name = c->name("account_name");
    k.card_no = c->string("card_no");
    k.card_class = c->integer("card_class", 1, 3);
    c->finish();
    a.contract = k;
  }
  a.last_adjust_year = r.opt_integer("last_adjust_year", 1900, 9999);
  a.adjust_count = r.opt_integer("adjust_count", 0, 1000).value_or(a.last_adjust_year ? 1 : 0);
  a.balance = r.opt_money("balance").value_or(Money());
  a.interest_settled_through = r.opt_integer("interest_settled_through", 1900, 9999);
  r.each(
      "ledger",
      [&](ArgReader& e, std::size_t) {
        LedgerEntry x;
        x.kind = e.enumeration("kind", {"regular", "back_pay", "back_pay_difference", "interest", "withdrawal",
                                        "transfer_in", "transfer_out", "correction"});
        x.month = e.opt_month("month");
        x.date = e.date("date");
        x.amount = e.money("amount");
        x.corrects = e.opt_string("corrects");
        e.finish();
        a.ledger.push_back(std::move(x));
      },
      protocol::kMaxBatchRows, true);
  a.has_outstanding_loan = r.opt_boolean("has_outstanding_loan").value_or(false);
  r.finish();
  return a;
}

Person decode_person(const json& j, const std::string& path) {
  ArgReader r(&j, path, false);
  Person p;
  p.id_number = r.string("id_number");
  p.name = r.opt_string("name", protocol::kMaxNameChars).value_or("");
  category_of(r, "category", p.category);
  p.work_start_date = r.opt_date("work_start_date");
  r.each(
      "enrollments",
      [&](ArgReader& e, std::size_t) {
        Enrollment x;
        x.unit_code = e.string("unit_code");
        x.type = e.enumeration("type", kInsuranceTypes);
        x.from = e.date("from");
        x.to = e.opt_date("to");
        x.base = e.money("base");
        x.back_pay = e.opt_boolean("back_pay").value_or(false);
        e.finish();
        p.enrollments.push_back(std::move(x));
      },
      protocol::kMaxBatchRows, true);
  r.each(
      "contributions",
      [&](ArgReader& e, std::size_t) {
        Contribution x;
        x.unit_code = e.string("unit_code");
        x.type = e.enumeration("type", kInsuranceTypes);
        x.month = e.month("month");
        x.base = e.money("base");
        x.employer = e.money("employer");
        x.employee = e.money("employee");
        x.bill_id = e.opt_string("bill_id");
        x.paid = e.boolean("paid");
        e.finish();
        p.contributions.push_back(std::move(x));
      },
      protocol::kMaxBatchRows, true);
  if (auto l = r.opt_object("last_change_date")) {
    if (const json* raw = &j["last_change_date"]; raw->is_object()) {
      for (auto it = raw->begin(); it != raw->end(); ++it) p.last_change_date[it.key()] = l->date(it.key());
    }
    l->finish();
  }
  p.retired_from = r.opt_month("retired_from");
  r.finish();
  return p;
}

Bill decode_bill(const json& j, const std::string& path) {
  ArgReader r(&j, path, false);
  Bill b;
  b.bill_id = r.string("bill_id");
  b.scheme = r.enumeration("scheme", {"hpf", "si"});
  b.unit_code = r.opt_string("unit_code");
  b.id_number = r.opt_string("id_number");
  b.kind = r.enumeration("kind", {"remittance", "back_pay", "settlement", "flex"});
  b.period = r.opt_month("period");
  r.each(
      "items",
      [&](ArgReader& e, std::size_t) {
        BillItem x;
        x.account_no = e.opt_string("account_no");
        x.id_number = e.opt_string("id_number");
        x.type = e.opt_enumeration("type", kInsuranceTypes);
        x.month = e.month("month");
        x.employer = e.money("employer");
        x.employee = e.money("employee");
        x.late_fee = e.opt_money("late_fee").value_or(Money());
        x.kind = e.opt_enumeration("kind", {"regular", "back_pay", "back_pay_difference"});
        x.base = e.opt_money("base");
        x.pool = e.opt_money("pool");
        x.personal = e.opt_money("personal");
        e.finish();
        b.items.push_back(std::move(x));
      },
      protocol::kMaxBatchRows, true);
  b.principal = r.money("principal");
  b.late_fee = r.opt_money("late_fee").value_or(Money());
  b.suspense_used = r.opt_money("suspense_used").value_or(Money());
  b.amount_due = r.money("amount_due");
  b.status = r.enumeration("status", {"open", "paid", "withdrawn"});
  b.created_on = r.date("created_on");
  b.due_date = r.opt_date("due_date");
  b.paid_on = r.opt_date("paid_on");
  r.finish();
  return b;
}

Case decode_case(const json& j, const std::string& path) {
  ArgReader r(&j, path, false);
  Case c;
  c.case_id = r.string("case_id");
  c.op = r.string("op");
  if (const json* a = r.raw("args")) {
    if (!a->is_object()) protocol::throw_bad_value(r.field("args"), "应为对象", "expected an object");
    c.args = *a;
  }
  c.submitted_as_of = r.opt_datetime("submitted_as_of");
  c.status = r.enumeration("status", {"draft", "submitted", "approved", "rejected", "withdrawn"});
  c.reason = r.opt_string("reason");
  c.unit_code = r.opt_string("unit_code");
  c.profile = r.opt_string("profile");
  r.each(
      "history",
      [&](ArgReader& e, std::size_t) {
        CaseHistoryEntry h;
        h.status = e.string("status");
        h.as_of = e.datetime("as_of");
        h.note = e.opt_string("note").value_or("");
        e.finish();
        c.history.push_back(std::move(h));
      },
      protocol::kMaxBatchRows, true);
  r.finish();
  return c;
}

Facts decode_facts(const json& j, const std::string& path) {
  ArgReader r(&j, path, false);
  Facts f;
  r.each_value("units", [&](const json& e, const std::string& p, std::size_t) { f.units.push_back(decode_unit(e, p)); },
               protocol::kMaxBatchRows, true);
  r.each_value("accounts", [&](const json& e, const std::string& p, std::size_t) { f.accounts.push_back(decode_account(e, p)); },
               protocol::kMaxBatchRows, true);
  r.each_value("persons", [&](const json& e, const std::string& p, std::size_t) { f.persons.push_back(decode_person(e, p)); },
               protocol::kMaxBatchRows, true);
  r.each_value("bills", [&](const json& e, const std::string& p, std::size_t) { f.bills.push_back(decode_bill(e, p)); },
               protocol::kMaxBatchRows, true);
  r.each_value("cases", [&](const json& e, const std::string& p, std::size_t) { f.cases.push_back(decode_case(e, p)); },
               protocol::kMaxBatchRows, true);
  r.finish();
  return f;
}

// ------------------------------------------------------------------ encode

ojson encode(const Unit& u) {
  ojson rc = nullptr;
  if (u.rate_change)
    rc = Obj(4)("employer_rate", u.rate_change->employer_rate.to_string())("employee_rate", u.rate_change->employee_rate.to_string())(
        "effective_month", opt(u.rate_change->effective_month))("state", u.rate_change->state);
  ojson carried = ojson::array();
  for (const auto& c : u.carried)
    carried.push_back(Obj(3)("account_no", c.account_no)("from", c.from.to_string())("to", c.to.to_string()));
  return Obj(18)("unit_code", u.unit_code)("name", u.name)("credit_code", u.credit_code)("scheme", u.scheme)("kind", u.kind)(
      "profile", u.profile)("status", u.status)("bank", opt(u.bank))("employer_rate", opt(u.employer_rate))(
      "employee_rate", opt(u.employee_rate))("suspense_balance", u.suspense_balance.to_string())("first_month", opt(u.first_month))(
      "verified_months", months(u.verified_months))("carried", std::move(carried))("rate_change", std::move(rc))("settlement_period", opt(u.settlement_period))(
      "last_settled_period", opt(u.last_settled_period))("changes_since_settlement", u.changes_since_settlement);
}

ojson encode(const Account& a) {
  ojson deposits = ojson::array();
  for (const auto& d : a.deposits)
    deposits.push_back(Obj(4)("from", d.from.to_string())("employer_part", d.employer_part.to_string())(
        "employee_part", d.employee_part.to_string())("monthly_deposit", d.monthly_deposit.to_string()));
  ojson contract = nullptr;
  if (a.contract)
    contract = Obj(4)("bank", a.contract->bank)("account_name", a.contract->account_name)("card_no", a.contract->card_no)(
        "card_class", a.contract->card_class);
  ojson stints = ojson::array();
  for (const auto& x : a.stints) stints.push_back(Obj(3)("unit_code", x.unit_code)("from", x.from.to_string())("to", opt(x.to)));
  ojson ledger = ojson::array();
  for (const auto& e : a.ledger) {
    Obj x(5);
    x("kind", e.kind)("month", opt(e.month))("date", e.date.to_string())("amount", e.amount.to_string());
    if (e.corrects) x("corrects", *e.corrects);
    ledger.push_back(std::move(x));
  }
  return Obj(19)("account_no", a.account_no)("unit_code", a.unit_code)("status", a.status)(
      "person", Obj(3)("name", a.person.name)("id_number", a.person.id_number)("category", opt(a.person.category)))(
      "phone", opt(a.phone))("opened_on", a.opened_on.to_string())("sealed_on", opt(a.sealed_on))("base", opt(a.base))(
      "deposits", std::move(deposits))("payable_from", opt(a.payable_from))("paid_months", months(a.paid_months))(
      "stints", std::move(stints))("contract", std::move(contract))("last_adjust_year", opt(a.last_adjust_year))(
      "adjust_count", a.adjust_count)("balance", a.balance.to_string())("interest_settled_through", opt(a.interest_settled_through))(
      "ledger", std::move(ledger))("has_outstanding_loan", a.has_outstanding_loan);
}

ojson encode(const Person& p) {
  ojson enrollments = ojson::array();
  for (const auto& e : p.enrollments)
    enrollments.push_back(Obj(6)("unit_code", e.unit_code)("type", e.type)("from", e.from.to_string())("to", opt(e.to))(
        "base", e.base.to_string())("back_pay", e.back_pay));
  ojson contributions = ojson::array();
  for (const auto& c : p.contributions)
    contributions.push_back(Obj(8)("unit_code", c.unit_code)("type", c.type)("month", c.month.to_string())(
        "base", c.base.to_string())("employer", c.employer.to_string())("employee", c.employee.to_string())(
        "bill_id", opt(c.bill_id))("paid", c.paid));
  ojson changes = ojson::object();
  for (const auto& [u, d] : p.last_change_date) changes[u] = d.to_string();
  return Obj(8)("id_number", p.id_number)("name", p.name)("category", opt(p.category))(
      "work_start_date", opt(p.work_start_date))("enrollments", std::move(enrollments))(
      "contributions", std::move(contributions))("last_change_date", std::move(changes))(
      "retired_from", opt(p.retired_from));
}

ojson encode(const Bill& b) {
  ojson items = ojson::array();
  items.get_ref<ojson::array_t&>().reserve(b.items.size());
  for (const auto& i : b.items) {
    Obj x(11);
    if (i.account_no) x("account_no", *i.account_no);
    if (i.id_number) x("id_number", *i.id_number);
    if (i.type) x("type", *i.type);
    if (i.kind) x("kind", *i.kind);
    x("month", i.month.to_string());
    if (i.base) x("base", i.base->to_string());
    x("employer", i.employer.to_string());
    x("employee", i.employee.to_string());
    if (i.pool) x("pool", i.pool->to_string());
    if (i.personal) x("personal", i.personal->to_string());
    x("late_fee", i.late_fee.to_string());
    items.push_back(std::move(x));
  }
  return Obj(15)("bill_id", b.bill_id)("scheme", b.scheme)("unit_code", opt(b.unit_code))("id_number", opt(b.id_number))(
      "kind", b.kind)("period", opt(b.period))("items", std::move(items))("principal", b.principal.to_string())(
      "late_fee", b.late_fee.to_string())("suspense_used", b.suspense_used.to_string())("amount_due", b.amount_due.to_string())(
      "status", b.status)("created_on", b.created_on.to_string())("due_date", opt(b.due_date))("paid_on", opt(b.paid_on));
}

ojson encode(const Case& c) {
  ojson history = ojson::array();
  for (const auto& h : c.history)
    history.push_back(Obj(3)("status", h.status)("as_of", h.as_of.to_string())("note", h.note));
  return Obj(9)("case_id", c.case_id)("op", c.op)("args", ojson::parse(c.args.dump()))(
      "submitted_as_of", c.submitted_as_of ? ojson(c.submitted_as_of->to_string()) : ojson(nullptr))("status", c.status)(
      "reason", opt(c.reason))("unit_code", opt(c.unit_code))("profile", opt(c.profile))("history", std::move(history));
}

ojson encode(const Facts& f) {
  ojson out = protocol::object_with_room(5);  // growing would deep-copy the lists (object_with_room)
  auto list = [](const auto& v) {
    ojson a = ojson::array();
    for (const auto& e : v) a.push_back(encode(e));
    return a;
  };
  out["units"] = list(f.units);
  out["accounts"] = list(f.accounts);
  out["persons"] = list(f.persons);
  out["bills"] = list(f.bills);
  out["cases"] = list(f.cases);
  return out;
}

}  // namespace pvd::state
