// bill.list over many bills (docs/queries.md §1.2, §2): in store mode a unit's
// 3,000 bills, among another unit's, page in bill_id order with no bill skipped
// or repeated whatever the page size, and the filters hold across page
// boundaries; statelessly, a person's bills gathered from several units and
// their own page the same way.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "provident/engine.hpp"
#include "state/entities.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr int kBills = 4000;  // every 4th of another unit: 3,000 of KF-E01

struct TempDb {
  fs::path dir = fs::temp_directory_path() / ("provident-bills-" + std::to_string(::getpid()));
  TempDb() { fs::create_directories(dir); }
  ~TempDb() { fs::remove_all(dir); }
  std::string file() const { return (dir / "store.sqlite").string(); }
};

json run(pvd::Engine& e, const json& request) { return json::parse(e.execute(request.dump())); }

std::string bill_id(int i) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "B%06d", i);
  return buf;
}

/// Bill i: of KF-E02 when i % 4 == 0, else of KF-E01; a back-pay bill (no
/// period, its item's month) when i % 5 == 0, else a remittance of its month;
/// open, paid or withdrawn by i % 3; months cycle over 2000-01 … 2019-12.
pvd::state::Bill make_bill(int i) {
  using namespace pvd::state;
  const pvd::YearMonth month = pvd::YearMonth::of(2000, 1) + i % 240;
  const bool back_pay = i % 5 == 0;
  Bill b{.bill_id = bill_id(i),
         .scheme = Scheme::hpf,
         .unit_code = i % 4 == 0 ? "KF-E02" : "KF-E01",
         .kind = back_pay ? BillKind::back_pay : BillKind::remittance,
         .principal = pvd::Money::fen(100000 + i),
         .amount_due = pvd::Money::fen(100000 + i),
         .status = static_cast<BillStatus>(i % 3),
         .created_on = pvd::Date::of(2024, 1, 1)};
  if (!back_pay) b.period = month;
  b.items.push_back({.account_no = "A000001", .month = month, .employer = pvd::Money::fen(50000),
                     .employee = pvd::Money::fen(50000 + i), .kind = back_pay ? LedgerKind::back_pay : LedgerKind::regular});
  return b;
}

void exec_sql(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
}

/// Writes the bills straight into the store's table (as the store keeps them:
/// the document and the indexed columns), faster than 4,000 verifications.
void plant_bills(const std::string& file) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
  exec_sql(db, "BEGIN");
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db,
                               "INSERT INTO bills (bill_id, unit_code, id_number, status, amount_due, doc, journal_seq, "
                               "engine_version, parameters) VALUES (?, ?, NULL, ?, ?, ?, 0, 'test', '[]')",
                               -1, &st, nullptr),
            SQLITE_OK);
  for (int i = 1; i <= kBills; ++i) {
    const pvd::state::Bill b = make_bill(i);
    const std::string doc = pvd::state::encode(b).dump();
    const std::string status(pvd::state::to_text(b.status));
    sqlite3_bind_text(st, 1, b.bill_id.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, b.unit_code->c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, status.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 4, b.amount_due.as_fen());
    sqlite3_bind_text(st, 5, doc.c_str(), -1, SQLITE_TRANSIENT);
    ASSERT_EQ(sqlite3_step(st), SQLITE_DONE) << sqlite3_errmsg(db);
    sqlite3_reset(st);
  }
  sqlite3_finalize(st);
  exec_sql(db, "COMMIT");
  sqlite3_close(db);
}

/// Every bill_id bill.list answers for `args`, page after page of `limit`;
/// fails on a page over the limit or on a page whose `next` is not its last bill.
std::vector<std::string> all_pages(pvd::Engine& e, json args, int limit, json facts = nullptr) {
  std::vector<std::string> ids;
  args["limit"] = limit;
  for (int guard = 0; guard < 5000; ++guard) {
    json req = {{"op", "bill.list"}, {"as_of", "2024-06-01T10:00:00"}, {"args", args}};
    if (!facts.is_null()) req["facts"] = facts;
    const json r = run(e, req);
    EXPECT_TRUE(r["ok"].get<bool>()) << r.dump();
    if (!r["ok"].get<bool>()) break;
    const json& bills = r["result"]["bills"];
    EXPECT_LE(bills.size(), static_cast<std::size_t>(limit));
    for (const auto& b : bills) ids.push_back(b["bill_id"].get<std::string>());
    if (r["result"]["next"].is_null()) break;
    EXPECT_EQ(r["result"]["next"], bills.back()["bill_id"]);
    args["after"] = r["result"]["next"];
  }
  return ids;
}

std::vector<std::string> expected(const std::function<bool(const pvd::state::Bill&)>& keep) {
  std::vector<std::string> ids;
  for (int i = 1; i <= kBills; ++i)
    if (const auto b = make_bill(i); keep(b)) ids.push_back(b.bill_id);
  return ids;
}

