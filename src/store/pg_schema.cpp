#include "store/pg_schema.hpp"

#include <string>
#include <vector>

namespace pvd::store {

namespace {

// Migration N takes the schema from version N-1 to N. Never edit a published
// migration: add a new one.
const std::vector<const char*> kPgMigrations = {
    // ------------------------------------------------------------ 1: the SQLite store's schema 3
    R"sql(
CREATE TABLE units (
  unit_code      text COLLATE "C" PRIMARY KEY,
  scheme         text NOT NULL CHECK (scheme IN ('hpf', 'si')),
  doc            text NOT NULL,
  last_as_of     bigint,
  journal_seq    bigint NOT NULL,
  engine_version text NOT NULL,
  parameters     text NOT NULL
);

CREATE TABLE accounts (
  account_no     text COLLATE "C" PRIMARY KEY,
  unit_code      text COLLATE "C" NOT NULL,
  id_number      text COLLATE "C" NOT NULL,
  status         text NOT NULL CHECK (status IN ('normal', 'sealed', 'closed')),
  balance        bigint NOT NULL,           -- fen
  doc            text NOT NULL,
  last_as_of     bigint,
  journal_seq    bigint NOT NULL,
  engine_version text NOT NULL,
  parameters     text NOT NULL,
  name           text COLLATE "C" NOT NULL DEFAULT ''
);
CREATE INDEX accounts_by_unit_and_no ON accounts (unit_code, account_no);
CREATE INDEX accounts_by_person ON accounts (id_number);
CREATE INDEX accounts_by_name ON accounts (name, account_no);

CREATE TABLE persons (
  id_number      text COLLATE "C" PRIMARY KEY,
  doc            text NOT NULL,
  last_as_of     bigint,
  journal_seq    bigint NOT NULL,
  engine_version text NOT NULL,
  parameters     text NOT NULL,
  name           text COLLATE "C" NOT NULL DEFAULT ''
);
CREATE INDEX persons_by_name ON persons (name, id_number);

CREATE TABLE person_units (
  id_number text COLLATE "C" NOT NULL,
  unit_code text COLLATE "C" NOT NULL,
  PRIMARY KEY (unit_code, id_number)
);

CREATE TABLE bills (
  bill_id        text COLLATE "C" PRIMARY KEY,
  unit_code      text COLLATE "C",
  id_number      text COLLATE "C",
  status         text NOT NULL CHECK (status IN ('open', 'paid', 'withdrawn')),
  amount_due     bigint NOT NULL,           -- fen
  doc            text NOT NULL,
  journal_seq    bigint NOT NULL,
  engine_version text NOT NULL,
  parameters     text NOT NULL
);
CREATE INDEX bills_by_unit_and_id ON bills (unit_code, bill_id);
CREATE INDEX bills_by_person ON bills (id_number, bill_id);

CREATE TABLE cases (
  case_id        text COLLATE "C" PRIMARY KEY,
  unit_code      text COLLATE "C",
  op             text NOT NULL,
  status         text NOT NULL,
  doc            text NOT NULL,
  journal_seq    bigint NOT NULL,
  engine_version text NOT NULL,
  parameters     text NOT NULL
);
CREATE INDEX cases_by_unit_and_id ON cases (unit_code, case_id);

CREATE TABLE account_units (
  account_no text COLLATE "C" NOT NULL,
  unit_code  text COLLATE "C" NOT NULL,
  PRIMARY KEY (unit_code, account_no)
);

CREATE TABLE hpf_billed_months (
  account_no text COLLATE "C" NOT NULL,
  month      text COLLATE "C" NOT NULL,
  bill_id    text COLLATE "C" NOT NULL,
  PRIMARY KEY (account_no, month, bill_id)
);
CREATE INDEX hpf_billed_months_by_bill ON hpf_billed_months (bill_id);

-- The ledger: append-only. Corrections are new entries.
CREATE TABLE ledger (
  entry_id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_no     text COLLATE "C" NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('regular', 'back_pay', 'back_pay_difference', 'interest',
                                               'withdrawal', 'transfer_in', 'transfer_out', 'correction')),
  month          text COLLATE "C",
  date           text NOT NULL,
  amount         bigint NOT NULL,           -- fen
  corrects       text,
  journal_seq    bigint NOT NULL,
  engine_version text NOT NULL,
  parameters     text NOT NULL
);
CREATE INDEX ledger_by_account ON ledger (account_no, entry_id);
-- A month is paid at most once per account by regular or back-pay entries.
CREATE UNIQUE INDEX ledger_one_payment_a_month ON ledger (account_no, month)
  WHERE kind IN ('regular', 'back_pay');

-- Every state-changing request that could be evaluated, allowed or denied.
-- seq increases in commit order (taken under kJournalLockKey); a number
-- taken by a transaction that then failed is never used.
CREATE SEQUENCE journal_numbers;
CREATE TABLE journal (
  seq            bigint PRIMARY KEY,
  request_id     text COLLATE "C" NOT NULL UNIQUE,
  op             text NOT NULL,
  as_of          text,
  profile        text NOT NULL,
  canonical      text NOT NULL,
  canonical_hash text NOT NULL,
  raw_hash       text NOT NULL,
  request        text NOT NULL,
  summary        text NOT NULL,
  response       text NOT NULL,
  ok             integer NOT NULL CHECK (ok IN (0, 1)),
  engine_version text NOT NULL,
  parameters     text NOT NULL
);

CREATE TABLE events (
  journal_seq bigint NOT NULL,
  idx         bigint NOT NULL,
  type        text NOT NULL,
  doc         text NOT NULL,
  PRIMARY KEY (journal_seq, idx)
);

-- Identifier counters (A000001, B000001, …): a row per kind from the start,
-- so that a command locks it (SELECT … FOR UPDATE) before taking a number.
CREATE TABLE sequences (
  kind text COLLATE "C" PRIMARY KEY,
  next bigint NOT NULL
);
INSERT INTO sequences (kind, next) VALUES ('account', 1), ('bill', 1), ('case', 1), ('verification', 1);

-- Append-only, whoever connects (the owner too): no UPDATE, DELETE or
-- TRUNCATE of the ledger, the journal or the events. Statement triggers: a
-- statement is refused even when it matches no row.
CREATE FUNCTION provident_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: write a correction', TG_TABLE_NAME;
END
$$;
CREATE TRIGGER ledger_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON ledger
  FOR EACH STATEMENT EXECUTE FUNCTION provident_append_only();
CREATE TRIGGER journal_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON journal
  FOR EACH STATEMENT EXECUTE FUNCTION provident_append_only();
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION provident_append_only();
)sql",
};

