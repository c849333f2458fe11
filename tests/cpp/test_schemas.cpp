// The operation schemas (schemas/README.md): every operation has one, they
// agree with the operations over every story of the corpus, and a request's
// bad arguments are all reported at once, with "did you mean".
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "engine/operations.hpp"
#include "json/suggest.hpp"
#include "protocol/schema.hpp"
#include "provident/rules/violation.hpp"
#include "story_files.hpp"

using nlohmann::json;

namespace {

json run(pvd::Engine& e, const json& request) { return json::parse(e.execute(request.dump())); }

const json kDeposit = {{"op", "hpf.deposit"}, {"as_of", "2026-07-01T09:00:00"}};

// ------------------------------------------------------------------ the files

TEST(SchemaFiles, EveryOperationHasOneAndEveryOneIsAnOperation) {
  std::set<std::string> registered, described;
  for (const auto* op : pvd::engine::operations().all()) registered.insert(op->name);
  for (const auto& s : pvd::protocol::all_schemas()) described.insert(s.op);
  for (const auto& op : registered) EXPECT_TRUE(described.count(op)) << "schemas/" << op << ".json is missing";
  for (const auto& op : described) EXPECT_TRUE(registered.count(op)) << "schemas/" << op << ".json names no operation";
}

TEST(SchemaFiles, ViolationsAreKnownViolationCodesListedOnce) {
  std::map<std::string, bool> codes;  // code → is an error
  for (const auto& c : pvd::all_codes()) codes[std::string(c.code)] = c.is_error;
  for (const auto& s : pvd::protocol::all_schemas()) {
    std::set<std::string> seen;
    for (const auto& v : s.violations) {
      EXPECT_TRUE(codes.count(v)) << s.file << ": unknown code " << v;
      if (codes.count(v)) {
        EXPECT_FALSE(codes[v]) << s.file << ": " << v << " is an error, not a violation";
      }
      EXPECT_TRUE(seen.insert(v).second) << s.file << ": " << v << " listed twice";
    }
  }
}

TEST(SchemaFiles, EveryMemberIsDocumented) {
  std::function<void(const pvd::protocol::Field&, const std::string&)> walk = [&](const auto& f, const std::string& path) {
    for (const auto& [name, m] : f.members) {
      EXPECT_FALSE(m.doc.empty()) << path << "." << name << " has no doc";
      walk(m, path + "." + name);
      for (const auto& item : m.items) walk(item, path + "." + name + "[]");
    }
  };
  for (const auto& s : pvd::protocol::all_schemas()) {
    walk(s.args, s.file + ": args");
    walk(s.result, s.file + ": result");
  }
}

// ------------------------------------------------------------------ the schemas agree with the operations

class SchemaConformance : public ::testing::TestWithParam<pvd::test::StoryParam> {};

void check_result(const std::string& no, const std::string& op, const json& result) {
  const auto* schema = pvd::protocol::find_schema(op);
  if (!schema) return;  // SchemaFiles reports it
  for (const auto& p : pvd::protocol::check_result(*schema, result)) ADD_FAILURE() << no << " (" << op << "): " << p;
}

// Every request of a story that was evaluated (no error) satisfies its schema;
// every ok result is described by it; every violation is listed in it. A
// reviewed operation's direct call answers the case ({case_id, status}, the
// dispatcher's answer, not the operation's): its result is checked when the
// case is approved (case.approve's result.result).
TEST_P(SchemaConformance, Story) {
  std::map<std::string, std::string> case_ops;  // case_id → the operation it holds
  pvd::test::run_story(GetParam().file, GetParam().store, [&](const pvd::test::Step& step) {
    const std::string op = step.request.value("op", "");
    const auto* schema = pvd::protocol::find_schema(op);
    if (!schema) return;  // SchemaFiles reports it
    if (!step.response["error"].is_null()) return;
    const json args = step.request.value("args", json::object());
    for (const auto& p : pvd::protocol::check_args(*schema, &args))
      ADD_FAILURE() << step.no << ": the request passed but its schema says " << p.field << ": " << p.message_en;
    auto listed = [](const pvd::protocol::OpSchema* s, const std::string& code) {
      return s && std::find(s->violations.begin(), s->violations.end(), code) != s->violations.end();
    };
    const pvd::protocol::OpSchema* held =
        schema->violations_of_case_operation && case_ops.count(args.value("case_id", ""))
            ? pvd::protocol::find_schema(case_ops[args["case_id"]])
            : nullptr;
    for (const auto& v : step.response["violations"]) {
      const std::string code = v["code"].get<std::string>();
      if (!listed(schema, code) && !listed(held, code))
        ADD_FAILURE() << step.no << ": " << op << " gave " << code << ", not listed in " << schema->file
                      << (held ? " nor in " + held->file : "");
    }
    if (!step.response["ok"].get<bool>()) return;
    const json& result = step.response["result"];
    const bool submitted = op.rfind("case.", 0) != 0 && result.is_object() && result.contains("case_id") &&
                           result.value("status", "") == "submitted";
    if (op == "case.save_draft" && result.contains("case_id")) case_ops[result["case_id"]] = args.value("op", "");
    if (submitted) {
      case_ops[result["case_id"]] = op;
      return;
    }
    check_result(step.no, op, result);
    if (op == "case.approve" && result.contains("result") && case_ops.count(args.value("case_id", "")))
      check_result(step.no, case_ops[args["case_id"]], result["result"]);
  });
}

INSTANTIATE_TEST_SUITE_P(Schema, SchemaConformance, ::testing::ValuesIn(pvd::test::story_params()),
                         pvd::test::story_test_name<::testing::TestParamInfo<pvd::test::StoryParam>>);

// ------------------------------------------------------------------ every problem at once

TEST(SchemaErrors, EveryMissingUnknownAndInvalidMemberAtOnce) {
  pvd::Engine e;
  json r = kDeposit;
  r["args"] = {{"base", "12.345"}, {"employer_rate", "0.12"}, {"employe_rate", "0.12"}};
  const json out = run(e, r);
  ASSERT_FALSE(out["ok"].get<bool>());
  // The reader's first error leads; the schema adds the rest, in its order.
  EXPECT_EQ(out["error"]["field"], "args.base");
  ASSERT_EQ(out["error"]["problems"].size(), 3u) << out.dump();
  EXPECT_EQ(out["error"]["problems"][0]["message_en"], out["error"]["message_en"]);
  EXPECT_EQ(out["error"]["problems"][0]["code"], "REQ_BAD_VALUE");
  EXPECT_EQ(out["error"]["problems"][1]["code"], "REQ_MISSING_FIELD");
  EXPECT_EQ(out["error"]["problems"][1]["field"], "args.employee_rate");
  EXPECT_EQ(out["error"]["problems"][2]["field"], "args.employe_rate");
  EXPECT_EQ(out["error"]["problems"][2]["message_en"],
            "Invalid value for args.employe_rate: not a member of this request's schema (did you mean \"employee_rate\"?)");
  EXPECT_EQ(out["error"]["problems"][2]["message"], "args.employe_rate的值无效：不是该请求的成员（是否应为employee_rate？）");
}

TEST(SchemaErrors, AMisspeltOptionalMemberIsSuggestedInTheErrorItself) {
  pvd::Engine e;
  json r = kDeposit;
  r["args"] = {{"base", "5000.00"}, {"employer_rate", "0.12"}, {"employee_rate", "0.12"}, {"mnth", "2026-07"}};
  const json out = run(e, r);
  EXPECT_EQ(out["error"]["field"], "args.mnth");
  EXPECT_EQ(out["error"]["message_en"],
            "Invalid value for args.mnth: not a member of this request's schema (did you mean \"month\"?)");
  EXPECT_FALSE(out["error"].contains("problems"));  // the error alone says it all
}

TEST(SchemaErrors, NoNearNameListsTheMembers) {
  pvd::Engine e;
  json r = kDeposit;
  r["args"] = {{"base", "5000.00"}, {"employer_rate", "0.12"}, {"employee_rate", "0.12"}, {"zzzzzzzz", 1}};
  const json out = run(e, r);
  EXPECT_EQ(out["error"]["message_en"],
            "Invalid value for args.zzzzzzzz: not a member of this request's schema (members: base, employer_rate, "
            "employee_rate, month)");
}

TEST(SchemaErrors, AnUnknownOperationOrEnvelopeMemberNamesTheNearestOne) {
  pvd::Engine e;
  json out = run(e, {{"op", "hpf.depsoit"}, {"args", json::object()}});
  EXPECT_EQ(out["error"]["code"], "REQ_UNKNOWN_OP");
  EXPECT_EQ(out["error"]["message_en"], "Unknown operation: hpf.depsoit (did you mean \"hpf.deposit\"?)");
  out = run(e, {{"op", "hpf.deposit"}, {"arg", json::object()}});
  EXPECT_EQ(out["error"]["field"], "arg");
  EXPECT_EQ(out["error"]["message_en"], "Invalid value for arg: not a member of this request's schema (did you mean \"args\"?)");
}

TEST(SchemaErrors, ProblemsAreBounded) {
  std::set<std::string> ops;
  json args = json::object();
  for (int i = 0; i < 200; ++i) args["unknown_member_" + std::to_string(i)] = i;
  const auto* s = pvd::protocol::find_schema("hpf.deposit");
  ASSERT_NE(s, nullptr);
  const auto problems = pvd::protocol::check_args(*s, &args);
  ASSERT_EQ(problems.size(), pvd::protocol::kMaxProblems);
  EXPECT_EQ(problems.back().message_en, "too many problems: only the first 49 are reported");
}

TEST(SchemaErrors, TheReadersWordingStaysWhenItSaysMore) {
  pvd::Engine e;
  json r = kDeposit;
  r["args"] = {{"base", "-5.00"}, {"employer_rate", "0.12"}};
  const json out = run(e, r);
  EXPECT_EQ(out["error"]["message_en"], "Invalid value for args.base: a base cannot be negative");
  ASSERT_EQ(out["error"]["problems"].size(), 2u);
  EXPECT_EQ(out["error"]["problems"][1]["field"], "args.employee_rate");
}

TEST(SchemaErrors, AGoodRequestHasNoErrorsMember) {
  pvd::Engine e;
  json r = kDeposit;
  r["args"] = {{"base", "5000.00"}, {"employer_rate", "0.12"}, {"employee_rate", "0.12"}};
  const json out = run(e, r);
  EXPECT_TRUE(out["ok"].get<bool>());
  EXPECT_TRUE(out["error"].is_null());
  EXPECT_EQ(out["result"]["monthly_deposit"], "1200.00");
}

// ------------------------------------------------------------------ describe

TEST(Describe, AnOperationsSchema) {
  pvd::Engine e;
  const json out = run(e, {{"op", "describe"}, {"args", {{"op", "hpf.deposit"}}}});
  ASSERT_TRUE(out["ok"].get<bool>()) << out.dump();
  const json& d = out["result"];
  EXPECT_EQ(d["op"], "hpf.deposit");
  EXPECT_EQ(d["kind"], "calculator");
  EXPECT_EQ(d["args"]["members"]["base"]["type"], "money");
  EXPECT_EQ(d["args"]["members"]["base"]["required"], true);
  EXPECT_EQ(d["result"]["members"]["monthly_deposit"]["type"], "money");
  EXPECT_TRUE(d["violations"].is_array());
}

TEST(Describe, EveryOperationWithoutOp) {
  pvd::Engine e;
  const json out = run(e, {{"op", "describe"}});
  ASSERT_TRUE(out["ok"].get<bool>()) << out.dump();
  EXPECT_EQ(out["result"]["operations"].size(), pvd::engine::operations().all().size());
  bool self = false;
  for (const auto& o : out["result"]["operations"]) self |= o["op"] == "describe";
  EXPECT_TRUE(self);
}

TEST(Describe, AnUnknownOperationIsNotFoundWithTheNearestName) {
  pvd::Engine e;
  const json out = run(e, {{"op", "describe"}, {"args", {{"op", "si.contributon"}}}});
  EXPECT_EQ(out["error"]["code"], "REQ_NOT_FOUND");
  EXPECT_EQ(out["error"]["field"], "args.op");
  EXPECT_EQ(out["error"]["message_en"], "No operation found: si.contributon (did you mean \"si.contribution\"?)");
}

// ------------------------------------------------------------------ did you mean

TEST(Suggest, NearNamesOnly) {
  using pvd::protocol::closest;
  const std::vector<std::string_view> names = {"base", "employer_rate", "employee_rate", "month"};
  EXPECT_EQ(closest("employe_rate", names), "employer_rate");  // a tie: the earlier one (the schema offers only absent members)
  EXPECT_EQ(closest("employe_rate", {"base", "employee_rate"}), "employee_rate");
  EXPECT_EQ(closest("Employer_Rate", names), "employer_rate");
  EXPECT_EQ(closest("mnoth", names), "month");  // a swap is one edit
  EXPECT_EQ(closest("bsae", names), "base");
  EXPECT_EQ(closest("rate", names), std::nullopt);
  EXPECT_EQ(closest("", names), std::nullopt);
  EXPECT_EQ(closest(std::string(65, 'a'), names), std::nullopt);
}

}  // namespace
