// After the retirement (issue 18; rules.md §5; seed 001 7.1): pension.bank_account
// (001 7.1.6 银行账号: the account the pension is paid to, recorded and changed,
// the replaced ones kept) and pension.qualify (待遇资格认证: the annual
// qualification, recorded with its date). Both are a retired person's business.
#include <algorithm>

#include "id/checks.hpp"
#include "pension/ops.hpp"
#include "pension/ops_common.hpp"
#include "pension/rules/after_retirement.hpp"
#include "provident/id/mask.hpp"
#include "si/ops_common.hpp"

namespace pvd::pension::ops {

// pension.bank_account {id_number, bank, account_name, card_no} — 001 7.1.6.
void bank_account(OpContext& ctx, ArgReader& a, OpResult& r) {
  // ---- decode
  const std::string id_text = a.string("id_number");
  const std::string bank = a.string("bank", 32);
  const std::string account_name = a.name("account_name");
  const std::string card_no = a.string("card_no", 64);

  // ---- subjects
  Violations& v = r.violations;
  const state::Person* person = si::person_by_id(ctx, v, id_text, "args.id_number");
  if (!person) return;

  // ---- rules
  const Date today = ctx.today();
  check_retired(v, *person, "养老金银行账户登记", "pension bank account", "args.id_number");
  check_bank_own_name(v, *person, account_name, "args.account_name");
  id::check_card_number(v, ctx.policy(), &ctx.trace(), today, card_no, "args.card_no");
  id::check_bank_code(v, ctx.policy(), &ctx.trace(), today, bank, "args.bank");
  check_bank_changed(v, *person, bank, card_no, "args.card_no");
  if (!v.empty()) return;

  // ---- apply: the account recorded today; the one it replaces goes to the history.
  state::Person& p = ctx.world().edit(*person);
  const bool replaced = p.pension_bank.has_value();
  if (replaced) {
    p.pension_bank->until = today;
    p.pension_bank_history.push_back(*p.pension_bank);
  }
  p.pension_bank = state::PensionBank{.bank = bank, .account_name = account_name, .card_no = card_no, .since = today};
  const std::string masked = id::mask_card_number(card_no);
  r.result["id_number"] = p.id_number;
  r.result["bank"] = bank;
  r.result["card_masked"] = masked;
  r.result["since"] = today.to_string();
  r.result["replaced"] = replaced;
  r.result["history"] = static_cast<std::int64_t>(p.pension_bank_history.size());

  // ---- events
  si::emit(r, si::events::PensionBankRecorded{.id_number = p.id_number, .bank = bank, .card_masked = masked,
                                              .replaced = replaced});
}

// pension.qualify {id_number, date, method?} — 待遇资格认证 (decisions: qualification.cpp).
void qualify(OpContext& ctx, ArgReader& a, OpResult& r) {
  // ---- decode
  const std::string id_text = a.string("id_number");
  const Date date = a.date("date");
  const std::string method =
      a.opt_enumeration("method", {"in_person", "face_recognition", "home_visit", "data_comparison"}).value_or("in_person");

  // ---- subjects
  Violations& v = r.violations;
  const state::Person* person = si::person_by_id(ctx, v, id_text, "args.id_number");
  if (!person) return;

  // ---- rules
  if (check_retired(v, *person, "待遇资格认证", "qualification", "args.id_number"))
    check_qualification(v, *person, date, ctx.today(), "args.date");
  if (!v.empty()) return;

  // ---- apply
  state::Person& p = ctx.world().edit(*person);
  auto& qs = p.qualifications;
  auto at = std::upper_bound(qs.begin(), qs.end(), date,
                             [](Date d, const state::Qualification& q) { return d < q.date; });
  qs.insert(at, state::Qualification{.date = date, .method = method});
  const int year = qualification_year(date);
  r.result["id_number"] = p.id_number;
  r.result["year"] = year;
  r.result["date"] = date.to_string();
  r.result["method"] = method;
  r.result["qualified"] = qualified_in(p, qualification_year(ctx.today()));

  // ---- events
  si::emit(r, si::events::PensionQualified{.id_number = p.id_number, .year = year, .date = date, .method = method});
}

}  // namespace pvd::pension::ops
