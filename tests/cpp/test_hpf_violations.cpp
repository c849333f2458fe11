// Every HPF violation code: a request that triggers it and a request at the
// boundary that passes (rules.md §1–3, §7), through pvd::Engine::execute in
// stateless mode. The last test checks that the table covers every HPF_* code
// of the registry.
#include <functional>
#include <set>

#include "provident/rules/violation.hpp"
#include "test_hpf_fixture.hpp"

using namespace hpftest;

namespace {

struct Case {
  std::string code;
  std::string what;
  std::function<json()> trigger;
  std::function<json()> pass;
};

const std::string kT = "taiyuan";
const std::string kInWindow = "2026-03-05T10:00:00";

json facts_flex(json account) { return {{"units", json::array({flex_unit()})}, {"accounts", json::array({std::move(account)})}}; }

json sealed(json a, const std::string& on = "2026-02-10") {
  a["status"] = "sealed";
  a["sealed_on"] = on;
  return a;
}

json employer_account(const std::string& no = "B1", const std::string& unit = "E1", const std::string& base = "5000.00") {
  json a = flex_account(no, unit, "2026-01", "1200.00", kIdMale1985);
  a["base"] = base;
  a["contract"] = nullptr;
  a["deposits"] = json::array({{{"from", "2026-01"}, {"employer_part", "600.00"}, {"employee_part", "600.00"}, {"monthly_deposit", "1200.00"}}});
  return a;
}

json open_args(const std::string& id = kIdMale1990, const std::string& deposit = "600.00") {
  return {{"unit_code", "F1"}, {"name", "张三"}, {"id_number", id}, {"monthly_deposit", deposit}};
}

json sign_args(const std::string& name = "张三", const std::string& bank = "ICBC", int card_class = 1) {
  return {{"account_no", "A1"}, {"account_name", name}, {"card_no", bank == "ICBC" ? kIcbcCard : kCcbCard}, {"bank", bank},
          {"card_class", card_class}};
}

json remit(const std::string& as_of, json account, const std::string& overlay = "") {
  return run(kT, "hpf.flex.remit", as_of, {{"account_no", "A1"}}, facts_flex(std::move(account)), overlay);
}

json back_pay(const std::string& as_of, const std::string& end, json account, const std::string& overlay = "") {
  return run(kT, "hpf.flex.back_pay", as_of, {{"account_no", "A1"}, {"end_month", end}}, facts_flex(std::move(account)), overlay);
}

json seal_args(const std::string& text, bool agreed) { return {{"account_no", "A1"}, {"commitment", text}, {"agreed", agreed}}; }

json employer_facts(json unit, json accounts = json::array(), json units_extra = json::array()) {
  json units = json::array({std::move(unit)});
  for (auto& u : units_extra) units.push_back(u);
  return {{"units", units}, {"accounts", std::move(accounts)}};
}

json register_args(const std::string& code, const std::string& er, const std::string& ee) {
  return {{"unit_code", code}, {"name", "某公司"}, {"credit_code", "91410200MA4F234563"}, {"bank", "ICBC"}, {"kind", "employer"},
          {"employer_rate", er}, {"employee_rate", ee}};
}

json unit_with_first_month(const std::string& first, json verified = json::array()) {
  json u = employer_unit();
  u["first_month"] = first;
  u["verified_months"] = std::move(verified);
  return u;
}

/// A back-pay row of account B1; by default the deposit in force for its months (1,200.00).
json back_pay_row(const std::string& month, const std::string& reason, const std::string& amount = "1200.00") {
  return {{"account_no", "B1"}, {"month", month}, {"amount", amount}, {"reason", reason}};
}

std::vector<Case> cases() {
  std::vector<Case> c;
  // ------------------------------------------------------------ rules.md §1
  c.push_back({"HPF_ACCOUNT_EXISTS", "one open account per person per centre (HPF Regs Art. 13); a closed one does not count",
               [] { return run(kT, "hpf.flex.open", kInWindow, open_args(), facts_flex(flex_account())); },
               [] {
                 json a = flex_account();
                 a["status"] = "closed";
                 return run(kT, "hpf.flex.open", kInWindow, open_args(), facts_flex(a));
               }});
  c.push_back({"HPF_ACCOUNT_CLOSED", "a closed account accepts only queries",
               [] {
                 json a = flex_account();
                 a["status"] = "closed";
                 a["contract"] = nullptr;  // its other checks are skipped
                 return remit(kInWindow, a);
               },
               [] { return remit(kInWindow, flex_account()); }});
  c.push_back({"HPF_UNIT_NOT_FLEXIBLE", "personal operations need an account of a flexible unit",
               [] {
                 return run(kT, "hpf.flex.remit", kInWindow, {{"account_no", "B1"}},
                            {{"units", json::array({employer_unit()})}, {"accounts", json::array({employer_account()})}});
               },
               [] { return remit(kInWindow, flex_account()); }});
  c.push_back({"HPF_UNIT_NOT_EMPLOYER", "employer operations need an employer unit",
               [] {
                 json u = flex_unit();
                 u["first_month"] = "2026-01";
                 return run(kT, "hpf.unit.verify_remittance", kInWindow, {{"unit_code", "F1"}, {"month", "2026-01"}},
                            {{"units", json::array({u})}});
               },
               [] {
                 return run(kT, "hpf.unit.verify_remittance", kInWindow, {{"unit_code", "E1"}, {"month", "2026-01"}},
                            employer_facts(unit_with_first_month("2026-01")));
               }});
  c.push_back({"HPF_NOT_NORMAL", "signing needs a normal account",
               [] { return run(kT, "hpf.flex.sign", kInWindow, sign_args(), facts_flex(sealed(flex_account()))); },
               [] { return run(kT, "hpf.flex.sign", kInWindow, sign_args(), facts_flex(flex_account())); }});
  c.push_back({"HPF_NOT_SEALED", "unsealing needs a sealed account",
               [] { return run(kT, "hpf.unseal", kInWindow, {{"account_no", "A1"}}, facts_flex(flex_account())); },
               [] { return run(kT, "hpf.unseal", kInWindow, {{"account_no", "A1"}}, facts_flex(sealed(flex_account()))); }});
  c.push_back({"HPF_UNIT_SUSPENDED", "opening needs an active unit",
               [] {
                 json u = flex_unit();
                 u["status"] = "suspended";
                 return run(kT, "hpf.flex.open", kInWindow, open_args(), {{"units", json::array({u})}});
               },
               [] { return run(kT, "hpf.flex.open", kInWindow, open_args(), {{"units", json::array({flex_unit()})}}); }});
  c.push_back({"HPF_ACCOUNT_NOT_IN_UNIT", "an employer seals only its own accounts",
               [] {
                 return run(kT, "hpf.unit.seal", kInWindow, {{"unit_code", "E2"}, {"account_no", "B1"}, {"reason", "employment_ended"}},
                            employer_facts(employer_unit(), json::array({employer_account()}), json::array({employer_unit("E2")})));
               },
               [] {
                 return run(kT, "hpf.unit.seal", kInWindow, {{"unit_code", "E1"}, {"account_no", "B1"}, {"reason", "employment_ended"}},
                            employer_facts(employer_unit(), json::array({employer_account()})));
               }});
  // ------------------------------------------------------------ rules.md §2
  c.push_back({"HPF_FLEX_AGE", "16 completed years on the birthday (born 2010-01-01: 2025-12-31 refused, 2026-01-01 allowed)",
               [] { return run(kT, "hpf.flex.open", "2025-12-31T10:00:00", open_args(kIdChild2010), {{"units", json::array({flex_unit()})}}); },
               [] { return run(kT, "hpf.flex.open", "2026-01-01T10:00:00", open_args(kIdChild2010), {{"units", json::array({flex_unit()})}}); }});
  c.push_back({"HPF_DEPOSIT_OUT_OF_RANGE", "Taiyuan's range 200.00–5,000.00: 199.99 refused, 200.00 allowed",
               [] { return run(kT, "hpf.flex.open", kInWindow, open_args(kIdMale1990, "199.99"), {{"units", json::array({flex_unit()})}}); },
               [] { return run(kT, "hpf.flex.open", kInWindow, open_args(kIdMale1990, "200.00"), {{"units", json::array({flex_unit()})}}); }});
  c.push_back({"HPF_TRANSFER_NOT_SEALED", "the employer seals the account before it moves",
               [] {
                 return run(kT, "hpf.flex.transfer_in", kInWindow, {{"account_no", "B1"}, {"to_unit", "F1"}},
                            employer_facts(employer_unit(), json::array({employer_account()}), json::array({flex_unit()})));
               },
               [] {
                 return run(kT, "hpf.flex.transfer_in", kInWindow, {{"account_no", "B1"}, {"to_unit", "F1"}},
                            employer_facts(employer_unit(), json::array({sealed(employer_account())}), json::array({flex_unit()})));
               }});
  c.push_back({"HPF_UNIT_UNKNOWN", "the target unit must exist (a violation, not an error)",
               [] {
                 return run(kT, "hpf.flex.transfer_in", kInWindow, {{"account_no", "B1"}, {"to_unit", "NOPE"}},
                            employer_facts(employer_unit(), json::array({sealed(employer_account())}), json::array({flex_unit()})));
               },
               [] {
                 return run(kT, "hpf.flex.transfer_in", kInWindow, {{"account_no", "B1"}, {"to_unit", "F1"}},
                            employer_facts(employer_unit(), json::array({sealed(employer_account())}), json::array({flex_unit()})));
               }});
  c.push_back({"HPF_TRANSFER_SAME_UNIT", "the target is not the current unit",
               [] {
                 return run(kT, "hpf.flex.transfer_in", kInWindow, {{"account_no", "A1"}, {"to_unit", "F1"}},
                            {{"units", json::array({flex_unit(), flex_unit("F2")})}, {"accounts", json::array({sealed(flex_account())})}});
               },
               [] {
                 return run(kT, "hpf.flex.transfer_in", kInWindow, {{"account_no", "A1"}, {"to_unit", "F2"}},
                            {{"units", json::array({flex_unit(), flex_unit("F2")})}, {"accounts", json::array({sealed(flex_account())})}});
               }});
  c.push_back({"HPF_DEPOSIT_REQUIRED", "a last deposit above the range needs an amount at unseal",
               [] {
                 json a = sealed(flex_account("A1", "F1", "2026-01", "6000.00"));
                 return run(kT, "hpf.unseal", kInWindow, {{"account_no", "A1"}}, facts_flex(a));
               },
               [] {
                 json a = sealed(flex_account("A1", "F1", "2026-01", "6000.00"));
                 return run(kT, "hpf.unseal", kInWindow, {{"account_no", "A1"}, {"monthly_deposit", "5000.00"}}, facts_flex(a));
               }});
  c.push_back({"HPF_DEPOSIT_NOT_ADJUSTABLE", "the unseal amount is editable only in July (June refused, July allowed)",
               [] {
                 return run(kT, "hpf.unseal", "2026-06-30T23:59:59", {{"account_no", "A1"}, {"monthly_deposit", "800.00"}},
                            facts_flex(sealed(flex_account())));
               },
               [] {
                 return run(kT, "hpf.unseal", "2026-07-01T00:00:00", {{"account_no", "A1"}, {"monthly_deposit", "800.00"}},
                            facts_flex(sealed(flex_account())));
               }});
  c.push_back({"HPF_SIGN_NAME_MISMATCH", "the card holder is the depositor",
               [] { return run(kT, "hpf.flex.sign", kInWindow, sign_args("李四"), facts_flex(flex_account())); },
               [] { return run(kT, "hpf.flex.sign", kInWindow, sign_args("张三"), facts_flex(flex_account())); }});
  c.push_back({"HPF_SIGN_BANK_MISMATCH", "the card's bank is the unit's collection bank (ICBC)",
               [] { return run(kT, "hpf.flex.sign", kInWindow, sign_args("张三", "CCB"), facts_flex(flex_account())); },
               [] { return run(kT, "hpf.flex.sign", kInWindow, sign_args("张三", "ICBC"), facts_flex(flex_account())); }});
  c.push_back({"HPF_SIGN_CARD_CLASS", "Taiyuan requires a Type I card",
               [] { return run(kT, "hpf.flex.sign", kInWindow, sign_args("张三", "ICBC", 2), facts_flex(flex_account())); },
               [] { return run(kT, "hpf.flex.sign", kInWindow, sign_args("张三", "ICBC", 1), facts_flex(flex_account())); }});
  c.push_back({"HPF_ADJUST_OUTSIDE_WINDOW", "July only (30 June 23:59:59 refused, 1 July 00:00:00 allowed)",
               [] {
                 return run(kT, "hpf.flex.adjust", "2026-06-30T23:59:59", {{"account_no", "A1"}, {"monthly_deposit", "800.00"}},
                            facts_flex(flex_account()));
               },
               [] {
                 return run(kT, "hpf.flex.adjust", "2026-07-01T00:00:00", {{"account_no", "A1"}, {"monthly_deposit", "800.00"}},
                            facts_flex(flex_account()));
               }});
  c.push_back({"HPF_ADJUST_ALREADY_DONE", "once a calendar year: adjusted in 2026 refused, adjusted in 2025 allowed",
               [] {
                 json a = flex_account();
                 a["last_adjust_year"] = 2026;
                 a["adjust_count"] = 1;
                 return run(kT, "hpf.flex.adjust", "2026-07-20T10:00:00", {{"account_no", "A1"}, {"monthly_deposit", "800.00"}}, facts_flex(a));
               },
               [] {
                 json a = flex_account();
                 a["last_adjust_year"] = 2025;
                 a["adjust_count"] = 1;
                 return run(kT, "hpf.flex.adjust", "2026-07-20T10:00:00", {{"account_no", "A1"}, {"monthly_deposit", "800.00"}}, facts_flex(a));
               }});
  c.push_back({"HPF_SEAL_COMMITMENT_MISMATCH", "the exact text; only surrounding white space is ignored",
               [] {
                 std::string t = kCommitment.substr(0, kCommitment.size() - 3);  // the final "。" missing
                 return run(kT, "hpf.seal", kInWindow, seal_args(t, true), facts_flex(flex_account()));
               },
               [] { return run(kT, "hpf.seal", kInWindow, seal_args("\u3000 " + kCommitment + " \u3000", true), facts_flex(flex_account())); }});
  c.push_back({"HPF_SEAL_NOT_AGREED", "the commitment must be agreed to",
               [] { return run(kT, "hpf.seal", kInWindow, seal_args(kCommitment, false), facts_flex(flex_account())); },
               [] { return run(kT, "hpf.seal", kInWindow, seal_args(kCommitment, true), facts_flex(flex_account())); }});
  c.push_back({"HPF_OUTSIDE_PAYMENT_WINDOW", "day 25 17:00:00 refused, 16:59:59 allowed",
               [] { return remit("2026-03-25T17:00:00", flex_account()); },
               [] { return remit("2026-03-25T16:59:59", flex_account()); }});
  c.push_back({"HPF_NOT_SIGNED", "payments need a signed contract",
               [] {
                 json a = flex_account();
                 a["contract"] = nullptr;
                 return remit(kInWindow, a);
               },
               [] { return remit(kInWindow, flex_account()); }});
  c.push_back({"HPF_MONTH_ALREADY_PAID", "a month is paid once",
               [] {
                 json a = flex_account();
                 a["paid_months"] = json::array({"2026-03"});
                 return remit(kInWindow, a);
               },
               [] {
                 json a = flex_account();
                 a["paid_months"] = json::array({"2026-02"});
                 return remit(kInWindow, a);
               }});
  c.push_back({"HPF_BACK_PAY_FUTURE_MONTH", "the current month is remitted, not back-paid",
               [] { return back_pay(kInWindow, "2026-03", flex_account()); },
               [] { return back_pay(kInWindow, "2026-02", flex_account()); }});
  c.push_back({"HPF_BACK_PAY_BEFORE_START", "not before the first payable month (2026-01)",
               [] { return back_pay(kInWindow, "2025-12", flex_account()); },
               [] { return back_pay(kInWindow, "2026-01", flex_account()); }});
  c.push_back({"HPF_BACK_PAY_TOO_FAR", "max_months = 6 at 2026-09: the limit is 2026-03 (2026-02 refused, 2026-03 allowed)",
               [] { return back_pay("2026-09-05T10:00:00", "2026-02", flex_account(), overlay_of("hpf.back_pay.max_months", "6")); },
               [] { return back_pay("2026-09-05T10:00:00", "2026-03", flex_account(), overlay_of("hpf.back_pay.max_months", "6")); }});
  c.push_back({"HPF_NOTHING_TO_BACK_PAY", "at least one unpaid month in range",
               [] {
                 json a = flex_account();
                 a["paid_months"] = json::array({"2026-01", "2026-02"});
                 return back_pay(kInWindow, "2026-02", a);
               },
               [] {
                 json a = flex_account();
                 a["paid_months"] = json::array({"2026-01"});
                 return back_pay(kInWindow, "2026-02", a);
               }});
  c.push_back({"HPF_EXIT_NOT_SEALED", "exit needs a sealed account",
               [] { return run(kT, "hpf.exit", kInWindow, {{"account_no", "A1"}}, facts_flex(flex_account())); },
               [] { return run(kT, "hpf.exit", kInWindow, {{"account_no", "A1"}}, facts_flex(sealed(flex_account()))); }});
  c.push_back({"HPF_EXIT_HAS_LOAN", "an outstanding loan (the fact), unless the argument says otherwise (the argument wins)",
               [] {
                 json a = sealed(flex_account());
                 a["has_outstanding_loan"] = true;
                 return run(kT, "hpf.exit", kInWindow, {{"account_no", "A1"}}, facts_flex(a));
               },
               [] {
                 json a = sealed(flex_account());
                 a["has_outstanding_loan"] = true;
                 return run(kT, "hpf.exit", kInWindow, {{"account_no", "A1"}, {"has_outstanding_loan", false}}, facts_flex(a));
               }});
  c.push_back({"HPF_EXIT_SEALED_TOO_SHORT", "6 completed months from 2025-08-31: 2026-02-27 refused, 2026-02-28 allowed (month end clamped)",
               [] {
                 return run(kT, "hpf.exit", "2026-02-27T10:00:00", {{"account_no", "A1"}}, facts_flex(sealed(flex_account("A1", "F1", "2025-01"), "2025-08-31")),
                            overlay_of("hpf.exit.min_sealed_months", "6"));
               },
               [] {
                 return run(kT, "hpf.exit", "2026-02-28T10:00:00", {{"account_no", "A1"}}, facts_flex(sealed(flex_account("A1", "F1", "2025-01"), "2025-08-31")),
                            overlay_of("hpf.exit.min_sealed_months", "6"));
               }});
  // ------------------------------------------------------------ rules.md §3
  c.push_back({"HPF_UNIT_EXISTS", "a unit code is registered once",
               [] { return run(kT, "hpf.unit.register", kInWindow, register_args("E1", "12%", "12%"), employer_facts(employer_unit())); },
               [] { return run(kT, "hpf.unit.register", kInWindow, register_args("E9", "12%", "12%"), employer_facts(employer_unit())); }});
  c.push_back({"HPF_RATE_OUT_OF_RANGE", "national 5%–12%: 12.01% refused, 12% allowed",
               [] { return run("national", "hpf.unit.register", kInWindow, register_args("E9", "12.01%", "12%"), json::object()); },
               [] { return run("national", "hpf.unit.register", kInWindow, register_args("E9", "12%", "12%"), json::object()); }});
  c.push_back({"HPF_RATE_NOT_WHOLE_PERCENT", "Guangzhou: whole percentages (7.5% refused, 7% allowed)",
               [] { return run("guangzhou", "hpf.unit.register", "2023-01-10T10:00:00", register_args("G1", "7%", "7.5%"), json::object()); },
               [] { return run("guangzhou", "hpf.unit.register", "2023-01-10T10:00:00", register_args("G1", "7%", "7%"), json::object()); }});
  c.push_back({"HPF_RATE_EMPLOYEE_BELOW_EMPLOYER", "Guangzhou: the employee rate is not below the employer rate",
               [] { return run("guangzhou", "hpf.unit.register", "2023-01-10T10:00:00", register_args("G1", "8%", "7%"), json::object()); },
               [] { return run("guangzhou", "hpf.unit.register", "2023-01-10T10:00:00", register_args("G1", "8%", "8%"), json::object()); }});
  c.push_back({"HPF_BASE_OUT_OF_RANGE", "Shanghai FY2024 cap 36,921: 36,921.01 refused, 36,921.00 allowed",
               [] {
                 return run("shanghai", "hpf.unit.open_accounts", "2024-09-02T10:00:00",
                            {{"unit_code", "S1"}, {"rows", json::array({{{"name", "张三"}, {"id_number", kIdMale1990}, {"base", "36921.01"}}})}},
                            employer_facts(employer_unit("S1", "shanghai", "0.07", "0.07")));
               },
               [] {
                 return run("shanghai", "hpf.unit.open_accounts", "2024-09-02T10:00:00",
                            {{"unit_code", "S1"}, {"rows", json::array({{{"name", "张三"}, {"id_number", kIdMale1990}, {"base", "36921.00"}}})}},
                            employer_facts(employer_unit("S1", "shanghai", "0.07", "0.07")));
               }});
  c.push_back({"HPF_REASON_UNKNOWN", "a seal reason from the centre's list",
               [] {
                 return run(kT, "hpf.unit.seal", kInWindow, {{"unit_code", "E1"}, {"account_no", "B1"}, {"reason", "holiday"}},
                            employer_facts(employer_unit(), json::array({employer_account()})));
               },
               [] {
                 return run(kT, "hpf.unit.seal", kInWindow, {{"unit_code", "E1"}, {"account_no", "B1"}, {"reason", "employment_ended"}},
                            employer_facts(employer_unit(), json::array({employer_account()})));
               }});
  c.push_back({"HPF_REMIT_FUTURE_MONTH", "a month not after the as_of month (2026-04 on 31 March refused, on 1 April allowed)",
               [] {
                 return run(kT, "hpf.unit.verify_remittance", "2026-03-31T23:59:59", {{"unit_code", "E1"}, {"month", "2026-04"}},
                            employer_facts(unit_with_first_month("2026-04")));
               },
               [] {
                 return run(kT, "hpf.unit.verify_remittance", "2026-04-01T00:00:00", {{"unit_code", "E1"}, {"month", "2026-04"}},
                            employer_facts(unit_with_first_month("2026-04")));
               }});
  c.push_back({"HPF_REMIT_ALREADY_VERIFIED", "a month is verified once",
               [] {
                 return run(kT, "hpf.unit.verify_remittance", kInWindow, {{"unit_code", "E1"}, {"month", "2026-01"}},
                            employer_facts(unit_with_first_month("2026-01", json::array({"2026-01"}))));
               },
               [] {
                 return run(kT, "hpf.unit.verify_remittance", kInWindow, {{"unit_code", "E1"}, {"month", "2026-02"}},
                            employer_facts(unit_with_first_month("2026-01", json::array({"2026-01"}))));
               }});
  c.push_back({"HPF_REMIT_MONTH_GAP", "months in order: after 2026-01 comes 2026-02, not 2026-03",
               [] {
                 return run(kT, "hpf.unit.verify_remittance", kInWindow, {{"unit_code", "E1"}, {"month", "2026-03"}},
                            employer_facts(unit_with_first_month("2026-01", json::array({"2026-01"}))));
               },
               [] {
                 return run(kT, "hpf.unit.verify_remittance", kInWindow, {{"unit_code", "E1"}, {"month", "2026-02"}},
                            employer_facts(unit_with_first_month("2026-01", json::array({"2026-01"}))));
               }});
  c.push_back({"HPF_MONTH_ALREADY_BILLED", "a missed month on an open bill is not billed again",
               [] {
                 // January is on an open back-pay bill of the unit (the bills are the truth of billing).
                 json facts = employer_facts(employer_unit(), json::array({employer_account()}));
                 facts["bills"] = json::array({{{"bill_id", "B000001"}, {"scheme", "hpf"}, {"unit_code", "E1"}, {"id_number", nullptr},
                                                {"kind", "back_pay"}, {"period", nullptr},
                                                {"items", json::array({{{"account_no", "B1"}, {"kind", "back_pay"}, {"month", "2026-01"},
                                                                        {"employer", "600.00"}, {"employee", "600.00"}, {"late_fee", "0.00"}}})},
                                                {"principal", "1200.00"}, {"late_fee", "0.00"}, {"suspense_used", "0.00"},
                                                {"amount_due", "1200.00"}, {"status", "open"}, {"created_on", "2026-02-10"},
                                                {"due_date", nullptr}, {"paid_on", nullptr}}});
                 return run(kT, "hpf.unit.verify_back_pay", kInWindow, {{"unit_code", "E1"}, {"rows", json::array({back_pay_row("2026-01", "overdue")})}},
                            facts);
               },
               [] {
                 return run(kT, "hpf.unit.verify_back_pay", kInWindow, {{"unit_code", "E1"}, {"rows", json::array({back_pay_row("2026-01", "overdue")})}},
                            employer_facts(employer_unit(), json::array({employer_account()})));
               }});
  c.push_back({"HPF_MONTH_NOT_OWED_HERE", "a back-paid month is one the account owed the unit: December 2025 was owed to E2",
               [] {
                 json a = employer_account();
                 a["stints"] = json::array({{{"unit_code", "E2"}, {"from", "2025-10"}, {"to", "2025-12"}},
                                            {{"unit_code", "E1"}, {"from", "2026-01"}, {"to", nullptr}}});
                 return run(kT, "hpf.unit.verify_back_pay", kInWindow, {{"unit_code", "E1"}, {"rows", json::array({back_pay_row("2025-12", "overdue")})}},
                            employer_facts(employer_unit(), json::array({a})));
               },
               [] {
                 return run(kT, "hpf.unit.verify_back_pay", kInWindow, {{"unit_code", "E1"}, {"rows", json::array({back_pay_row("2026-01", "overdue")})}},
                            employer_facts(employer_unit(), json::array({employer_account()})));
               }});
  c.push_back({"HPF_BACK_PAY_AMOUNT_MISMATCH", "a missed month is back-paid at the deposit in force for it (1,200.00)",
               [] {
                 return run(kT, "hpf.unit.verify_back_pay", kInWindow,
                            {{"unit_code", "E1"}, {"rows", json::array({back_pay_row("2026-01", "overdue", "99999.00")})}},
                            employer_facts(employer_unit(), json::array({employer_account()})));
               },
               [] {
                 return run(kT, "hpf.unit.verify_back_pay", kInWindow,
                            {{"unit_code", "E1"}, {"rows", json::array({back_pay_row("2026-01", "overdue", "1200.00")})}},
                            employer_facts(employer_unit(), json::array({employer_account()})));
               }});
  c.push_back({"HPF_PAST_RETIREMENT", "a man born 1960-05 (statutory retirement 2020-05) cannot move in to deposit again",
               [] {
                 json a = sealed(employer_account());
                 a["person"]["id_number"] = "110105196005151239";
                 return run(kT, "hpf.flex.transfer_in", kInWindow, {{"account_no", "B1"}, {"to_unit", "F1"}},
                            employer_facts(employer_unit(), json::array({a}), json::array({flex_unit()})));
               },
               [] {
                 return run(kT, "hpf.flex.transfer_in", kInWindow, {{"account_no", "B1"}, {"to_unit", "F1"}},
                            employer_facts(employer_unit(), json::array({sealed(employer_account())}), json::array({flex_unit()})));
               }});
  c.push_back({"HPF_ADJUST_NO_CHANGE", "an adjustment to the amount in force (600.00) is no change",
               [] { return run(kT, "hpf.flex.adjust", "2026-07-20T10:00:00", {{"account_no", "A1"}, {"monthly_deposit", "600.00"}}, facts_flex(flex_account())); },
               [] { return run(kT, "hpf.flex.adjust", "2026-07-20T10:00:00", {{"account_no", "A1"}, {"monthly_deposit", "600.01"}}, facts_flex(flex_account())); }});
  c.push_back({"HPF_MONTH_NOT_PAID", "a difference tops up a paid month",
               [] {
                 return run(kT, "hpf.unit.verify_back_pay", kInWindow, {{"unit_code", "E1"}, {"rows", json::array({back_pay_row("2026-01", "underpaid")})}},
                            employer_facts(employer_unit(), json::array({employer_account()})));
               },
               [] {
                 json a = employer_account();
                 a["paid_months"] = json::array({"2026-01"});
                 return run(kT, "hpf.unit.verify_back_pay", kInWindow, {{"unit_code", "E1"}, {"rows", json::array({back_pay_row("2026-01", "underpaid")})}},
                            employer_facts(employer_unit(), json::array({a})));
               }});
  c.push_back({"HPF_RATE_CHANGE_PENDING", "an approved change not yet used blocks another",
               [] {
                 json u = employer_unit();
                 u["rate_change"] = {{"employer_rate", "0.1"}, {"employee_rate", "0.1"}, {"effective_month", nullptr}, {"state", "approved"}};
                 return run(kT, "hpf.unit.adjust_rate", kInWindow, {{"unit_code", "E1"}, {"employer_rate", "8%"}, {"employee_rate", "8%"}},
                            employer_facts(u));
               },
               [] {
                 return run(kT, "hpf.unit.adjust_rate", kInWindow, {{"unit_code", "E1"}, {"employer_rate", "8%"}, {"employee_rate", "8%"}},
                            employer_facts(employer_unit()));
               }});
  c.push_back({"HPF_EFFECTIVE_MONTH_INVALID", "the base takes effect in the current or the next month (2026-05 refused in March, 2026-04 allowed)",
               [] {
                 return run(kT, "hpf.unit.adjust_base", kInWindow,
                            {{"unit_code", "E1"}, {"effective_month", "2026-05"}, {"rows", json::array({{{"account_no", "B1"}, {"base", "6000.00"}}})}},
                            employer_facts(employer_unit(), json::array({employer_account()})));
               },
               [] {
                 return run(kT, "hpf.unit.adjust_base", kInWindow,
                            {{"unit_code", "E1"}, {"effective_month", "2026-04"}, {"rows", json::array({{{"account_no", "B1"}, {"base", "6000.00"}}})}},
                            employer_facts(employer_unit(), json::array({employer_account()})));
               }});
  c.push_back({"HPF_INTEREST_YEAR_NOT_ENDED", "settled on 30 June (29 June 23:59:59 refused, 30 June 00:00:00 allowed)",
               [] { return run(kT, "hpf.settle_interest", "2026-06-29T23:59:59", {{"year", 2026}}, facts_flex(flex_account())); },
               [] { return run(kT, "hpf.settle_interest", "2026-06-30T00:00:00", {{"year", 2026}}, facts_flex(flex_account())); }});
  c.push_back({"HPF_INTEREST_ALREADY_SETTLED", "a year is settled once",
               [] {
                 json a = flex_account();
                 a["interest_settled_through"] = 2026;
                 return run(kT, "hpf.settle_interest", "2026-07-02T10:00:00", {{"year", 2026}}, facts_flex(a));
               },
               [] {
                 json a = flex_account();
                 a["interest_settled_through"] = 2025;
                 return run(kT, "hpf.settle_interest", "2026-07-02T10:00:00", {{"year", 2026}}, facts_flex(a));
               }});
  // ------------------------------------------------------------ rules.md §7 in HPF operations
  c.push_back({"ID_FORMAT", "state-changing operations need 18 digits (a 15-digit number is refused)",
               [] { return run(kT, "hpf.flex.open", kInWindow, open_args("140105900307123"), {{"units", json::array({flex_unit()})}}); },
               [] { return run(kT, "hpf.flex.open", kInWindow, open_args(), {{"units", json::array({flex_unit()})}}); }});
  c.push_back({"ID_CHECKSUM", "the check character",
               [] { return run(kT, "hpf.flex.open", kInWindow, open_args("140105199003071235"), {{"units", json::array({flex_unit()})}}); },
               [] { return run(kT, "hpf.flex.open", kInWindow, open_args("140105199003071234"), {{"units", json::array({flex_unit()})}}); }});
  c.push_back({"NAME_REQUIRED", "a name of white space only is missing",
               [] {
                 json a = open_args();
                 a["name"] = "\u3000 ";
                 return run(kT, "hpf.flex.open", kInWindow, a, {{"units", json::array({flex_unit()})}});
               },
               [] { return run(kT, "hpf.flex.open", kInWindow, open_args(), {{"units", json::array({flex_unit()})}}); }});
  c.push_back({"PHONE_INVALID", "11 digits starting 13–19",
               [] { return run(kT, "hpf.change_phone", kInWindow, {{"account_no", "A1"}, {"phone", "12812345678"}}, facts_flex(flex_account())); },
               [] { return run(kT, "hpf.change_phone", kInWindow, {{"account_no", "A1"}, {"phone", "19912345678"}}, facts_flex(flex_account())); }});
  c.push_back({"CARD_INVALID", "16–19 digits with the Luhn check",
               [] {
                 json a = sign_args();
                 a["card_no"] = "6222020000123456783";
                 return run(kT, "hpf.flex.sign", kInWindow, a, facts_flex(flex_account()));
               },
               [] { return run(kT, "hpf.flex.sign", kInWindow, sign_args(), facts_flex(flex_account())); }});
  c.push_back({"BANK_UNKNOWN", "a bank code of the policy's list",
               [] { return run(kT, "hpf.unit.register", kInWindow, json({{"unit_code", "F9"}, {"name", "x"}, {"credit_code", "91140100MA0K12345Y"}, {"bank", "XYZ"}, {"kind", "flexible"}}), json::object()); },
               [] { return run(kT, "hpf.unit.register", kInWindow, json({{"unit_code", "F9"}, {"name", "x"}, {"credit_code", "91140100MA0K12345Y"}, {"bank", "ICBC"}, {"kind", "flexible"}}), json::object()); }});
  c.push_back({"USCC_INVALID", "the unified social credit code's check character",
               [] { return run(kT, "hpf.unit.register", kInWindow, json({{"unit_code", "F9"}, {"name", "x"}, {"credit_code", "91140100MA0K12345X"}, {"bank", "ICBC"}, {"kind", "flexible"}}), json::object()); },
               [] { return run(kT, "hpf.unit.register", kInWindow, json({{"unit_code", "F9"}, {"name", "x"}, {"credit_code", "91140100MA0K12345Y"}, {"bank", "ICBC"}, {"kind", "flexible"}}), json::object()); }});
  c.push_back({"AMOUNT_NOT_POSITIVE", "a back-paid difference of 0.00 refused, 0.01 allowed",
               [] {
                 json a = employer_account();
                 a["paid_months"] = json::array({"2026-01"});
                 return run(kT, "hpf.unit.verify_back_pay", kInWindow, {{"unit_code", "E1"}, {"rows", json::array({back_pay_row("2026-01", "underpaid", "0.00")})}},
                            employer_facts(employer_unit(), json::array({a})));
               },
               [] {
                 json a = employer_account();
                 a["paid_months"] = json::array({"2026-01"});
                 return run(kT, "hpf.unit.verify_back_pay", kInWindow, {{"unit_code", "E1"}, {"rows", json::array({back_pay_row("2026-01", "underpaid", "0.01")})}},
                            employer_facts(employer_unit(), json::array({a})));
               }});
  // ------------------------------------------------------------ issue 18 (5): hpf.withdraw
  auto withdraw = [](const std::string& as_of, json args, json facts, const std::string& overlay = "") {
    return run(kT, "hpf.withdraw", as_of, std::move(args), std::move(facts), overlay);
  };
  c.push_back({"HPF_WITHDRAW_BEFORE_RETIREMENT", "a man born 1965-03 retires 2025-04: 2025-03-31 refused, 2025-04-01 allowed",
               [=] { return withdraw("2025-03-31T10:00:00", {{"account_no", "A1"}, {"reason", "retirement"}}, facts_flex(flex_account("A1", "F1", "2024-01", "600.00", kIdMale1965))); },
               [=] { return withdraw("2025-04-01T10:00:00", {{"account_no", "A1"}, {"reason", "retirement"}}, facts_flex(flex_account("A1", "F1", "2024-01", "600.00", kIdMale1965))); }});
  c.push_back({"HPF_WITHDRAW_RETIREMENT_UNKNOWN", "a passport number carries no birth date: retirement refused, settling abroad allowed",
               [=] { return withdraw(kInWindow, {{"account_no", "A1"}, {"reason", "retirement"}}, facts_flex(flex_account("A1", "F1", "2026-01", "600.00", "E12345678"))); },
               [=] { return withdraw(kInWindow, {{"account_no", "A1"}, {"reason", "leave_country"}}, facts_flex(flex_account("A1", "F1", "2026-01", "600.00", "E12345678"))); }});
  c.push_back({"HPF_WITHDRAW_NOT_SEALED", "leaving the city needs the account sealed",
               [=] { return withdraw(kInWindow, {{"account_no", "A1"}, {"reason", "leave_city"}}, facts_flex(flex_account())); },
               [=] { return withdraw(kInWindow, {{"account_no", "A1"}, {"reason", "leave_city"}}, facts_flex(sealed(flex_account(), "2025-08-01"))); }});
  c.push_back({"HPF_WITHDRAW_SEALED_TOO_SHORT", "sealed 2025-09-05, 6 completed months: 2026-03-04 refused, 2026-03-05 allowed",
               [=] { return withdraw("2026-03-04T10:00:00", {{"account_no", "A1"}, {"reason", "leave_city"}}, facts_flex(sealed(flex_account("A1", "F1", "2025-01"), "2025-09-05"))); },
               [=] { return withdraw("2026-03-05T10:00:00", {{"account_no", "A1"}, {"reason", "leave_city"}}, facts_flex(sealed(flex_account("A1", "F1", "2025-01"), "2025-09-05"))); }});
  c.push_back({"HPF_WITHDRAW_HEIR_REQUIRED", "a death withdrawal names the heir",
               [=] { return withdraw(kInWindow, {{"account_no", "A1"}, {"reason", "death"}}, facts_flex(flex_account())); },
               [=] { return withdraw(kInWindow, {{"account_no", "A1"}, {"reason", "death"}, {"heir", {{"name", "李四"}, {"id_number", kIdFemale1992}}}}, facts_flex(flex_account())); }});
  c.push_back({"HPF_WITHDRAW_HAS_LOAN", "an outstanding loan (the fact), unless the argument says otherwise",
               [=] {
                 json a = flex_account();
                 a["has_outstanding_loan"] = true;
                 return withdraw(kInWindow, {{"account_no", "A1"}, {"reason", "leave_country"}}, facts_flex(a));
               },
               [=] {
                 json a = flex_account();
                 a["has_outstanding_loan"] = true;
                 return withdraw(kInWindow, {{"account_no", "A1"}, {"reason", "leave_country"}, {"has_outstanding_loan", false}}, facts_flex(a));
               }});
  c.push_back({"HPF_WITHDRAW_UNPAID_BILL", "March verified and unpaid refuses the withdrawal; not yet verified, it is allowed",
               [=] {
                 const json facts = employer_facts(unit_with_first_month("2026-03"), json::array({employer_account()}));
                 const json v = run(kT, "hpf.unit.verify_remittance", kInWindow, {{"unit_code", "E1"}, {"month", "2026-03"}}, facts);
                 return withdraw(kInWindow, {{"account_no", "B1"}, {"reason", "leave_country"}}, v["state"]);
               },
               [=] { return withdraw(kInWindow, {{"account_no", "B1"}, {"reason", "leave_country"}}, employer_facts(unit_with_first_month("2026-03"), json::array({employer_account()}))); }});
  c.push_back({"HPF_WITHDRAW_PARTIAL", "the amount is the whole payout (0.00 here)",
               [=] { return withdraw(kInWindow, {{"account_no", "A1"}, {"reason", "leave_country"}, {"amount", "1.00"}}, facts_flex(flex_account())); },
               [=] { return withdraw(kInWindow, {{"account_no", "A1"}, {"reason", "leave_country"}, {"amount", "0.00"}}, facts_flex(flex_account())); }});
  // ------------------------------------------------------------ issue 18: ledger corrections (hpf.ledger.correct)
  // A flexible account with one 1,200.00 deposit and a −200.00 correction of it (entries 1 and 2); balance 1,000.00.
  auto corrected = [] {
    json a = flex_account();
    a["balance"] = "1000.00";
    a["ledger"] = json::array({{{"kind", "regular"}, {"month", "2026-01"}, {"date", "2026-01-10"}, {"amount", "1200.00"}},
                               {{"kind", "correction"}, {"month", "2026-01"}, {"date", "2026-02-10"}, {"amount", "-200.00"},
                                {"corrects", "1"}}});
    return a;
  };
  auto correct = [corrected](const std::string& entry, const std::string& amount) {
    return run(kT, "hpf.ledger.correct", kInWindow, {{"account_no", "A1"}, {"corrects", entry}, {"amount", amount}, {"reason", "多记"}},
               facts_flex(corrected()));
  };
  c.push_back({"HPF_CORRECTION_ENTRY_UNKNOWN", "the account has entries 1 and 2: 3 is unknown, 1 is known",
               [correct] { return correct("3", "-100.00"); }, [correct] { return correct("1", "-100.00"); }});
  c.push_back({"HPF_CORRECTION_OF_CORRECTION", "entry 2 is a correction: the original (1) is corrected again",
               [correct] { return correct("2", "-100.00"); }, [correct] { return correct("1", "-100.00"); }});
  c.push_back({"HPF_CORRECTION_ZERO", "0.00 corrects nothing; 0.01 does",
               [correct] { return correct("1", "0.00"); }, [correct] { return correct("1", "0.01"); }});
  c.push_back({"HPF_CORRECTION_EXCEEDS_ENTRY", "entry 1 nets 1,000.00: −1,000.01 passes zero, −1,000.00 reaches it",
               [correct] { return correct("1", "-1000.01"); }, [correct] { return correct("1", "-1000.00"); }});
  c.push_back({"HPF_CORRECTION_NEGATIVE_BALANCE", "a balance of 499.99 (say after a withdrawal): −500.00 goes below zero; at 500.00 it reaches zero",
               [corrected] {
                 json a = corrected();
                 a["balance"] = "499.99";
                 return run(kT, "hpf.ledger.correct", kInWindow, {{"account_no", "A1"}, {"corrects", "1"}, {"amount", "-500.00"}, {"reason", "多记"}},
                            facts_flex(a));
               },
               [corrected] {
                 json a = corrected();
                 a["balance"] = "500.00";
                 return run(kT, "hpf.ledger.correct", kInWindow, {{"account_no", "A1"}, {"corrects", "1"}, {"amount", "-500.00"}, {"reason", "多记"}},
                            facts_flex(a));
               }});
  return c;
}

}  // namespace

