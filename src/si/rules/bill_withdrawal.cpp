// Rule: an unpaid SI settlement bill may be withdrawn; only the unit's last settlement may be reversed
// Source: 004 《有变动结算操作指南》; rules.md §3 (bill withdrawal); decision
// Codes: BILL_NOT_WITHDRAWABLE, SI_SETTLE_NOT_REVERSIBLE
// Policy: -
//
// 004 《有变动结算操作指南》 shows a settlement producing a 缴费通知单 and names no withdrawal; the HPF
// side withdraws an unpaid bill (rules.md §3, hpf.unit.withdraw_bill). Decision (issue 18): an SI
// unit's settlement bill may be withdrawn while it is open — its months become declared, unbilled
// months again, billed by the unit's next settlement — and a settlement may be reversed when it is
// the unit's last one (settlement periods go in month order) and its bill is not paid. A paid bill
// is corrected by a refund (si.refund), never withdrawn. A flexible verification is rolled back by
// si.flex.rollback, a refund is final.
#include "provident/rules/codes.hpp"

#include "si/rules/rules.hpp"

namespace pvd::si {

bool check_si_bill_withdrawable(Violations& v, const state::Bill& b, std::string_view unit_code, const std::string& field) {
  const bool ours = b.scheme == state::Scheme::si && b.unit_code && *b.unit_code == unit_code;
  const char* zh = nullptr;
  const char* en = nullptr;
  if (!ours) zh = "不属于本单位", en = "it is not this unit's";
  else if (b.kind != state::BillKind::settlement) zh = "不是结算产生的缴费通知单", en = "it is not a settlement bill";
  else if (b.status == state::BillStatus::paid) zh = "已缴款，请办理退费", en = "it is paid: refund instead";
  else if (b.status == state::BillStatus::withdrawn) zh = "已撤销", en = "it is already withdrawn";
  if (!zh) return true;
  v.add(code::BILL_NOT_WITHDRAWABLE, field, {{"reason", zh, en}});
  return false;
}

bool check_settle_reversible(Violations& v, const state::Unit& unit, YearMonth period, const state::Bill* bill,
                             const std::string& field) {
  // Decision: settlements go month by month (004 《无变动结算》: only the settlement period is settled),
  // so only the last one — the month before today's settlement period — is reversed.
  const char* zh = nullptr;
  const char* en = nullptr;
  if (!unit.settlement_period || *unit.settlement_period != period + 1 || !bill)
    zh = "不是本单位最近一次结算", en = "it is not the unit's last settlement";
  else if (bill->status == state::BillStatus::paid)
    zh = "缴费通知单已缴款，请办理退费", en = "its bill is paid: refund instead";
  if (!zh) return true;
  v.add(code::SI_SETTLE_NOT_REVERSIBLE, field, {{"period", period.to_string()}, {"reason", zh, en}});
  return false;
}

}  // namespace pvd::si
