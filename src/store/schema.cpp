#include "store/schema.hpp"

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

namespace pvd::store {

namespace {

// Migration N takes the schema from version N-1 to N. Never edit a published
// migration: add a new one.
const std::vector<const char*> kMigrations = {
    // ------------------------------------------------------------ 1: the first schema
    R"sql(
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- Entities (state.md §2) as JSON documents, with the columns the store looks
-- them up by. Every row says which engine and parameter versions wrote it.
CREATE TABLE units (
  unit_code      TEXT PRIMARY KEY,
  scheme         TEXT NOT NULL CHECK (scheme IN ('hpf', 'si')),
  doc            TEXT NOT NULL,
  last_as_of     INTEGER,
  journal_seq    INTEGER NOT NULL,
  engine_version TEXT NOT NULL,
  parameters     TEXT NOT NULL
) STRICT;

CREATE TABLE accounts (
  account_no     TEXT PRIMARY KEY,
  unit_code      TEXT NOT NULL,
  id_number      TEXT NOT NULL,
  status         TEXT NOT NULL CHECK (status IN ('normal', 'sealed', 'closed')),
  balance        INTEGER NOT NULL,          -- fen
  doc            TEXT NOT NULL,
  last_as_of     INTEGER,
  journal_seq    INTEGER NOT NULL,
  engine_version TEXT NOT NULL,
  parameters     TEXT NOT NULL
) STRICT;
CREATE INDEX accounts_by_unit ON accounts (unit_code);
CREATE INDEX accounts_by_person ON accounts (id_number);

CREATE TABLE persons (
  id_number      TEXT PRIMARY KEY,
  doc            TEXT NOT NULL,
  last_as_of     INTEGER,
  journal_seq    INTEGER NOT NULL,
  engine_version TEXT NOT NULL,
  parameters     TEXT NOT NULL
) STRICT;

CREATE TABLE person_units (
  id_number TEXT NOT NULL,
  unit_code TEXT NOT NULL,
  PRIMARY KEY (unit_code, id_number)
) STRICT, WITHOUT ROWID;

CREATE TABLE bills (
  bill_id        TEXT PRIMARY KEY,
  unit_code      TEXT,
  id_number      TEXT,
  status         TEXT NOT NULL CHECK (status IN ('open', 'paid', 'withdrawn')),
  amount_due     INTEGER NOT NULL,          -- fen
  doc            TEXT NOT NULL,
  journal_seq    INTEGER NOT NULL,
  engine_version TEXT NOT NULL,
  parameters     TEXT NOT NULL
) STRICT;
CREATE INDEX bills_by_unit ON bills (unit_code);
CREATE INDEX bills_by_person ON bills (id_number);

CREATE TABLE cases (
  case_id        TEXT PRIMARY KEY,
  unit_code      TEXT,
  op             TEXT NOT NULL,
  status         TEXT NOT NULL,
  doc            TEXT NOT NULL,
  journal_seq    INTEGER NOT NULL,
  engine_version TEXT NOT NULL,
  parameters     TEXT NOT NULL
) STRICT;
CREATE INDEX cases_by_unit ON cases (unit_code);

-- The ledger: append-only. Corrections are new entries.
CREATE TABLE ledger (
  entry_id       INTEGER PRIMARY KEY,
  account_no     TEXT NOT NULL,
  kind           TEXT NOT NULL CHECK (kind IN ('regular', 'back_pay', 'back_pay_difference', 'interest',
                                                'withdrawal', 'transfer_in', 'transfer_out', 'correction')),
  month          TEXT,
  date           TEXT NOT NULL,
  amount         INTEGER NOT NULL,          -- fen
  corrects       TEXT,
  journal_seq    INTEGER NOT NULL,
  engine_version TEXT NOT NULL,
  parameters     TEXT NOT NULL
) STRICT;
CREATE INDEX ledger_by_account ON ledger (account_no, entry_id);
-- A month is paid at most once per account by regular or back-pay entries.
CREATE UNIQUE INDEX ledger_one_payment_a_month ON ledger (account_no, month)
  WHERE kind IN ('regular', 'back_pay');
CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger
  BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only: write a correction'); END;
CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger
  BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only: write a correction'); END;

-- Every state-changing request that could be evaluated, allowed or denied.
CREATE TABLE journal (
  seq            INTEGER PRIMARY KEY,
  request_id     TEXT NOT NULL UNIQUE,
  op             TEXT NOT NULL,
  as_of          TEXT,
  profile        TEXT NOT NULL,             -- the profile the request was evaluated under by default
  canonical      TEXT NOT NULL,             -- the decoded request in canonical form
  canonical_hash TEXT NOT NULL,
  raw_hash       TEXT NOT NULL,
  request        TEXT NOT NULL,             -- the request as sent (data column, for replay)
  summary        TEXT NOT NULL,             -- human-readable, personal data masked
  response       TEXT NOT NULL,
  ok             INTEGER NOT NULL CHECK (ok IN (0, 1)),
  engine_version TEXT NOT NULL,
  parameters     TEXT NOT NULL
) STRICT;
CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
  BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
  BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;

CREATE TABLE events (
  journal_seq INTEGER NOT NULL,
  idx         INTEGER NOT NULL,
  type        TEXT NOT NULL,
  doc         TEXT NOT NULL,
  PRIMARY KEY (journal_seq, idx)
) STRICT, WITHOUT ROWID;

-- Identifier counters (A000001, B000001, …).
CREATE TABLE sequences (
  kind TEXT PRIMARY KEY,
  next INTEGER NOT NULL
) STRICT;
)sql",
    // ------------------------------------------------------------ 2: the contribution history (docs/history.md)
    R"sql(
-- Every unit an account has or had a stint at (its current unit included):
-- the accounts a unit's verification reads for a month.
CREATE TABLE account_units (
  account_no TEXT NOT NULL,
  unit_code  TEXT NOT NULL,
  PRIMARY KEY (unit_code, account_no)
) STRICT, WITHOUT ROWID;
INSERT OR IGNORE INTO account_units (account_no, unit_code) SELECT account_no, unit_code FROM accounts;

-- Which bill pays which month of an account (items of kind regular or
-- back_pay of HPF bills that are open or paid); a withdrawn bill's rows go.
-- It replaces the account's billed_months, so that billing a month writes a
-- row per account instead of rewriting every account's document.
CREATE TABLE hpf_billed_months (
  account_no TEXT NOT NULL,
  month      TEXT NOT NULL,
  bill_id    TEXT NOT NULL,
  PRIMARY KEY (account_no, month, bill_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX hpf_billed_months_by_bill ON hpf_billed_months (bill_id);
INSERT OR IGNORE INTO hpf_billed_months (account_no, month, bill_id)
  SELECT json_extract(i.value, '$.account_no'), json_extract(i.value, '$.month'), b.bill_id
  FROM bills b, json_each(b.doc, '$.items') i
  WHERE json_extract(b.doc, '$.scheme') = 'hpf' AND b.status <> 'withdrawn'
    AND json_extract(i.value, '$.account_no') IS NOT NULL
    AND coalesce(json_extract(i.value, '$.kind'), 'regular') IN ('regular', 'back_pay');
UPDATE accounts SET doc = json_remove(doc, '$.billed_months');
PRAGMA application_id = 1347830833;
)sql",
    // ------------------------------------------------------------ 3: lookups by name (issue 17)
    R"sql(
-- hpf.account.find and si.person.find look people up by name, as the halls'
-- screens do (003 3, 4, 9). A column the store writes beside the document
-- (an index over json_extract() is refused by a store opened defensively).
ALTER TABLE accounts ADD COLUMN name TEXT NOT NULL DEFAULT '';
UPDATE accounts SET name = coalesce(json_extract(doc, '$.person.name'), '');
CREATE INDEX accounts_by_name ON accounts (name, account_no);
ALTER TABLE persons ADD COLUMN name TEXT NOT NULL DEFAULT '';
UPDATE persons SET name = coalesce(json_extract(doc, '$.name'), '');
CREATE INDEX persons_by_name ON persons (name, id_number);
-- A unit's roster is read a page at a time in account order (hpf.unit.roster):
-- without this index SQLite sorts every account of the unit for each page.
CREATE INDEX accounts_by_unit_and_no ON accounts (unit_code, account_no);
CREATE INDEX bills_by_unit_and_id ON bills (unit_code, bill_id);
CREATE INDEX cases_by_unit_and_id ON cases (unit_code, case_id);
)sql",
};

constexpr const char* kVersionTable = "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL) STRICT";

using Object = std::tuple<std::string, std::string, std::string, std::string>;  // type, name, table, sql

/// The schema objects of a file, SQLite's statistics tables aside.
std::vector<Object> objects_of(SqliteDb& db) {
  std::vector<Object> out;
  Stmt s(db, "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_stat%' ESCAPE '\\'");
  while (s.step()) out.emplace_back(s.text(0), s.text(1), s.text(2), s.text(3));
  std::sort(out.begin(), out.end());
  return out;
}

/// The objects of each schema version, made by running the migrations on an
/// empty database in memory (the same SQLite writes the same text).
const std::vector<std::vector<Object>>& expected_objects() {
  static const std::vector<std::vector<Object>> all = [] {
    std::vector<std::vector<Object>> v(1);
    SqliteDb mem(":memory:", false);
    mem.exec(kVersionTable);
    for (const char* m : kMigrations) {
      mem.exec(m);
      v.push_back(objects_of(mem));
    }
    return v;
  }();
  return all;
}

std::string describe(const Object& o) { return std::get<0>(o) + " " + std::get<1>(o); }

}  // namespace

