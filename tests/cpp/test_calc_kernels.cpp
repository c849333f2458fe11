// The calculators' batch kernels (src/fastpath/batches.hpp, issue 19 (4)):
// each row equals the rule the JSON calculator calls, a bad row is named by
// index before any output is written, and a block's error names the row of
// the whole batch (fastpath::shifted).
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "fastpath/batches.hpp"
#include "fastpath/error.hpp"
#include "test_fastpath_support.hpp"
#include "hpf/interest.hpp"
#include "provident/id/identifiers.hpp"
#include "provident/policy/loader.hpp"
#include "si/contribution.hpp"

using namespace pvd;
namespace fp = pvd::fastpath;

namespace {

const policy::Policy& profile(const char* name) {
  static std::map<std::string, policy::PolicyPtr> loaded;
  auto& p = loaded[name];
  if (!p) p = policy::load_profile(name);
  return *p;
}

using fp::testing::error_of;

struct Packed {
  std::string data;
  std::vector<std::int64_t> offsets{0};
  explicit Packed(const std::vector<std::string>& rows) {
    for (const auto& r : rows) {
      data += r;
      offsets.push_back(static_cast<std::int64_t>(data.size()));
    }
  }
  fp::Strings strings() const { return {data.data(), offsets.data()}; }
};

}  // namespace

TEST(CalcKernels, ContributionEqualsTheRulePerTypeAndMonth) {
  const auto& p = profile("beijing");
  const std::vector<std::int64_t> base = {500000, 1234567, 0, 9999999};
  const std::vector<std::int64_t> month = {YearMonth::of(2025, 6).serial(), YearMonth::of(2025, 7).serial(),
                                           YearMonth::of(2025, 6).serial(), YearMonth::of(2024, 12).serial()};
  const std::size_t n = base.size();
  std::vector<std::int64_t> er(n), ee(n), er_t(n * 5), ee_t(n * 5);
  fp::si_contribution_batch(p, n, base.data(), month.data(), false, 0,
                            {.employer_total = er.data(), .employee_total = ee.data(), .employer_by_type = er_t.data(),
                             .employee_by_type = ee_t.data()});
  const std::vector<std::string> types(si::kTypes.begin(), si::kTypes.end());
  for (std::size_t i = 0; i < n; ++i) {
    const auto items = si::contributions(p, nullptr, YearMonth::from_serial(static_cast<std::int32_t>(month[i])),
                                         Money::fen(base[i]), types);
    std::int64_t er_sum = 0, ee_sum = 0;
    for (std::size_t k = 0; k < items.size(); ++k) {
      EXPECT_EQ(er_t[i * 5 + k], items[k].employer.as_fen()) << i << " " << items[k].type;
      EXPECT_EQ(ee_t[i * 5 + k], items[k].employee.as_fen()) << i << " " << items[k].type;
      er_sum += items[k].employer.as_fen();
      ee_sum += items[k].employee.as_fen();
    }
    EXPECT_EQ(er[i], er_sum);
    EXPECT_EQ(ee[i], ee_sum);
  }
}

TEST(CalcKernels, ContributionChecksEveryRowFirst) {
  const auto& p = profile("beijing");
  const std::vector<std::int64_t> base = {100, 100, -5};
  const std::vector<std::int64_t> month(3, YearMonth::of(2025, 6).serial());
  std::vector<std::int64_t> er(3, -7), ee(3, -7);
  const fp::Error e = error_of(
      [&] { fp::si_contribution_batch(p, 3, base.data(), month.data(), true, 0, {.employer_total = er.data(), .employee_total = ee.data()}); });
  EXPECT_EQ(e.row, 2);
  EXPECT_EQ(e.field, "wage_fen");
  EXPECT_EQ(er[0], -7);
  // the same error for a block starting at row 65536
  const fp::Error s = fp::shifted(e, 65536);
  EXPECT_EQ(s.row, 65538);
  EXPECT_NE(s.message_en.find("row 65538: "), std::string::npos);
  EXPECT_NE(s.message_zh.find("第65538行"), std::string::npos);
}

