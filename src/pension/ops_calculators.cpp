// Pension calculators (protocol.md §1.4): pension.retirement,
// pension.min_months, pension.count_months.
#include "id/checks.hpp"
#include "provident/rules/codes.hpp"
#include "pension/ops.hpp"
#include "pension/ops_common.hpp"
#include "pension/rules/rules.hpp"

namespace pvd::pension::ops {

// pension.retirement {birth_date | id_number, category} — arithmetic.md §3.5.
void retirement(OpContext& ctx, ArgReader& a, OpResult& r) {
  const auto birth_date = a.opt_date("birth_date");
  const auto id_number = a.opt_string("id_number");
  const Category cat = read_category(a);
  if (birth_date.has_value() == id_number.has_value()) {
    if (!birth_date) protocol::throw_missing("args.birth_date");
    protocol::throw_bad_value("args.id_number", "birth_date与id_number只能给出一个", "give either birth_date or id_number, not both");
  }
  Date birth;
  if (id_number) {
    auto id = id::check_citizen_id(r.violations, *id_number, ctx.today(), true, "args.id_number");
    if (!id) return;
    check_category_gender(r.violations, id->gender == id::Gender::female, cat);
    birth = id->birth_date;
  } else {
    birth = *birth_date;
  }
  const Retirement ret = statutory_retirement(ctx.policy(), &ctx.trace(), ctx.today(), birth.year_month(), cat);
  r.result["statutory_age"] = {{"years", ret.age_years}, {"months", ret.age_months}};
  r.result["retirement_month"] = ret.statutory_month.to_string();
  r.result["delay_months"] = ret.delay_months;
  r.result["original_month"] = ret.original_month.to_string();
  r.result["earliest_month"] = ret.earliest_month.to_string();
  r.result["latest_month"] = ret.latest_month.to_string();
  // false: the person's statutory month precedes the flexible window's start
  // (or the rules of as_of have none): earliest = latest = the statutory month.
  r.result["flexible_window"] = ret.flexible_window;
}

// pension.min_months {retirement_month} — arithmetic.md §3.6.
void min_months(OpContext& ctx, ArgReader& a, OpResult& r) {
  const YearMonth m = a.month("retirement_month");
  r.result["months"] = min_contribution_months(ctx.policy(), &ctx.trace(), m);
}

namespace {

std::vector<MonthPeriod> read_periods(ArgReader& a, std::string_view name, bool optional, OpResult& r) {
  std::vector<MonthPeriod> out;
  a.each_value(
      name,
      [&](const json& v, const std::string& path, std::size_t) {
        const MonthPeriod p = a.month_period(v, path);
        if (p.inverted()) r.violations.add(code::PERIOD_INVERTED, path);
        out.push_back(p);
      },
      protocol::kMaxClaimEntries, optional);
  return out;
}

}  // namespace

// pension.count_months {periods, add?, reduce?} — arithmetic.md §3.7:
// counted = |(paid ∪ added) \ reduced|, paid_twice = months in two periods.
void count_months(OpContext&, ArgReader& a, OpResult& r) {
  const auto paid = read_periods(a, "periods", false, r);
  const auto add = read_periods(a, "add", true, r);
  const auto reduce = read_periods(a, "reduce", true, r);
  const MonthCoverage cov = cover(paid);
  const MonthSet counted = cov.covered.united(MonthSet::of(add)).minus(MonthSet::of(reduce));
  r.result["months"] = counted.count();
  r.result["paid_twice"] = months_json(cov.twice);
}

}  // namespace pvd::pension::ops
