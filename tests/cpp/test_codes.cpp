// Violation and error codes from one table (include/provident/rules/codes.inc):
// the constants, the registry and `provident codes` agree, no code is listed
// twice, and the constants reach every way a violation is made (rules.md).
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "provident/rules/violation.hpp"

using namespace pvd;

TEST(Codes, EveryConstantsTextIsItsNameAndIsRegistered) {
  std::size_t constants = 0;
#define PVD_CODE(NAME, ZH, EN, SOURCE, IS_ERROR)                          \
  ++constants;                                                            \
  EXPECT_EQ(code::NAME.text, #NAME);                                      \
  ASSERT_NE(find_code(code::NAME.text), nullptr) << #NAME;                \
  EXPECT_EQ(find_code(code::NAME.text)->is_error, IS_ERROR) << #NAME;     \
  EXPECT_EQ(find_code(code::NAME.text)->message_en, std::string_view(EN)) << #NAME;
#include "provident/rules/codes.inc"
#undef PVD_CODE
  EXPECT_EQ(constants, all_codes().size());
}

TEST(Codes, TheTableHasNoDuplicateNamesAndOnlyCodeShapedOnes) {
  std::set<std::string_view> seen;
  for (const auto& c : all_codes()) {
    EXPECT_TRUE(seen.insert(c.code).second) << "listed twice: " << c.code;
    EXPECT_EQ(c.code.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"), std::string_view::npos) << c.code;
    EXPECT_FALSE(c.message_zh.empty() || c.message_en.empty() || c.source.empty()) << c.code;
  }
}

TEST(Codes, TheConstantsMakeTheSameViolationsAsTheirText) {
  EXPECT_EQ(violation(code::HPF_DEPOSIT_OUT_OF_RANGE, "args.monthly_deposit", {{"min", "100"}, {"max", "3000"}}).code,
            "HPF_DEPOSIT_OUT_OF_RANGE");
  const Violation row = row_violation(code::BATCH_DUPLICATE, 3, "args.rows[3]", {{"row_no", "4"}, {"other_row_no", "1"}});
  EXPECT_EQ(row.code, "BATCH_DUPLICATE");
  EXPECT_EQ(row.row, 3);
  EXPECT_EQ(row.message_en, "Row 4 names the same person as row 1");

  Violations vs;
  vs.add(code::HPF_NOT_NORMAL, "args.account_no");
  vs.add(code::HPF_ADJUST_OUTSIDE_WINDOW, "as_of", {{"what", "月缴存额", "The monthly deposit"}, {"months", "7月", "July"}},
         "policy hpf.flex.adjust.months");
  EXPECT_TRUE(vs.has(code::HPF_NOT_NORMAL));
  EXPECT_TRUE(vs.has(code::HPF_ADJUST_OUTSIDE_WINDOW));
  EXPECT_FALSE(vs.has(code::HPF_NOT_SEALED));
  EXPECT_EQ(vs.list()[0].code, "HPF_NOT_NORMAL");
  EXPECT_EQ(vs.list()[1].source, "policy hpf.flex.adjust.months");
  EXPECT_EQ(vs.list()[1].message_en, "The monthly deposit can only be adjusted in July");
  EXPECT_TRUE(vs.list()[0].code == code::HPF_NOT_NORMAL);
}

TEST(Codes, AnErrorCodeIsNoViolation) {
  EXPECT_THROW(violation(code::REQ_BAD_VALUE, "args.x"), std::logic_error);
}
