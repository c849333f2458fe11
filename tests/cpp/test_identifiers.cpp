// Identifiers (arithmetic.md §4).
#include <gtest/gtest.h>

#include "provident/id/citizen_id.hpp"
#include "provident/id/identifiers.hpp"
#include "provident/id/mask.hpp"

using namespace pvd;
using namespace pvd::id;

namespace {
const Date kToday = Date::of(2026, 11, 22);
}

TEST(CitizenId, TheStandardsExample) {
  auto r = parse_citizen_id("11010519491231002X", kToday, false);
  ASSERT_TRUE(r.id) << r.problems.size();
  EXPECT_EQ(r.id->birth_date.to_string(), "1949-12-31");
  EXPECT_EQ(r.id->gender, Gender::female);
  EXPECT_EQ(r.id->region, "110105");
  EXPECT_EQ(id_check_char("11010519491231002"), 'X');
}

TEST(CitizenId, LowerCaseXIsNormalised) {
  auto r = parse_citizen_id("11010519491231002x", kToday, false);
  ASSERT_TRUE(r.id);
  EXPECT_EQ(r.id->number, "11010519491231002X");
}

TEST(CitizenId, ChecksumBirthDateAndFormatProblems) {
  auto bad_check = parse_citizen_id("110105194912310021", kToday, false);
  ASSERT_EQ(bad_check.problems.size(), 1u);
  EXPECT_EQ(bad_check.problems[0], IdProblem::checksum);

  // 1990-02-30 is no date: the check digit is computed to be right, the date is not.
  std::string n = "14010519900230123";
  n.push_back(id_check_char(n));
  auto bad_date = parse_citizen_id(n, kToday, false);
  ASSERT_EQ(bad_date.problems.size(), 1u);
  EXPECT_EQ(bad_date.problems[0], IdProblem::birth_date);

  std::string future = "14010520300101123";
  future.push_back(id_check_char(future));
  EXPECT_EQ(parse_citizen_id(future, kToday, false).problems[0], IdProblem::birth_date);

  for (const char* bad : {"", "1101051949123100", "11010519491231002XX", "1101051949123100Y2", "A1010519491231002X",
                          "110105 19491231002"}) {
    auto r = parse_citizen_id(bad, kToday, false);
    ASSERT_EQ(r.problems.size(), 1u) << bad;
    EXPECT_EQ(r.problems[0], IdProblem::format) << bad;
  }
}

TEST(CitizenId, BornIn1880IsFine) {
  std::string n = "11010518800101123";
  n.push_back(id_check_char(n));
  EXPECT_TRUE(parse_citizen_id(n, kToday, false).id);
}

TEST(CitizenId, FifteenDigitNumbersConvertWhereAccepted) {
  // 15 digits: region 110105, born 491231 (1949), sequence 002.
  auto r = parse_citizen_id("110105491231002", kToday, true);
  ASSERT_TRUE(r.id);
  EXPECT_EQ(r.id->number, "11010519491231002X");
  EXPECT_EQ(r.id->gender, Gender::female);
  auto refused = parse_citizen_id("110105491231002", kToday, false);
  ASSERT_EQ(refused.problems.size(), 1u);
  EXPECT_EQ(refused.problems[0], IdProblem::format);
}

TEST(CreditCode, GB32100Check) {
  EXPECT_TRUE(credit_code_valid("91110000600037341L"));
  EXPECT_TRUE(credit_code_valid("91350100M000100Y43"));
  EXPECT_FALSE(credit_code_valid("91110000600037341M"));
  EXPECT_FALSE(credit_code_valid("91110000600037341"));
  EXPECT_FALSE(credit_code_valid("9111000060003734IL"));  // I is not in the alphabet
  EXPECT_FALSE(credit_code_valid("91110000600037341l"));
}

TEST(BankCard, LuhnAndLength) {
  EXPECT_TRUE(luhn_valid("4111111111111111"));
  EXPECT_TRUE(card_number_valid("4111111111111111", true));
  EXPECT_FALSE(card_number_valid("4111111111111112", true));
  EXPECT_TRUE(card_number_valid("4111111111111112", false));
  EXPECT_FALSE(card_number_valid("411111111111111", false));      // 15 digits
  EXPECT_FALSE(card_number_valid("41111111111111111111", false)); // 20 digits
  EXPECT_FALSE(card_number_valid("4111-1111-1111-1111", false));
}

TEST(Phone, ElevenDigitsStartingWith13To19) {
  EXPECT_TRUE(phone_valid("13812345678"));
  EXPECT_TRUE(phone_valid("19912345678"));
  EXPECT_FALSE(phone_valid("12812345678"));
  EXPECT_FALSE(phone_valid("1381234567"));
  EXPECT_FALSE(phone_valid("138123456789"));
  EXPECT_FALSE(phone_valid("+8613812345678"));
}

TEST(UnitCode, LoginName) {
  EXPECT_EQ(si_unit_login_name("3699199555"), "369919955500");
  EXPECT_EQ(si_unit_login_name("369900181666"), "369900181666");
  EXPECT_FALSE(si_unit_login_name("36991995551"));
  EXPECT_FALSE(si_unit_login_name("36991995a5"));
}

TEST(Names, NfkcAndMiddleDots) {
  EXPECT_TRUE(names_equal("阿依古丽·买买提", "阿依古丽•买买提"));
  EXPECT_TRUE(names_equal("阿依古丽·买买提", "阿依古丽.买买提"));
  EXPECT_TRUE(names_equal("ＷＡＮＧ", "WANG"));  // full-width letters under NFKC
  EXPECT_FALSE(names_equal("王五", "王六"));
  EXPECT_FALSE(normalize_name("\xff\xfe"));
}

TEST(Masking, PersonalDataIsMasked) {
  EXPECT_EQ(mask_id_number("11010519491231002X"), "110105********002X");
  EXPECT_EQ(mask_card_number("6222020000001234"), "6222 **** **** 1234");
  EXPECT_EQ(mask_phone("13812345678"), "138****5678");
  EXPECT_EQ(mask_phone("123"), "***");
}
