// The SI rules of rules.md §4, one small function each, with its source. Each
// check appends violations and never stops at the first: the handlers in
// ops_*.cpp call every check that applies and report all of them at once.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/registry.hpp"
#include "state/entities.hpp"
#include "state/world.hpp"

namespace pvd::si {

/// Where a violation goes: its field, and its batch row when in a batch.
struct At {
  std::string field;
  std::optional<std::int64_t> row;
};
void add(Violations& v, std::string_view code, const At& at, std::initializer_list<MessageParam> params = {});

/// The message parameters {type_zh} / {type_en} of an insurance type.
MessageParam type_zh_param(std::string_view type);
MessageParam type_en_param(std::string_view type);

// ------------------------------------------------------------------ units

/// 001 5.1 注意 a: a unit code has 10 or 12 digits.
void check_unit_code(Violations& v, std::string_view code, const At& at);
/// 004 §2.1.1 办理条件 (1), (3): the unit is registered and active.
void check_unit_active(Violations& v, const state::Unit& u, const At& at);

// ------------------------------------------------------------------ enrollment

enum class Classification { new_registration, new_enrollment, continuation, transfer, add_type };
std::string_view to_string(Classification c) noexcept;

/// 004 §2.1.1 第一步 ("系统会进行查询，自动分析该人员是需要做参保登记、续保、单位间转移或险种
/// 新增业务"); 001 7.2.1 (新登记 / 新参保 / 续保). In order: unknown person →
/// new_registration; active at another unit for a requested type → transfer;
/// active here for other types → add_type; insured before for a requested
/// type → continuation; else new_enrollment.
Classification classify(const state::Person* p, std::string_view unit, std::span<const std::string> types);

/// 004 §2.1.1 办理条件 (2): not already insured here for a requested type.
void check_not_enrolled_here(Violations& v, const state::Person& p, std::string_view unit,
                             std::span<const std::string> types, const At& at);
/// 004 §2.1.1 重点项目说明 (2): "本次参保时间必须晚于参加工作日期" — strictly later.
void check_enroll_after_work_start(Violations& v, Date enroll, Date work_start, const At& at);

/// 004 §2.1.1 (系统会进行查询 … 人员基本信息) and §2.2 (关键信息变更): a known ID number
/// keeps its recorded name and work start date; an enrollment giving others is
/// refused (SI_KEY_DATA_MISMATCH, one per field) — the clerk corrects the key
/// data first. A value the record lacks is filled in by the enrollment.
void check_key_data_matches(Violations& v, const state::Person& p, std::string_view name, Date work_start,
                            const At& at_name, const At& at_work_start);
/// 001 7.1 (decision): a retired person is not enrolled for pension again.
void check_not_retired_for(Violations& v, const state::Person& p, std::span<const std::string> types, const At& at);

/// 004 §2.1.1 第二步: "参保时间早于结算期时，是否补收标志自动置为是".
bool default_back_pay(YearMonth enroll_month, YearMonth settlement_period);
/// 004 §2.1.1 第二步: "所有险种补收是与否必须一致". `given` holds the flags the
/// request set (one for all types, or per type); the others take the default.
/// Returns the flag when consistent.
std::optional<bool> resolve_back_pay(Violations& v, const std::map<std::string, bool>& given,
                                     std::span<const std::string> types, bool default_flag, const At& at);
/// The months an enrollment back-pays: from its month to the month before the
/// settlement period (004 §2.1.1 第二步), when the flag is set.
std::vector<YearMonth> back_pay_months(YearMonth enroll_month, YearMonth settlement_period, bool flag);

// ------------------------------------------------------------------ stop

struct StopInput {
  const state::Person* person = nullptr;
  std::string unit_code;
  std::vector<std::string> types;
  Date stop_date;
  std::optional<std::string> reason;  // nullopt: a transfer's implicit stop
};
struct StopFields {
  At types, stop_date, reason, person;
};
/// Every rule of si.stop (rules.md §4; 004 §2.1.2 重点项目说明, 《单位职工减少申报指南》).
void check_stop(protocol::OpContext& ctx, Violations& v, const StopInput& in, const StopFields& at);

/// 004 §2.1.2 办理条件 (2): active at this unit for each type.
void check_active_for_types(Violations& v, const state::Person& p, std::string_view unit,
                            std::span<const std::string> types, const At& at);
/// 004 §2.1.2 重点项目说明: "停保时间不能晚于当前时间".
void check_stop_not_future(Violations& v, Date stop, Date today, const At& at);
/// 004 §2.1.2 重点项目说明: "不能早于上次变更时间" (equal is allowed).
void check_stop_not_before_last_change(Violations& v, const state::Person& p, std::string_view unit, Date stop,
                                       const At& at);
/// 004 §2.1.2 重点项目说明 ("停保时间不能早于上次变更时间"; no refund is named).
/// Decision: a stop (si.stop, si.stop_batch, a transfer's implicit stop, a
/// retirement) that would leave months already billed or paid at (unit, type)
/// outside the enrollment is refused, naming them — refused, not refunded
/// (refunds are a later operation). The months are those after the stop's month.
void check_stop_not_into_billed(Violations& v, const state::Person& p, std::string_view unit,
                                std::span<const std::string> types, Date stop, const At& at);
/// 004 《单位职工减少申报指南》: "如果所要减少的职工存在欠缴等特殊情况则无法在网厅办理减少操作".
void check_no_arrears_at(protocol::OpContext& ctx, Violations& v, const state::Person& p, std::string_view unit,
                         const At& at);
/// 004 §2.1.2 第三步 (变更原因); the codes are si.stop.reasons, read at as_of.
void check_stop_reason(protocol::OpContext& ctx, Violations& v, const std::string& reason, const At& at);

/// Ends the person's enrollments at (unit, type) on `stop` (the last insured
/// day): open records get to = stop; records of the same stint starting after
/// `stop` (a declared base not yet in force) are dropped; declared records of
/// months after the stop's month, not yet billed, are dropped (never charged).
/// The last change date at the unit becomes `stop`.
void apply_stop(state::Person& p, std::string_view unit, std::span<const std::string> types, Date stop);
/// Records a change at `unit` effective `on`: the person's last change date
/// there becomes `on` unless a later one is recorded (rules.md §4: the latest).
void note_change(state::Person& p, std::string_view unit, Date on);

// ------------------------------------------------------------------ retirement

/// 001 7.1 and decision (issue 12): an approved pension claim retires the person
/// from the retirement month; pension months from it on that are already billed or
/// paid (at a unit, or as a flexible worker, verified or paid) refuse the claim
/// (SI_STOP_INTO_BILLED_MONTHS on `at`: refused, not refunded, as a stop).
void check_retirement_not_into_billed(Violations& v, const state::Person& p, const std::set<YearMonth>& flex_months,
                                      YearMonth from, const At& at);
/// The pension enrollments a retirement ends: (unit, last insured day).
struct RetirementStop {
  std::string unit_code;
  Date stop;
};
/// Retires the person from `from`: every pension enrollment reaching into `from`
/// ends on the day before its first day (apply_stop: later records and declared,
/// unbilled months from `from` on are dropped), and retired_from = from.
std::vector<RetirementStop> apply_retirement(state::Person& p, YearMonth from);

// ------------------------------------------------------------------ money

/// rules.md §4 si.back_pay: from ≤ to.
void check_period_order(Violations& v, const MonthPeriod& p, const At& at);

/// The change operations a with-change settlement covers (004 《有变动结算
/// 操作指南》: "包括人员增加、减少、补缴、工资申报等业务").
bool is_change_op(std::string_view op) noexcept;
/// Cases of the unit that await review (submitted) for a change operation.
std::vector<const state::Case*> pending_change_cases(state::World& w, std::string_view unit);

/// Counts a change made at the unit since its last settlement (004 《无变动结算》).
void count_change(state::World& w, const state::Unit& u);

}  // namespace pvd::si
