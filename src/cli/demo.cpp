// `provident demo`: the engine told as a short bilingual story. Every step is
// a real JSON request through the same Engine::execute the other surfaces use.
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

struct Step {
  std::string zh, en;  // what happens
  json request;
  std::function<std::pair<std::string, std::string>(const json& response)> tell;  // zh, en of the answer
};

std::string str(const json& j) { return j.is_string() ? j.get<std::string>() : j.dump(); }

std::pair<std::string, std::string> denial(const json& r) {
  std::string zh, en;
  if (!r["error"].is_null()) return {"错误：" + str(r["error"]["message"]), "Error: " + str(r["error"]["message_en"])};
  for (const auto& v : r["violations"]) {
    zh += (zh.empty() ? "" : "；") + str(v["message"]) + "（" + str(v["code"]) + "）";
    en += (en.empty() ? "" : "; ") + str(v["message_en"]) + " (" + str(v["code"]) + ")";
  }
  return {"不予办理：" + zh, "Refused: " + en};
}

std::vector<Step> calculator_story() {
  std::vector<Step> s;
  s.push_back({"王五在太原灵活就业，先核对身份证号码。", "Wang Wu, a flexible worker in Taiyuan, checks his ID number.",
               {{"op", "id.parse"}, {"as_of", "2026-07-03T10:00:00"}, {"args", {{"number", "11010519491231002x"}}}},
               [](const json& r) -> std::pair<std::string, std::string> {
                 if (!r["ok"]) return denial(r);
                 const auto& x = r["result"];
                 return {"号码有效：出生" + str(x["birth_date"]) + "，性别" + (str(x["gender"]) == "F" ? "女" : "男") + "，规范写法" + str(x["number"]),
                         "Valid: born " + str(x["birth_date"]) + ", gender " + str(x["gender"]) + ", normalised " + str(x["number"])};
               }});
  s.push_back({"上海某单位按基数2,690元、单位和个人各7%计算月缴存额：两部分分别取整后相加。",
               "A Shanghai employer computes the monthly deposit on a base of 2,690 at 7% + 7%: each part is rounded, then added.",
               {{"op", "hpf.deposit"}, {"as_of", "2024-09-02T10:00:00"}, {"policy", "shanghai"},
                {"args", {{"base", "2690"}, {"employer_rate", "7%"}, {"employee_rate", "7%"}}}},
               [](const json& r) -> std::pair<std::string, std::string> {
                 if (!r["ok"]) return denial(r);
                 const auto& x = r["result"];
                 return {"单位" + str(x["employer_part"]) + " + 个人" + str(x["employee_part"]) + " = " + str(x["monthly_deposit"]) + "元（按合计取整会错算为377元）",
                         str(x["employer_part"]) + " + " + str(x["employee_part"]) + " = " + str(x["monthly_deposit"]) + " yuan (rounding the total would wrongly give 377)"};
               }});
  s.push_back({"长春按“遇零进整”：先四舍五入到分，再进到元。", "Changchun rounds 遇零进整: half up to fen, then up to yuan.",
               {{"op", "hpf.deposit"}, {"as_of", "2025-09-01T10:00:00"}, {"policy", "changchun"},
                {"args", {{"base", "3333.4"}, {"employer_rate", "12%"}, {"employee_rate", "12%"}}}},
               [](const json& r) -> std::pair<std::string, std::string> {
                 if (!r["ok"]) return denial(r);
                 const auto& x = r["result"];
                 return {"3,333.40 × 12% = 400.008 → 400.01 → 401：月缴存额" + str(x["monthly_deposit"]) + "元",
                         "3,333.40 × 12% = 400.008 → 400.01 → 401: monthly deposit " + str(x["monthly_deposit"])};
               }});
  s.push_back({"一笔10,000元的社保费逾期30天，计算滞纳金（万分之五每日）。", "A 10,000 yuan SI contribution paid 30 days late: the late fee (0.05% a day).",
               {{"op", "si.late_fee"}, {"as_of", "2026-04-20T09:00:00"},
                {"args", {{"amount", "10000.00"}, {"due_date", "2026-03-15"}, {"paid_date", "2026-04-14"}}}},
               [](const json& r) -> std::pair<std::string, std::string> {
                 if (!r["ok"]) return denial(r);
                 const auto& x = r["result"];
                 return {std::to_string(x["days"].get<int>()) + "天，滞纳金" + str(x["fee"]) + "元",
                         std::to_string(x["days"].get<int>()) + " days, late fee " + str(x["fee"]) + " yuan"};
               }});
  s.push_back({"1971年5月出生的女职工（原50岁退休）查询渐进式延迟退休后的法定退休时间。",
               "A woman worker born May 1971 (originally retiring at 50) asks for her statutory retirement under the 2024 reform.",
               {{"op", "pension.retirement"}, {"as_of", "2026-07-03T10:00:00"},
                {"args", {{"birth_date", "1971-05-20"}, {"category", "F50"}}}},
               [](const json& r) -> std::pair<std::string, std::string> {
                 if (!r["ok"]) return denial(r);
                 const auto& x = r["result"];
                 const auto y = x["statutory_age"]["years"].get<int>(), m = x["statutory_age"]["months"].get<int>();
                 return {"法定退休年龄" + std::to_string(y) + "岁" + std::to_string(m) + "个月，" + str(x["retirement_month"]) + "退休；弹性提前最早" + str(x["earliest_month"]),
                         "Statutory age " + std::to_string(y) + " years " + std::to_string(m) + " months, retiring " + str(x["retirement_month"]) +
                             "; flexible early retirement from " + str(x["earliest_month"])};
               }});
  s.push_back({"她若在2033年4月退休，领取月养老金最少要缴费多少个月？", "If she retires in April 2033, how many contribution months does a monthly pension need?",
               {{"op", "pension.min_months"}, {"as_of", "2026-07-03T10:00:00"}, {"args", {{"retirement_month", "2033-04"}}}},
               [](const json& r) -> std::pair<std::string, std::string> {
                 if (!r["ok"]) return denial(r);
                 return {"最低缴费" + std::to_string(r["result"]["months"].get<int>()) + "个月（2030年起每年增加6个月）",
                         std::to_string(r["result"]["months"].get<int>()) + " months (+6 a year from 2030)"};
               }});
  s.push_back({"她的两段缴费记录有重叠：同一个月只计一次。", "Two of her contribution periods overlap: a month paid twice counts once.",
               {{"op", "pension.count_months"}, {"as_of", "2026-07-03T10:00:00"},
                {"args", {{"periods", json::array({{{"from", "2005-01"}, {"to", "2015-12"}}, {{"from", "2015-07"}, {"to", "2026-06"}}})}}}},
               [](const json& r) -> std::pair<std::string, std::string> {
                 if (!r["ok"]) return denial(r);
                 const auto n = r["result"]["months"].get<int>();
                 const auto twice = r["result"]["paid_twice"].size();
                 return {"累计" + std::to_string(n) + "个月，其中" + std::to_string(twice) + "个月重复缴费",
                         std::to_string(n) + " months counted; " + std::to_string(twice) + " months were paid twice"};
               }});
  return s;
}

}  // namespace

int run_demo(const std::string& db_path, const std::string& lang) {
  (void)db_path;
  const bool zh = lang != "en", en = lang != "zh";
  Engine engine(EngineOptions{});
  auto steps = calculator_story();
  int n = 0;
  for (auto& step : steps) {
    ++n;
    std::cout << "\n" << n << ". ";
    if (zh) std::cout << step.zh << "\n";
    if (en) std::cout << (zh ? "   " : "") << step.en << "\n";
    const std::string request = step.request.dump();
    std::cout << "   → " << request << "\n";
    const json response = json::parse(engine.execute(request));
    auto [azh, aen] = step.tell(response);
    if (zh) std::cout << "   ← " << azh << "\n";
    if (en) std::cout << "   ← " << aen << "\n";
  }
  std::cout << "\n";
  return 0;
}

}  // namespace pvd::cli