TEST(CalcKernels, InterestEqualsTheRule) {
  const auto& p = profile("national");
  const std::vector<std::int64_t> year = {2026, 2025}, opening = {1000000, 2500000};
  const std::vector<std::int64_t> offsets = {0, 2, 3};
  const std::vector<std::int64_t> date = {Date::of(2025, 7, 15).days(), Date::of(2026, 6, 10).days(), Date::of(2025, 1, 3).days()};
  const std::vector<std::int64_t> amount = {120000, 120000, -50000};
  std::vector<std::int64_t> interest(2), closing(2);
  fp::hpf_interest_batch(p, 2, year.data(), opening.data(), {offsets.data(), date.data(), amount.data()}, 0,
                         interest.data(), closing.data());
  EXPECT_EQ(interest[0], 16650);
  hpf::InterestInput in;
  in.year = 2025;
  in.opening_balance = Money::fen(2500000);
  in.movements = {{Date::of(2025, 1, 3), Money::fen(-50000)}};
  const auto r = hpf::compute_interest(p, nullptr, in);
  EXPECT_EQ(interest[1], r.interest.as_fen());
  EXPECT_EQ(closing[1], r.closing_balance.as_fen());
}

TEST(CalcKernels, IdentifiersEqualTheirFunctions) {
  const Packed ids({"11010519491231002X", "110105194912310021", "", "abc"});
  std::vector<std::int64_t> problems(4), kind(4), birth(4), gender(4), region(4);
  fp::id_parse_batch(Date::of(2026, 1, 1), true, 4, ids.strings(),
                     {problems.data(), kind.data(), birth.data(), gender.data(), region.data()});
  EXPECT_EQ(problems, (std::vector<std::int64_t>{0, fp::kIdChecksum, fp::kIdFormat, fp::kIdFormat}));
  EXPECT_EQ(kind[0], 1);
  EXPECT_EQ(birth[0], Date::of(1949, 12, 31).days());
  EXPECT_EQ(gender[0], 2);
  EXPECT_EQ(region[0], 110105);

  const Packed codes({"91110000600037341L", "91110000600037341M"});
  std::vector<std::int64_t> valid(2);
  fp::uscc_validate_batch(2, codes.strings(), valid.data());
  EXPECT_EQ(valid, (std::vector<std::int64_t>{1, 0}));

  const Packed units({"1234567890", "12345"});
  std::string names(2 * fp::kLoginNameMax, '\0');
  std::vector<std::int64_t> out_offsets(3);
  fp::unit_login_name_batch(2, units.strings(), valid.data(), names.data(), out_offsets.data());
  EXPECT_EQ(valid, (std::vector<std::int64_t>{1, 0}));
  EXPECT_EQ(names.substr(0, static_cast<std::size_t>(out_offsets[1])), *id::si_unit_login_name("1234567890"));
  EXPECT_EQ(out_offsets[2], out_offsets[1]);

  std::vector<std::int64_t> bad = {0, 5, 3};
  EXPECT_EQ(error_of([&] { fp::uscc_validate_batch(2, {codes.data.data(), bad.data()}, valid.data()); }).row, 1);
}

TEST(CalcKernels, CountMonthsAndClaims) {
  const std::vector<std::int64_t> offsets = {0, 2, 2};
  const std::vector<std::int64_t> from = {YearMonth::of(2000, 1).serial(), YearMonth::of(2000, 7).serial()};
  const std::vector<std::int64_t> to = {YearMonth::of(2000, 12).serial(), YearMonth::of(2001, 6).serial()};
  std::vector<std::int64_t> months(2), twice(2);
  fp::count_months_batch(2, {offsets.data(), from.data(), to.data()}, months.data(), twice.data());
  EXPECT_EQ(months, (std::vector<std::int64_t>{18, 0}));
  EXPECT_EQ(twice, (std::vector<std::int64_t>{6, 0}));

  const auto& p = profile("national");
  const std::vector<std::int64_t> birth = {Date::of(1965, 3, 10).days()}, cat = {1}, start = {Date::of(1985, 7, 1).days()};
  const std::vector<std::int64_t> retire = {Date::of(2025, 7, 1).days()}, work = {480}, paid = {100}, arrears = {1};
  std::vector<std::int64_t> violations(1), counted(1);
  fp::check_claim_batch(p, Date::of(2025, 6, 1), 1,
                        {birth.data(), cat.data(), start.data(), retire.data(), work.data(), paid.data(), arrears.data()},
                        {.violations = violations.data(), .counted_months = counted.data()});
  EXPECT_TRUE(violations[0] & fp::kClaimHasArrears);
  EXPECT_TRUE(violations[0] & fp::kClaimContributionShort);
  EXPECT_FALSE(violations[0] & fp::kClaimOther);
  EXPECT_EQ(counted[0], 100);
}
