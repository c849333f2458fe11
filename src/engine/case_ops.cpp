// Cases: drafts and review (rules.md §6; seeds 001 暂存/办理中/已办结, 003 待后台审核,
// 004 submit and 分中心 review).
//
//   draft → submitted → approved | rejected;  rejected → submitted | withdrawn;
//   draft | submitted → withdrawn.  Anything else: CASE_WRONG_STATE.
//
// Approval re-runs the operation on the state at approval: rules about state
// are re-evaluated; rules about time and the policy values are those of the
// submission's as_of; effects are dated at the approval's as_of. A case that
// no longer passes is not applied (CASE_STALE, with the violations).
#include <algorithm>
#include "provident/rules/codes.hpp"
#include <map>

#include "engine/operations.hpp"
#include "engine/review.hpp"
#include "engine/run.hpp"

namespace pvd::engine {

using protocol::ArgReader;
using protocol::json;
using protocol::OpContext;
using protocol::OpResult;

namespace {

std::string status_zh(state::CaseStatus status) {
  const std::string_view s = state::to_text(status);
  static const std::map<std::string, std::string, std::less<>> kZh = {
      {"draft", "暂存"}, {"submitted", "办理中（待审核）"}, {"approved", "已办结（审核通过）"},
      {"rejected", "审核不通过"}, {"withdrawn", "已撤回"}};
  auto it = kZh.find(s);
  return it == kZh.end() ? std::string(s) : it->second;
}

const state::Case& find_case(OpContext& ctx, const std::string& id) {
  const state::Case* c = ctx.world().find_case(id);
  if (!c) protocol::throw_not_found("args.case_id", "业务", "case", id);
  return *c;
}

void wrong_state(OpResult& r, const state::Case& c, const char* action_zh, const char* action_en) {
  r.violations.add(code::CASE_WRONG_STATE, "args.case_id",
                   {{"status", status_zh(c.status), std::string(state::to_text(c.status))}, {"action", action_zh, action_en}});
}

// Moves a case to a new status with a history entry and its event.
void transition(OpContext& ctx, OpResult& r, const state::Case& c, state::CaseStatus status, const std::string& note) {
  state::Case& e = ctx.world().edit(c);
  const state::CaseStatus from = e.status;
  e.status = status;
  e.history.push_back({status, ctx.as_of(), note});
  r.event({{"type", "case.status_changed"}, {"case_id", e.case_id}, {"from", state::to_text(from)}, {"to", state::to_text(status)}});
}

// The profile a case was submitted under.
policy::PolicyPtr policy_of(OpContext& ctx, const state::Case& c) {
  return c.profile ? ctx.profiles().resolve(*c.profile, "profile") : ctx.policy_ptr();
}

const protocol::OpSpec& spec_of(const std::string& op) {
  const protocol::OpSpec* spec = operations().find(op);
  if (!spec || spec->kind != protocol::OpKind::command || op.rfind("case.", 0) == 0)
    protocol::throw_bad_value("args.op", "不是可办理的业务：" + op, "not a state-changing operation: " + op);
  return *spec;
}

// Runs the case's operation as of `rules_as_of`, effects at ctx.as_of().
OpResult run_case_op(OpContext& ctx, const state::Case& c, LocalDateTime rules_as_of, policy::Trace& trace_out) {
  const protocol::OpSpec& spec = spec_of(c.op);
  protocol::OpContext inner(ctx.profiles(), policy_of(ctx, c), rules_as_of, false, ctx.mode(), &ctx.world());
  inner.set_base_profile_name(ctx.base_profile_name());
  inner.set_applying_case(true);
  inner.set_effect_time(ctx.as_of());
  inner.set_request_id(ctx.request_id());
  const json args = c.args;
  OpResult r = run_command(inner, spec, &args);
  trace_out.append(inner.trace());
  return r;
}

bool reviewed_under_case_profile(OpContext& ctx, const state::Case& c) {
  const auto& ops = policy_of(ctx, c)->get<policy::StringList>(policy::Key::review_ops, ctx.today(), &ctx.trace());
  return std::find(ops.begin(), ops.end(), c.op) != ops.end();
}

// case.save_draft {op, args, case_id?} — 暂存: stores without validating.
void save_draft(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string op = a.string("op");
  const json* args = a.raw("args");
  if (args && !args->is_object()) protocol::throw_bad_value("args.args", "应为对象", "expected an object");
  const auto case_id = a.opt_string("case_id");
  spec_of(op);
  state::World& w = ctx.world();
  if (case_id) {
    const state::Case& c = find_case(ctx, *case_id);
    if (c.status != state::CaseStatus::draft) return wrong_state(r, c, "暂存修改", "saved as a draft");
    state::Case& e = w.edit(c);
    e.op = op;
    e.args = args ? *args : json::object();
    e.history.push_back({state::CaseStatus::draft, ctx.as_of(), "saved"});
    r.result = {{"case_id", e.case_id}, {"status", state::to_text(e.status)}};
    return;
  }
  r = open_case(ctx, op, args ? *args : json::object(), state::CaseStatus::draft, "unit_code", "saved");
}

// case.submit {case_id, args?} — validates; args replace the stored ones of a
// draft or a rejected case. A reviewed operation waits for approval; any other
// takes effect now.
void submit(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string id = a.string("case_id");
  const json* args = a.raw("args");
  if (args && !args->is_object()) protocol::throw_bad_value("args.args", "应为对象", "expected an object");
  const state::Case& c = find_case(ctx, id);
  if (c.status != state::CaseStatus::draft && c.status != state::CaseStatus::rejected) return wrong_state(r, c, "提交", "submitted");
  state::Case candidate = c;
  if (args) candidate.args = *args;
  OpResult inner = run_case_op(ctx, candidate, ctx.as_of(), ctx.trace());
  if (!inner.violations.empty()) {
    r.violations = inner.violations;
    r.result = {{"case_id", c.case_id}, {"status", state::to_text(c.status)}};
    return;
  }
  const bool review = reviewed_under_case_profile(ctx, c);
  if (review) ctx.world().rollback();  // validated only: takes effect on approval
  state::Case& e = ctx.world().edit(*ctx.world().find_case(id));
  e.args = candidate.args;
  e.submitted_as_of = ctx.as_of();
  if (!review) {
    r.events = std::move(inner.events);
    r.result = {{"case_id", e.case_id}, {"status", "approved"}, {"result", std::move(inner.result)}};
  } else {
    r.result = {{"case_id", e.case_id}, {"status", "submitted"}};
  }
  transition(ctx, r, e, review ? state::CaseStatus::submitted : state::CaseStatus::approved, review ? "submitted for review" : "applied at once (not reviewed)");
}

// case.approve {case_id} — 审核通过.
void approve(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string id = a.string("case_id");
  const state::Case& c = find_case(ctx, id);
  if (c.status != state::CaseStatus::submitted) return wrong_state(r, c, "审核通过", "approved");
  const LocalDateTime submitted = c.submitted_as_of.value_or(ctx.as_of());
  OpResult inner = run_case_op(ctx, c, submitted, ctx.trace());
  if (!inner.violations.empty()) {
    r.violations.add(code::CASE_STALE, "args.case_id");
    for (const auto& v : inner.violations.list()) r.violations.add(v);
    r.result = {{"case_id", id}, {"status", state::to_text(c.status)}};
    return;
  }
  r.events = std::move(inner.events);
  transition(ctx, r, *ctx.world().find_case(id), state::CaseStatus::approved, "");
  r.result = {{"case_id", id}, {"status", "approved"}, {"result", std::move(inner.result)}};
}

// case.reject {case_id, reason} — 审核不通过, with the reason (required).
void reject(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string id = a.string("case_id");
  const std::string reason = a.string("reason");
  if (reason.empty()) protocol::throw_missing("args.reason");
  const state::Case& c = find_case(ctx, id);
  if (c.status != state::CaseStatus::submitted) return wrong_state(r, c, "退回", "rejected");
  transition(ctx, r, c, state::CaseStatus::rejected, reason);
  ctx.world().edit(*ctx.world().find_case(id)).reason = reason;
  r.result = {{"case_id", id}, {"status", "rejected"}};
}

// case.withdraw {case_id} — 撤回 / 删除 a draft, a pending or a rejected case.
void withdraw(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string id = a.string("case_id");
  const state::Case& c = find_case(ctx, id);
  if (c.status != state::CaseStatus::draft && c.status != state::CaseStatus::submitted && c.status != state::CaseStatus::rejected) return wrong_state(r, c, "撤回", "withdrawn");
  transition(ctx, r, c, state::CaseStatus::withdrawn, "");
  r.result = {{"case_id", id}, {"status", "withdrawn"}};
}

void get(OpContext& ctx, ArgReader& a, OpResult& r) { r.result = state::encode(find_case(ctx, a.string("case_id"))); }

}  // namespace

void register_case_ops(protocol::Registry& reg) {
  using protocol::OpKind;
  reg.add_all({{"case.save_draft", OpKind::command, save_draft, "Save a draft (暂存)"},
               {"case.submit", OpKind::command, submit, "Submit a draft or an amended case"},
               {"case.approve", OpKind::command, approve, "Approve a case: its operation takes effect"},
               {"case.reject", OpKind::command, reject, "Reject a case with a reason"},
               {"case.withdraw", OpKind::command, withdraw, "Withdraw a case"},
               {"case.get", OpKind::query, get, "One case"}});
}

}  // namespace pvd::engine
