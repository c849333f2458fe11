// SI units and people (rules.md §4; seed 004 §2.1, §2.3; seed 001 5.1, 7.2):
// si.unit.register, si.unit.set_status, si.enroll (classification, back-pay
// flag, base), si.stop, si.stop_batch, si.declare_wage. Every violation code
// has a triggering case and a passing boundary case. Stateless mode, Handan
// profile without its review list (2025 limits 3,780 – 18,900, illustrative).
#include "test_si_support.hpp"

using namespace si_test;

namespace {

const std::string kA = make_id("19850312", 123);  // male
const std::string kB = make_id("19900607", 224);  // female
const std::string kC = make_id("19781130", 335);

}  // namespace

// ------------------------------------------------------------------ units

TEST(SiUnit, RegistersWithTheLoginName) {
  Eng e;
  auto r = e.op("si.unit.register", "2025-03-01T09:00:00",
                {{"unit_code", "3699199555"}, {"name", "单位"}, {"credit_code", kCredit}, {"kind", "institution"},
                 {"settlement_period", "2025-03"}});
  ASSERT_TRUE(r["ok"]) << r.dump();
  EXPECT_EQ(r["result"]["login_name"], "369919955500");  // 001 5.1 注意 a
  EXPECT_EQ(r["events"][0]["type"], "unit.registered");
  EXPECT_EQ(r["state"]["units"][0]["scheme"], "si");
  EXPECT_EQ(r["state"]["units"][0]["settlement_period"], "2025-03");
  EXPECT_EQ(r["state"]["units"][0]["profile"], "handan");
}

TEST(SiUnit, CodeHasTenOrTwelveDigits) {
  Eng e;
  auto reg = [&](const std::string& code) {
    return e.op("si.unit.register", "2025-03-01T09:00:00",
                {{"unit_code", code}, {"name", "单位"}, {"credit_code", kCredit}, {"kind", "enterprise"},
                 {"settlement_period", "2025-03"}});
  };
  EXPECT_TRUE(reg("1234567890")["ok"]);
  EXPECT_TRUE(reg("123456789012")["ok"]);
  for (const char* bad : {"123456789", "12345678901", "1234567890123", "123456789X", ""})
    EXPECT_EQ(codes(reg(bad)), std::vector<std::string>{"SI_UNIT_CODE_INVALID"}) << bad;
}

TEST(SiUnit, RefusesATakenCodeABadCreditCodeAndAnEmptyNameAtOnce) {
  Eng e;
  json s = units_state(e);
  auto r = e.op("si.unit.register", "2025-03-01T09:00:00",
                {{"unit_code", kUnit}, {"name", " "}, {"credit_code", "91110000600037341A"}, {"kind", "enterprise"},
                 {"settlement_period", "2025-03"}},
                s);
  EXPECT_EQ(codes(r), (std::vector<std::string>{"NAME_REQUIRED", "USCC_INVALID", "SI_UNIT_EXISTS"}));
  EXPECT_EQ(r["state"], s);  // nothing changed
  auto bad_kind = e.op("si.unit.register", "2025-03-01T09:00:00",
                       {{"unit_code", "1234567890"}, {"name", "x"}, {"credit_code", kCredit}, {"kind", "employer"},
                        {"settlement_period", "2025-03"}});
  EXPECT_EQ(error_code(bad_kind), "REQ_BAD_VALUE");
}

// A blank name is one definition for every domain (id::name_is_blank): only white
// space — the no-break space U+00A0 pasted from a web page included, which SI
// accepted as a name before issue 16 while HPF refused it — is NAME_REQUIRED.
TEST(SiUnit, ANameOfOnlyWhiteSpaceIsRequiredAsInHpf) {
  Eng e;
  for (const char* blank : {"\u00a0", "\u00a0\u00a0", "\u3000", " ", "\u00a0\u3000 "}) {
    auto unit = e.op("si.unit.register", "2025-03-01T09:00:00",
                     {{"unit_code", "1234567890"}, {"name", blank}, {"credit_code", kCredit}, {"kind", "enterprise"},
                      {"settlement_period", "2025-03"}});
    EXPECT_EQ(codes(unit), std::vector<std::string>{"NAME_REQUIRED"}) << blank;
    json s = units_state(e);
    json args = enroll_args(kA, "2025-03-01");
    args["name"] = blank;
    EXPECT_EQ(codes(e.op("si.enroll", "2025-03-05T09:00:00", args, s)), std::vector<std::string>{"NAME_REQUIRED"}) << blank;
  }
  // A name with a no-break space inside is a name.
  EXPECT_TRUE(e.op("si.unit.register", "2025-03-01T09:00:00",
                   {{"unit_code", "1234567890"}, {"name", "某\u00a0公司"}, {"credit_code", kCredit}, {"kind", "enterprise"},
                    {"settlement_period", "2025-03"}})["ok"]);
}

