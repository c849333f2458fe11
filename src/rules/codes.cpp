// The registry of stable codes: every violation and error the engine reports,
// with its zh-CN and en message templates and its default source
// (rules.md, protocol.md §1.1). Never rename a code; add new ones.
// Templates name their parameters in braces: {months}, {min}, {bank}.
#include <stdexcept>
#include <unordered_map>

#include "provident/id/mask.hpp"
#include "provident/rules/violation.hpp"

namespace pvd {

namespace {

const std::vector<CodeInfo> kCodes = {
    // ------------------------------------------------------------ errors (protocol.md §1.1)
    {"REQ_MALFORMED", "请求不是合法的JSON对象：{detail}", "The request is not a well-formed JSON object: {detail}", "protocol.md §1.1", true},
    {"REQ_UNKNOWN_OP", "未知的操作：{op}", "Unknown operation: {op}", "protocol.md §1.1", true},
    {"REQ_MISSING_FIELD", "缺少必填项：{field}", "Missing required field: {field}", "protocol.md §1.2", true},
    {"REQ_BAD_VALUE", "{field}的值无效：{detail_zh}", "Invalid value for {field}: {detail_en}", "protocol.md §1.2", true},
    {"REQ_NOT_FOUND", "未找到{what_zh}：{key}", "No {what_en} found: {key}", "protocol.md §1.2", true},
    {"REQ_ID_CONFLICT", "请求编号{request_id}已用于内容不同的请求", "Request id {request_id} was already used for a different request", "protocol.md §5", true},
    {"REQ_TOO_LARGE", "请求超过{limit}的上限", "The request exceeds the limit of {limit}", "protocol.md §1.3", true},
    {"POLICY_NOT_IN_FORCE", "政策参数{key}在{date}没有生效的取值（政策配置{profile}）", "Policy parameter {key} has no value in force on {date} (profile {profile})", "policy.md §1", true},
    {"STORE_ERROR", "存储错误：{detail}", "Storage error: {detail}", "protocol.md §5", true},
    {"INTERNAL", "内部错误：{detail}", "Internal error: {detail}", "protocol.md §1.1", true},

    // ------------------------------------------------------------ identifiers and input (rules.md §7)
    {"ID_FORMAT", "证件号码格式不正确（应为18位，最后一位可为X）", "The ID number is not well formed (18 characters, the last may be X)", "GB 11643-1999", false},
    {"ID_CHECKSUM", "证件号码校验位不正确", "The ID number's check character is wrong", "GB 11643-1999", false},
    {"ID_BIRTH_DATE", "证件号码中的出生日期无效或晚于当前日期", "The birth date in the ID number is impossible or in the future", "GB 11643-1999", false},
    {"ID_UNKNOWN_REGION", "证件号码的地区码{region}不是GB/T 2260的省级行政区划代码（港澳台居民居住证为810000、820000、830000）", "The region code {region} of the ID number is not a province-level code of GB/T 2260 (810000, 820000 or 830000 for the residence permits of Hong Kong, Macao and Taiwan residents)", "GB 11643-1999; GB/T 2260; 港澳台居民居住证申领发放办法", false},
    {"ID_DOCUMENT_TYPE_MISMATCH", "证件号码不是{document}的号码", "The number is not a number of a {document}", "decision", false},
    {"ID_PASSPORT_FORMAT", "护照号码格式不正确（应为5至17位字母或数字）", "The passport number is not well formed (5 to 17 letters or digits)", "ICAO Doc 9303 (characters); decision (length)", false},
    {"ID_PERMANENT_RESIDENCE_FORMAT", "外国人永久居留身份证号码格式不正确（应为3位字母加12位数字，或以9开头的18位）", "The foreign permanent residence ID number is not well formed (3 letters and 12 digits, or 18 characters starting with 9)", "国家移民管理局 新版外国人永久居留身份证 (2023)", false},
    {"ID_DOCUMENT_NOT_ACCEPTED", "{document}不能办理此业务：须从证件号码识别出生日期和性别", "A {document} cannot be used here: the birth date and gender are read from the number", "002 一; decision", false},
    {"USCC_INVALID", "统一社会信用代码无效", "The unified social credit code is invalid", "GB 32100-2015", false},
    {"CARD_INVALID", "银行卡号无效", "The bank card number is invalid", "decision", false},
    {"PHONE_INVALID", "手机号码无效（应为11位，以13-19开头）", "The mobile number is invalid (11 digits starting 13–19)", "002 三.5", false},
    {"BANK_UNKNOWN", "未知的银行代码：{bank}", "Unknown bank code: {bank}", "decision", false},
    {"NAME_REQUIRED", "姓名（名称）不能为空", "The name is required", "002 一", false},
    {"AMOUNT_NOT_POSITIVE", "金额必须大于零", "The amount must be greater than zero", "decision", false},
    {"PERIOD_INVERTED", "开始年月不能晚于结束年月", "The start of the period is after its end", "decision", false},
    {"BATCH_BAD_DATE", "第{row_no}行日期格式应为yyyymmdd且为有效日期", "Row {row_no}: the date must be a real date written yyyymmdd", "004 §2.1.3", false},
    {"BATCH_DUPLICATE", "第{row_no}行与第{other_row_no}行为同一人", "Row {row_no} names the same person as row {other_row_no}", "decision", false},
    {"BILL_NOT_PAYABLE", "该核定单不可缴款（不存在、不属于本单位或已处理）", "The bill cannot be paid (unknown to this unit, or no longer open)", "003 5", false},
    {"BILL_NOT_WITHDRAWABLE", "该核定单不可撤销：{reason}", "The bill cannot be withdrawn: {reason}", "rules.md §3", false},
    {"PAYMENT_TOO_SMALL", "缴款金额{amount}元小于应缴金额{due}元", "The payment of {amount} yuan is less than the {due} yuan due", "003 5", false},
    {"PAYMENT_AMOUNT_MISMATCH", "缴款金额应为{due}元（本金{principal}元，滞纳金{late_fee}元）", "The payment must be {due} yuan ({principal} principal and {late_fee} late fee)", "SI Law Art. 86", false},
    {"CASE_WRONG_STATE", "业务状态为{status}，不能{action}", "The case is {status} and cannot be {action}", "rules.md §6", false},
    {"CASE_STALE", "业务提交后情况已变化，审核时不再符合办理条件", "The case no longer passes its rules on the current state", "rules.md §6", false},

    // ------------------------------------------------------------ HPF (rules.md §1–3)
    {"HPF_ACCOUNT_EXISTS", "该人员在本中心已有未销户的公积金账户", "This person already has an open provident fund account at this centre", "HPF Regs Art. 13", false},
    {"HPF_ACCOUNT_CLOSED", "该账户已销户，只能查询", "The account is closed and accepts only queries", "rules.md §1", false},
    {"HPF_UNIT_NOT_FLEXIBLE", "该业务仅适用于灵活就业缴存单位的账户", "This operation applies only to accounts of a flexible-employment unit", "000 菜单介绍", false},
    {"HPF_UNIT_NOT_EMPLOYER", "该业务仅适用于用人单位", "This operation applies only to employer units", "003", false},
    {"HPF_NOT_NORMAL", "账户状态不是正常", "The account is not in normal status", "rules.md §1", false},
    {"HPF_NOT_SEALED", "账户状态不是封存", "The account is not sealed", "rules.md §1", false},
    {"HPF_UNIT_SUSPENDED", "单位状态不是正常", "The unit is not active", "rules.md §1", false},
    {"HPF_ACCOUNT_NOT_IN_UNIT", "该账户不属于本单位", "The account does not belong to this unit", "003 3", false},
    {"HPF_FLEX_AGE", "申请人年龄须满{min_age}周岁且未到法定退休年龄（{retirement_month}）", "The applicant must be at least {min_age} and below the statutory retirement age ({retirement_month})", "Shanghai 2025 flexible measures", false},
    {"HPF_DEPOSIT_OUT_OF_RANGE", "月缴存额须在{min}元至{max}元之间", "The monthly deposit must be between {min} and {max} yuan", "002 三.6", false},
    {"HPF_TRANSFER_NOT_SEALED", "账户须为封存状态才能转入灵活就业（原单位须先办理封存）", "The account must be sealed before it moves to flexible employment (the employer seals it first)", "000 一", false},
    {"HPF_UNIT_UNKNOWN", "转入单位不存在：{unit}", "The target unit does not exist: {unit}", "000 一", false},
    {"HPF_TRANSFER_SAME_UNIT", "转入单位与当前单位相同", "The target unit is the account's current unit", "000 一", false},
    {"HPF_DEPOSIT_REQUIRED", "须录入月缴存额", "A monthly deposit must be given", "000 一 注", false},
    {"HPF_DEPOSIT_NOT_ADJUSTABLE", "当前不在月缴存额调整期，月缴存额不可修改", "The monthly deposit cannot be changed outside the adjustment window", "000 一 注", false},
    {"HPF_SIGN_NAME_MISMATCH", "缴款账户名称须与缴存人姓名一致", "The account name must be the depositor's name", "000 一 注意", false},
    {"HPF_SIGN_BANK_MISMATCH", "缴款银行卡须为{bank_zh}卡", "The card must be issued by {bank}, the unit's collection bank", "000 一 注意", false},
    {"HPF_SIGN_CARD_CLASS", "缴款银行卡须为本人一类账户", "The card must be a Type I account of the depositor", "000 一 注意", false},
    {"HPF_ADJUST_OUTSIDE_WINDOW", "{what}调整仅在每年{months}办理", "{what} can only be adjusted in {months}", "002 三.6", false},
    {"HPF_ADJUST_ALREADY_DONE", "本年度已调整{count}次，每年允许调整{per_year}次", "Already adjusted {count} time(s) this year; {per_year} allowed a year", "002 三.6", false},
    {"HPF_SEAL_COMMITMENT_MISMATCH", "录入的承诺内容与承诺书不一致", "The commitment text entered does not match the commitment", "000 五", false},
    {"HPF_SEAL_NOT_AGREED", "须点击同意承诺后才能封存", "The commitment must be agreed to before sealing", "000 五", false},
    {"HPF_OUTSIDE_PAYMENT_WINDOW", "缴存时间为每月{first}-{last}日的{from}-{to}", "Payments are accepted on days {first}–{last} of each month, from {from} to before {to}", "002 三.1 注", false},
    {"HPF_NOT_SIGNED", "尚未签约缴款银行卡", "No payment card contract has been signed", "000 一", false},
    {"HPF_MONTH_ALREADY_PAID", "{month}已缴存", "{month} has already been paid", "002 三.1", false},
    {"HPF_BACK_PAY_FUTURE_MONTH", "补缴结束年月须早于当前月份（当月请办理汇缴）", "The back-pay end month must be before the current month (the current month is paid by remittance)", "002 三.2", false},
    {"HPF_BACK_PAY_BEFORE_START", "补缴结束年月早于可缴存起始月份{start}", "The back-pay end month is before the first payable month {start}", "002 三.2", false},
    {"HPF_BACK_PAY_TOO_FAR", "补缴最多可追溯{max_months}个月（{limit}起）", "Back-pay reaches back at most {max_months} months (from {limit})", "002 三.2", false},
    {"HPF_NOTHING_TO_BACK_PAY", "没有需要补缴的月份", "There is no unpaid month to back-pay", "002 三.2", false},
    {"HPF_EXIT_NOT_SEALED", "账户须为封存状态才能办理退出缴存提取", "The account must be sealed before exit withdrawal", "002 三.7", false},
    {"HPF_EXIT_HAS_LOAN", "存在未结清的住房公积金贷款，不能退出缴存", "An outstanding provident fund loan prevents exit", "002 三.7", false},
    {"HPF_EXIT_SEALED_TOO_SHORT", "账户封存须满{months}个月才能办理退出缴存提取", "The account must have been sealed for {months} full months before exit", "HPF Regs Art. 24", false},
    {"HPF_UNIT_EXISTS", "单位编号已存在：{unit}", "The unit code is already taken: {unit}", "decision", false},
    {"HPF_RATE_OUT_OF_RANGE", "缴存比例须在{min}至{max}之间", "The contribution rate must be between {min} and {max}", "HPF Regs Art. 18", false},
    {"HPF_RATE_NOT_WHOLE_PERCENT", "缴存比例须为整数百分比", "The contribution rate must be a whole percentage", "policy hpf.rate.whole_percent", false},
    {"HPF_RATE_EMPLOYEE_BELOW_EMPLOYER", "个人缴存比例不能低于单位缴存比例", "The employee rate must not be below the employer rate", "policy hpf.rate.employee_not_below_employer", false},
    {"HPF_BASE_OUT_OF_RANGE", "缴存基数须在{min}元至{max}元之间", "The contribution base must be between {min} and {max} yuan", "HPF Regs Art. 16", false},
    {"HPF_REASON_UNKNOWN", "未知的原因代码：{reason}", "Unknown reason code: {reason}", "003 3", false},
    {"HPF_REMIT_FUTURE_MONTH", "核定月份不能晚于当前月份", "The month to verify must not be after the current month", "003 5", false},
    {"HPF_REMIT_ALREADY_VERIFIED", "{month}已核定", "{month} has already been verified", "003 5", false},
    {"HPF_REMIT_MONTH_GAP", "须按月顺序核定，下一个应核定月份为{expected}", "Months are verified in order; the next month to verify is {expected}", "003 5", false},
    {"HPF_PAST_RETIREMENT", "已到法定退休年龄（{retirement_month}），不能开始或恢复缴存", "The depositor has reached the statutory retirement month ({retirement_month}) and cannot start or restart deposits", "000 一; 002 一; HPF Regs Art. 24", false},
    {"HPF_MONTH_NOT_OWED_HERE", "{month}该账户不在本单位缴存", "In {month} the account did not deposit through this unit", "003 6", false},
    {"HPF_BACK_PAY_AMOUNT_MISMATCH", "{month}补缴金额应为当月月缴存额{expected}元", "The back-pay for {month} must be that month's deposit of {expected} yuan", "003 6", false},
    {"HPF_ADJUST_NO_CHANGE", "月缴存额已是{amount}元，无需调整", "The monthly deposit is already {amount} yuan: nothing to adjust", "002 三.6", false},
    {"HPF_MONTH_ALREADY_BILLED", "{month}已在未缴款的核定单中", "{month} is already on an unpaid bill", "003 6", false},
    {"HPF_MONTH_NOT_PAID", "{month}尚未缴存，不能补缴差额", "{month} has not been paid, so no difference can be back-paid", "003 6", false},
    {"HPF_RATE_CHANGE_PENDING", "已有待生效的缴存比例调整", "A rate change is already submitted or approved but not yet used", "003 7", false},
    {"HPF_EFFECTIVE_MONTH_INVALID", "生效月份{rule}", "The effective month {rule}", "003 8", false},
    {"HPF_INTEREST_YEAR_NOT_ENDED", "{year}年6月30日前不能结息", "Interest for the year ending 30 June {year} cannot be settled before that day", "arithmetic.md §3.4", false},
    {"HPF_INTEREST_ALREADY_SETTLED", "截至{year}年6月30日的年度已结息", "Interest for the year ending 30 June {year} has already been settled", "arithmetic.md §3.4", false},

    // ------------------------------------------------------------ SI (rules.md §4)
    {"SI_UNIT_CODE_INVALID", "单位编号须为10位或12位数字", "The unit code must have 10 or 12 digits", "001 5.1 注意 a", false},
    {"SI_UNIT_EXISTS", "单位编号已存在：{unit}", "The unit code is already taken: {unit}", "decision", false},
    {"SI_UNIT_NOT_ACTIVE", "单位不是正常参保状态", "The unit is not active", "004 §2.1.1 办理条件", false},
    {"SI_ALREADY_ENROLLED", "该人员已在本单位参加{type_zh}", "The person is already enrolled here for {type_en} insurance", "004 §2.1.1", false},
    {"SI_ENROLL_BEFORE_WORK_START", "本次参保时间必须晚于参加工作日期", "The enrollment date must be after the work start date", "004 §2.1.1 重点项目说明 (2)", false},
    {"SI_BACK_PAY_FLAG_INCONSISTENT", "所有险种的补收标志必须一致", "The back-pay flag must be the same for every insurance type", "004 §2.1.1 第二步", false},
    {"SI_NOT_ENROLLED", "该人员未在本单位正常参加{type_zh}", "The person is not actively enrolled here for {type_en} insurance", "004 §2.1.2 办理条件", false},
    {"SI_STOP_DATE_IN_FUTURE", "停保时间不能晚于当前时间", "The stop date must not be in the future", "004 §2.1.2 重点项目说明", false},
    {"SI_STOP_BEFORE_LAST_CHANGE", "停保时间不能早于上次变更时间{last_change}", "The stop date must not be before the last change on {last_change}", "004 §2.1.2 重点项目说明", false},
    {"SI_STOP_HAS_ARREARS", "该人员存在欠缴，不能办理减少", "The person has arrears and cannot be stopped", "004 《单位职工减少申报指南》", false},
    {"SI_REASON_UNKNOWN", "未知的变更原因代码：{reason}", "Unknown reason code: {reason}", "004 §2.1.2", false},
    {"SI_BACK_PAY_NOT_PAST", "补缴终止月份须早于结算期{period}", "The back-pay end month must be before the settlement period {period}", "004 《核定基数补缴申报指南》", false},
    {"SI_NOT_ENROLLED_IN_PERIOD", "{month}未在本单位参加{type_zh}，请先办理人员增加", "Not enrolled here for {type_en} insurance in {month}: enroll the person first", "004 《核定基数补缴申报指南》", false},
    {"SI_MONTH_ALREADY_PAID", "{month}{type_zh}已缴费", "{month} {type_en} insurance has already been paid", "004 《核定基数补缴申报指南》", false},
    {"SI_MONTH_ALREADY_BILLED", "{month}{type_zh}已在未缴费的缴费通知单中", "{month} {type_en} insurance is already on an unpaid bill", "decision", false},
    {"SI_SETTLE_WRONG_PERIOD", "结算期应为{period}", "The settlement period is {period}", "004 《无变动结算》", false},
    {"SI_SETTLE_FUTURE_PERIOD", "结算期不能晚于当前月份", "The settlement period must not be after the current month", "004 《无变动结算》", false},
    {"SI_SETTLE_HAS_CHANGES", "本期有变动业务，请使用有变动结算", "Changes were made this period: use the with-change settlement", "004 《无变动结算》", false},
    {"SI_SETTLE_PENDING_REVIEW", "有变动业务尚未审核通过", "A change is still awaiting review", "004 《有变动结算》", false},
    {"SI_PAID_DATE_IN_FUTURE", "缴费日期不能晚于当前日期", "The payment date must not be in the future", "decision", false},
    {"SI_FLEX_FUTURE_MONTH", "不能核定当前月份之后的月份", "Months after the current month cannot be verified", "004 §2.5.5", false},
    {"SI_BASE_OUT_OF_RANGE", "{month}缴费基数须在{min}元至{max}元之间", "The base for {month} must be between {min} and {max} yuan", "SI Law Art. 12", false},
    {"SI_FLEX_ALREADY_VERIFIED", "{month}已核定", "{month} has already been verified", "004 §2.5.5", false},
    {"SI_FLEX_ROLLBACK_PAID", "已缴费的核定不能回退", "A paid verification cannot be rolled back", "004 §2.5.6", false},
    {"SI_FLEX_ROLLED_BACK", "该核定已回退", "The verification has already been rolled back", "004 §2.5.6", false},
    // issue 12, one true contribution history: a person-month-type is charged once.
    {"SI_TRANSFER_MONTH_OTHER_UNIT", "{month}为单位间转移月份，{type_zh}由单位{unit}缴纳", "{month} is the month of a move between units: its {type_en} insurance is owed by unit {unit}", "decision", false},
    {"SI_MONTH_CHARGED_ELSEWHERE", "{month}{type_zh}已{where}计征", "{month} {type_en} insurance is already charged {where}", "decision", false},
    {"SI_FLEX_MONTH_EMPLOYED", "{month}已在单位{unit}参加职工基本养老保险，不能按灵活就业人员缴费", "In {month} the person is insured for pension as an employee of unit {unit}: no flexible contribution", "004 §2.5.5; decision", false},
    {"SI_STOP_INTO_BILLED_MONTHS", "{month}{type_zh}已结算或已缴费，停保时间不能早于该月份", "{month} {type_en} insurance has already been billed or paid: the stop cannot reach back into it", "004 §2.1.2 重点项目说明; decision", false},
    {"SI_RETIRED", "该人员自{month}起已退休，不能再参加或缴纳基本养老保险", "The person is retired from {month}: no pension insurance can be enrolled or charged from then on", "001 7.1; decision", false},
    {"SI_KEY_DATA_MISMATCH", "{what}与已登记的人员信息不一致，请先办理人员关键信息变更", "The {what} differs from the person's recorded data: correct the person's key data first", "004 §2.1.1; §2.2", false},

    // ------------------------------------------------------------ pension claim (rules.md §5)
    {"PENSION_CATEGORY_MISMATCH", "人员类别与证件号码的性别不符", "The category does not agree with the gender in the ID number", "decision", false},
    {"PENSION_WORK_YEARS_SHORT", "工作年限不能小于{min_years}年", "Work years must be at least {min_years}", "001 7.1.3 业务规则 (1)", false},
    {"PENSION_CONTRIBUTION_SHORT", "累计缴费月数{counted}个月，不能小于{min}个月", "Contribution months counted: {counted}; at least {min} are needed", "001 7.1.3 (1); SI Law Art. 16; Measures Art. 2", false},
    {"PENSION_PERIOD_INVERTED", "开始年月不能晚于结束年月", "The start of the period is after its end", "001 7.1.3 (2)", false},
    {"PENSION_ADJUSTMENT_OUT_OF_RANGE", "核增、核减时间段须在参加工作日期与退休日期之间", "Deemed additions and reductions must lie between the work start and the retirement", "001 7.1.3 (2)", false},
    {"PENSION_ADJUSTMENT_OVERLAP", "核增、核减时间段不能重复（第{b_no}条与第{a_no}条重叠）", "Adjustment periods must not overlap (entry {b_no} overlaps {a_no})", "001 7.1.3 (2)", false},
    {"PENSION_HAS_ARREARS", "存在应缴未缴记录，无法办理", "There are unpaid contributions (arrears)", "001 7.1.3 (3)", false},
    {"PENSION_SPECIAL_JOB_INVERTED", "特殊工种开始日期不能晚于结束日期", "The special-job start date is after its end date", "001 7.1.4", false},
    {"PENSION_SPECIAL_JOB_OUT_OF_RANGE", "特殊工种开始日期、结束日期都不能小于参加工作日期、不能大于退休日期", "Special-job dates must lie between the work start and the retirement date", "001 7.1.4", false},
    {"PENSION_PROMOTION_AFTER_RETIREMENT", "升降日期不能大于离退休日期", "A promotion date must not be after the retirement date", "001 7.1.5 (1)", false},
    {"PENSION_PROMOTION_INVERTED", "职务升降开始日期不能晚于结束日期", "A promotion record's start is after its end", "001 7.1.5 (1)", false},
    {"PENSION_PROMOTION_OVERLAP", "职务升降时间段不能重复（第{b_no}条与第{a_no}条重叠）", "Promotion periods must not overlap (entry {b_no} overlaps {a_no})", "001 7.1.5 (2)", false},
    {"PENSION_PROMOTION_TWICE_IN_YEAR", "{year}年度最多只能一次升降", "At most one promotion record may start in {year}", "001 7.1.5 (3)", false},
    {"PENSION_BEFORE_RETIREMENT_AGE", "退休时间早于最早可退休月份{earliest}", "The retirement is before the earliest allowed month {earliest}", "2024 Decision; Measures Art. 1, 3", false},
    // issue 12: a claim's facts fit its dates; an approved claim retires the person once.
    {"PENSION_CONTRIBUTION_EXCEEDS_SPAN", "缴费月数{counted}个月超过参加工作至退休的{max}个月", "Contribution months {counted} exceed the {max} months from the work start to the retirement", "001 7.1.3", false},
    {"PENSION_WORK_YEARS_EXCEED_SPAN", "工作年限{declared}个月超过参加工作至退休的{max}个月", "Work time of {declared} months exceeds the {max} months from the work start to the retirement", "001 7.1.3", false},
    {"PENSION_CONTRIBUTION_OUTSIDE_SPAN", "缴费时间段{period}超出参加工作至退休的{start}至{end}", "The contribution period {period} lies outside {start} to {end}, from the work start to the retirement", "001 7.1.3", false},
    {"PENSION_ALREADY_RETIRED", "该人员已自{month}起退休", "The person is already retired from {month}", "001 7.1; decision", false},
};

const std::unordered_map<std::string_view, const CodeInfo*>& index() {
  static const auto idx = [] {
    std::unordered_map<std::string_view, const CodeInfo*> m;
    for (const auto& c : kCodes) m.emplace(c.code, &c);
    return m;
  }();
  return idx;
}

}  // namespace

const CodeInfo* find_code(std::string_view code) noexcept {
  const auto& idx = index();
  auto it = idx.find(code);
  return it == idx.end() ? nullptr : it->second;
}

const std::vector<CodeInfo>& all_codes() { return kCodes; }

std::string fill_template(std::string_view t, std::initializer_list<MessageParam> params, bool english) {
  std::string out;
  out.reserve(t.size() + 16);
  for (std::size_t i = 0; i < t.size();) {
    if (t[i] == '{') {
      const auto close = t.find('}', i);
      if (close != std::string_view::npos) {
        const auto name = t.substr(i + 1, close - i - 1);
        bool found = false;
        for (const auto& p : params) {
          if (p.name == name) {
            out += english ? p.en : p.zh;
            found = true;
            break;
          }
        }
        if (found) {
          i = close + 1;
          continue;
        }
      }
    }
    out.push_back(t[i++]);
  }
  return out;
}

Violation violation(std::string_view code, std::string field, std::initializer_list<MessageParam> params,
                    std::string_view source_override) {
  const CodeInfo* info = find_code(code);
  if (!info || info->is_error) throw std::logic_error("unregistered violation code: " + std::string(code));
  Violation v;
  v.code = std::string(code);
  // Parameters may echo what the caller typed (a bank code that is a card
  // number): personal numbers in messages and fields are masked.
  v.message = id::mask_echo(fill_template(info->message_zh, params, false));
  v.message_en = id::mask_echo(fill_template(info->message_en, params, true));
  v.field = id::mask_echo(field);
  v.source = std::string(source_override.empty() ? info->source : source_override);
  return v;
}

Violation row_violation(std::string_view code, std::int64_t row, std::string field,
                        std::initializer_list<MessageParam> params, std::string_view source_override) {
  Violation v = violation(code, std::move(field), params, source_override);
  v.row = row;
  return v;
}

}  // namespace pvd
