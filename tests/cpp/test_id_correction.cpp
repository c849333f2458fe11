// ID number corrections (issue 18 (1)): the rules of src/si/rules/id_correction.cpp, the masked
// history, and how a World leads a corrected number to its person and its bills
// (src/state/world.cpp current_person, bills_of_person).
#include <gtest/gtest.h>

#include "provident/id/citizen_id.hpp"
#include "si/rules/person_rules.hpp"
#include "state/world.hpp"

using pvd::Date;
using pvd::Violations;

namespace {

const std::string kOld = "130402199006072246", kNew = "130402199006072262";

std::vector<std::string> codes(const Violations& v) {
  std::vector<std::string> out;
  for (const auto& x : v.list()) out.push_back(x.code);
  return out;
}

pvd::id::CitizenId parsed(const std::string& number) { return *pvd::id::parse_citizen_id(number, Date::of(2025, 6, 1), false).id; }

pvd::state::Person tombstone() {
  pvd::state::Person t;
  t.id_number = kOld;
  t.moved_to = kNew;
  return t;
}

}  // namespace

TEST(IdCorrection, NewNumberMustBeFreeAndIsMasked) {
  Violations free, taken;
  pvd::si::check_id_free(free, nullptr, kNew, "args.new_id_number");
  const auto other = tombstone();  // a former number is taken too
  pvd::si::check_id_free(taken, &other, kOld, "args.new_id_number");
  EXPECT_TRUE(free.empty());
  ASSERT_EQ(codes(taken), std::vector<std::string>{"SI_PERSON_ID_TAKEN"});
  EXPECT_EQ(taken.list()[0].field, "args.new_id_number");
  EXPECT_EQ(taken.list()[0].message.find(kOld), std::string::npos);
  EXPECT_EQ(taken.list()[0].message_en.find(kOld), std::string::npos);
}

TEST(IdCorrection, CorrectedNumberAnswersWithTheNewOneMasked) {
  Violations live, old;
  pvd::state::Person p;
  p.id_number = kNew;
  EXPECT_TRUE(pvd::si::check_not_corrected(live, p, "args.id_number"));
  EXPECT_FALSE(pvd::si::check_not_corrected(old, tombstone(), "args.id_number"));
  EXPECT_TRUE(live.empty());
  ASSERT_EQ(codes(old), std::vector<std::string>{"SI_PERSON_ID_CORRECTED"});
  EXPECT_EQ(old.list()[0].message.find(kNew), std::string::npos);
  EXPECT_EQ(old.list()[0].message.find(kOld), std::string::npos);
}

TEST(IdCorrection, RetiredPersonKeepsBirthDateAndGender) {
  pvd::state::Person p;
  p.id_number = kOld;
  Violations working, same, other_birth, other_gender;
  pvd::si::check_id_keeps_retirement(working, p, parsed(kOld), parsed("130402199007062242"), "f");
  p.retired_from = pvd::YearMonth::of(2045, 7);
  pvd::si::check_id_keeps_retirement(same, p, parsed(kOld), parsed(kNew), "f");  // same birth date, female
  pvd::si::check_id_keeps_retirement(other_birth, p, parsed(kOld), parsed("130402199007062242"), "f");
  pvd::si::check_id_keeps_retirement(other_gender, p, parsed(kOld), parsed("130402199006072270"), "f");
  EXPECT_TRUE(working.empty());
  EXPECT_TRUE(same.empty());
  EXPECT_EQ(codes(other_birth), std::vector<std::string>{"SI_ID_CHANGES_RETIREMENT"});
  EXPECT_EQ(codes(other_gender), std::vector<std::string>{"SI_ID_CHANGES_RETIREMENT"});
}

TEST(IdCorrection, HistoryKeepsTheNumberWholeAndShowsItMasked) {
  std::vector<pvd::state::FieldEdit> edits;
  pvd::state::edit_if_changed(edits, "id_number", kOld, std::optional<std::string>(kNew));
  std::vector<pvd::state::FieldChange> history;
  pvd::state::record_changes(history, edits, Date::of(2025, 6, 5), "录入错误");
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].old_value, kOld);
  const auto shown = pvd::state::edits_json(edits);
  EXPECT_EQ(shown[0]["old"].get<std::string>().find(kOld), std::string::npos);
  EXPECT_EQ(shown[0]["new"].get<std::string>().find(kNew), std::string::npos);
}

TEST(IdCorrection, WorldLeadsAnOldNumberToThePersonAndTheirBills) {
  pvd::state::Facts f;
  pvd::state::Person p;
  p.id_number = kNew;
  p.name = "李娜";
  p.previous_ids = {kOld};
  f.persons = {tombstone(), p};
  pvd::state::Bill under_old, under_new, someone_else;
  under_old.bill_id = "V000001";
  under_old.id_number = kOld;
  under_new.bill_id = "V000002";
  under_new.id_number = kNew;
  someone_else.bill_id = "V000003";
  someone_else.id_number = "130402198801015510";
  f.bills = {under_old, under_new, someone_else};
  pvd::state::World w(std::move(f));
  ASSERT_NE(w.current_person(kOld), nullptr);
  EXPECT_EQ(w.current_person(kOld)->id_number, kNew);
  EXPECT_EQ(w.person(kOld)->moved_to, kNew);  // the record itself is the tombstone
  const auto bills = w.bills_of_person(kNew);
  ASSERT_EQ(bills.size(), 2u);
  EXPECT_EQ(bills[0]->bill_id, "V000001");
  EXPECT_EQ(bills[1]->bill_id, "V000002");
  EXPECT_EQ(w.bills_of_persons({kNew})[kNew].size(), 2u);
}