TEST(SiUnit, SuspendedUnitCannotEnrollUntilReactivated) {
  Eng e;
  json s = units_state(e);
  auto sus = e.op("si.unit.set_status", "2025-03-02T09:00:00", {{"unit_code", kUnit}, {"status", "suspended"}}, s);
  ASSERT_TRUE(sus["ok"]);
  EXPECT_EQ(sus["events"][0]["type"], "unit.status_changed");
  auto r = e.op("si.enroll", "2025-03-05T09:00:00", enroll_args(kA, "2025-03-01"), sus["state"]);
  EXPECT_EQ(codes(r), std::vector<std::string>{"SI_UNIT_NOT_ACTIVE"});
  auto act = e.op("si.unit.set_status", "2025-03-06T09:00:00", {{"unit_code", kUnit}, {"status", "active"}}, sus["state"]);
  EXPECT_TRUE(e.op("si.enroll", "2025-03-06T09:00:00", enroll_args(kA, "2025-03-01"), act["state"])["ok"]);
  auto unknown = e.op("si.unit.set_status", "2025-03-02T09:00:00", {{"unit_code", "9999999999"}, {"status", "active"}}, s);
  EXPECT_EQ(error_code(unknown), "REQ_NOT_FOUND");
}

// ------------------------------------------------------------------ enrollment

TEST(SiEnroll, NewRegistrationCreatesThePerson) {
  Eng e;
  json s = units_state(e);
  auto r = e.op("si.enroll", "2025-03-05T09:00:00", enroll_args(kA, "2025-03-01", {"pension", "medical"}), s);
  ASSERT_TRUE(r["ok"]) << r.dump();
  EXPECT_EQ(r["result"]["classification"], "new_registration");
  EXPECT_EQ(r["result"]["base"], "5000.00");
  EXPECT_EQ(r["result"]["back_pay"], false);  // March is the settlement period
  EXPECT_EQ(r["result"]["back_pay_months"], json::array());
  const json& p = r["state"]["persons"][0];
  EXPECT_EQ(p["id_number"], kA);
  EXPECT_EQ(p["work_start_date"], "2010-07-01");
  ASSERT_EQ(p["enrollments"].size(), 2u);
  EXPECT_EQ(p["enrollments"][0]["type"], "pension");
  EXPECT_EQ(p["enrollments"][0]["to"], nullptr);
  EXPECT_EQ(p["last_change_date"][kUnit], "2025-03-01");
  EXPECT_EQ(r["state"]["units"][0]["changes_since_settlement"], 1);
  EXPECT_EQ(r["events"][0]["type"], "si.enrolled");
}

