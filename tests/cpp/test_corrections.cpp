// The rules of corrections (issue 18; src/si/rules/person_change.cpp, person_lock.cpp) and
// the history they write (src/state/corrections.cpp).
#include <gtest/gtest.h>

#include "si/rules/person_rules.hpp"

using pvd::Date;
using pvd::Violations;

namespace {

pvd::state::Person insured_from(Date from, std::optional<Date> to = std::nullopt) {
  pvd::state::Person p;
  p.id_number = "130402199006072246";
  p.name = "李娜";
  p.enrollments = {{"U1", "pension", from, to, pvd::Money::yuan(5000), false}};
  return p;
}

std::vector<std::string> codes(const Violations& v) {
  std::vector<std::string> out;
  for (const auto& x : v.list()) out.push_back(x.code);
  return out;
}

}  // namespace

TEST(Corrections, WorkStartStaysBeforeEveryEnrollment) {
  auto p = insured_from(Date::of(2025, 3, 1));
  p.enrollments.push_back({"U2", "pension", Date::of(2020, 1, 1), Date::of(2024, 12, 31), pvd::Money::yuan(5000), false});
  Violations ok, same_day, later;
  pvd::si::check_work_start_before_enrollments(ok, p, Date::of(2019, 12, 31), "f");
  pvd::si::check_work_start_before_enrollments(same_day, p, Date::of(2020, 1, 1), "f");  // 晚于: strictly
  pvd::si::check_work_start_before_enrollments(later, p, Date::of(2025, 4, 1), "f");      // one violation, not two
  EXPECT_TRUE(ok.empty());
  EXPECT_EQ(codes(same_day), std::vector<std::string>{"SI_ENROLL_BEFORE_WORK_START"});
  EXPECT_EQ(codes(later), std::vector<std::string>{"SI_ENROLL_BEFORE_WORK_START"});
}

TEST(Corrections, InsuredTodayOnly) {
  Violations active, ended, not_begun;
  pvd::si::check_person_insured(active, insured_from(Date::of(2025, 3, 1)), Date::of(2025, 5, 7), "f");
  pvd::si::check_person_insured(ended, insured_from(Date::of(2025, 1, 1), Date::of(2025, 3, 10)), Date::of(2025, 5, 7), "f");
  pvd::si::check_person_insured(not_begun, insured_from(Date::of(2025, 6, 1)), Date::of(2025, 5, 7), "f");
  EXPECT_TRUE(active.empty());
  EXPECT_EQ(codes(ended), std::vector<std::string>{"SI_PERSON_NOT_INSURED"});
  EXPECT_EQ(codes(not_begun), std::vector<std::string>{"SI_PERSON_NOT_INSURED"});
}

TEST(Corrections, LockAndUnlockOnce) {
  auto p = insured_from(Date::of(2025, 3, 1));
  Violations unlock_unlocked, lock_unlocked, change_unlocked;
  pvd::si::check_lock_change(unlock_unlocked, p, false, "f");
  pvd::si::check_lock_change(lock_unlocked, p, true, "f");
  pvd::si::check_person_unlocked(change_unlocked, p, "f");
  EXPECT_EQ(codes(unlock_unlocked), std::vector<std::string>{"SI_PERSON_NOT_LOCKED"});
  EXPECT_TRUE(lock_unlocked.empty());
  EXPECT_TRUE(change_unlocked.empty());
  p.locked = true;
  Violations lock_locked, change_locked;
  pvd::si::check_lock_change(lock_locked, p, true, "f");
  pvd::si::check_person_unlocked(change_locked, p, "f");
  EXPECT_EQ(codes(lock_locked), std::vector<std::string>{"SI_PERSON_ALREADY_LOCKED"});
  EXPECT_EQ(codes(change_locked), std::vector<std::string>{"SI_PERSON_LOCKED"});
}

TEST(Corrections, ReasonAndSomethingToChange) {
  Violations blank, none;
  pvd::si::check_change_reason(blank, " \t", "args.reason");
  pvd::si::check_something_changes(none, {}, "args");
  EXPECT_EQ(codes(blank), std::vector<std::string>{"CHANGE_REASON_REQUIRED"});
  EXPECT_EQ(codes(none), std::vector<std::string>{"CHANGE_NOTHING"});
}

TEST(Corrections, HistoryKeepsOldValuesAndMasksPhonesWhenShown) {
  std::vector<pvd::state::FieldEdit> edits;
  pvd::state::edit_if_changed(edits, "name", std::string("李娜"), std::optional<std::string>("李娜"));  // same: no edit
  pvd::state::edit_if_changed(edits, "name", std::string("李娜"), std::optional<std::string>("李雅娜"));
  pvd::state::edit_if_changed(edits, "phone", std::optional<std::string>(), std::optional<std::string>("13831012345"));
  pvd::state::edit_if_changed(edits, "address", std::optional<std::string>("X"), std::nullopt);  // not given
  ASSERT_EQ(edits.size(), 2u);
  std::vector<pvd::state::FieldChange> history;
  pvd::state::record_changes(history, edits, Date::of(2025, 5, 7), "更正");
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[1].new_value, "13831012345");  // whole in the entity
  const auto shown = pvd::state::edits_json(edits);
  EXPECT_EQ(shown[0]["old"], "李娜");
  EXPECT_EQ(shown[1]["new"], "138****2345");  // masked when shown
}
