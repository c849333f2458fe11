#include "store/pg.hpp"

#include <cstdlib>
#include <optional>
#include <vector>

namespace pvd::store {

bool is_postgresql_uri(std::string_view name) noexcept {
  return name.starts_with("postgresql://") || name.starts_with("postgres://");
}

std::string redacted_uri(std::string_view uri) {
  std::string out(uri);
  // user:password@host
  if (const auto scheme = out.find("://"); scheme != std::string::npos) {
    const auto at = out.find('@', scheme + 3);
    const auto slash = out.find('/', scheme + 3);
    if (at != std::string::npos && (slash == std::string::npos || at < slash)) {
      const auto colon = out.find(':', scheme + 3);
      if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
    }
  }
  // ?password=… or &password=…
  for (std::size_t p = out.find("password="); p != std::string::npos; p = out.find("password=", p + 1)) {
    if (p > 0 && out[p - 1] != '?' && out[p - 1] != '&') continue;
    const auto end = out.find('&', p);
    out.replace(p + 9, (end == std::string::npos ? out.size() : end) - p - 9, "***");
  }
  return out;
}

std::pair<std::string, int> numbered_parameters(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 8);
  int highest = 0;
  bool quoted = false;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (c == '\'') quoted = !quoted;
    if (c != '?' || quoted) {
      out += c;
      continue;
    }
    // ?N keeps its number; a bare ? takes one more than the highest so far (SQLite's rule).
    std::size_t j = i + 1;
    int n = 0;
    while (j < sql.size() && sql[j] >= '0' && sql[j] <= '9') n = n * 10 + (sql[j++] - '0');
    if (j == i + 1) n = highest + 1;
    highest = std::max(highest, n);
    out += '$' + std::to_string(n);
    i = j - 1;
  }
  return {out, highest};
}

namespace {

/// The SQLSTATEs after which the whole transaction may run again.
bool retryable_state(std::string_view s) {
  return s == "40001" /* serialization_failure */ || s == "40P01" /* deadlock_detected */ ||
         s == "55P03" /* lock_not_available: waited longer than lock_timeout */ ||
         s == "23505" /* unique_violation: a key another transaction created meanwhile */;
}

/// A failure of the connection rather than of the statement: class 08
/// (connection exception), or the server shutting down (57P01-57P03).
bool connection_state(std::string_view s) { return s.starts_with("08") || s.starts_with("57P0"); }

class PgCursor final : public Cursor {
 public:
  PgCursor(PgDb& db, std::string_view sql) : db_(db) {
    name_ = &db.statement(sql, parameters_);
    values_.resize(static_cast<std::size_t>(parameters_));
  }
  ~PgCursor() override { PQclear(result_); }
  void bind_int64(int i, std::int64_t v) override { at(i) = std::to_string(v); }
  void bind_text(int i, std::string_view v) override { at(i) = std::string(v); }
  void bind_null(int i) override { at(i).reset(); }
  bool step() override {
    if (!result_) run();
    return ++row_ < PQntuples(result_);
  }
  void reset() override {
    PQclear(result_);
    result_ = nullptr;
    row_ = -1;
    for (auto& v : values_) v.reset();
  }
  std::int64_t int64(int col) const override { return std::strtoll(PQgetvalue(result_, row_, col), nullptr, 10); }
  std::string text(int col) const override {
    return std::string(PQgetvalue(result_, row_, col), static_cast<std::size_t>(PQgetlength(result_, row_, col)));
  }
  bool is_null(int col) const override { return PQgetisnull(result_, row_, col) != 0; }

 private:
  std::optional<std::string>& at(int i) {
    if (i < 1 || i > parameters_) throw StoreError(0, "bind: parameter " + std::to_string(i) + " out of range");
    return values_[static_cast<std::size_t>(i - 1)];
  }
  void run() {
    std::vector<const char*> p;
    p.reserve(values_.size());
    for (const auto& v : values_) p.push_back(v ? v->c_str() : nullptr);
    result_ = PQexecPrepared(db_.handle(), name_->c_str(), parameters_, p.data(), nullptr, nullptr, 0);
    const auto st = PQresultStatus(result_);
    if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
      PGresult* r = result_;
      result_ = nullptr;
      db_.fail(r, "step");
    }
    row_ = -1;
  }
  PgDb& db_;
  const std::string* name_ = nullptr;
  int parameters_ = 0;
  std::vector<std::optional<std::string>> values_;
  PGresult* result_ = nullptr;
  int row_ = -1;
};

}  // namespace

PgDb::PgDb(const std::string& uri, bool readonly) : uri_(uri), readonly_(readonly) {
  conn_ = PQconnectdb(uri.c_str());
  if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
    const std::string why = conn_ ? PQerrorMessage(conn_) : "out of memory";
    PQfinish(conn_);
    conn_ = nullptr;
    throw StoreError(0, "cannot connect to the database " + redacted_uri(uri) + ": " +
                            std::string(why.substr(0, why.find_last_not_of("\n ") + 1)));
  }
  // The engine writes nothing on its own to the host's stderr: the server's
  // notices and warnings (e.g. at its shutdown) are dropped.
  PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
  configure_session();
}