TEST(SiEnroll, ClassifiesAddTypeContinuationTransferAndNewEnrollment) {
  Eng e;
  json s = units_state(e);
  s = e.op("si.enroll", "2025-03-05T09:00:00", enroll_args(kA, "2025-03-01", {"pension"}), s)["state"];
  // Active here for another type → 险种新增.
  auto add = e.op("si.enroll", "2025-03-05T09:00:00", enroll_args(kA, "2025-03-02", {"medical"}), s);
  ASSERT_TRUE(add["ok"]) << add.dump();
  EXPECT_EQ(add["result"]["classification"], "add_type");

  // Active at another unit → 单位间转移: stopped there the day before.
  auto tr = e.op("si.enroll", "2025-03-10T09:00:00", enroll_args(kA, "2025-03-10", {"pension"}, kUnit2), s);
  ASSERT_TRUE(tr["ok"]) << tr.dump();
  EXPECT_EQ(tr["result"]["classification"], "transfer");
  EXPECT_EQ(tr["result"]["transfer_from"][0]["unit_code"], kUnit);
  EXPECT_EQ(tr["result"]["transfer_from"][0]["stop_date"], "2025-03-09");
  EXPECT_EQ(tr["events"][0]["type"], "si.stopped");
  EXPECT_EQ(tr["events"][0]["unit_code"], kUnit);
  EXPECT_EQ(tr["events"][1]["type"], "si.enrolled");
  const json& p = tr["state"]["persons"][0];
  EXPECT_EQ(p["enrollments"][0]["to"], "2025-03-09");
  EXPECT_EQ(p["last_change_date"][kUnit], "2025-03-09");
  EXPECT_EQ(p["last_change_date"][kUnit2], "2025-03-10");

  // Insured before, active nowhere now → 续保.
  json stopped = e.op("si.stop", "2025-03-20T09:00:00",
                      {{"unit_code", kUnit2}, {"id_number", kA}, {"stop_date", "2025-03-20"}, {"reason", "stop_contribution"}},
                      tr["state"])["state"];
  auto cont = e.op("si.enroll", "2025-03-25T09:00:00", enroll_args(kA, "2025-03-25", {"pension"}), stopped);
  ASSERT_TRUE(cont["ok"]) << cont.dump();
  EXPECT_EQ(cont["result"]["classification"], "continuation");

  // Known, never insured for the requested type → 新参保.
  auto fresh = e.op("si.enroll", "2025-03-25T09:00:00", enroll_args(kA, "2025-03-25", {"unemployment"}, kUnit2), s);
  ASSERT_TRUE(fresh["ok"]) << fresh.dump();
  EXPECT_EQ(fresh["result"]["classification"], "new_enrollment");
}

TEST(SiEnroll, TransferStopIsCheckedAsAStopUnderFieldTransfer) {
  Eng e;
  json s = units_state(e, "2025-03");
  // Enrolled at kUnit from January with back-pay: January and February are in arrears.
  s = e.op("si.enroll", "2025-03-05T09:00:00", enroll_args(kA, "2025-01-10"), s)["state"];
  auto r = e.op("si.enroll", "2025-03-12T09:00:00", enroll_args(kA, "2025-01-10", {"pension"}, kUnit2), s);
  ASSERT_FALSE(r["ok"]);
  EXPECT_EQ(r["result"]["classification"], "transfer");
  // the stop on 2025-01-09 is before the last change (2025-01-10), and there are arrears
  EXPECT_EQ(codes(r), (std::vector<std::string>{"SI_STOP_BEFORE_LAST_CHANGE", "SI_STOP_HAS_ARREARS"}));
  for (const auto& v : r["violations"]) EXPECT_EQ(v["field"], "transfer");
  // A stop the day before a future enrollment more than a day ahead is in the future.
  json clean = e.op("si.enroll", "2025-03-05T09:00:00", enroll_args(kB, "2025-03-01"), units_state(e))["state"];
  auto fut = e.op("si.enroll", "2025-03-12T09:00:00", enroll_args(kB, "2025-03-14", {"pension"}, kUnit2), clean);
  EXPECT_EQ(codes(fut), std::vector<std::string>{"SI_STOP_DATE_IN_FUTURE"});
  auto ok = e.op("si.enroll", "2025-03-12T09:00:00", enroll_args(kB, "2025-03-13", {"pension"}, kUnit2), clean);
  EXPECT_TRUE(ok["ok"]) << ok.dump();
}

TEST(SiEnroll, AlreadyEnrolledHereForARequestedType) {
  Eng e;
  json s = e.op("si.enroll", "2025-03-05T09:00:00", enroll_args(kA, "2025-03-01", {"pension"}), units_state(e))["state"];
  auto r = e.op("si.enroll", "2025-03-05T09:00:00", enroll_args(kA, "2025-03-02", {"pension", "medical"}), s);
  ASSERT_EQ(codes(r), std::vector<std::string>{"SI_ALREADY_ENROLLED"});
  EXPECT_EQ(r["violations"][0]["message"], "该人员已在本单位参加养老保险");
  EXPECT_EQ(r["violations"][0]["field"], "args.types");
  EXPECT_TRUE(e.op("si.enroll", "2025-03-05T09:00:00", enroll_args(kA, "2025-03-02", {"medical"}), s)["ok"]);
}

