// case.list (docs/queries.md §6): the cases a hall's "我的业务" screen lists
// (001 8: 暂存 / 办理中 / 已办结), filtered by person, unit, operation, status and
// submission time, paged by case id.
#include <algorithm>

#include "provident/rules/codes.hpp"
#include "queries/paging.hpp"
#include "queries/queries.hpp"

namespace pvd::queries {

using protocol::json;
using protocol::ojson;

namespace {

/// Whether a case's arguments name `key` = `value`, at the top or in a row
/// of a batch (rows[].id_number of hpf.unit.open_accounts, si.stop_batch, …).
bool names(const json& args, const char* key, const std::string& value) {
  if (!args.is_object()) return false;
  if (auto it = args.find(key); it != args.end() && it->is_string() && it->get_ref<const std::string&>() == value) return true;
  auto rows = args.find("rows");
  if (rows == args.end() || !rows->is_array()) return false;
  return std::any_of(rows->begin(), rows->end(), [&](const json& row) {
    auto it = row.is_object() ? row.find(key) : row.end();
    return row.is_object() && it != row.end() && it->is_string() && it->get_ref<const std::string&>() == value;
  });
}

struct CaseFilter {
  std::optional<std::string> id_number, account_no, op, status;
  std::optional<std::string> account_person;  // the ID number of account_no's person, when the account is known
  std::optional<Date> from, to;

  // Decision: a case concerns a person when its arguments name the person's
  // ID number or, for account_no, the account itself or its person's ID
  // number (a unit operation may name the account either way, issue 17).
  bool keep(const state::Case& c) const {
    if (status && state::to_text(c.status) != *status) return false;
    if (op && c.op != *op) return false;
    if (id_number && !names(c.args, "id_number", *id_number)) return false;
    if (account_no && !names(c.args, "account_no", *account_no) &&
        !(account_person && names(c.args, "id_number", *account_person)))
      return false;
    // Decision: from/to bound the submission's date, both inclusive; a draft
    // never submitted has none and is left out when either is given.
    if (from || to) {
      if (!c.submitted_as_of) return false;
      const Date d = c.submitted_as_of->date();
      if ((from && d < *from) || (to && *to < d)) return false;
    }
    return true;
  }
};

ojson case_row(const state::Case& c) {
  return {{"case_id", c.case_id},
          {"op", c.op},
          {"status", state::to_text(c.status)},
          {"unit_code", c.unit_code ? ojson(*c.unit_code) : ojson(nullptr)},
          {"submitted_as_of", c.submitted_as_of ? ojson(c.submitted_as_of->to_string()) : ojson(nullptr)}};
}

// case.list {id_number?, account_no?, unit_code?, op?, status?, from?, to?, limit?, after?}
void case_list(protocol::OpContext& ctx, protocol::ArgReader& a, protocol::OpResult& r) {
  CaseFilter f;
  f.status = a.opt_enumeration("status", {"draft", "submitted", "approved", "rejected", "withdrawn"});
  const std::string unit = a.opt_string("unit_code", 64).value_or("");
  f.op = a.opt_string("op", 64);
  f.id_number = a.opt_string("id_number", 64);
  f.account_no = a.opt_string("account_no", 64);
  f.from = a.opt_date("from");
  f.to = a.opt_date("to");
  if (f.from && f.to && *f.to < *f.from) {
    r.violations.add(code::PERIOD_INVERTED, "args.from");
    return;
  }
  if (f.account_no)
    if (const state::Account* acc = ctx.world().account(*f.account_no)) f.account_person = acc->person.id_number;
  const PageArgs p = page_args(a);
  auto& world = ctx.world();
  const auto page = page_of<state::Case>(
      p, [&](const std::string& after, std::size_t n) { return world.cases_page(unit, after, n); },
      [](const state::Case& c) { return c.case_id; }, [&](const state::Case& c) { return f.keep(c); });
  ojson rows = ojson::array();
  for (const state::Case* c : page.items) rows.push_back(case_row(*c));
  r.result = page_result("cases", std::move(rows), page.next);
}

}  // namespace

void register_case_queries(protocol::Registry& reg) {
  reg.add_all({{"case.list", protocol::OpKind::query, case_list,
                "Cases by person, unit, operation, status or submission date, paged (001 8)"}});
}

}  // namespace pvd::queries
