// Identifiers (arithmetic.md §4).
#include <gtest/gtest.h>

#include "provident/id/citizen_id.hpp"
#include "provident/id/document.hpp"
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

// ------------------------------------------------------------------ independent vectors (issue 15, item 4)
// Each vector is another library's test case, re-checked by hand (GB 11643
// check character and calendar) before it was copied here.

namespace {

std::vector<IdProblem> problems_of(std::string_view n, bool accept15 = true) { return parse_citizen_id(n, kToday, accept15).problems; }

}  // namespace

TEST(CitizenIdVectors, Hutool) {
  // dromara/hutool hutool-core/src/test/java/cn/hutool/core/util/IdcardUtilTest.java
  EXPECT_TRUE(parse_citizen_id("321083197812162119", kToday, false).id);
  auto a = parse_citizen_id("150102880730303", kToday, true);  // convert15To18Test
  ASSERT_TRUE(a.id);
  EXPECT_EQ(a.id->number, "150102198807303035");
  EXPECT_TRUE(a.id->upgraded);
  auto b = parse_citizen_id("330102200403064", kToday, true);  // year "20" is 1920; check X
  ASSERT_TRUE(b.id);
  EXPECT_EQ(b.id->number, "33010219200403064X");
  EXPECT_EQ(b.id->birth_date.to_string(), "1920-04-03");
  EXPECT_EQ(problems_of("3301022011022000D6"), std::vector<IdProblem>{IdProblem::format});
  // Residence permits of Hong Kong, Macao and Taiwan residents; the 2023 permanent residence ID.
  auto hk = parse_citizen_id("81000019980902013X", kToday, false);
  ASSERT_TRUE(hk.id);
  EXPECT_EQ(hk.id->kind, DocumentType::hk_macao_residence_permit);
  EXPECT_EQ(hk.id->region, "810000");
  auto mo = parse_citizen_id("820000200009100032", kToday, false);
  ASSERT_TRUE(mo.id);
  EXPECT_EQ(mo.id->kind, DocumentType::hk_macao_residence_permit);
  auto tw = parse_citizen_id("830000200209060065", kToday, false);
  ASSERT_TRUE(tw.id);
  EXPECT_EQ(tw.id->kind, DocumentType::taiwan_residence_permit);
  EXPECT_EQ(tw.id->gender, Gender::female);
  auto pr = parse_citizen_id("932682198501010017", kToday, false);
  ASSERT_TRUE(pr.id);
  EXPECT_EQ(pr.id->kind, DocumentType::foreign_permanent_residence);
  // Invalid: the check character is right but there is no 20 province and no 1897-20-59.
  EXPECT_EQ(problems_of("201511221897205960"), (std::vector<IdProblem>{IdProblem::region, IdProblem::birth_date}));
  // Invalid 15-digit numbers: 1991-02-83; 81 is no province of a first-generation card, 1983-42-24.
  EXPECT_EQ(problems_of("360198910283844"), std::vector<IdProblem>{IdProblem::birth_date});
  EXPECT_EQ(problems_of("815727834224151"), (std::vector<IdProblem>{IdProblem::region, IdProblem::birth_date}));
}

TEST(CitizenIdVectors, PythonStdnum) {
  // arthurdejong/python-stdnum tests/test_cn_ric.doctest
  auto a = parse_citizen_id("360426199101010071", kToday, false);
  ASSERT_TRUE(a.id);
  EXPECT_EQ(a.id->birth_date.to_string(), "1991-01-01");
  EXPECT_EQ(a.id->region, "360426");
  auto b = parse_citizen_id("44011320141005001x", kToday, false);
  ASSERT_TRUE(b.id);
  EXPECT_EQ(b.id->number, "44011320141005001X");
  EXPECT_EQ(problems_of("36042619910102009X"), std::vector<IdProblem>{IdProblem::checksum});  // the check is 3
  EXPECT_EQ(problems_of("360426199113010079"), std::vector<IdProblem>{IdProblem::birth_date});  // month 13
}