TEST(SiEnroll, EnrollmentMustBeAfterTheWorkStartDate) {
  Eng e;
  json s = units_state(e);
  json args = enroll_args(kA, "2025-03-01");
  args["work_start_date"] = "2025-03-01";  // the same day is not later (晚于)
  EXPECT_EQ(codes(e.op("si.enroll", "2025-03-05T09:00:00", args, s)), std::vector<std::string>{"SI_ENROLL_BEFORE_WORK_START"});
  args["work_start_date"] = "2025-02-28";
  EXPECT_TRUE(e.op("si.enroll", "2025-03-05T09:00:00", args, s)["ok"]);
}

TEST(SiEnroll, BackPayFlagDefaultsFromTheSettlementPeriod) {
  Eng e;
  json s = units_state(e, "2025-03");
  auto r = e.op("si.enroll", "2025-03-05T09:00:00", enroll_args(kA, "2025-01-31", {"pension", "medical"}), s);
  ASSERT_TRUE(r["ok"]) << r.dump();
  EXPECT_EQ(r["result"]["back_pay"], true);
  EXPECT_EQ(r["result"]["back_pay_months"], (json{"2025-01", "2025-02"}));
  // The back-pay months are recorded unbilled, one per type and month.
  const json& c = r["state"]["persons"][0]["contributions"];
  ASSERT_EQ(c.size(), 4u);
  EXPECT_EQ(c[0], (json{{"unit_code", kUnit}, {"type", "pension"}, {"month", "2025-01"}, {"base", "5000.00"},
                        {"employer", "800.00"}, {"employee", "400.00"}, {"bill_id", nullptr}, {"paid", false}}));
  // Declined: no back-pay months.
  json args = enroll_args(kA, "2025-01-31", {"pension", "medical"});
  args["back_pay"] = false;
  auto no = e.op("si.enroll", "2025-03-05T09:00:00", args, s);
  ASSERT_TRUE(no["ok"]);
  EXPECT_EQ(no["result"]["back_pay_months"], json::array());
  EXPECT_EQ(no["state"]["persons"][0]["contributions"], json::array());
  // Enrolled in the settlement period: the flag defaults to false.
  EXPECT_EQ(e.op("si.enroll", "2025-03-05T09:00:00", enroll_args(kA, "2025-03-01"), s)["result"]["back_pay"], false);
}

TEST(SiEnroll, BackPayFlagMustBeTheSameForEveryType) {
  Eng e;
  json s = units_state(e, "2025-03");
  json args = enroll_args(kA, "2025-01-31", {"pension", "medical"});
  args["back_pay"] = {{"pension", true}, {"medical", false}};
  EXPECT_EQ(codes(e.op("si.enroll", "2025-03-05T09:00:00", args, s)), std::vector<std::string>{"SI_BACK_PAY_FLAG_INCONSISTENT"});
  // One type set to no while the other takes the default (yes): inconsistent.
  args["back_pay"] = {{"pension", false}};
  EXPECT_EQ(codes(e.op("si.enroll", "2025-03-05T09:00:00", args, s)), std::vector<std::string>{"SI_BACK_PAY_FLAG_INCONSISTENT"});
  args["back_pay"] = {{"pension", false}, {"medical", false}};
  EXPECT_TRUE(e.op("si.enroll", "2025-03-05T09:00:00", args, s)["ok"]);
  args["back_pay"] = {{"injury", false}};
  EXPECT_EQ(error_code(e.op("si.enroll", "2025-03-05T09:00:00", args, s)), "REQ_BAD_VALUE");
}

TEST(SiEnroll, WageIsClampedToTheEnrollmentYearsLimits) {
  Eng e;
  json s = units_state(e);
  auto low = e.op("si.enroll", "2025-03-05T09:00:00", enroll_args(kA, "2025-03-01", {"pension"}, kUnit, "2000.00"), s, true);
  EXPECT_EQ(low["result"]["base"], "3780.00");  // 6,300 × 60%
  EXPECT_TRUE(low["result"].contains("base_derivation"));
  auto high = e.op("si.enroll", "2025-03-05T09:00:00", enroll_args(kA, "2025-03-01", {"pension"}, kUnit, "50000.00"), s);
  EXPECT_EQ(high["result"]["base"], "18900.00");  // 6,300 × 300%
  auto zero = e.op("si.enroll", "2025-03-05T09:00:00", enroll_args(kA, "2025-03-01", {"pension"}, kUnit, "0.00"), s);
  EXPECT_EQ(codes(zero), std::vector<std::string>{"AMOUNT_NOT_POSITIVE"});
}