TEST(HpfViolations, EachCodeTriggersAndItsBoundaryPasses) {
  for (const auto& c : cases()) {
    SCOPED_TRACE(c.code + ": " + c.what);
    const json t = c.trigger();
    ASSERT_TRUE(t["error"].is_null()) << t.dump();
    EXPECT_FALSE(t["ok"].get<bool>()) << t.dump();
    EXPECT_TRUE(has_code(t, c.code)) << t.dump();
    for (const auto& v : t["violations"]) {
      EXPECT_FALSE(v["message"].get<std::string>().empty());
      EXPECT_FALSE(v["message_en"].get<std::string>().empty());
      EXPECT_FALSE(v["source"].get<std::string>().empty());
      EXPECT_EQ(v["message"].get<std::string>().find('{'), std::string::npos) << "unfilled template: " << v.dump();
      EXPECT_EQ(v["message_en"].get<std::string>().find('{'), std::string::npos) << "unfilled template: " << v.dump();
    }
    EXPECT_TRUE(t["events"].empty());
    const json p = c.pass();
    ASSERT_TRUE(p["error"].is_null()) << p.dump();
    EXPECT_TRUE(p["ok"].get<bool>()) << p.dump();
  }
}

TEST(HpfViolations, EveryHpfCodeOfTheRegistryIsInTheTable) {
  std::set<std::string> tested;
  for (const auto& c : cases()) tested.insert(c.code);
  for (const auto& info : pvd::all_codes()) {
    const std::string code(info.code);
    if (code.rfind("HPF_", 0) == 0) {
      EXPECT_TRUE(tested.count(code)) << code << " has no trigger/boundary case";
    }
  }
}