TEST(CitizenIdVectors, JxlwqqIdValidator) {
  // jxlwqq/id-validator tests/IdValidatorTest.php and jxlwqq/id-validator.py test_validator.py
  EXPECT_TRUE(parse_citizen_id("440308199901101512", kToday, false).id);
  EXPECT_EQ(problems_of("440308199901101513"), std::vector<IdProblem>{IdProblem::checksum});
  auto up = parse_citizen_id("610104620927690", kToday, true);  // testUpgradeId
  ASSERT_TRUE(up.id);
  EXPECT_EQ(up.id->number, "610104196209276908");
  EXPECT_TRUE(parse_citizen_id("810000199408230021", kToday, false).id);
  EXPECT_TRUE(parse_citizen_id("830000199201300022", kToday, false).id);
  EXPECT_TRUE(parse_citizen_id("500154199804106120", kToday, false).id);
  EXPECT_TRUE(parse_citizen_id("362324198001010014", kToday, false).id);  // an abandoned county code: the province is checked
  // id-validator refuses 500154199301135886 because its county table has no 500154 in 1993; the engine
  // checks the province only (GB/T 2260 at province level), and the number is otherwise valid.
  EXPECT_TRUE(parse_citizen_id("500154199301135886", kToday, false).id);
  // 111111199901101512: id-validator refuses the address; here province 11 is known and the check is 4.
  EXPECT_EQ(problems_of("111111199901101512"), std::vector<IdProblem>{IdProblem::checksum});
  EXPECT_EQ(problems_of("440308199902301512"), (std::vector<IdProblem>{IdProblem::checksum, IdProblem::birth_date}));
  EXPECT_EQ(problems_of("610104620932690"), std::vector<IdProblem>{IdProblem::birth_date});  // 1962-09-32
}

TEST(CitizenIdRegions, UnknownProvinceIsRefusedWithTheCode) {
  // 99 is no GB/T 2260 province: a number otherwise valid (its check character computed) is refused.
  std::string n = "99010519491231002";
  n.push_back(id_check_char(n));
  auto r = parse_citizen_id(n, kToday, false);
  // A first digit 9 marks the 2023 permanent residence ID: its province (digits 2–3) is 90.
  ASSERT_EQ(r.problems, std::vector<IdProblem>{IdProblem::region});
  EXPECT_EQ(r.unknown_region, "90");
  EXPECT_TRUE(r.unknown_region_of_residence_id);
  for (const char* head : {"00", "10", "16", "20", "24", "30", "38", "40", "47", "49", "55", "60", "66", "70", "72", "80", "84", "89"}) {
    std::string x = std::string(head) + "010519491231002";
    x.push_back(id_check_char(x));
    auto p = parse_citizen_id(x, kToday, false);
    ASSERT_EQ(p.problems, std::vector<IdProblem>{IdProblem::region}) << x;
    EXPECT_EQ(p.unknown_region, head);
  }
  for (const char* head : {"11", "15", "21", "23", "31", "37", "41", "46", "50", "54", "61", "65", "71"}) {
    std::string x = std::string(head) + "010519491231002";
    x.push_back(id_check_char(x));
    auto p = parse_citizen_id(x, kToday, false);
    ASSERT_TRUE(p.id) << x;
    EXPECT_EQ(p.id->kind, DocumentType::citizen_id);
  }
  // 81, 82 and 83 are residence permits only with the whole code 810000, 820000, 830000.
  for (const char* head : {"811000", "820100", "830001"}) {
    std::string x = std::string(head) + "19980902013";
    x.push_back(id_check_char(x));
    auto p = parse_citizen_id(x, kToday, false);
    ASSERT_EQ(p.problems, std::vector<IdProblem>{IdProblem::region}) << x;
    EXPECT_EQ(p.unknown_region, head);
  }
  // A 15-digit number is a first-generation citizen card: 81… is no province there.
  auto fifteen = parse_citizen_id("810000980902013", kToday, true);
  ASSERT_EQ(fifteen.problems, std::vector<IdProblem>{IdProblem::region});
  // The province checks apply to the permanent residence ID's accepting province (mainland only).
  for (const char* province : {"71", "81", "99", "00"}) {
    std::string x = std::string("9") + province + "682198501010017";
    x.resize(17);
    x.push_back(id_check_char(x));
    EXPECT_EQ(problems_of(x, false), std::vector<IdProblem>{IdProblem::region}) << x;
  }
}