TEST(SiEnroll, ListsEveryViolationAtOnceAndNeverEchoesTheId) {
  Eng e;
  json s = units_state(e);
  json args = enroll_args(kA.substr(0, 17) + (kA[17] == '0' ? "1" : "0"), "2025-03-01");
  args["name"] = "";
  args["work_start_date"] = "2025-04-01";
  args["wage"] = "-1.00";
  auto r = e.op("si.enroll", "2025-03-05T09:00:00", args, s);
  EXPECT_EQ(codes(r), (std::vector<std::string>{"ID_CHECKSUM", "NAME_REQUIRED", "AMOUNT_NOT_POSITIVE", "SI_ENROLL_BEFORE_WORK_START"}));
  EXPECT_EQ(r["violations"][0]["field"], "args.id_number");
  EXPECT_EQ(r.dump().find(kA.substr(0, 17)), std::string::npos);
  // 15-digit numbers are refused by state-changing operations.
  EXPECT_EQ(codes(e.op("si.enroll", "2025-03-05T09:00:00", enroll_args("130402850312123", "2025-03-01"), s)),
            std::vector<std::string>{"ID_FORMAT"});
  EXPECT_EQ(error_code(e.op("si.enroll", "2025-03-05T09:00:00", enroll_args(kA, "2025-03-01", {"pension"}, "1111111111"), s)),
            "REQ_NOT_FOUND");
  EXPECT_EQ(error_code(e.op("si.enroll", "2025-03-05T09:00:00", enroll_args(kA, "2025-03-01", {"pension", "pension"}), s)),
            "REQ_BAD_VALUE");
}

// ------------------------------------------------------------------ stop

namespace {
json stop_args(const std::string& id, const std::string& date, const std::string& reason = "stop_contribution") {
  return {{"unit_code", kUnit}, {"id_number", id}, {"stop_date", date}, {"reason", reason}};
}
}  // namespace

TEST(SiStop, StopsEveryActiveTypeOnTheDate) {
  Eng e;
  json s = e.op("si.enroll", "2025-03-05T09:00:00", enroll_args(kA, "2025-03-01", {"pension", "medical"}), units_state(e))["state"];
  auto r = e.op("si.stop", "2025-03-20T09:00:00", stop_args(kA, "2025-03-20"), s);
  ASSERT_TRUE(r["ok"]) << r.dump();
  EXPECT_EQ(r["result"]["stopped"], (json{"pension", "medical"}));
  EXPECT_EQ(r["state"]["persons"][0]["enrollments"][0]["to"], "2025-03-20");
  EXPECT_EQ(r["state"]["persons"][0]["last_change_date"][kUnit], "2025-03-20");
  EXPECT_EQ(r["events"][0]["type"], "si.stopped");
  EXPECT_EQ(r["state"]["units"][0]["changes_since_settlement"], 2);
}

TEST(SiStop, DateNotInTheFutureNotBeforeTheLastChange) {
  Eng e;
  json s = e.op("si.enroll", "2025-03-05T09:00:00", enroll_args(kA, "2025-03-01"), units_state(e))["state"];
  EXPECT_EQ(codes(e.op("si.stop", "2025-03-20T23:59:59", stop_args(kA, "2025-03-21"), s)),
            std::vector<std::string>{"SI_STOP_DATE_IN_FUTURE"});
  EXPECT_TRUE(e.op("si.stop", "2025-03-20T00:00:00", stop_args(kA, "2025-03-20"), s)["ok"]);  // today
  auto before = e.op("si.stop", "2025-03-20T09:00:00", stop_args(kA, "2025-02-28"), s);
  ASSERT_EQ(codes(before), std::vector<std::string>{"SI_STOP_BEFORE_LAST_CHANGE"});
  EXPECT_EQ(before["violations"][0]["message"], "停保时间不能早于上次变更时间2025-03-01");
  EXPECT_TRUE(e.op("si.stop", "2025-03-20T09:00:00", stop_args(kA, "2025-03-01"), s)["ok"]);  // the same day
}

