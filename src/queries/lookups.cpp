// Lookups by person (docs/queries.md §4): hpf.account.find and
// si.person.find. The halls' screens look people up by ID number or by name
// (003 3, 4, 9: "输入姓名，证件号码"); these answer with the accounts or persons
// found, paged by their ids (paging.hpp), in stateless and store mode alike.
#include <algorithm>

#include "hpf/account.hpp"
#include "provident/id/document.hpp"
#include "provident/id/identifiers.hpp"
#include "provident/id/mask.hpp"
#include "queries/paging.hpp"
#include "queries/queries.hpp"
#include "si/billing.hpp"

namespace pvd::queries {

using protocol::ojson;

namespace {

// ------------------------------------------------------------------ arguments

/// Who to look for: an ID number (its 18-character form) and/or a name.
struct PersonKey {
  std::optional<std::string> id_number, name;
};

/// The 18-character form of an ID number to look up. Decision: a lookup
/// reads like id.parse — 15-digit citizen numbers are accepted and widened
/// (rules.md §7 requires 18 characters only of operations that change
/// state); a number that does not parse is REQ_BAD_VALUE, masked. Without
/// as_of no birth date is in the future.
std::string lookup_id(protocol::OpContext& ctx, const std::string& text) {
  const Date on = ctx.has_as_of() ? ctx.today() : Date::of(9999, 12, 31);
  const auto parsed = id::parse_document(text, std::nullopt, on, true);
  if (!parsed.ok() || !parsed.id)
    protocol::throw_bad_value("args.id_number", "不是有效的证件号码：" + id::mask_id_number(id::trim_space(text)),
                              "not a valid ID number: " + id::mask_id_number(id::trim_space(text)));
  return parsed.id->number;
}

/// Reads `id_number?` and `name?`: at least one (REQ_MISSING_FIELD naming
/// args.id_number); a name is trimmed as names are stored, and not blank.
PersonKey read_person_key(protocol::OpContext& ctx, protocol::ArgReader& a) {
  PersonKey k;
  if (auto id = a.opt_string("id_number", 64)) k.id_number = lookup_id(ctx, *id);
  if (auto name = a.opt_string("name", protocol::kMaxNameChars)) {
    k.name = id::trim_space(*name);
    if (id::name_is_blank(*k.name)) protocol::throw_bad_value("args.name", "姓名不能为空", "the name is blank");
  }
  if (!k.id_number && !k.name) protocol::throw_missing("args.id_number");
  return k;
}

/// One page of a small list already held whole (a person's few accounts),
/// ordered by id, with the same `after`/`next` as a World page.
template <class T, class Id>
Page<T> page_of_list(std::vector<const T*> all, const PageArgs& p, Id id_of) {
  std::sort(all.begin(), all.end(), [&](const T* x, const T* y) { return id_of(*x) < id_of(*y); });
  return page_of<T>(
      p,
      [&](const std::string& after, std::size_t n) {
        std::vector<const T*> out;
        for (const T* x : all)
          if (id_of(*x) > after && out.size() < n) out.push_back(x);
        return out;
      },
      id_of, [](const T&) { return true; });
}

// ------------------------------------------------------------------ hpf.account.find

/// The unit a lookup is confined to: an HPF unit (REQ_NOT_FOUND naming args.unit_code).
std::string hpf_unit_arg(protocol::OpContext& ctx, protocol::ArgReader& a) {
  const auto code = a.opt_string("unit_code", 64);
  if (!code) return "";
  const state::Unit* u = ctx.world().unit(*code);
  if (!u || u->scheme != state::Scheme::hpf) protocol::throw_not_found("args.unit_code", "公积金缴存单位", "HPF unit", *code);
  return *code;
}

ojson account_row(protocol::OpContext& ctx, const state::Account& acc) {
  // The deposit in force in the month asked about (as_of), else the latest.
  const state::Deposit* d = ctx.has_as_of() ? hpf::deposit_in_force(acc, ctx.this_month()) : hpf::last_deposit(acc);
  return {{"account_no", acc.account_no},
          {"unit_code", acc.unit_code},
          {"name", acc.person.name},
          {"id_number", acc.person.id_number},
          {"status", acc.status},
          {"opened_on", acc.opened_on.to_string()},
          {"sealed_on", acc.sealed_on ? ojson(acc.sealed_on->to_string()) : ojson(nullptr)},
          {"balance", acc.balance.to_string()},
          {"monthly_deposit", d ? ojson(d->monthly_deposit.to_string()) : ojson(nullptr)}};
}

// hpf.account.find {id_number?, name?, unit_code?, limit?, after?}: 003 3, 4,
// 9 (封存, 启封, 内部转移: "输入姓名，证件号码") — the accounts of a person, by
// ID number (every account, any unit, any status) or by exact name. Decision:
// a name without unit_code searches the whole centre (the store's name index
// answers it a page at a time); with both, the ID number finds and the name
// must match too.
void account_find(protocol::OpContext& ctx, protocol::ArgReader& a, protocol::OpResult& r) {
  const PersonKey key = read_person_key(ctx, a);
  const std::string unit = hpf_unit_arg(ctx, a);
  const PageArgs p = page_args(a);
  auto& w = ctx.world();
  const auto id_of = [](const state::Account& x) -> const std::string& { return x.account_no; };
  const auto keep = [&](const state::Account& x) {
    return (unit.empty() || x.unit_code == unit) && (!key.name || x.person.name == *key.name);
  };
  Page<state::Account> page;
  if (key.id_number) {
    std::vector<const state::Account*> mine;
    for (const auto* x : w.accounts_of_person(*key.id_number))
      if (keep(*x)) mine.push_back(x);
    page = page_of_list(std::move(mine), p, id_of);
  } else {
    page = page_of<state::Account>(
        p, [&](const std::string& after, std::size_t n) { return w.accounts_named_page(*key.name, unit, after, n); }, id_of, keep);
  }
  ojson rows = ojson::array();
  for (const auto* x : page.items) rows.push_back(account_row(ctx, *x));
  r.result = page_result("accounts", std::move(rows), page.next);
}

// ------------------------------------------------------------------ si.person.find

/// The units where the person is enrolled now (an enrollment without an end),
/// each with its types in the engine's order, by unit code.
ojson enrolled_now(const state::Person& p) {
  std::vector<std::string> units;
  for (const auto& e : p.enrollments)
    if (!e.to && std::find(units.begin(), units.end(), e.unit_code) == units.end()) units.push_back(e.unit_code);
  std::sort(units.begin(), units.end());
  ojson out = ojson::array();
  for (const auto& u : units) out.push_back({{"unit_code", u}, {"types", si::active_types_at(p, u)}});
  return out;
}

ojson person_row(const state::Person& p) {
  return {{"id_number", p.id_number},
          {"name", p.name},
          {"category", p.category ? ojson(*p.category) : ojson(nullptr)},
          {"enrolled", enrolled_now(p)},
          {"retired_from", p.retired_from ? ojson(p.retired_from->to_string()) : ojson(nullptr)}};
}

// si.person.find {id_number?, name?, limit?, after?}: 001 7.1 (选择人员: "可以
// 根据姓名或者个人代码查询人员") and 001 7.2 (在职人员增加: the person found by
// 证件号码) — a person by ID number (none or one), or every person of exactly
// that name. With both, the name must match too.
void person_find(protocol::OpContext& ctx, protocol::ArgReader& a, protocol::OpResult& r) {
  const PersonKey key = read_person_key(ctx, a);
  const PageArgs p = page_args(a);
  auto& w = ctx.world();
  const auto id_of = [](const state::Person& x) -> const std::string& { return x.id_number; };
  const auto keep = [&](const state::Person& x) { return !key.name || x.name == *key.name; };
  Page<state::Person> page;
  if (key.id_number) {
    std::vector<const state::Person*> found;
    // A corrected number finds the person it was corrected to (issue 18 (1)).
    if (const state::Person* x = w.current_person(*key.id_number); x && keep(*x)) found.push_back(x);
    page = page_of_list(std::move(found), p, id_of);
  } else {
    page = page_of<state::Person>(
        p, [&](const std::string& after, std::size_t n) { return w.persons_named_page(*key.name, after, n); }, id_of, keep);
  }
  ojson rows = ojson::array();
  for (const auto* x : page.items) rows.push_back(person_row(*x));
  r.result = page_result("persons", std::move(rows), page.next);
}

}  // namespace

void register_lookup_queries(protocol::Registry& reg) {
  using protocol::OpKind;
  reg.add_all({{"hpf.account.find", OpKind::query, account_find, "HPF accounts by ID number or name (003 3, 4, 9)"},
               {"si.person.find", OpKind::query, person_find, "SI persons by ID number or name (001 7.1, 7.2)"}});
}

}  // namespace pvd::queries
