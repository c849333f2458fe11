#include "store/journaled_store.hpp"

#include <algorithm>
#include <chrono>
#include <thread>
#include <tuple>

#include "engine/run.hpp"
#include "json/writer.hpp"
#include "provident/id/mask.hpp"
#include "provident/rules/codes.hpp"
#include "provident/version.hpp"
#include "store/table_world.hpp"

namespace pvd::store {

using engine::Outcome;
using engine::RequestInfo;
using protocol::json;
using protocol::ojson;

std::string stable_hash(std::string_view text) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  static const char* hex = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<std::size_t>(i)] = hex[h & 15];
  return out;
}

namespace {

/// The members whose string value is a personal number, masked by its kind; their
/// names are kept as they are (every other name and string is masked as an echo).
bool names_a_personal_number(std::string_view key) {
  return key == "id_number" || key == "number" || key == "card_no" || key == "phone";
}

/// A string member's value masked as its name says (names_a_personal_number), else as an echo.
std::string masked_value(std::string_view key, const std::string& v) {
  if (key == "id_number" || key == "number") return id::mask_id_number(v);
  if (key == "card_no") return id::mask_card_number(v);
  if (key == "phone") return id::mask_phone(v);
  return id::mask_echo(v);
}

/// A member's name as the masked document keeps it.
std::string masked_name(const std::string& key, bool string_value) {
  return string_value && names_a_personal_number(key) ? key : id::mask_echo(key);
}

}  // namespace

json mask_personal_data(const json& j) {
  if (j.is_object()) {
    json o = json::object();
    for (auto it = j.begin(); it != j.end(); ++it) {
      const auto& k = it.key();
      if (it->is_string()) o[masked_name(k, true)] = masked_value(k, it->get<std::string>());
      else o[masked_name(k, false)] = mask_personal_data(*it);
    }
    return o;
  }
  if (j.is_array()) {
    json a = json::array();
    for (const auto& x : j) a.push_back(mask_personal_data(x));
    return a;
  }
  if (j.is_string()) return id::mask_echo(j.get<std::string>());
  return j;
}

namespace {

void write_masked(std::string& out, const ojson& j) {
  if (j.is_object()) {
    // mask_personal_data masks a sorted copy (a std::map) into a std::map: its members
    // come out sorted by their masked names, and of two members masked to one name the
    // one whose own name sorts later stays.
    struct Member {
      std::string name;
      const std::string* key;
      const ojson* value;
    };
    std::vector<Member> members;
    members.reserve(j.size());
    for (auto it = j.begin(); it != j.end(); ++it) {
      members.push_back({masked_name(it.key(), it->is_string()), &it.key(), &it.value()});
    }
    std::sort(members.begin(), members.end(),
              [](const Member& a, const Member& b) { return std::tie(a.name, *a.key) < std::tie(b.name, *b.key); });
    out.push_back('{');
    bool first = true;
    for (std::size_t i = 0; i < members.size(); ++i) {
      if (i + 1 < members.size() && members[i + 1].name == members[i].name) continue;
      if (!first) out.push_back(',');
      first = false;
      protocol::write_json_string(out, members[i].name);
      out.push_back(':');
      const ojson& v = *members[i].value;
      if (v.is_string()) protocol::write_json_string(out, masked_value(*members[i].key, v.get_ref<const std::string&>()));
      else write_masked(out, v);
    }
    out.push_back('}');
  } else if (j.is_array()) {
    out.push_back('[');
    bool first = true;
    for (const auto& x : j) {
      if (!first) out.push_back(',');
      first = false;
      write_masked(out, x);
    }
    out.push_back(']');
  } else if (j.is_string()) {
    protocol::write_json_string(out, id::mask_echo(j.get_ref<const std::string&>()));
  } else {
    protocol::write_json(out, j);
  }
}

}  // namespace

std::string masked_text(const ojson& j) {
  std::string out;
  write_masked(out, j);
  return out;
}