class BillListStore : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = new TempDb;
    {
      pvd::Engine e({.policy = "kaifeng", .db_path = db_->file()});
      for (const char* code : {"KF-E01", "KF-E02"}) {
        const json r = run(e, {{"op", "hpf.unit.register"}, {"request_id", std::string("reg-") + code},
                               {"as_of", "2024-01-01T09:00:00"},
                               {"args", {{"unit_code", code}, {"name", "开封某实业有限公司"}, {"credit_code", "91410200MA4F234563"},
                                         {"bank", "ICBC"}, {"kind", "employer"}, {"employer_rate", "10%"}, {"employee_rate", "10%"}}}});
        ASSERT_TRUE(r["ok"].get<bool>()) << r.dump();
      }
    }
    plant_bills(db_->file());
  }
  static void TearDownTestSuite() { delete db_; }
  static TempDb* db_;
  pvd::Engine engine_{{.policy = "kaifeng", .db_path = db_->file()}};
};
TempDb* BillListStore::db_ = nullptr;

bool of_e01(const pvd::state::Bill& b) { return b.unit_code == "KF-E01"; }

}  // namespace

TEST_F(BillListStore, AUnitsThreeThousandBillsPageInOrderWithNoneSkippedOrRepeated) {
  const auto want = expected(of_e01);
  ASSERT_EQ(want.size(), 3000u);
  for (int limit : {1000, 97, 7}) EXPECT_EQ(all_pages(engine_, {{"unit_code", "KF-E01"}}, limit), want) << "limit " << limit;
}

TEST_F(BillListStore, FiltersHoldAcrossPageBoundaries) {
  using namespace pvd::state;
  const pvd::YearMonth from = pvd::YearMonth::of(2005, 1), to = pvd::YearMonth::of(2009, 12);
  const auto in_range = [&](pvd::YearMonth m) { return !(m < from) && !(to < m); };
  const json period = {{"unit_code", "KF-E01"}, {"from", "2005-01"}, {"to", "2009-12"}};
  // A remittance by its period, a back-pay bill by its item's month.
  EXPECT_EQ(all_pages(engine_, period, 50),
            expected([&](const Bill& b) { return of_e01(b) && in_range(b.period ? *b.period : b.items[0].month); }));
  json open = period;
  open["status"] = "open";
  open["kind"] = "remittance";
  EXPECT_EQ(all_pages(engine_, open, 13), expected([&](const Bill& b) {
              return of_e01(b) && b.status == BillStatus::open && b.kind == BillKind::remittance && in_range(*b.period);
            }));
  EXPECT_EQ(all_pages(engine_, {{"kind", "back_pay"}, {"status", "withdrawn"}}, 64), expected([](const Bill& b) {
              return b.kind == BillKind::back_pay && b.status == BillStatus::withdrawn;
            }));
}

TEST_F(BillListStore, EveryBillWithoutASubject) {
  EXPECT_EQ(all_pages(engine_, json::object(), 1000), expected([](const pvd::state::Bill&) { return true; }));
}

// Statelessly: a person whose account moved from one unit to another has bills
// at both; bill.list by ID number reads both units' pages and merges them in
// bill_id order, each bill once, however small the page.
TEST(BillListFacts, APersonsBillsAtTwoUnitsMergeInBillIdOrder) {
  using namespace pvd::state;
  Facts f;
  for (const char* code : {"KF-E01", "KF-E02"})
    f.units.push_back({.unit_code = code, .name = "单位", .credit_code = "91410200MA4F234563", .scheme = Scheme::hpf,
                       .kind = UnitKind::employer, .profile = "kaifeng"});
  Account moved{.account_no = "A000001", .unit_code = "KF-E02", .person = {.name = "赵一", .id_number = "410202198808153314"}};
  moved.stints = {{.unit_code = "KF-E01", .from = pvd::YearMonth::of(2000, 1), .to = pvd::YearMonth::of(2009, 12)},
                  {.unit_code = "KF-E02", .from = pvd::YearMonth::of(2010, 1)}};
  Account other{.account_no = "A000002", .unit_code = "KF-E01", .person = {.name = "钱二", .id_number = "410202199502034421"}};
  f.accounts = {moved, other};
  std::vector<std::string> want;
  for (int i = 1; i <= 300; ++i) {
    Bill b = make_bill(i);
    if (i % 7 == 0 && b.unit_code == "KF-E01") b.items[0].account_no = "A000002";  // another person's
    else want.push_back(b.bill_id);
    f.bills.push_back(std::move(b));
  }
  pvd::Engine e;
  const json facts = json::parse(encode(f).dump());
  for (int limit : {3, 64, 1000})
    EXPECT_EQ(all_pages(e, {{"id_number", "410202198808153314"}}, limit, facts), want) << "limit " << limit;
  EXPECT_EQ(all_pages(e, {{"account_no", "A000002"}}, 5, facts), expected([](const Bill& b) {
              const int i = std::stoi(b.bill_id.substr(1));
              return i <= 300 && i % 7 == 0 && b.unit_code == "KF-E01";
            }));
}
