// The PostgreSQL connection (issue 20; docs/postgresql.md): the store's Db
// over libpq. Statements are prepared once per connection (named
// server-side), parameters travel as text, separately from the SQL.
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "store/db.hpp"

namespace pvd::store {

/// Whether `name` is a PostgreSQL connection URI (postgresql://, postgres://):
/// the store is then PostgreSQL's, else an SQLite file.
bool is_postgresql_uri(std::string_view name) noexcept;

/// The URI with its password (user:password@, password=…) masked, for messages.
std::string redacted_uri(std::string_view uri);

/// `sql` in the shared dialect (`?`, `?N`) with PostgreSQL's parameters
/// ($N, numbered as SQLite numbers them), and the number of parameters.
std::pair<std::string, int> numbered_parameters(std::string_view sql);

class PgDb final : public Db {
 public:
  /// Connects; throws StoreError naming the (redacted) URI and libpq's reason.
  PgDb(const std::string& uri, bool readonly);
  ~PgDb() override;
  PgDb(const PgDb&) = delete;
  PgDb& operator=(const PgDb&) = delete;

  Dialect dialect() const noexcept override { return Dialect::postgresql; }
  void exec(std::string_view sql) override;
  std::unique_ptr<Cursor> prepare(std::string_view sql, bool reuse) override;
  /// SERIALIZABLE: every anomaly becomes a serialization failure, which the
  /// store answers by running the decision again (JournaledStore::run).
  void begin_write() override;
  /// Waits until no other writing transaction runs and holds new ones off
  /// (every writer holds the counters' table in ROW EXCLUSIVE mode; this one
  /// takes it EXCLUSIVE): a command that lost too often then cannot lose again.
  void begin_write_alone() override;
  void begin_read() override;
  std::string lock_clause(std::string_view alias) const override {
    return alias.empty() ? " FOR UPDATE" : " FOR UPDATE OF " + std::string(alias);
  }

  PGconn* handle() const noexcept { return conn_; }
  /// Throws the error of a failed result (consumed), or of the connection; a
  /// lost connection is marked to be opened again.
  [[noreturn]] void fail(PGresult* r, std::string_view context);
  /// The server-side name of `sql`'s prepared statement (prepared on first use).
  const std::string& statement(std::string_view sql, int& parameters);

 private:
  /// A connection the server dropped (a restart, a failover) is opened
  /// again before the next transaction; its prepared statements are gone.
  void reconnect_if_lost();
  /// The session's settings, after connecting and after reconnecting.
  void configure_session();
  /// BEGIN SERIALIZABLE and the counters' table in `mode` (begin_write()).
  void begin_writing(const char* mode);
  struct Prepared {
    std::string name;
    int parameters = 0;
  };
  PGconn* conn_ = nullptr;
  bool lost_ = false;
  std::string uri_;
  bool readonly_;
  std::unordered_map<std::string, Prepared> prepared_;
};

}  // namespace pvd::store