TEST(SiStop, RefusedWithArrearsAllowedOncePaid) {
  Eng e;
  // Enrolled from January with back-pay: January (due 2025-01-25) and February are arrears.
  json s = e.op("si.enroll", "2025-03-05T09:00:00", enroll_args(kA, "2025-01-10"), units_state(e))["state"];
  EXPECT_EQ(codes(e.op("si.stop", "2025-03-05T09:00:00", stop_args(kA, "2025-03-05"), s)),
            std::vector<std::string>{"SI_STOP_HAS_ARREARS"});
  // Settled and paid: no arrears left.
  auto bill = e.op("si.settle", "2025-03-05T09:00:00", {{"unit_code", kUnit}, {"period", "2025-03"}, {"kind", "with_change"}}, s);
  ASSERT_TRUE(bill["ok"]) << bill.dump();
  auto paid = e.op("si.pay", "2025-03-05T09:00:00",
                   {{"unit_code", kUnit}, {"bill_id", bill["result"]["bill_id"]}, {"amount", bill["result"]["total"]},
                    {"paid_date", "2025-03-05"}},
                   bill["state"]);
  ASSERT_TRUE(paid["ok"]) << paid.dump();
  EXPECT_TRUE(e.op("si.stop", "2025-03-05T09:00:00", stop_args(kA, "2025-03-05"), paid["state"])["ok"]);
  // A month of the current period is not yet due: no arrears before its due date.
  json fresh = e.op("si.enroll", "2025-03-05T09:00:00", enroll_args(kB, "2025-03-01"), units_state(e))["state"];
  EXPECT_TRUE(e.op("si.stop", "2025-03-25T09:00:00", stop_args(kB, "2025-03-25"), fresh)["ok"]);
  // Once March's due date (25th) has passed without a settlement, March is overdue.
  EXPECT_EQ(codes(e.op("si.stop", "2025-03-26T09:00:00", stop_args(kB, "2025-03-25"), fresh)),
            std::vector<std::string>{"SI_STOP_HAS_ARREARS"});
}

TEST(SiStop, ReasonMustBeAKnownCode) {
  Eng e;
  json s = e.op("si.enroll", "2025-03-05T09:00:00", enroll_args(kA, "2025-03-01"), units_state(e))["state"];
  auto r = e.op("si.stop", "2025-03-20T09:00:00", stop_args(kA, "2025-03-20", "quit"), s);
  ASSERT_EQ(codes(r), std::vector<std::string>{"SI_REASON_UNKNOWN"});
  EXPECT_EQ(r["violations"][0]["field"], "args.reason");
  EXPECT_TRUE(e.op("si.stop", "2025-03-20T09:00:00", stop_args(kA, "2025-03-20", "death"), s)["ok"]);
}

TEST(SiStop, NotEnrolledForAType) {
  Eng e;
  json s = e.op("si.enroll", "2025-03-05T09:00:00", enroll_args(kA, "2025-03-01"), units_state(e))["state"];
  json args = stop_args(kA, "2025-03-20");
  args["types"] = {"pension", "medical"};
  auto r = e.op("si.stop", "2025-03-20T09:00:00", args, s);
  ASSERT_EQ(codes(r), std::vector<std::string>{"SI_NOT_ENROLLED"});
  EXPECT_EQ(r["violations"][0]["message_en"], "The person is not actively enrolled here for medical insurance");
  args["types"] = {"pension"};
  EXPECT_TRUE(e.op("si.stop", "2025-03-20T09:00:00", args, s)["ok"]);
  // Unknown person: an error naming the field, the number masked.
  auto unknown = e.op("si.stop", "2025-03-20T09:00:00", stop_args(kC, "2025-03-20"), s);
  EXPECT_EQ(error_code(unknown), "REQ_NOT_FOUND");
  EXPECT_EQ(unknown.dump().find(kC), std::string::npos);
}

TEST(SiStop, EveryViolationAtOnce) {
  Eng e;
  json s = e.op("si.enroll", "2025-03-05T09:00:00", enroll_args(kA, "2025-01-10"), units_state(e))["state"];
  json args = stop_args(kA, "2025-01-01", "bogus");
  args["types"] = {"pension", "injury"};
  auto r = e.op("si.stop", "2025-03-05T09:00:00", args, s);
  EXPECT_EQ(codes(r), (std::vector<std::string>{"SI_NOT_ENROLLED", "SI_STOP_BEFORE_LAST_CHANGE", "SI_STOP_HAS_ARREARS",
                                                "SI_REASON_UNKNOWN"}));
}