TEST(DocumentVectors, PermanentResidenceXiahaimoyu) {
  // xiahaimoyu credentialkit ForeignerPermanentResidenceIdNumberProcessorTest.
  auto a = parse_document("KAZ110090123105", DocumentType::foreign_permanent_residence, kToday, false);  // validate15Success
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.nationality, "KAZ");
  EXPECT_EQ(a.region, "110000");
  EXPECT_FALSE(a.id);  // no century, so no birth date and no gender
  auto region = parse_document("KAZ990090123105", DocumentType::foreign_permanent_residence, kToday, false);
  EXPECT_EQ(region.problems, std::vector<DocumentProblem>{DocumentProblem::region});
  auto birth = parse_document("KAZ110090023105", DocumentType::foreign_permanent_residence, kToday, false);  // month 00
  EXPECT_EQ(birth.problems, std::vector<DocumentProblem>{DocumentProblem::birth_date});
  // Decision (document.hpp): the nationality letters and the 2017 check digit are not checked, so the
  // library's KAA… (unknown country) and …107 (its ICAO 7-3-1 check digit is 5) are accepted here.
  EXPECT_TRUE(parse_document("KAA110090123105", DocumentType::foreign_permanent_residence, kToday, false).ok());
  EXPECT_TRUE(parse_document("KAZ110090123107", DocumentType::foreign_permanent_residence, kToday, false).ok());

  auto b = parse_document("911398199012310021", DocumentType::foreign_permanent_residence, kToday, false);  // parse18Success
  ASSERT_TRUE(b.ok() && b.id);
  EXPECT_EQ(b.id->birth_date.to_string(), "1990-12-31");
  EXPECT_EQ(b.id->gender, Gender::female);
  EXPECT_EQ(b.region, "110000");
  EXPECT_EQ(b.nationality, "398");
  EXPECT_EQ(parse_document("999398199012310021", std::nullopt, kToday, false).problems,
            (std::vector<DocumentProblem>{DocumentProblem::region, DocumentProblem::checksum}));
  EXPECT_EQ(parse_document("911398199002310021", std::nullopt, kToday, false).problems,
            (std::vector<DocumentProblem>{DocumentProblem::checksum, DocumentProblem::birth_date}));
  EXPECT_EQ(parse_document("911398199012310022", std::nullopt, kToday, false).problems,
            std::vector<DocumentProblem>{DocumentProblem::checksum});
}

TEST(DocumentVectors, PermanentResidenceIdcardTool) {
  // idcard-tool 1.0.2 README: 932682198501010017 is 外国人永久居留身份证, 江苏省, 1985-01-01, 男.
  auto r = parse_document("932682198501010017", std::nullopt, kToday, false);
  ASSERT_TRUE(r.ok() && r.id);
  EXPECT_EQ(r.type, DocumentType::foreign_permanent_residence);
  EXPECT_EQ(r.region, "320000");
  EXPECT_EQ(r.id->birth_date.to_string(), "1985-01-01");
  EXPECT_EQ(r.id->gender, Gender::male);
}

TEST(Documents, DeclaredTypesAndPassports) {
  EXPECT_EQ(parse_document("81000019980902013X", DocumentType::citizen_id, kToday, false).problems,
            std::vector<DocumentProblem>{DocumentProblem::type_mismatch});
  EXPECT_EQ(parse_document("81000019980902013X", DocumentType::taiwan_residence_permit, kToday, false).problems,
            std::vector<DocumentProblem>{DocumentProblem::type_mismatch});
  EXPECT_TRUE(parse_document("81000019980902013X", DocumentType::hk_macao_residence_permit, kToday, false).ok());
  EXPECT_EQ(parse_document("11010519491231002X", DocumentType::foreign_permanent_residence, kToday, false).problems,
            std::vector<DocumentProblem>{DocumentProblem::type_mismatch});
  EXPECT_EQ(parse_document("KAZ11009012310", DocumentType::foreign_permanent_residence, kToday, false).problems,
            std::vector<DocumentProblem>{DocumentProblem::permanent_residence_format});
  // Undeclared, a 2017 permanent residence ID is not recognised: it has no GB 11643 form.
  EXPECT_EQ(parse_document("KAZ110090123105", std::nullopt, kToday, false).problems,
            std::vector<DocumentProblem>{DocumentProblem::format});
  // Passports: 5–17 letters or digits, upper-cased; nothing else is certain.
  auto p = parse_document("e1234567a", DocumentType::passport, kToday, false);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p.number, "E1234567A");
  EXPECT_FALSE(p.id);
  for (const char* bad : {"", "E123", "E12345678-1", "E12345678901234567", "Ｅ12345678", "E 1234567"})
    EXPECT_EQ(parse_document(bad, DocumentType::passport, kToday, false).problems,
              std::vector<DocumentProblem>{DocumentProblem::passport_format})
        << bad;
  EXPECT_TRUE(parse_document("12345", DocumentType::passport, kToday, false).ok());
  EXPECT_TRUE(parse_document("E1234567890123456", DocumentType::passport, kToday, false).ok());
  EXPECT_EQ(parse_document_type("passport"), DocumentType::passport);
  EXPECT_FALSE(parse_document_type("id_card"));
}

TEST(Masking, NewDocumentFormsInFreeText) {
  EXPECT_EQ(mask_echo("no KAZ110090123105 here"), "no ***********3105 here");
  EXPECT_EQ(mask_echo("unit 369900181666"), "unit 369900181666");         // a 12-digit SI unit code stays
  EXPECT_EQ(mask_echo("ABCD369900181666"), "ABCD369900181666");           // 4 letters: not the 3-letter form
  EXPECT_EQ(mask_echo("932682198501010017"), "**************0017");
  EXPECT_EQ(mask_id_number("KAZ110090123105"), "***********3105");  // issue 18 (6): as in free text, its last 4
  EXPECT_EQ(mask_id_number("E12345678"), "*****5678");
}
