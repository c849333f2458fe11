// Intake with every document type (issue 18 (6)): the birth date and gender a
// passport or a 2017 permanent residence ID leaves to the request
// (src/id/rules/document_birth.cpp), the identity the entities record, the one
// reading of it (state::birth_and_gender) and the masking of such numbers.
#include <gtest/gtest.h>

#include "hpf/rules/depositor_age.hpp"
#include "id/checks.hpp"
#include "pension/claim.hpp"
#include "provident/policy/loader.hpp"
#include "provident/id/mask.hpp"
#include "state/identity.hpp"

using pvd::Date;
using pvd::Violations;
using namespace pvd::id;

namespace {

const Date kToday = Date::of(2026, 3, 2);
const DocumentFields kArgs = document_fields("args.");

std::vector<std::string> codes_and_fields(const Violations& v) {
  std::vector<std::string> out;
  for (const auto& x : v.list()) out.push_back(x.code + "@" + x.field);
  return out;
}

GivenBirth given(std::optional<Date> d, std::optional<Gender> g) { return {d, g}; }

}  // namespace

TEST(Intake, APassportNamesTheMissingBirthDateAndGender) {
  Violations v;
  EXPECT_FALSE(check_person_document(v, "E12345678", DocumentType::passport, {}, kToday, kArgs));
  EXPECT_EQ(codes_and_fields(v),
            (std::vector<std::string>{"BIRTH_DATE_REQUIRED@args.birth_date", "GENDER_REQUIRED@args.gender"}));
  EXPECT_EQ(v.list()[0].message, "护照号码不含出生日期，请填写出生日期");
}

TEST(Intake, APassportWithBothIsRecordedUpperCased) {
  Violations v;
  const auto doc = check_person_document(v, "e12345678", DocumentType::passport,
                                         given(Date::of(1990, 5, 1), Gender::female), kToday, kArgs);
  ASSERT_TRUE(doc) << v.size();
  EXPECT_EQ(doc->number, "E12345678");
  EXPECT_EQ(doc->birth.birth_date, Date::of(1990, 5, 1));
  EXPECT_EQ(doc->birth.gender, Gender::female);
  EXPECT_EQ(doc->identity.id_type, "passport");
  EXPECT_EQ(doc->identity.gender, "female");
}

TEST(Intake, ABirthDateInTheFutureIsRefused) {
  Violations v;
  EXPECT_FALSE(check_person_document(v, "E12345678", DocumentType::passport,
                                     given(Date::of(2026, 3, 3), Gender::male), kToday, kArgs));
  EXPECT_EQ(codes_and_fields(v), (std::vector<std::string>{"BIRTH_DATE_FUTURE@args.birth_date"}));
}

TEST(Intake, A2017PermanentResidenceIdMustBeTheGivenBirthDate) {
  Violations bad;
  EXPECT_FALSE(check_person_document(bad, "KAZ110090123105", DocumentType::foreign_permanent_residence,
                                     given(Date::of(1990, 12, 30), Gender::female), kToday, kArgs));
  EXPECT_EQ(codes_and_fields(bad), (std::vector<std::string>{"BIRTH_DATE_MISMATCH@args.birth_date"}));
  Violations ok;
  const auto doc = check_person_document(ok, "kaz110090123105", DocumentType::foreign_permanent_residence,
                                         given(Date::of(1990, 12, 31), Gender::female), kToday, kArgs);
  ASSERT_TRUE(doc) << ok.size();
  EXPECT_EQ(doc->number, "KAZ110090123105");
  EXPECT_EQ(doc->identity.id_type, "foreign_permanent");
}

TEST(Intake, ANumberThatCarriesThemMustAgreeAndRecordsNothing) {
  Violations bad;
  EXPECT_FALSE(check_person_document(bad, "81000019920220301X", DocumentType::hk_macao_residence_permit,
                                     given(Date::of(1992, 2, 21), Gender::female), kToday, document_fields("args.rows[1].", 1)));
  EXPECT_EQ(codes_and_fields(bad), (std::vector<std::string>{"BIRTH_DATE_MISMATCH@args.rows[1].birth_date",
                                                             "GENDER_MISMATCH@args.rows[1].gender"}));
  EXPECT_EQ(bad.list()[0].row, 1);
  Violations ok;
  const auto doc = check_person_document(ok, "81000019920220301X", std::nullopt, {}, kToday, kArgs);
  ASSERT_TRUE(doc);
  EXPECT_EQ(doc->birth.birth_date, Date::of(1992, 2, 20));
  EXPECT_FALSE(doc->identity.id_type);  // the number is its own record
  EXPECT_FALSE(doc->identity.birth_date);
}