// One read transaction around the whole check, so that the application id, the
// schema objects and the stored version come from one snapshot: another
// process migrating a new file between two of those reads made a sound file
// look damaged ("1 rows, 2" for the objects of version 1).
namespace {
class ReadSnapshot {
 public:
  explicit ReadSnapshot(SqliteDb& db) : db_(db) { db_.exec("BEGIN"); }
  ~ReadSnapshot() {
    try {
      db_.exec("COMMIT");
    } catch (...) {
    }
  }
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;

 private:
  SqliteDb& db_;
};
}  // namespace

std::int64_t check_schema(SqliteDb& db, const std::string& name) {
  auto refuse = [&](const std::string& why) { throw SqliteError(SQLITE_CANTOPEN, "the database " + name + " " + why); };
  ReadSnapshot snapshot(db);
  std::int64_t app_id = 0;
  std::vector<Object> objects;
  try {
    Stmt a(db, "PRAGMA application_id");
    if (a.step()) app_id = a.int64(0);
    objects = objects_of(db);
  } catch (const SqliteError& e) {
    refuse(std::string("cannot be read: ") + e.what());
  }
  if (objects.empty()) {
    if (app_id != 0) refuse("belongs to another application (application_id " + std::to_string(app_id) + ")");
    return 0;
  }
  const auto& expected = expected_objects();
  std::int64_t version = 0;
  for (std::size_t v = expected.size() - 1; v >= 1 && version == 0; --v)
    if (objects == expected[v]) version = static_cast<std::int64_t>(v);
  if (version == 0) {
    const bool ours = app_id == kApplicationId ||
                      std::any_of(objects.begin(), objects.end(), [](const Object& o) { return std::get<1>(o) == "schema_version"; });
    if (!ours) {
      std::string tables;
      for (const auto& o : objects)
        if (std::get<0>(o) == "table" && tables.size() < 200) tables += (tables.empty() ? "" : ", ") + std::get<1>(o);
      refuse("is not a provident store (its tables: " + tables + ")");
    }
    // Name the first object that is not the newest schema's.
    const auto& newest = expected.back();
    for (const auto& o : objects)
      if (!std::binary_search(newest.begin(), newest.end(), o))
        refuse("has a schema object this engine did not create or does not know (" + describe(o) +
               "): a newer engine's file, or changed by hand");
    for (const auto& o : newest)
      if (!std::binary_search(objects.begin(), objects.end(), o)) refuse("lacks the engine's " + describe(o));
    refuse("has a schema this engine does not know");
  }
  const std::int64_t wanted_id = version >= 2 ? kApplicationId : 0;
  if (app_id != wanted_id)
    refuse("has application_id " + std::to_string(app_id) + " where schema version " + std::to_string(version) + " has " +
           std::to_string(wanted_id));
  Stmt s(db, "SELECT version FROM schema_version");
  std::int64_t rows = 0, stored = -1;
  while (s.step() && ++rows <= 2) stored = s.is_null(0) ? -1 : s.int64(0);
  if (rows == 1 && stored > static_cast<std::int64_t>(kMigrations.size()))
    refuse("has schema version " + std::to_string(stored) + ", newer than this engine understands (" +
           std::to_string(kMigrations.size()) + ")");
  if (rows != 1 || stored != version)
    refuse("has a damaged schema version (" + std::to_string(rows) + " rows, " + std::to_string(stored) + ") for the objects of version " +
           std::to_string(version));
  return version;
}

void migrate(SqliteDb& db) {
  // Each step reads the version inside its own write transaction, so two
  // processes opening a new file at once do not both migrate it.
  for (;;) {
    Transaction tx(db);
    db.exec(kVersionTable);
    std::int64_t version = 0;
    {
      Stmt s(db, "SELECT version FROM schema_version");
      if (s.step()) version = s.int64(0);
    }
    if (version < 0 || version > static_cast<std::int64_t>(kMigrations.size()))
      throw SqliteError(SQLITE_ERROR, "the database has schema version " + std::to_string(version) +
                                          ", newer than this engine understands (" + std::to_string(kMigrations.size()) + ")");
    if (version == static_cast<std::int64_t>(kMigrations.size())) {
      tx.commit();
      return;
    }
    db.exec(kMigrations[static_cast<std::size_t>(version)]);
    db.exec("DELETE FROM schema_version");
    Stmt s(db, "INSERT INTO schema_version (version) VALUES (?)");
    s.bind(1, version + 1).run();
    tx.commit();
  }
}

}  // namespace pvd::store
