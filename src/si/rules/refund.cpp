// Rule: only a month paid and not owed is refunded, and only once
// Source: 004 §2.1.2 重点项目说明; SI Law Art. 58; decision
// Codes: SI_REFUND_NOT_PAID, SI_REFUND_OWED, SI_REFUND_ALREADY_REFUNDED, SI_REFUND_MONTH_TWICE, SI_REFUND_STOP_DATE_FUTURE
// Policy: -
//
// The seeds name no refund (退费): 004 §2.1.2 only says 停保时间不能早于上次变更时间, and a stop into
// paid months is refused (stop_into_billed.cpp). Decision (issue 18): a refund is its own
// correction. A person-month-type is refunded when it is paid at the place named (a unit, or as a
// flexible worker) and not owed there:
//   - outside every enrollment of the type at the unit (a record the history does not cover);
//   - a pension month from the person's retirement month on (retired_from);
//   - paid twice: the same person-month-type is also paid at another place (one record is returned;
//     SI Law Art. 58 keys a person by the ID number, so the month is one, wherever it was paid);
//   - after the month of `stop_date`: a back-dated stop prepared by the refund — the stop itself
//     (si.stop) follows, and is allowed once the months are no longer paid.
// A flexible worker's month is voluntary and owed while paid once; it is refunded only when paid
// twice or after retirement. A refunded month is never refunded again (the refund's record
// names it) unless paid anew.
#include "provident/rules/codes.hpp"

#include "si/messages.hpp"
#include "si/rules/rules.hpp"

namespace pvd::si {

namespace {

std::string place_zh(std::string_view unit) { return unit.empty() ? "灵活就业" : "单位" + std::string(unit); }
std::string place_en(std::string_view unit) { return unit.empty() ? "flexible" : "unit " + std::string(unit); }

bool in_enrollment(const state::Person& p, std::string_view unit, std::string_view type, YearMonth m) {
  for (const auto& e : p.enrollments)
    if (e.unit_code == unit && e.type == type && e.from <= m.last_day() && (!e.to || !(*e.to < m.first_day())))
      return true;
  return false;
}

bool paid_elsewhere(const state::Person& p, std::string_view unit, std::string_view type, YearMonth m) {
  for (const auto& c : p.contributions)
    if (c.unit_code != unit && c.type == type && c.month == m && c.paid) return true;
  return false;
}

}  // namespace

bool refund_month_owed(const state::Person& p, std::string_view unit, std::string_view type, YearMonth m,
                       std::optional<Date> stop) {
  if (paid_elsewhere(p, unit, type, m)) return false;
  if (type == "pension" && p.retired_from && !(m < *p.retired_from)) return false;
  if (unit.empty()) return true;
  if (stop && stop->year_month() < m) return false;
  return in_enrollment(p, unit, type, m);
}

std::optional<std::size_t> check_refund_month(Violations& v, const state::Person& p, std::string_view unit,
                                              const RefundMonth& rm, std::optional<Date> stop,
                                              std::span<const state::Bill* const> refunds, const std::string& field) {
  const auto type_zh = type_zh_param(rm.type), type_en = type_en_param(rm.type);
  const MessageParam month{"month", rm.month.to_string()};
  for (std::size_t i = 0; i < p.contributions.size(); ++i) {
    const auto& c = p.contributions[i];
    if (c.unit_code != unit || c.type != rm.type || c.month != rm.month || !c.paid) continue;
    if (refund_month_owed(p, unit, rm.type, rm.month, stop)) {
      v.add(code::SI_REFUND_OWED, field, {month, type_zh, type_en});
      return std::nullopt;
    }
    return i;
  }
  for (const state::Bill* b : refunds)
    for (const auto& i : b->items)
      if (b->unit_code.value_or("") == unit && i.type == rm.type && i.month == rm.month) {
        v.add(code::SI_REFUND_ALREADY_REFUNDED, field, {month, type_zh, type_en, {"bill_id", b->bill_id}});
        return std::nullopt;
      }
  v.add(code::SI_REFUND_NOT_PAID, field, {month, type_zh, type_en, {"place", place_zh(unit), place_en(unit)}});
  return std::nullopt;
}

void check_refund_months_once(Violations& v, std::span<const RefundMonth> months, const std::string& field) {
  for (std::size_t i = 0; i < months.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (months[j].month == months[i].month && months[j].type == months[i].type) {
        v.add(code::SI_REFUND_MONTH_TWICE, field + "[" + std::to_string(i) + "]",
              {{"month", months[i].month.to_string()}, type_zh_param(months[i].type), type_en_param(months[i].type)});
        break;
      }
}

void check_refund_stop_date(Violations& v, std::optional<Date> stop, Date today, const std::string& field) {
  if (stop && today < *stop) v.add(code::SI_REFUND_STOP_DATE_FUTURE, field);
}

}  // namespace pvd::si