TEST(Intake, BirthAndGenderReadsTheNumberOrTheRecord) {
  pvd::state::Person citizen{.id_number = "11010519491231002X"};
  const auto c = pvd::state::birth_and_gender(citizen, kToday);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->birth_date, Date::of(1949, 12, 31));
  EXPECT_EQ(c->gender, Gender::female);

  pvd::state::PersonRef passport{.name = "Jane Roe", .id_number = "E12345678"};
  EXPECT_FALSE(pvd::state::birth_and_gender(passport, kToday));  // nothing recorded: unknown
  passport.identity = {"passport", Date::of(1964, 1, 15), "male"};
  const auto p = pvd::state::birth_and_gender(passport, kToday);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->birth_date, Date::of(1964, 1, 15));
  EXPECT_EQ(p->gender, Gender::male);
}

TEST(Intake, TheIdentityRoundTripsAndIsAbsentForCitizens) {
  pvd::state::Person p{.id_number = "E12345678", .name = "Jane Roe"};
  p.identity = {"passport", Date::of(1990, 5, 1), "female"};
  const auto j = pvd::protocol::json::parse(pvd::state::encode(p).dump());
  EXPECT_EQ(j.at("id_type"), "passport");
  EXPECT_EQ(j.at("birth_date"), "1990-05-01");
  EXPECT_EQ(j.at("gender"), "female");
  const auto back = pvd::state::decode_person(j, "facts.persons[0]");
  EXPECT_EQ(back.identity.birth_date, Date::of(1990, 5, 1));
  const auto citizen = pvd::protocol::json::parse(pvd::state::encode(pvd::state::Person{.id_number = "11010519491231002X"}).dump());
  EXPECT_FALSE(citizen.contains("id_type"));
  EXPECT_FALSE(citizen.contains("birth_date"));
  EXPECT_FALSE(citizen.contains("gender"));
}

TEST(Intake, PassportAndPermanentResidenceNumbersAreMasked) {
  EXPECT_EQ(mask_id_number("E12345678"), "*****5678");
  EXPECT_EQ(mask_id_number("E123456"), "*******");
  EXPECT_EQ(mask_id_number("KAZ110090123105"), "***********3105");  // as mask_echo masks it
  EXPECT_EQ(mask_id_number("110105194912310021"), "110105********0021");
}

TEST(Intake, ThePensionAndHpfRulesReadTheRecordedBirthDate) {
  const auto pol = pvd::policy::load_profile("national");
  // A passport holder recorded as a man born 1965-01-15: M60, statutory 2025-02 (60y1m), as kMan of test_pension_claim.
  pvd::pension::ClaimInput in;
  pvd::state::Person p{.id_number = "E12345678"};
  p.identity = {"passport", Date::of(1965, 1, 15), "male"};
  pvd::pension::use_recorded_identity(in, p);
  in.category = pvd::pension::Category::F50;  // a woman's category for a man
  in.work_start = Date::of(1985, 7, 1);
  in.retirement_date = Date::of(2025, 2, 1);
  Violations v;
  const auto rep = pvd::pension::check_claim(*pol, nullptr, Date::of(2025, 3, 1), in, v);
  ASSERT_TRUE(rep.birth_date);
  EXPECT_EQ(*rep.birth_date, Date::of(1965, 1, 15));
  EXPECT_EQ(rep.id_number, "E12345678");
  bool category_mismatch = false;
  for (const auto& x : v.list()) category_mismatch = category_mismatch || x.code == "PENSION_CATEGORY_MISMATCH";
  EXPECT_TRUE(category_mismatch);
  // HPF: the same man's statutory month, as M60.
  const auto birth = pvd::state::birth_and_gender(p, Date::of(2025, 3, 1));
  ASSERT_TRUE(birth);
  EXPECT_EQ(pvd::hpf::rules::retirement_month(*pol, nullptr, Date::of(2025, 3, 1), *birth, std::nullopt).to_string(), "2025-02");
}