namespace {

ojson replayed(const std::string& stored) {
  ojson r = parse_stored<ojson>(stored, "journal response");
  r["replayed"] = true;
  return r;
}

ojson request_error(const RequestInfo& info, std::string_view code, const std::string& zh, const std::string& en,
                    const std::string& field) {
  return engine::error_response(info.op, info.request_id.empty() ? std::nullopt : std::optional(info.request_id), code, zh,
                                en, field);
}

// The subjects a request names: "time goes forward" is checked against them.
std::vector<std::pair<std::string, std::string>> subjects_of(const json& canonical_args) {
  std::vector<std::pair<std::string, std::string>> out;
  if (!canonical_args.is_object()) return out;
  auto take = [&](const char* arg, const char* table) {
    auto it = canonical_args.find(arg);
    if (it != canonical_args.end() && it->is_string()) out.emplace_back(table, it->get<std::string>());
  };
  take("account_no", "account");
  take("unit_code", "unit");
  take("id_number", "person");
  return out;
}

}  // namespace

engine::Answer JournaledStore::run_query(const RequestInfo& info, const std::function<Outcome(state::World&)>& decide) {
  Db& db_ = db();
  db_.begin_read();  // one consistent snapshot
  try {
    TableWorld world(db_, false);
    Outcome out = decide(world);
    db_.exec("COMMIT");
    return std::move(out.response);
  } catch (...) {
    try {
      db_.exec("ROLLBACK");
    } catch (...) {
    }
    throw;
  }
}