// Decision: a command waits at most kLockTimeout for a row another holds,
// then runs again (a retry, cause deadlock): two commands locking in
// opposite orders cost a quarter of a second, not the server's
// deadlock_timeout (1 s by default, and only a superuser may lower it).
constexpr const char* kLockTimeout = "'250ms'";

void PgDb::configure_session() {
  // The store's text is UTF-8 and its times are the caller's (the engine
  // never reads the clock): nothing depends on the server's settings.
  exec("SET client_encoding = 'UTF8'");
  exec(std::string("SET lock_timeout = ") + kLockTimeout);
  if (readonly_) exec("SET default_transaction_read_only = on");
}

PgDb::~PgDb() { PQfinish(conn_); }

void PgDb::fail(PGresult* r, std::string_view context) {
  std::string state, message;
  if (r) {
    const char* st = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    const char* m = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
    state = st ? st : "";
    // The primary message only: the DETAIL of a key violation would echo the
    // key's value (an id number) into the response.
    message = m ? m : PQresultErrorMessage(r);
    PQclear(r);
  }
  if (message.empty()) message = PQerrorMessage(conn_);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  // Decision: a lost connection (a server restart, a failover) is opened
  // again and the request run again (RetryCause::other): safe, because a
  // command whose COMMIT may have landed finds itself in the journal and
  // replays. A server that stays away ends in STORE_ERROR. An error without
  // an SQLSTATE is libpq's own, not the server's: the connection failed. The
  // first statement on a connection whose server restarted meanwhile fails so
  // ("server closed the connection unexpectedly") while PQstatus may still
  // say CONNECTION_OK; it was answered STORE_ERROR before.
  const bool lost = PQstatus(conn_) != CONNECTION_OK || connection_state(state) || state.empty();
  if (lost) lost_ = true;
  throw StoreError(0, std::string(context) + ": " + message + (state.empty() ? "" : " (SQLSTATE " + state + ")"), state,
                   retryable_state(state) || lost);
}

void PgDb::exec(std::string_view sql) {
  PGresult* r = PQexec(conn_, std::string(sql).c_str());
  const auto st = PQresultStatus(r);
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) fail(r, "exec");
  PQclear(r);
}

const std::string& PgDb::statement(std::string_view sql, int& parameters) {
  auto it = prepared_.find(std::string(sql));
  if (it == prepared_.end()) {
    auto [text, n] = numbered_parameters(sql);
    Prepared p{"pvd" + std::to_string(prepared_.size() + 1), n};
    PGresult* r = PQprepare(conn_, p.name.c_str(), text.c_str(), 0, nullptr);
    if (PQresultStatus(r) != PGRES_COMMAND_OK) fail(r, "prepare");
    PQclear(r);
    it = prepared_.emplace(std::string(sql), std::move(p)).first;
  }
  parameters = it->second.parameters;
  return it->second.name;
}

std::unique_ptr<Cursor> PgDb::prepare(std::string_view sql, bool) { return std::make_unique<PgCursor>(*this, sql); }

void PgDb::reconnect_if_lost() {
  if (!lost_ && PQstatus(conn_) == CONNECTION_OK) return;
  PQreset(conn_);
  prepared_.clear();
  lost_ = PQstatus(conn_) != CONNECTION_OK;
  if (PQstatus(conn_) != CONNECTION_OK)  // retryable: the server may be restarting
    throw StoreError(0, "the connection to the database " + redacted_uri(uri_) + " was lost and cannot be opened again",
                     "08006", true);
  configure_session();
}

// Every writer first takes the counters' table in ROW EXCLUSIVE mode (what
// its writes take anyway); one that must run alone takes it EXCLUSIVE, which
// waits for every writer in flight and holds new ones off (reads go on). A
// table lock, not an advisory lock: LOCK TABLE takes no snapshot, so the
// transaction's snapshot is taken after the wait (PostgreSQL's LOCK page). The
// wait may be long; the rows' lock_timeout applies again after it.
void PgDb::begin_writing(const char* mode) {
  reconnect_if_lost();
  exec(std::string("BEGIN ISOLATION LEVEL SERIALIZABLE; SET LOCAL lock_timeout = '60s'; LOCK TABLE sequences IN ") + mode +
       " MODE; SET LOCAL lock_timeout = " + kLockTimeout);
}

void PgDb::begin_write() { begin_writing("ROW EXCLUSIVE"); }

void PgDb::begin_write_alone() { begin_writing("EXCLUSIVE"); }

void PgDb::begin_read() {
  reconnect_if_lost();
  exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
}

}  // namespace pvd::store