// ------------------------------------------------------------------ batch stop

TEST(SiStopBatch, StrictYyyymmddRowsAllOrNothing) {
  Eng e;
  json s = units_state(e);
  s = e.op("si.enroll", "2025-03-05T09:00:00", enroll_args(kA, "2025-03-01"), s)["state"];
  s = e.op("si.enroll", "2025-03-05T09:00:00", enroll_args(kB, "2025-03-01"), s)["state"];
  s = e.op("si.enroll", "2025-03-05T09:00:00", enroll_args(kC, "2025-03-01"), s)["state"];
  auto row = [](const std::string& id, const std::string& d) { return json{{"id_number", id}, {"stop_date", d}, {"reason", "stop_contribution"}}; };
  auto bad = e.op("si.stop_batch", "2025-03-20T09:00:00",
                  {{"unit_code", kUnit}, {"rows", {row(kA, "2025-03-10"), row(kB, "20250230"), row(kC, "20250310"), row(kA, "20250311")}}}, s);
  ASSERT_FALSE(bad["ok"]);
  ASSERT_EQ(codes(bad), (std::vector<std::string>{"BATCH_BAD_DATE", "BATCH_BAD_DATE", "BATCH_DUPLICATE"}));
  EXPECT_EQ(bad["violations"][0]["row"], 0);
  EXPECT_EQ(bad["violations"][0]["field"], "args.rows[0].stop_date");
  EXPECT_EQ(bad["violations"][1]["row"], 1);
  EXPECT_EQ(bad["violations"][2]["row"], 3);
  EXPECT_EQ(bad["violations"][2]["message"], "第4行与第1行为同一人");
  EXPECT_EQ(bad["state"], s);  // nothing stopped
  EXPECT_EQ(bad["error"], nullptr);

  for (const char* d : {"2025031", "202503100", "2025-3-10", "20251301", "2025031a"}) {
    auto r = e.op("si.stop_batch", "2025-03-20T09:00:00", {{"unit_code", kUnit}, {"rows", {row(kA, d)}}}, s);
    EXPECT_EQ(codes(r), std::vector<std::string>{"BATCH_BAD_DATE"}) << d;
  }
  auto ok = e.op("si.stop_batch", "2025-03-20T09:00:00",
                 {{"unit_code", kUnit}, {"rows", {row(kA, "20250310"), row(kB, "20250320"), row(kC, "20250301")}}}, s);
  ASSERT_TRUE(ok["ok"]) << ok.dump();
  EXPECT_EQ(ok["result"]["rows"].size(), 3u);
  EXPECT_EQ(ok["events"].size(), 3u);
  EXPECT_EQ(ok["state"]["persons"][1]["enrollments"][0]["to"], "2025-03-20");
}

TEST(SiStopBatch, EachRowIsCheckedAsAStop) {
  Eng e;
  json s = units_state(e);
  s = e.op("si.enroll", "2025-03-05T09:00:00", enroll_args(kA, "2025-03-01"), s)["state"];
  s = e.op("si.enroll", "2025-03-05T09:00:00", enroll_args(kB, "2025-01-10"), s)["state"];  // arrears
  auto r = e.op("si.stop_batch", "2025-03-20T09:00:00",
                {{"unit_code", kUnit},
                 {"rows", {{{"id_number", kA}, {"stop_date", "20250321"}, {"reason", "x"}},
                           {{"id_number", kB}, {"stop_date", "20250101"}, {"reason", "stop_contribution"}}}}},
                s);
  EXPECT_EQ(codes(r), (std::vector<std::string>{"SI_STOP_DATE_IN_FUTURE", "SI_REASON_UNKNOWN", "SI_STOP_BEFORE_LAST_CHANGE",
                                                "SI_STOP_HAS_ARREARS"}));
  EXPECT_EQ(r["violations"][3]["row"], 1);
  // A date of the wrong JSON type is an error, not a violation.
  auto num = e.op("si.stop_batch", "2025-03-20T09:00:00",
                  {{"unit_code", kUnit}, {"rows", {{{"id_number", kA}, {"stop_date", 20250310}, {"reason", "stop_contribution"}}}}}, s);
  EXPECT_EQ(error_code(num), "REQ_BAD_VALUE");
}