engine::Answer JournaledStore::run_command(const RequestInfo& info, const std::function<Outcome(state::World&)>& decide, bool alone) {
  Db& db_ = db();
  Transaction tx(db_, alone);
  std::optional<std::tuple<std::string, std::string, std::string, std::string>> known;  // canonical, hash, raw, response
  {
    Stmt s(db_, "SELECT canonical, canonical_hash, raw_hash, response FROM journal WHERE request_id = ?", Stmt::cached);
    s.bind(1, info.request_id);
    if (s.step()) known.emplace(s.text(0), s.text(1), s.text(2), s.text(3));
  }

  TableWorld world(db_, true);
  Outcome out = decide(world);
  const std::string raw_hash = stable_hash(info.raw_form);

  if (known) {
    // Idempotency: the same id with the same content replays; other content conflicts.
    const auto& [canonical, canonical_hash, known_raw_hash, response] = *known;
    const bool same = (out.canonical_complete && out.canonical == canonical) || raw_hash == known_raw_hash;
    if (same) return replayed(response);
    return request_error(info, code::REQ_ID_CONFLICT, "请求编号" + info.request_id + "已用于内容不同的请求",
                         "Request id " + info.request_id + " was already used for a different request", "request_id");
  }
  if (out.error) return std::move(out.response);  // nothing written, not journaled

  // The canonical request, parsed once: its subjects and its profile.
  const json canonical = json::parse(out.canonical);
  // Time goes forward for each account, unit and person (protocol.md §5).
  if (info.as_of) {
    auto latest = world.latest_as_of(subjects_of(canonical.value("args", json::object())));
    if (latest && *latest > info.as_of->epoch_seconds())
      return request_error(info, code::REQ_BAD_VALUE,
                           "as_of的值无效：早于该账户、单位或人员最近一次已办理业务的时间" +
                               LocalDateTime::from_epoch_seconds(*latest).to_string(),
                           "Invalid value for as_of: earlier than the latest applied request of the same account, unit or person (" +
                               LocalDateTime::from_epoch_seconds(*latest).to_string() + ")",
                           "as_of");
  }

  const std::int64_t seq = take_journal_seq();
  const std::string parameters = out.response.contains("policy") && out.response["policy"].is_object()
                                     ? out.response["policy"]["parameters"].dump()
                                     : std::string("[]");
  Provenance prov{seq, PROVIDENT_VERSION_STRING, parameters,
                  info.as_of ? std::optional(info.as_of->epoch_seconds()) : std::nullopt};
  if (out.ok) world.write(prov);

  // A response over the limit is refused before anything is written (the
  // transaction rolls back): the journal never stores what cannot be sent.
  std::string response_text = protocol::dump(out.response);
  if (response_text.size() > protocol::kMaxResponseBytes) {
    const std::string mib = std::to_string(protocol::kMaxResponseBytes >> 20) + " MiB";
    return request_error(info, code::REQ_TOO_LARGE, "应答超过" + mib + "的上限：请分批办理",
                         "The response would exceed the limit of " + mib + ": split the request", "");
  }
  json request = json::parse(info.raw_form);
  json summary = mask_personal_data(request);
  summary["request_id"] = info.request_id;
  {
    Stmt s(db_,
           "INSERT INTO journal (seq, request_id, op, as_of, profile, canonical, canonical_hash, raw_hash, request, "
           "summary, response, ok, engine_version, parameters) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Stmt::cached);
    s.bind(1, seq).bind(2, info.request_id).bind(3, info.op);
    if (info.as_of) s.bind(4, info.as_of->to_string());
    else s.bind_null(4);
    s.bind(5, canonical.value("policy", std::string())).bind(6, out.canonical).bind(7, stable_hash(out.canonical))
        .bind(8, raw_hash).bind(9, info.raw_form).bind(10, summary.dump()).bind(11, response_text)
        .bind(12, std::int64_t{out.ok ? 1 : 0}).bind(13, PROVIDENT_VERSION_STRING).bind(14, parameters).run();
  }
  {
    Stmt s(db_, "INSERT INTO events (journal_seq, idx, type, doc) VALUES (?, ?, ?, ?)", Stmt::cached);
    std::int64_t idx = 0;
    for (const auto& e : out.response["events"]) {
      s.reset();
      // The event as a json value (converted, not printed and read again).
      s.bind(1, seq).bind(2, idx++).bind(3, e.value("type", std::string())).bind(4, masked_text(e)).run();
    }
  }
  tx.commit();
  return {std::move(out.response), std::move(response_text)};
}

namespace {

RetryCause cause_of(const StoreError& e) {
  if (e.state() == "40001") return RetryCause::serialization;
  if (e.state() == "40P01" || e.state() == "55P03") return RetryCause::deadlock;  // a deadlock, or a lock waited for too long
  if (e.state() == "23505") return RetryCause::unique;
  return RetryCause::other;
}

/// How long to wait before running a transaction again. A lost connection:
/// a restarting server gets a moment, growing to half a second. A conflict:
/// a pause drawn from a window that doubles with each attempt (up to 64 ms),
/// so that commands colliding on busy rows spread out instead of colliding
/// again in step. The draw is a hash of the request and the attempt (the
/// engine reads no clock and no random source).
std::chrono::milliseconds retry_pause(RetryCause cause, int attempt, std::string_view request_id) {
  if (cause == RetryCause::other) return std::chrono::milliseconds(std::min(20 * attempt, 500));
  const int window = 1 << std::min(attempt, 6);
  const std::uint64_t draw = std::stoull(stable_hash(std::string(request_id) + '#' + std::to_string(attempt)), nullptr, 16);
  return std::chrono::milliseconds(static_cast<int>(draw % static_cast<std::uint64_t>(window)));
}

}  // namespace

engine::Answer JournaledStore::run(const RequestInfo& info, const std::function<Outcome(state::World&)>& decide) {
  for (int attempt = 1;; ++attempt) {
    db().renew_budget();
    try {
      if (!info.changes_state) return run_query(info, decide);
      if (readonly())
        return request_error(info, code::STORE_ERROR, "存储错误：数据库以只读方式打开", "Storage error: the database is open read-only", "");
      return run_command(info, decide, attempt >= kAloneFromAttempt);
    } catch (const StoreError& e) {
      // Another transaction took what this one read or wrote (PostgreSQL:
      // deadlock, serialization failure, a key created meanwhile): the
      // transaction has rolled back and the whole decision runs again on a
      // fresh view. Safe: the engine never reads the clock, so the same
      // request on the same state decides the same (issue 20).
      if (e.retryable() && attempt < kMaxAttempts) {
        const RetryCause cause = cause_of(e);
        ++retries_[static_cast<std::size_t>(cause)];
        std::this_thread::sleep_for(retry_pause(cause, attempt, info.request_id));
        continue;
      }
      const std::string tried = e.retryable() ? " (tried " + std::to_string(attempt) + " times)" : "";
      return request_error(info, code::STORE_ERROR, std::string("存储错误：") + e.what() + tried,
                           std::string("Storage error: ") + e.what() + tried, "");
    }
  }
}

}  // namespace pvd::store
