// `provident demo`: the main job told as a bilingual story (protocol.md §4).
//
// Every step is a real JSON request through Engine::execute on an embedded
// SQLite file — the same requests a service hall would send. Run it again on
// the same file and every step is answered from the journal (request ids make
// retries safe), which is the point: nothing is done twice.
#include "cli/demo.hpp"

#include <functional>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "provident/engine.hpp"

namespace pvd::cli {

namespace {

using nlohmann::json;

struct Told {
  std::string zh, en;
};

struct Step {
  std::string zh, en;  // what happens
  json request;
  std::function<Told(const json& result)> tell;  // how to tell an allowed outcome
};

struct Act {
  std::string zh, en;
  std::vector<Step> steps;
};

std::string s(const json& j) { return j.is_string() ? j.get<std::string>() : j.dump(); }

Told refusal(const json& r) {
  if (!r["error"].is_null()) return {"错误：" + s(r["error"]["message"]), "Error: " + s(r["error"]["message_en"])};
  std::string zh, en;
  for (const auto& v : r["violations"]) {
    zh += (zh.empty() ? "" : "；") + s(v["message"]) + "（" + s(v["code"]) + "，依据 " + s(v["source"]) + "）";
    en += (en.empty() ? "" : "; ") + s(v["message_en"]) + " (" + s(v["code"]) + ", " + s(v["source"]) + ")";
  }
  return {"不予办理：" + zh, "Refused: " + en};
}

json req(const std::string& op, const std::string& id, const std::string& as_of, json args,
         const std::string& policy = "") {
  json r = {{"op", op}, {"request_id", "demo-" + id}, {"as_of", as_of}, {"args", std::move(args)}};
  if (!policy.empty()) r["policy"] = policy;
  return r;
}

Told ok(const std::string& zh, const std::string& en) { return {zh, en}; }

std::string classification_zh(const std::string& c) {
  if (c == "new_registration") return "新参保登记";
  if (c == "new_enrollment") return "新参保";
  if (c == "continuation") return "续保";
  if (c == "transfer") return "单位间转移";
  if (c == "add_type") return "险种新增";
  return c;
}

const char* kCommitment = "本人自愿申请封存住房公积金个人账户，已知悉封存期间不能缴存，承诺所提供信息真实有效。";

std::vector<Act> story() {
  std::vector<Act> acts;

  // ---------------------------------------------------------------- Act 1
  Act a1{"一、张三：太原的灵活就业人员（种子 002、000）", "1. Zhang San, a flexible worker in Taiyuan (seeds 002, 000)", {}};
  a1.steps.push_back({"公积金中心登记灵活就业缴存单位“个人自愿缴存（市本级工行）”，归集银行为工商银行。",
                      "The centre registers the flexible unit \"个人自愿缴存（市本级工行）\", collecting through ICBC.",
                      req("hpf.unit.register", "a01", "2026-03-02T09:00:00",
                          {{"unit_code", "TY-F01"}, {"name", "个人自愿缴存（市本级工行）"}, {"credit_code", "91140100MA0K12345Y"},
                           {"bank", "ICBC"}, {"kind", "flexible"}}),
                      [](const json& x) { return ok("单位编号 " + s(x["unit_code"]), "unit code " + s(x["unit_code"])); }});
  a1.steps.push_back({"张三开户，月缴存额600元。", "Zhang San opens an account with a monthly deposit of 600.",
                      req("hpf.flex.open", "a02", "2026-03-02T09:10:00",
                          {{"unit_code", "TY-F01"}, {"name", "张三"}, {"id_number", "140105199003071234"},
                           {"monthly_deposit", "600.00"}, {"phone", "13812345678"}}),
                      [](const json& x) {
                        return ok("账号 " + s(x["account_no"]) + "，自 " + s(x["payable_from"]) + " 起可缴存",
                                  "account " + s(x["account_no"]) + ", payable from " + s(x["payable_from"]));
                      }});
  a1.steps.push_back({"他用建设银行卡签约——但归集银行是工商银行，户名也写错了。",
                      "He signs with a CCB card — but the collecting bank is ICBC, and the account name is wrong too.",
                      req("hpf.flex.sign", "a03", "2026-03-02T09:20:00",
                          {{"account_no", "A000001"}, {"account_name", "王五"}, {"card_no", "6217000000123456786"},
                           {"bank", "CCB"}, {"card_class", 2}}),
                      nullptr});
  a1.steps.push_back({"改用本人一类工行卡签约。", "He signs again with his own Type I ICBC card.",
                      req("hpf.flex.sign", "a04", "2026-03-02T09:30:00",
                          {{"account_no", "A000001"}, {"account_name", "张三"}, {"card_no", "6222020000123456782"},
                           {"bank", "ICBC"}, {"card_class", 1}}),
                      [](const json& x) { return ok("签约成功，卡号 " + s(x["card_masked"]), "signed, card " + s(x["card_masked"])); }});
  a1.steps.push_back({"3月5日17:00整去汇缴：汇缴时间是每月1–25日8:00至17:00前。",
                      "On 5 March at 17:00 sharp he tries to remit: payments are taken on days 1–25, 08:00 to before 17:00.",
                      req("hpf.flex.remit", "a05", "2026-03-05T17:00:00", {{"account_no", "A000001"}}), nullptr});
  a1.steps.push_back({"16:59:59再试。", "He tries again at 16:59:59.",
                      req("hpf.flex.remit", "a06", "2026-03-05T16:59:59", {{"account_no", "A000001"}}),
                      [](const json& x) {
                        return ok(s(x["month"]) + " 汇缴 " + s(x["amount"]) + " 元", s(x["month"]) + " remitted: " + s(x["amount"]) + " yuan");
                      }});
  a1.steps.push_back({"3月想把月缴存额调到800元。", "In March he wants to raise the deposit to 800.",
                      req("hpf.flex.adjust", "a07", "2026-03-10T10:00:00", {{"account_no", "A000001"}, {"monthly_deposit", "800.00"}}),
                      nullptr});
  a1.steps.push_back({"7月再调：每年7月可调整一次。", "In July he asks again: once a year, in July.",
                      req("hpf.flex.adjust", "a08", "2026-07-02T09:00:00", {{"account_no", "A000001"}, {"monthly_deposit", "800.00"}}),
                      [](const json& x) {
                        return ok("自 " + s(x["from_month"]) + " 起月缴存额 " + s(x["monthly_deposit"]) + " 元",
                                  "from " + s(x["from_month"]) + " the deposit is " + s(x["monthly_deposit"]));
                      }});
  a1.steps.push_back({"8月补缴4至7月：每个月按当月有效的月缴存额。", "In August he back-pays April to July, each month at the deposit in force that month.",
                      req("hpf.flex.back_pay", "a09", "2026-08-03T10:00:00", {{"account_no", "A000001"}, {"end_month", "2026-07"}}),
                      [](const json& x) {
                        std::string zh, en;
                        for (const auto& m : x["months"]) {
                          zh += (zh.empty() ? "" : "、") + s(m["month"]) + " " + s(m["amount"]);
                          en += (en.empty() ? "" : ", ") + s(m["month"]) + " " + s(m["amount"]);
                        }
                        return ok("补缴 " + zh + "，合计 " + s(x["total"]) + " 元", "back-paid " + en + "; total " + s(x["total"]));
                      }});
  a1.steps.push_back({"他照抄承诺书后封存账户。", "He copies the commitment text and seals the account.",
                      req("hpf.seal", "a10", "2026-08-10T10:00:00",
                          {{"account_no", "A000001"}, {"commitment", kCommitment}, {"agreed", true}}),
                      [](const json& x) { return ok(s(x["sealed_on"]) + " 封存", "sealed on " + s(x["sealed_on"])); }});
  a1.steps.push_back({"9月退出缴存提取：余额加上未结利息。", "In September he exits and withdraws: the balance plus interest not yet credited.",
                      req("hpf.exit", "a11", "2026-09-15T10:00:00", {{"account_no", "A000001"}, {"has_outstanding_loan", false}}),
                      [](const json& x) {
                        return ok("利息 " + s(x["interest"]) + " 元，提取 " + s(x["payout"]) + " 元，账户销户",
                                  "interest " + s(x["interest"]) + ", payout " + s(x["payout"]) + "; the account is closed");
                      }});
  acts.push_back(std::move(a1));

  // ---------------------------------------------------------------- Act 2
  Act a2{"二、李四：单位封存后转入灵活就业（种子 003、000 一）",
         "2. Li Si: sealed by his employer, he moves to flexible employment (seeds 003, 000 一)", {}};
  a2.steps.push_back({"太原某科技公司登记为缴存单位，比例12%+12%，建设银行。", "A Taiyuan company registers as an employer at 12% + 12%, banking with CCB.",
                      req("hpf.unit.register", "b01", "2026-07-01T09:00:00",
                          {{"unit_code", "TY-E01"}, {"name", "太原某科技有限公司"}, {"credit_code", "91410200MA4F234563"},
                           {"bank", "CCB"}, {"kind", "employer"}, {"employer_rate", "12%"}, {"employee_rate", "12%"}}),
                      [](const json& x) { return ok("单位编号 " + s(x["unit_code"]), "unit code " + s(x["unit_code"])); }});
  a2.steps.push_back({"单位为李四、王芳开户（批量）。", "It opens accounts for Li Si and Wang Fang in one batch.",
                      req("hpf.unit.open_accounts", "b02", "2026-07-01T09:10:00",
                          {{"unit_code", "TY-E01"},
                           {"rows", json::array({{{"name", "李四"}, {"id_number", "140105198506124567"}, {"base", "6000.00"}},
                                                 {{"name", "王芳"}, {"id_number", "140105199211200029"}, {"base", "22000.00"}}})}}),
                      [](const json& x) {
                        std::string zh, en;
                        for (const auto& r : x["rows"]) {
                          zh += (zh.empty() ? "" : "；") + s(r["account_no"]) + " 月缴存额 " + s(r["monthly_deposit"]);
                          en += (en.empty() ? "" : "; ") + s(r["account_no"]) + " deposit " + s(r["monthly_deposit"]);
                        }
                        return ok(zh, en);
                      }});
  a2.steps.push_back({"单位核定7月汇缴。", "The employer verifies July's remittance.",
                      req("hpf.unit.verify_remittance", "b03", "2026-07-02T10:00:00", {{"unit_code", "TY-E01"}, {"month", "2026-07"}}),
                      [](const json& x) {
                        return ok("核定单 " + s(x["bill_id"]) + "，合计 " + s(x["total"]) + " 元，暂存款抵扣 " + s(x["suspense_used"]) +
                                      " 元，应缴 " + s(x["amount_due"]) + " 元",
                                  "bill " + s(x["bill_id"]) + ": total " + s(x["total"]) + ", suspense used " + s(x["suspense_used"]) +
                                      ", due " + s(x["amount_due"]));
                      }});
  a2.steps.push_back({"单位缴款7,000元，多出的部分进入暂存款。", "It pays 7,000; the excess goes to the suspense balance.",
                      req("hpf.unit.pay", "b04", "2026-07-03T10:00:00", {{"unit_code", "TY-E01"}, {"bill_id", "B000001"}, {"amount", "7000.00"}}),
                      [](const json& x) {
                        return ok("入账 " + std::to_string(x["posted"].size()) + " 笔，暂存款余额 " + s(x["suspense_balance"]) + " 元",
                                  std::to_string(x["posted"].size()) + " entries posted; suspense balance " + s(x["suspense_balance"]));
                      }});
  a2.steps.push_back({"李四离职，单位封存其账户。", "Li Si leaves; his employer seals the account.",
                      req("hpf.unit.seal", "b05", "2026-09-01T09:10:00",
                          {{"unit_code", "TY-E01"}, {"account_no", "A000002"}, {"reason", "employment_ended"}}),
                      [](const json& x) { return ok(s(x["status"]) == "sealed" ? "账户已封存" : "账户状态：" + s(x["status"]), "account status: " + s(x["status"])); }});
  a2.steps.push_back({"李四选择转入“个人自愿缴存（市本级工行）”。", "Li Si transfers into the flexible unit.",
                      req("hpf.flex.transfer_in", "b06", "2026-09-20T09:00:00", {{"account_no", "A000002"}, {"to_unit", "TY-F01"}}),
                      [](const json& x) {
                        return ok("已转入，仍为封存；下一步：启封、签约，须用" + s(x["required_bank"]["zh"]) + "卡",
                                  "moved, still sealed; next: unseal and sign with a card of " + s(x["required_bank"]["en"]));
                      }});
  a2.steps.push_back({"启封：月缴存额沿用原来的1,440元（非7月不可修改）。", "He unseals: the deposit stays at 1,440 (not editable outside July).",
                      req("hpf.unseal", "b07", "2026-09-20T09:10:00", {{"account_no", "A000002"}}),
                      [](const json& x) {
                        return ok("启封，月缴存额 " + s(x["monthly_deposit"]) + " 元，" + (x["deposit_editable"].get<bool>() ? "可" : "不可") + "修改",
                                  "unsealed at " + s(x["monthly_deposit"]) + (x["deposit_editable"].get<bool>() ? " (editable)" : " (not editable)"));
                      }});
  a2.steps.push_back({"签约本人一类工行卡。", "He signs with his own Type I ICBC card.",
                      req("hpf.flex.sign", "b08", "2026-09-20T09:20:00",
                          {{"account_no", "A000002"}, {"account_name", "李四"}, {"card_no", "6222020000123456782"},
                           {"bank", "ICBC"}, {"card_class", 1}}),
                      [](const json& x) { return ok("签约成功，卡号 " + s(x["card_masked"]), "signed, card " + s(x["card_masked"])); }});
  acts.push_back(std::move(a2));

  // ---------------------------------------------------------------- Act 3
  Act a3{"三、邯郸：社保参保、结算、缴费与养老金申领审核（种子 004、001）",
         "3. Handan: SI enrollment, settlement, payment and a pension claim check (seeds 004, 001)", {}};
  a3.steps.push_back({"邯郸某商贸公司登记参保，结算期2025年3月。", "A Handan company registers for social insurance; settlement period March 2025.",
                      req("si.unit.register", "c01", "2025-03-03T09:00:00",
                          {{"unit_code", "1304030001"}, {"name", "邯郸市丛台区示例商贸有限公司"}, {"credit_code", "91110000600037341L"},
                           {"kind", "enterprise"}, {"settlement_period", "2025-03"}},
                          "handan"),
                      [](const json& x) { return ok("网厅登录名 " + s(x["login_name"]), "online-hall login name " + s(x["login_name"])); }});
  a3.steps.push_back({"为张伟申报参保（参保时间早于结算期，自动补收）；邯郸需分中心审核。",
                      "It enrolls Zhang Wei from January (before the settlement period, so back-pay is set); Handan reviews enrollments.",
                      req("si.enroll", "c02", "2025-03-03T09:10:00",
                          {{"unit_code", "1304030001"}, {"id_number", "130402198503121235"}, {"name", "张伟"},
                           {"work_start_date", "2010-07-01"}, {"enroll_date", "2025-01-10"},
                           {"types", json::array({"pension", "medical"})}, {"wage", "5000.00"}},
                          "handan"),
                      [](const json& x) { return ok("已提交审核，业务号 " + s(x["case_id"]), "submitted for review as " + s(x["case_id"])); }});
  a3.steps.push_back({"分中心审核通过。", "The sub-centre approves it.",
                      req("case.approve", "c03", "2025-03-04T09:00:00", {{"case_id", "C000001"}}, "handan"),
                      [](const json& x) {
                        return ok("业务分类：" + classification_zh(s(x["result"]["classification"])) + "，缴费基数 " + s(x["result"]["base"]) + " 元，补收 " +
                                      std::to_string(x["result"]["back_pay_months"].size()) + " 个月",
                                  "classified " + s(x["result"]["classification"]) + ", base " + s(x["result"]["base"]) + ", " +
                                      std::to_string(x["result"]["back_pay_months"].size()) + " months to back-pay");
                      }});
  a3.steps.push_back({"本月有变动，无变动结算被拒。", "There were changes this month, so a no-change settlement is refused.",
                      req("si.settle", "c04", "2025-03-05T10:00:00", {{"unit_code", "1304030001"}, {"period", "2025-03"}, {"kind", "no_change"}}, "handan"),
                      nullptr});
  a3.steps.push_back({"有变动结算：生成缴费通知单，含补收月份及滞纳金。", "With-change settlement: the bill, back-pay months and late fees included.",
                      req("si.settle", "c05", "2025-03-06T09:00:00", {{"unit_code", "1304030001"}, {"period", "2025-03"}, {"kind", "with_change"}}, "handan"),
                      [](const json& x) {
                        return ok("通知单 " + s(x["bill_id"]) + "：本金 " + s(x["principal"]) + " 元，滞纳金 " + s(x["late_fee"]) + " 元，合计 " + s(x["total"]) + " 元",
                                  "bill " + s(x["bill_id"]) + ": principal " + s(x["principal"]) + ", late fee " + s(x["late_fee"]) + ", total " + s(x["total"]));
                      }});
  a3.steps.push_back({"3月10日按通知单金额缴费：滞纳金要重新计算到缴费当日。", "On 10 March it pays the bill's amount: but the late fee runs to the payment date.",
                      req("si.pay", "c06", "2025-03-10T09:00:00",
                          {{"unit_code", "1304030001"}, {"bill_id", "B000002"}, {"amount", "4839.20"}, {"paid_date", "2025-03-10"}}, "handan"),
                      nullptr});
  a3.steps.push_back({"按重新计算的金额缴费。", "It pays the recomputed amount.",
                      req("si.pay", "c07", "2025-03-10T09:05:00",
                          {{"unit_code", "1304030001"}, {"bill_id", "B000002"}, {"amount", "4845.60"}, {"paid_date", "2025-03-10"}}, "handan"),
                      [](const json& x) {
                        std::string months;
                        for (const auto& m : x["paid_months"]) months += (months.empty() ? "" : ", ") + s(m);
                        return ok("已缴费 " + s(x["total"]) + " 元（" + months + "），欠费清零", "paid " + s(x["total"]) + " (" + months + "); no arrears left");
                      }});
  a3.steps.push_back({"一份养老金申领：工作年限不足15年、核增时间段早于参加工作、核增核减重叠、缴费月数不足，一次列出全部问题。",
                      "A pension claim with short work years, a deemed period before the work start, overlapping adjustments and too few "
                      "months: every problem listed at once.",
                      {{"op", "pension.check_claim"}, {"as_of", "2025-03-10T09:00:00"},
                       {"args", {{"id_number", "360102197003202460"}, {"category", "F55"}, {"work_start_date", "1995-08-01"},
                                 {"retirement_date", "2031-07-01"}, {"work_years", {{"years", 14}, {"months", 11}}},
                                 {"contribution_periods", json::array({{{"from", "1995-08"}, {"to", "2008-12"}}})},
                                 {"adjustments", json::array({{{"kind", "add"}, {"from", "1990-01"}, {"to", "1992-12"}},
                                                              {{"kind", "reduce"}, {"from", "2000-01"}, {"to", "2000-06"}},
                                                              {{"kind", "add"}, {"from", "2000-05"}, {"to", "2000-08"}}})}}}},
                      nullptr});
  acts.push_back(std::move(a3));
  return acts;
}

}  // namespace

int run_demo(const std::string& db_path, const std::string& lang) {
  const bool zh = lang != "en", en = lang != "zh";
  EngineOptions options;
  options.policy = "taiyuan";
  options.db_path = db_path;
  std::unique_ptr<Engine> engine;
  try {
    engine = std::make_unique<Engine>(options);
  } catch (const std::exception& e) {
    std::cerr << "provident demo: cannot open " << db_path << ": " << e.what() << "\n";
    return 2;
  }
  if (zh) std::cout << "provident 演示：数据库 " << db_path << "（再次运行时，每一步都由日志原样答复，不会重复办理）\n";
  if (en) std::cout << "provident demo on " << db_path << " (run it again: every step is answered from the journal, nothing is done twice)\n";
  int n = 0, replayed = 0;
  for (const Act& act : story()) {
    std::cout << "\n";
    if (zh) std::cout << act.zh << "\n";
    if (en) std::cout << act.en << "\n";
    for (const Step& step : act.steps) {
      ++n;
      std::cout << "\n  " << n << ". ";
      if (zh) std::cout << step.zh << "\n";
      if (en) std::cout << (zh ? "     " : "") << step.en << "\n";
      const json response = json::parse(engine->execute(step.request.dump()));
      const bool allowed = response["ok"].get<bool>();
      Told told = allowed && step.tell ? step.tell(response["result"]) : refusal(response);
      if (allowed && !step.tell) told = {"通过", "Allowed"};
      if (response.value("replayed", false)) {
        ++replayed;
        told.zh += "（日志重放）";
        told.en += " (replayed from the journal)";
      }
      if (zh) std::cout << "     " << (allowed ? "✔ " : "✘ ") << told.zh << "\n";
      if (en) std::cout << "     " << (allowed ? "✔ " : "✘ ") << told.en << "\n";
      if (!response["error"].is_null()) return 1;  // a demo step that cannot be evaluated is a bug
    }
  }
  const json verify = json::parse(engine->execute(R"({"op":"store.verify"})"));
  const bool sound = verify["result"]["ok"].get<bool>();
  std::cout << "\n";
  if (zh) std::cout << "存储自检（余额=分录之和、无重复缴存月份、状态=日志重放、完整性）：" << (sound ? "全部通过" : "失败") << "\n";
  if (en) std::cout << "store.verify (balances = entries, no month paid twice, state = journal replay, integrity): " << (sound ? "all hold" : "FAILED") << "\n";
  if (replayed > 0) {
    if (zh) std::cout << n << " 步中有 " << replayed << " 步为日志重放。\n";
    if (en) std::cout << replayed << " of " << n << " steps were replayed from the journal.\n";
  }
  return sound ? 0 : 1;
}

}  // namespace pvd::cli
