// The stints of an HPF account (docs/history.md): months owed to one unit
// each, ascending and disjoint; own_month joins a new hire's earlier month
// (003 6) to the stints around it.
#include <gtest/gtest.h>

#include "hpf/account.hpp"

using pvd::YearMonth;
using pvd::state::Account;
using pvd::state::Stint;

namespace {

YearMonth ym(int y, int m) { return YearMonth::of(y, m); }

std::string show(const Account& a) {
  std::string s;
  for (const auto& x : a.stints)
    s += x.unit_code + ":" + x.from.to_string() + ".." + (x.to ? x.to->to_string() : std::string("")) + " ";
  return s;
}

}  // namespace

TEST(HpfHistory, OwnMonthJoinsTheStintsAroundIt) {
  Account a;
  a.stints = {Stint{"E1", ym(2025, 3), ym(2025, 4)}, Stint{"E1", ym(2025, 6), std::nullopt}};
  pvd::hpf::own_month(a, "E1", ym(2025, 2));  // joins the next
  EXPECT_EQ(show(a), "E1:2025-02..2025-04 E1:2025-06.. ");
  pvd::hpf::own_month(a, "E1", ym(2025, 5));  // bridges both into one
  EXPECT_EQ(show(a), "E1:2025-02.. ");
  pvd::hpf::own_month(a, "E1", ym(2024, 11));  // alone before the first
  EXPECT_EQ(show(a), "E1:2024-11..2024-11 E1:2025-02.. ");
  pvd::hpf::own_month(a, "E1", ym(2024, 12));  // joins the previous (January stays a gap)
  EXPECT_EQ(show(a), "E1:2024-11..2024-12 E1:2025-02.. ");
  pvd::hpf::own_month(a, "E1", ym(2025, 1));  // fills the gap: one stint
  EXPECT_EQ(show(a), "E1:2024-11.. ");
  pvd::hpf::own_month(a, "E1", ym(2025, 7));  // already owed: nothing changes
  EXPECT_EQ(show(a), "E1:2024-11.. ");
  // Another unit's neighbours are never joined.
  Account b;
  b.stints = {Stint{"E2", ym(2025, 1), ym(2025, 1)}, Stint{"E1", ym(2025, 3), std::nullopt}};
  pvd::hpf::own_month(b, "E1", ym(2025, 2));
  EXPECT_EQ(show(b), "E2:2025-01..2025-01 E1:2025-02.. ");
  EXPECT_TRUE(pvd::hpf::owed_to(b, "E1", ym(2025, 2)));
  EXPECT_TRUE(pvd::hpf::owed_to(b, "E2", ym(2025, 1)));
  EXPECT_FALSE(pvd::hpf::owed_to(b, "E1", ym(2025, 1)));
}

TEST(HpfHistory, StintsEndAndBeginAroundAChange) {
  Account a;
  EXPECT_EQ(pvd::hpf::begin_stint(a, "E1", ym(2025, 9)), ym(2025, 9));
  pvd::hpf::end_stint(a, ym(2025, 10));  // sealed in November: owed through October
  EXPECT_EQ(pvd::hpf::begin_stint(a, "E2", ym(2025, 10)), ym(2025, 11));  // never before the last stint's end
  EXPECT_EQ(show(a), "E1:2025-09..2025-10 E2:2025-11.. ");
  pvd::hpf::end_stint(a, ym(2025, 10));  // a stint left without a month is removed
  EXPECT_EQ(show(a), "E1:2025-09..2025-10 ");
  EXPECT_EQ(pvd::hpf::stint_in(a, ym(2025, 11)), nullptr);
}
