#include "hpf/rules.hpp"

#include <algorithm>

#include "hpf/account.hpp"
#include "pension/retirement.hpp"
#include "provident/id/identifiers.hpp"

namespace pvd::hpf::rules {

using policy::Key;

void add(Violations& v, std::string_view code, std::string field, Row row, std::initializer_list<MessageParam> params,
         std::string_view source) {
  Violation x = violation(code, std::move(field), params, source);
  x.row = row;
  v.add(std::move(x));
}

// ------------------------------------------------------------------ rules.md §1

// rules.md §1: a `closed` account accepts only queries (HPF_ACCOUNT_CLOSED).
bool check_not_closed(Violations& v, const state::Account& a, const std::string& field, Row row) {
  if (a.status != "closed") return true;
  add(v, "HPF_ACCOUNT_CLOSED", field, row);
  return false;
}

// rules.md §1; 000 菜单介绍: a former employee gets only the transfer menu, so
// personal operations need an account of a flexible unit.
bool check_flexible_unit(Violations& v, const state::Unit& u, const std::string& field, std::string_view source) {
  if (u.kind == "flexible") return true;
  add(v, "HPF_UNIT_NOT_FLEXIBLE", field, std::nullopt, {}, source);
  return false;
}

// rules.md §1; 003: employer operations.
bool check_employer_unit(Violations& v, const state::Unit& u, const std::string& field, std::string_view source) {
  if (u.kind == "employer") return true;
  add(v, "HPF_UNIT_NOT_EMPLOYER", field, std::nullopt, {}, source);
  return false;
}

// rules.md §1: "active" (unit).
bool check_unit_active(Violations& v, const state::Unit& u, const std::string& field) {
  if (u.status == "active") return true;
  add(v, "HPF_UNIT_SUSPENDED", field);
  return false;
}

// rules.md §1: "normal".
bool check_normal(Violations& v, const state::Account& a, const std::string& field, Row row, std::string_view source) {
  if (a.status == "normal") return true;
  add(v, "HPF_NOT_NORMAL", field, row, {}, source);
  return false;
}

// rules.md §1: "sealed", with the code the operation's table names.
bool check_sealed(Violations& v, const state::Account& a, std::string_view code, const std::string& field, Row row) {
  if (a.status == "sealed") return true;
  add(v, code, field, row);
  return false;
}

// rules.md §1; 003 3: "account in the unit".
bool check_in_unit(Violations& v, const state::Account& a, const state::Unit& u, const std::string& field, Row row) {
  if (a.unit_code == u.unit_code) return true;
  add(v, "HPF_ACCOUNT_NOT_IN_UNIT", field, row);
  return false;
}

// HPF Regs Art. 13: one open account per person per centre; a closed account
// does not count (a person who exited may open again).
bool check_no_open_account(Violations& v, const std::vector<const state::Account*>& others, const std::string& field, Row row) {
  for (const auto* a : others)
    if (a->status != "closed") {
      add(v, "HPF_ACCOUNT_EXISTS", field, row);
      return false;
    }
  return true;
}

// ------------------------------------------------------------------ identifiers

// rules.md §7: NAME_REQUIRED.
bool check_name_present(Violations& v, const std::string& name, const std::string& field, Row row) {
  if (!trim_space(name).empty()) return true;
  add(v, "NAME_REQUIRED", field, row);
  return false;
}

// rules.md §7; 002 三.5: a mobile number is 11 digits, 1[3-9]…
bool check_phone(Violations& v, const std::string& phone, const std::string& field, Row row) {
  if (id::phone_valid(phone)) return true;
  add(v, "PHONE_INVALID", field, row);
  return false;
}

// arithmetic.md §4: the bank is a code of the policy's `banks` list.
const policy::Bank* check_bank_known(Violations& v, const Policy& p, Trace* t, Date on, const std::string& code,
                                     const std::string& field) {
  const auto& banks = p.get<policy::BankList>(Key::banks, on, t);
  for (const auto& b : banks)
    if (b.code == code) return &b;
  add(v, "BANK_UNKNOWN", field, std::nullopt, {{"bank", code}});
  return nullptr;
}

// rules.md §3 hpf.unit.register; GB 32100-2015.
bool check_credit_code(Violations& v, const std::string& code, const std::string& field) {
  if (id::credit_code_valid(code)) return true;
  add(v, "USCC_INVALID", field);
  return false;
}

// ------------------------------------------------------------------ flexible employment

bool deposit_in_range(const Policy& p, Trace* t, Date on, Money amount) {
  const Money lo = p.get<Money>(Key::hpf_flex_monthly_min, on, t);
  const Money hi = p.get<Money>(Key::hpf_flex_monthly_max, on, t);
  return !(amount < lo) && !(hi < amount);
}

// 002 三.6 (and 002 一 at opening): the flexible monthly deposit is chosen
// within [hpf.flex.monthly_min, hpf.flex.monthly_max] (arithmetic.md §3.1).
bool check_deposit_range(Violations& v, const Policy& p, Trace* t, Date on, Money amount, const std::string& field,
                         std::string_view source) {
  if (deposit_in_range(p, t, on, amount)) return true;
  add(v, "HPF_DEPOSIT_OUT_OF_RANGE", field, std::nullopt,
      {{"min", p.get<Money>(Key::hpf_flex_monthly_min, on, t).to_string()},
       {"max", p.get<Money>(Key::hpf_flex_monthly_max, on, t).to_string()}},
      source);
  return false;
}

// 002 一; HPF Regs Art. 13; Shanghai 2025 flexible-employment measures (age):
// completed years at as_of ≥ hpf.flex.min_age (a 29 February birthday counts
// from 1 March: completed_years), and the as_of month before the statutory
// retirement month of the category (given, else M60 for men and
// hpf.flex.female_category for women), under the retirement rules in force at
// as_of (arithmetic.md §3.5).
bool check_flex_age(Violations& v, const Policy& p, Trace* t, LocalDateTime as_of, const id::CitizenId& id,
                    const std::optional<std::string>& category, const std::string& field) {
  const Date today = as_of.date();
  const auto min_age = p.get<std::int64_t>(Key::hpf_flex_min_age, today, t);
  const YearMonth ret = retirement_month(p, t, today, id, category);
  const bool old_enough = completed_years(id.birth_date, today) >= min_age;
  const bool before_retirement = as_of.year_month() < ret;
  if (old_enough && before_retirement) return true;
  add(v, "HPF_FLEX_AGE", field, std::nullopt, {{"min_age", std::to_string(min_age)}, {"retirement_month", ret.to_string()}});
  return false;
}

YearMonth retirement_month(const Policy& p, Trace* t, Date on, const id::CitizenId& id, const std::optional<std::string>& category) {
  const std::string cat = category ? *category
                          : id.gender == id::Gender::male ? std::string("M60")
                                                          : p.get<std::string>(Key::hpf_flex_female_category, on, t);
  return pension::statutory_retirement(p, t, on, id.birth_date.year_month(), *pension::parse_category(cat)).statutory_month;
}

bool check_not_past_retirement(Violations& v, const Policy& p, Trace* t, LocalDateTime as_of, std::string_view id_number,
                               const std::optional<std::string>& category, const std::string& field, Row row) {
  const auto parsed = id::parse_citizen_id(id_number, as_of.date(), false);
  if (!parsed.id) return true;
  const YearMonth ret = retirement_month(p, t, as_of.date(), *parsed.id, category);
  if (as_of.year_month() < ret) return true;
  add(v, "HPF_PAST_RETIREMENT", field, row, {{"retirement_month", ret.to_string()}});
  return false;
}

bool check_back_pay_in_history(Violations& v, const state::Account& a, const std::string& unit_code, YearMonth m, Money amount,
                               bool missed, bool check_amount, const std::string& month_field, const std::string& amount_field, Row row) {
  const bool new_hire_month = missed && !a.stints.empty() && a.stints.front().unit_code == unit_code && m < a.stints.front().from;
  if (!owed_to(a, unit_code, m) && !new_hire_month) {
    add(v, "HPF_MONTH_NOT_OWED_HERE", month_field, row, {{"month", m.to_string()}}, "003 6");
    return false;
  }
  if (!missed || !check_amount) return true;
  const state::Deposit* d = deposit_in_force(a, m);
  if (!d && !a.deposits.empty()) d = &a.deposits.front();
  if (!d || d->monthly_deposit == amount) return true;
  add(v, "HPF_BACK_PAY_AMOUNT_MISMATCH", amount_field, row,
      {{"month", m.to_string()}, {"expected", d->monthly_deposit.to_string()}}, "003 6");
  return false;
}

bool check_adjustment_changes(Violations& v, const state::Account& a, YearMonth from, Money deposit, const std::string& field) {
  const state::Deposit* d = deposit_in_force(a, from);
  if (!d || d->monthly_deposit != deposit) return true;
  add(v, "HPF_ADJUST_NO_CHANGE", field, std::nullopt, {{"amount", deposit.to_string()}}, "002 三.6");
  return false;
}

// 002 三.1 注 (汇缴), 三.2 注 (补缴): "每月汇缴日为 1-25 日的 8:00-17:00"; the end is
// exclusive by decision (policy.md §2), so 16:59:59 is inside and 17:00:00 is not.
bool check_payment_window(Violations& v, const Policy& p, Trace* t, LocalDateTime as_of, std::string_view source) {
  if (payment_window_open(p, t, as_of)) return true;
  const auto& w = p.get<policy::Window>(Key::hpf_payment_window, as_of.date(), t);
  add(v, "HPF_OUTSIDE_PAYMENT_WINDOW", "as_of", std::nullopt,
      {{"first", std::to_string(w.first_day)}, {"last", std::to_string(w.last_day)}, {"from", w.from_text()}, {"to", w.to_text()}},
      source);
  return false;
}

MessageParam months_param(const policy::MonthList& months) {
  static const char* const kEn[] = {"January", "February", "March",     "April",   "May",      "June",
                                    "July",    "August",   "September", "October", "November", "December"};
  std::string zh, en;
  for (std::size_t i = 0; i < months.size(); ++i) {
    if (i) {
      zh += "、";
      en += i + 1 == months.size() ? " or " : ", ";
    }
    zh += std::to_string(months[i]) + "月";
    en += kEn[months[i] - 1];
  }
  if (months.empty()) {
    zh = "任意月份";
    en = "any month";
  }
  return {"months", zh, en};
}

// 000 四 ("基数调整只在每年7月开放"); 002 三.6 ("月缴存额调整时间为每年 7 月，一年允许调整一次").
bool check_adjustment_open(Violations& v, const AdjustmentWindow& w) {
  if (!w.month_open)
    add(v, "HPF_ADJUST_OUTSIDE_WINDOW", "as_of", std::nullopt, {{"what", "月缴存额", "The monthly deposit"}, months_param(*w.months)});
  if (!w.under_yearly_limit)
    add(v, "HPF_ADJUST_ALREADY_DONE", "as_of", std::nullopt,
        {{"count", std::to_string(w.done_this_year)}, {"per_year", std::to_string(w.per_year)}});
  return w.open();
}

std::string trim_space(std::string_view s) {
  auto starts = [&](std::string_view x) { return s.substr(0, x.size()) == x; };
  auto ends = [&](std::string_view x) { return s.size() >= x.size() && s.substr(s.size() - x.size()) == x; };
  for (bool again = true; again;) {
    again = false;
    for (std::string_view sp : {" ", "\t", "\n", "\r", "\v", "\f", "\u3000", "\u00a0"}) {
      if (!s.empty() && starts(sp)) { s.remove_prefix(sp.size()); again = true; }
      if (!s.empty() && ends(sp)) { s.remove_suffix(sp.size()); again = true; }
    }
  }
  return std::string(s);
}

// 000 五 ("复制承诺内容到输入框 … 点击同意"); 002 三.3: the copied text must equal
// hpf.seal.commitment_text exactly; only surrounding white space is ignored
// (decision: ASCII white space, the ideographic space and no-break space).
bool check_commitment(Violations& v, const Policy& p, Trace* t, Date on, const std::string& given, const std::string& field) {
  const auto& text = p.get<std::string>(Key::hpf_seal_commitment_text, on, t);
  if (trim_space(given) == trim_space(text)) return true;
  add(v, "HPF_SEAL_COMMITMENT_MISMATCH", field);
  return false;
}

// 000 一 注意, 三 (缴款账户名称): compared after NFKC, with · • . the same (arithmetic.md §4).
bool check_sign_name(Violations& v, const std::string& account_name, const std::string& person_name, const std::string& field) {
  if (id::names_equal(account_name, person_name)) return true;
  add(v, "HPF_SIGN_NAME_MISMATCH", field);
  return false;
}

// arithmetic.md §4: 16–19 digits, Luhn when card.luhn_required.
bool check_card(Violations& v, const Policy& p, Trace* t, Date on, const std::string& card_no, const std::string& field) {
  if (id::card_number_valid(card_no, p.get<bool>(Key::card_luhn_required, on, t))) return true;
  add(v, "CARD_INVALID", field);
  return false;
}

// 000 一 注意: "缴款银行卡必须与所转入单位银行一致" — the card's bank is the unit's
// collection bank (个人自愿缴存（市本级工行） → an ICBC card).
bool check_card_bank(Violations& v, const Policy& p, Trace* t, Date on, const std::string& bank, const state::Unit& u,
                     const std::string& field) {
  if (u.bank && *u.bank == bank) return true;
  std::string code = u.bank.value_or("");
  std::string zh = code;
  for (const auto& b : p.get<policy::BankList>(Key::banks, on, t))
    if (b.code == code) zh = b.zh;
  add(v, "HPF_SIGN_BANK_MISMATCH", field, std::nullopt, {{"bank", code}, {"bank_zh", zh}});
  return false;
}

// 000 一 注意: "必须为职工本人一类账户的工行卡", when hpf.sign.require_type1_card.
bool check_card_class(Violations& v, const Policy& p, Trace* t, Date on, std::int64_t card_class, const std::string& field) {
  if (card_class == 1 || !p.get<bool>(Key::hpf_sign_require_type1_card, on, t)) return true;
  add(v, "HPF_SIGN_CARD_CLASS", field);
  return false;
}

// 000 一 (转移 → 启封 → 签约): payments go through the signed card.
bool check_signed(Violations& v, const state::Account& a, const std::string& field) {
  if (a.contract) return true;
  add(v, "HPF_NOT_SIGNED", field);
  return false;
}

// 002 三.1 ("完成该月汇缴"); state.md §4: a month is paid at most once.
bool check_month_unpaid(Violations& v, const state::Account& a, YearMonth m, const std::string& field, Row row,
                        std::string_view source) {
  if (!is_paid(a, m)) return true;
  add(v, "HPF_MONTH_ALREADY_PAID", field, row, {{"month", m.to_string()}}, source);
  return false;
}

// 002 三.2 ("选择补缴结束年月"): every unpaid month from the first payable month
// of the current stint through the end month chosen, which lies before the
// current month (the current month is remitted). With hpf.back_pay.max_months
// = N, months before (as_of month − N) have lapsed and are skipped.
// Decision: HPF_NOTHING_TO_BACK_PAY is judged only when the end month itself
// passed its checks (otherwise the range is already refused).
BackPayPlan plan_flex_back_pay(Violations& v, const Policy& p, Trace* t, LocalDateTime as_of, const state::Account& a,
                               YearMonth end, const std::string& field) {
  BackPayPlan plan;
  const YearMonth now = as_of.year_month();
  const auto max_months = p.get<std::int64_t>(Key::hpf_back_pay_max_months, as_of.date(), t);
  if (max_months > 0) plan.lapse_limit = now - static_cast<int>(max_months);
  const YearMonth start = a.payable_from.value_or(now);
  bool ok = true;
  if (!(end < now)) {
    add(v, "HPF_BACK_PAY_FUTURE_MONTH", field);
    ok = false;
  }
  if (end < start) {
    add(v, "HPF_BACK_PAY_BEFORE_START", field, std::nullopt, {{"start", start.to_string()}});
    ok = false;
  }
  if (plan.lapse_limit && end < *plan.lapse_limit) {
    add(v, "HPF_BACK_PAY_TOO_FAR", field, std::nullopt,
        {{"max_months", std::to_string(max_months)}, {"limit", plan.lapse_limit->to_string()}});
    ok = false;
  }
  if (!ok) return plan;
  YearMonth first = start;
  if (plan.lapse_limit && first < *plan.lapse_limit) first = *plan.lapse_limit;
  for (YearMonth m = first; !(end < m); ++m)
    if (!is_paid(a, m)) plan.months.push_back(m);
  if (plan.months.empty()) {
    add(v, "HPF_NOTHING_TO_BACK_PAY", field);
    return plan;
  }
  plan.range_ok = true;
  return plan;
}

int completed_months(Date from, Date to) {
  if (to < from) return 0;
  int n = (to.year() - from.year()) * 12 + (to.month() - from.month());
  while (n > 0 && to < from.add_months(n, MonthEnd::clamp)) --n;
  return n;
}

// 002 三.7 ("个人账户停缴封存的"); HPF Regs Art. 24: sealed for at least
// hpf.exit.min_sealed_months completed months (0 = no waiting period).
bool check_sealed_long_enough(Violations& v, const Policy& p, Trace* t, Date on, const state::Account& a, const std::string& field) {
  const auto min = p.get<std::int64_t>(Key::hpf_exit_min_sealed_months, on, t);
  if (min <= 0) return true;
  if (a.sealed_on && completed_months(*a.sealed_on, on) >= min) return true;
  add(v, "HPF_EXIT_SEALED_TOO_SHORT", field, std::nullopt, {{"months", std::to_string(min)}});
  return false;
}

// 002 三.7: "无未结清的住房公积金贷款".
bool check_no_loan(Violations& v, bool has_loan, const std::string& field) {
  if (!has_loan) return true;
  add(v, "HPF_EXIT_HAS_LOAN", field);
  return false;
}

// ------------------------------------------------------------------ employer

std::string percent_text(const Rate& r) {
  const Rate pct = r.times(100);
  return pct.to_string() + "%";
}

// HPF Regs Art. 18 (5% floor; 建金管〔2005〕5号 12% ceiling) and the city flags
// hpf.rate.whole_percent, hpf.rate.employee_not_below_employer (Guangzhou).
bool check_rates(Violations& v, const Policy& p, Trace* t, Date on, const Rate& er, const Rate& ee, const std::string& er_field,
                 const std::string& ee_field) {
  const Rate& lo = p.get<Rate>(Key::hpf_rate_min, on, t);
  const Rate& hi = p.get<Rate>(Key::hpf_rate_max, on, t);
  const bool whole = p.get<bool>(Key::hpf_rate_whole_percent, on, t);
  const bool ordered = p.get<bool>(Key::hpf_rate_employee_not_below_employer, on, t);
  bool ok = true;
  for (const auto& [rate, field] : {std::pair<const Rate&, const std::string&>{er, er_field}, {ee, ee_field}}) {
    if (rate < lo || hi < rate) {
      add(v, "HPF_RATE_OUT_OF_RANGE", field, std::nullopt, {{"min", percent_text(lo)}, {"max", percent_text(hi)}});
      ok = false;
    }
    if (whole && !rate.is_whole_percent()) {
      add(v, "HPF_RATE_NOT_WHOLE_PERCENT", field);
      ok = false;
    }
  }
  if (ordered && ee < er) {
    add(v, "HPF_RATE_EMPLOYEE_BELOW_EMPLOYER", ee_field);
    ok = false;
  }
  return ok;
}

// HPF Regs Art. 16; arithmetic.md §3.1: the base lies within [hpf.base.floor,
// hpf.base.cap]; never silently clamped.
bool check_base(Violations& v, const Policy& p, Trace* t, Date on, Money base, const std::string& field, Row row) {
  const Money lo = p.get<Money>(Key::hpf_base_floor, on, t);
  const Money hi = p.get<Money>(Key::hpf_base_cap, on, t);
  if (!(base < lo) && !(hi < base)) return true;
  add(v, "HPF_BASE_OUT_OF_RANGE", field, row, {{"min", lo.to_string()}, {"max", hi.to_string()}});
  return false;
}

// 003 3, 4 (选择封存/启封原因), 6 (选择补缴原因): a code of the centre's list.
const policy::Reason* check_reason(Violations& v, const policy::ReasonList& list, const std::string& code,
                                   const std::string& field, Row row, std::string_view source) {
  for (const auto& r : list)
    if (r.code == code) return &r;
  add(v, "HPF_REASON_UNKNOWN", field, row, {{"reason", code}}, source);
  return nullptr;
}

}  // namespace pvd::hpf::rules