// ------------------------------------------------------------------ wage declaration

TEST(SiDeclareWage, BaseWithinTheYearsLimitsFromTheYearStart) {
  Eng e;
  json s = e.op("si.enroll", "2024-12-05T09:00:00", enroll_args(kA, "2024-12-01", {"pension"}), units_state(e, "2024-12"))["state"];
  auto r = e.op("si.declare_wage", "2024-12-20T09:00:00",
                {{"unit_code", kUnit}, {"year", 2025}, {"rows", {{{"id_number", kA}, {"wage", "30000.00"}}}}}, s);
  ASSERT_TRUE(r["ok"]) << r.dump();
  EXPECT_EQ(r["result"]["rows"][0]["base"], "18900.00");
  EXPECT_EQ(r["result"]["from_month"], "2025-01");
  const json& en = r["state"]["persons"][0]["enrollments"];
  ASSERT_EQ(en.size(), 2u);  // split at the year start
  EXPECT_EQ(en[0]["to"], "2024-12-31");
  EXPECT_EQ(en[0]["base"], "5000.00");
  EXPECT_EQ(en[1]["from"], "2025-01-01");
  EXPECT_EQ(en[1]["base"], "18900.00");
  EXPECT_EQ(r["events"][0]["type"], "si.wage_declared");

  auto bad = e.op("si.declare_wage", "2024-12-20T09:00:00",
                  {{"unit_code", kUnit}, {"year", 2025},
                   {"rows", {{{"id_number", kA}, {"wage", "0.00"}}, {{"id_number", kA}, {"wage", "100.00"}}}}}, s);
  EXPECT_EQ(codes(bad), (std::vector<std::string>{"AMOUNT_NOT_POSITIVE", "BATCH_DUPLICATE"}));
  auto stop = e.op("si.stop", "2024-12-20T09:00:00", stop_args(kA, "2024-12-20"), s);
  ASSERT_TRUE(stop["ok"]) << stop.dump();
  const json& stopped = stop["state"];
  auto gone = e.op("si.declare_wage", "2024-12-20T09:00:00",
                   {{"unit_code", kUnit}, {"year", 2025}, {"rows", {{{"id_number", kA}, {"wage", "6000.00"}}}}}, stopped);
  EXPECT_EQ(codes(gone), std::vector<std::string>{"SI_NOT_ENROLLED"});
  EXPECT_EQ(gone["violations"][0]["row"], 0);
}

// Issue 12: Person.retired_from in the strict codec — a month or null, written back as read;
// anything else is REQ_BAD_VALUE naming the member.
TEST(SiPerson, RetiredFromIsAStrictMonth) {
  using namespace si_test;
  Eng e;
  const std::string id = make_id("19650115", 133);
  json person = {{"id_number", id}, {"name", "吴国华"}, {"category", "M60"}, {"work_start_date", "1985-07-01"},
                 {"enrollments", json::array()}, {"contributions", json::array()}, {"last_change_date", json::object()},
                 {"retired_from", "2025-02"}};
  auto r = e.op("si.person.get", "2025-03-01T09:00:00", {{"id_number", id}}, {{"persons", {person}}});
  ASSERT_TRUE(r["ok"]) << r.dump();
  EXPECT_EQ(r["result"]["retired_from"], "2025-02");
  person.erase("retired_from");  // absent: not retired
  r = e.op("si.person.get", "2025-03-01T09:00:00", {{"id_number", id}}, {{"persons", {person}}});
  EXPECT_EQ(r["result"]["retired_from"], nullptr);
  person["retired_from"] = "2025-13";
  r = e.op("si.person.get", "2025-03-01T09:00:00", {{"id_number", id}}, {{"persons", {person}}});
  EXPECT_EQ(r["error"]["code"], "REQ_BAD_VALUE");
  EXPECT_EQ(r["error"]["field"], "facts.persons[0].retired_from");
  person["retired_from"] = 202502;
  r = e.op("si.person.get", "2025-03-01T09:00:00", {{"id_number", id}}, {{"persons", {person}}});
  EXPECT_EQ(r["error"]["field"], "facts.persons[0].retired_from");
}