std::int64_t stored_version(PgDb& db) {
  Stmt has(db, "SELECT to_regclass('provident_schema_version') IS NOT NULL");
  has.step();
  if (has.text(0) != "t") {
    Stmt ours(db,
              "SELECT count(*) FROM pg_class WHERE relnamespace = current_schema()::regnamespace "
              "AND relname IN ('units', 'accounts', 'persons', 'bills', 'cases', 'ledger', 'journal', 'events', 'sequences')");
    ours.step();
    if (ours.int64(0) != 0)
      throw StoreError(0, "the database's schema holds tables named like the store's but is not a provident store "
                          "(no provident_schema_version): name another database or schema");
    return 0;
  }
  Stmt v(db, "SELECT max(version) FROM provident_schema_version");
  v.step();
  return v.is_null(0) ? 0 : v.int64(0);
}

}  // namespace

void migrate_pg(PgDb& db, bool readonly) {
  if (readonly) {
    db.begin_read();
    const std::int64_t v = stored_version(db);
    db.exec("COMMIT");
    if (v != kPgSchemaVersion)
      throw StoreError(0, "the database has store schema version " + std::to_string(v) + ", not " +
                              std::to_string(kPgSchemaVersion) + ": open it once read-write to create or migrate it");
    return;
  }
  db.exec("SELECT pg_advisory_lock(" + std::to_string(kSchemaLockKey) + ")");
  try {
    const std::int64_t v = stored_version(db);
    if (v > kPgSchemaVersion)
      throw StoreError(0, "the database has store schema version " + std::to_string(v) + ", newer than this engine's " +
                              std::to_string(kPgSchemaVersion) + ": use a newer engine");
    for (std::int64_t n = v + 1; n <= kPgSchemaVersion; ++n) {
      db.exec("BEGIN");
      try {
        if (n == 1) db.exec("CREATE TABLE provident_schema_version (version integer NOT NULL)");
        db.exec(kPgMigrations[static_cast<std::size_t>(n - 1)]);
        db.exec("INSERT INTO provident_schema_version (version) VALUES (" + std::to_string(n) + ")");
        db.exec("COMMIT");
      } catch (...) {
        db.exec("ROLLBACK");
        throw;
      }
    }
  } catch (...) {
    db.exec("SELECT pg_advisory_unlock(" + std::to_string(kSchemaLockKey) + ")");
    throw;
  }
  db.exec("SELECT pg_advisory_unlock(" + std::to_string(kSchemaLockKey) + ")");
}

}  // namespace pvd::store
