// The C ABI (protocol.md §2) over pvd::Engine and the domain's rule
// functions. Every entry point is noexcept in effect: it catches everything
// and converts it to a pvd_status; failure messages go to per-thread storage
// (per engine for calls that take one) without allocating on the success
// path.
#include "provident.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <deque>
#include <mutex>
#include <new>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "utf8.hpp"
#include "hpf/deposit_batch.hpp"
#include "hpf/windows.hpp"
#include "pension/retirement.hpp"
#include "provident/engine.hpp"
#include "provident/id/citizen_id.hpp"
#include "provident/policy/loader.hpp"
#include "provident/policy/policy.hpp"
#include "provident/version.hpp"

// The header's version macros are hand-written (the header must stand alone);
// they must follow the project version.
static_assert(PVD_VERSION_MAJOR == PROVIDENT_VERSION_MAJOR && PVD_VERSION_MINOR == PROVIDENT_VERSION_MINOR &&
                  PVD_VERSION_PATCH == PROVIDENT_VERSION_PATCH,
              "capi/provident.h PVD_VERSION_* must match the project version in CMakeLists.txt");

// The first published pvd_engine_options (ABI 0): struct_size, policy,
// db_path, flags, overlay. Later versions only append members, so this size
// never changes.
struct pvd_engine_options_v0 {
  uint32_t struct_size;
  const char* policy;
  const char* db_path;
  uint32_t flags;
  const char* overlay;
};
static_assert(sizeof(pvd_engine_options) == sizeof(pvd_engine_options_v0));

// The magic of an open engine, and of a closed one (issue 13: a handle used
// after its close, or closed twice, is detected where the memory is still
// the library's: closed handles wait in a small quarantine before they are
// freed).
constexpr std::uint64_t kOpenMagic = 0x4F50454E50564431ull;    // "OPENPVD1"
constexpr std::uint64_t kClosedMagic = 0x434C4F5345445644ull;  // "CLOSEDVD"

struct pvd_engine {
  std::uint64_t magic = kOpenMagic;
  std::unique_ptr<pvd::Engine> engine;
  std::uint64_t id = 0;  // never reused: keys the per-thread messages
};

namespace {

using pvd::Date;
using pvd::LocalDateTime;
using pvd::YearMonth;

constexpr std::size_t kMessageCapacity = 1024;
// A struct_size beyond this is taken for an uninitialised struct, not a
// future version (reading that far past the known members would be unsafe).
constexpr std::uint32_t kMaxOptionsSize = 4096;
constexpr std::uint32_t kKnownOpenFlags = PVD_OPEN_LENIENT_POLICY | PVD_OPEN_READONLY | PVD_OPEN_STRICT_POLICY;

// Valid ranges of the exact types (provident.h §2): 1400-01-01 … 9999-12-31.
constexpr std::int32_t kMinDay = -208188;
constexpr std::int32_t kMaxDay = 2932896;
constexpr std::int32_t kMinMonth = 1400 * 12;
constexpr std::int32_t kMaxMonth = 9999 * 12 + 11;
constexpr std::int64_t kMinSecond = std::int64_t{kMinDay} * 86400;
constexpr std::int64_t kMaxSecond = (std::int64_t{kMaxDay} + 1) * 86400 - 1;

bool valid_date(std::int32_t d) noexcept { return d >= kMinDay && d <= kMaxDay; }
bool valid_month(std::int32_t m) noexcept { return m >= kMinMonth && m <= kMaxMonth; }
bool valid_datetime(std::int64_t s) noexcept { return s >= kMinSecond && s <= kMaxSecond; }

// ------------------------------------------------------------------ messages

struct Message {
  char text[kMessageCapacity];
};

// Copies `parts` into `out` (truncated at a UTF-8 character boundary).
void compose(Message& out, std::initializer_list<std::string_view> parts) noexcept {
  std::size_t n = 0;
  for (std::string_view p : parts) {
    std::size_t take = std::min(p.size(), kMessageCapacity - 1 - n);
    if (take < p.size())
      while (take > 0 && (static_cast<unsigned char>(p[take]) & 0xC0) == 0x80) --take;
    std::memcpy(out.text + n, p.data(), take);
    n += take;
    if (take < p.size()) break;
  }
  out.text[n] = '\0';
}

struct ThreadMessages {
  Message last{};                                      // pvd_last_error
  std::unordered_map<std::uint64_t, Message> engines;  // pvd_engine_errmsg, by engine id
  std::uint64_t unrecorded_engine = 0;                 // an engine whose message could not be stored
};

ThreadMessages& tls() noexcept {
  thread_local ThreadMessages m;
  return m;
}

// Engines alive, for pruning the messages of closed engines kept by threads.
std::mutex& live_mutex() {
  static std::mutex m;
  return m;
}
std::unordered_set<std::uint64_t>& live_engines() {
  static std::unordered_set<std::uint64_t> s;
  return s;
}
std::atomic<std::uint64_t> next_engine_id{1};

constexpr std::string_view kNoMemoryForMessage = "out of memory (the error message could not be stored)";

pvd_status fail_global(pvd_status s, std::string_view fn, std::string_view detail) noexcept {
  compose(tls().last, {fn, ": ", detail});
  return s;
}

pvd_status fail(const pvd_engine* e, pvd_status s, std::string_view fn, std::string_view detail) noexcept {
  if (!e) return fail_global(s, fn, detail);
  ThreadMessages& t = tls();
  try {
    if (t.engines.size() >= 16 && t.engines.find(e->id) == t.engines.end()) {
      std::lock_guard lock(live_mutex());
      for (auto it = t.engines.begin(); it != t.engines.end();)
        it = live_engines().count(it->first) ? std::next(it) : t.engines.erase(it);
    }
    compose(t.engines[e->id], {fn, ": ", detail});
    if (t.unrecorded_engine == e->id) t.unrecorded_engine = 0;
  } catch (...) {
    t.unrecorded_engine = e->id;
  }
  return s;
}

pvd_status misuse(std::string_view fn) noexcept { return fail_global(PVD_E_MISUSE, fn, "engine is NULL"); }

/// NULL, closed or not an engine: PVD_E_MISUSE with the reason (0 when the
/// handle is an open engine).
pvd_status check_engine(const pvd_engine* e, std::string_view fn) noexcept {
  if (!e) return misuse(fn);
  if (e->magic == kOpenMagic) return PVD_OK;
  return fail_global(PVD_E_MISUSE, fn, e->magic == kClosedMagic ? "engine was closed" : "engine is not an engine handle");
}

/// Closed handles kept (not freed) so that a late use reads ours.
std::mutex& quarantine_mutex() {
  static std::mutex m;
  return m;
}
std::deque<pvd_engine*>& quarantine() {
  static auto* q = new std::deque<pvd_engine*>();  // never destroyed: handles may be checked at exit
  return *q;
}
constexpr std::size_t kQuarantine = 64;

/// Whether [p, p + n) of T fits the address space.
template <class T>
bool addressable(const T* p, std::size_t n) noexcept {
  if (n > SIZE_MAX / sizeof(T)) return false;
  const auto a = reinterpret_cast<std::uintptr_t>(p);
  return a <= UINTPTR_MAX - n * sizeof(T);
}

/// Whether two arrays of n int64 overlap.
bool overlap(const void* x, const void* y, std::size_t n) noexcept {
  const auto a = reinterpret_cast<std::uintptr_t>(x), b = reinterpret_cast<std::uintptr_t>(y);
  const std::size_t bytes = n * sizeof(std::int64_t);
  return a < b + bytes && b < a + bytes;
}

// Runs `f` and converts every exception to a status and a message.
template <class F>
pvd_status guarded(const pvd_engine* e, std::string_view fn, F&& f) noexcept {
  try {
    return f();
  } catch (const pvd::policy::NotInForce& x) {
    return fail(e, PVD_E_POLICY, fn, x.what());
  } catch (const pvd::RequestError& x) {
    return fail(e, x.code() == "POLICY_NOT_IN_FORCE" ? PVD_E_POLICY : PVD_E_INVALID_ARGUMENT, fn, x.what());
  } catch (const pvd::EngineError& x) {
    return fail(e, x.kind() == "store" ? PVD_E_STORE : PVD_E_POLICY, fn, x.what());
  } catch (const pvd::policy::LoadError& x) {
    return fail(e, PVD_E_POLICY, fn, x.what());
  } catch (const std::bad_alloc&) {
    return fail(e, PVD_E_NOMEM, fn, "out of memory");
  } catch (const std::exception& x) {
    return fail(e, PVD_E_INTERNAL, fn, x.what());
  } catch (...) {
    return fail(e, PVD_E_INTERNAL, fn, "unknown exception");
  }
}

const pvd::policy::Policy& policy_of(const pvd_engine* e) { return *e->engine->policy(); }

std::string_view opt_string(const char* s) noexcept { return s ? std::string_view(s) : std::string_view(); }

}  // namespace

// ====================================================================== API

extern "C" {

PVD_API const char* pvd_version(void) { return PVD_VERSION_STRING; }

PVD_API int32_t pvd_abi_version(void) { return PVD_ABI_VERSION; }

PVD_API const char* pvd_status_string(pvd_status status) {
  switch (status) {
    case PVD_OK: return "PVD_OK";
    case PVD_E_INVALID_ARGUMENT: return "PVD_E_INVALID_ARGUMENT";
    case PVD_E_NOT_FOUND: return "PVD_E_NOT_FOUND";
    case PVD_E_POLICY: return "PVD_E_POLICY";
    case PVD_E_STORE: return "PVD_E_STORE";
    case PVD_E_NOMEM: return "PVD_E_NOMEM";
    case PVD_E_MISUSE: return "PVD_E_MISUSE";
    case PVD_E_INTERNAL: return "PVD_E_INTERNAL";
    default: return "PVD_E_UNKNOWN";
  }
}

PVD_API void pvd_free(void* p) { std::free(p); }

PVD_API const char* pvd_last_error(void) { return tls().last.text; }

PVD_API const char* pvd_engine_errmsg(const pvd_engine* engine) {
  if (!engine) return "pvd_engine_errmsg: engine is NULL";
  if (engine->magic == kClosedMagic) return "pvd_engine_errmsg: engine was closed";
  if (engine->magic != kOpenMagic) return "pvd_engine_errmsg: engine is not an engine handle";
  ThreadMessages& t = tls();
  if (t.unrecorded_engine == engine->id) return kNoMemoryForMessage.data();
  auto it = t.engines.find(engine->id);
  return it == t.engines.end() ? "" : it->second.text;
}

// ------------------------------------------------------------------ engine

PVD_API pvd_status pvd_engine_open(const pvd_engine_options* options, pvd_engine** out_engine) {
  constexpr std::string_view fn = "pvd_engine_open";
  if (!out_engine) return fail_global(PVD_E_INVALID_ARGUMENT, fn, "out_engine is NULL");
  *out_engine = nullptr;
  pvd_engine_options o = PVD_ENGINE_OPTIONS_INIT;
  if (options) {
    const std::uint32_t size = options->struct_size;
    if (size < sizeof(pvd_engine_options_v0))
      return fail_global(PVD_E_INVALID_ARGUMENT, fn,
                         "options->struct_size is smaller than the first published pvd_engine_options "
                         "(initialise the options with PVD_ENGINE_OPTIONS_INIT)");
    if (size > kMaxOptionsSize)
      return fail_global(PVD_E_INVALID_ARGUMENT, fn,
                         "options->struct_size is implausibly large (initialise the options with PVD_ENGINE_OPTIONS_INIT)");
    const auto* bytes = reinterpret_cast<const unsigned char*>(options);
    for (std::size_t i = sizeof(pvd_engine_options); i < size; ++i)
      if (bytes[i] != 0)
        return fail_global(PVD_E_INVALID_ARGUMENT, fn,
                           "options has non-zero bytes past the members this library knows "
                           "(a newer header's options need a newer library)");
    std::memcpy(&o, options, sizeof o);
  }
  if (o.flags & ~kKnownOpenFlags) return fail_global(PVD_E_INVALID_ARGUMENT, fn, "options->flags has unknown bits");
  const std::string_view policy = opt_string(o.policy), overlay = opt_string(o.overlay);
  if (!pvd::capi::valid_utf8(policy)) return fail_global(PVD_E_INVALID_ARGUMENT, fn, "options->policy is not valid UTF-8");
  if (o.db_path && !pvd::capi::valid_utf8(o.db_path))
    return fail_global(PVD_E_INVALID_ARGUMENT, fn, "options->db_path is not valid UTF-8");
  if (!pvd::capi::valid_utf8(overlay)) return fail_global(PVD_E_INVALID_ARGUMENT, fn, "options->overlay is not valid UTF-8");

  return guarded(nullptr, fn, [&]() -> pvd_status {
    if (!policy.empty() && !pvd::policy::is_builtin_profile(policy)) {
      std::error_code ec;
      if (!std::filesystem::is_regular_file(std::filesystem::path(std::string(policy)), ec))
        return fail_global(PVD_E_NOT_FOUND, fn,
                           "options->policy names neither a shipped profile nor a profile file: " + std::string(policy));
    }
    pvd::EngineOptions eo;
    eo.policy = std::string(policy);
    if (o.db_path) eo.db_path = std::string(o.db_path);
    eo.lenient_policy = (o.flags & PVD_OPEN_LENIENT_POLICY) != 0;
    eo.readonly = (o.flags & PVD_OPEN_READONLY) != 0;
    eo.strict_policy = (o.flags & PVD_OPEN_STRICT_POLICY) != 0;
    if (o.overlay) eo.overlay = std::string(overlay);
    auto handle = std::make_unique<pvd_engine>();
    handle->engine = std::make_unique<pvd::Engine>(eo);
    handle->id = next_engine_id.fetch_add(1, std::memory_order_relaxed);
    {
      std::lock_guard lock(live_mutex());
      live_engines().insert(handle->id);
    }
    *out_engine = handle.release();
    return PVD_OK;
  });
}

PVD_API void pvd_engine_close(pvd_engine** engine) {
  if (!engine || !*engine) return;
  pvd_engine* e = *engine;
  *engine = nullptr;
  if (e->magic != kOpenMagic) return;  // closed twice, or not an engine: nothing to release
  e->magic = kClosedMagic;
  try {
    {
      std::lock_guard lock(live_mutex());
      live_engines().erase(e->id);
    }
    tls().engines.erase(e->id);
  } catch (...) {
  }
  try {
    e->engine.reset();
    pvd_engine* oldest = nullptr;
    {
      std::lock_guard lock(quarantine_mutex());
      quarantine().push_back(e);
      if (quarantine().size() > kQuarantine) {
        oldest = quarantine().front();
        quarantine().pop_front();
      }
    }
    delete oldest;
  } catch (...) {
  }
}

PVD_API pvd_status pvd_engine_execute(pvd_engine* engine, const char* request_json, size_t request_len,
                                      char** out_response_json, size_t* out_response_len) {
  constexpr std::string_view fn = "pvd_engine_execute";
  if (out_response_json) *out_response_json = nullptr;
  if (out_response_len) *out_response_len = 0;
  if (const pvd_status st = check_engine(engine, fn)) return st;
  if (!out_response_json) return fail(engine, PVD_E_INVALID_ARGUMENT, fn, "out_response_json is NULL");
  if (!request_json && request_len > 0)
    return fail(engine, PVD_E_INVALID_ARGUMENT, fn, "request_json is NULL but request_len is not 0");
  return guarded(engine, fn, [&]() -> pvd_status {
    const std::string response =
        engine->engine->execute(std::string_view(request_json ? request_json : "", request_len));
    auto* buf = static_cast<char*>(std::malloc(response.size() + 1));
    if (!buf) return fail(engine, PVD_E_NOMEM, fn, "out of memory");
    std::memcpy(buf, response.data(), response.size());
    buf[response.size()] = '\0';
    *out_response_json = buf;
    if (out_response_len) *out_response_len = response.size();
    return PVD_OK;
  });
}

// ------------------------------------------------------------------ typed fast paths

PVD_API pvd_status pvd_id_parse(const char* number, size_t len, int32_t as_of_date, uint32_t flags,
                                pvd_citizen_id* out) {
  constexpr std::string_view fn = "pvd_id_parse";
  if (!out) return fail_global(PVD_E_INVALID_ARGUMENT, fn, "out is NULL");
  if (!number && len > 0) return fail_global(PVD_E_INVALID_ARGUMENT, fn, "number is NULL but len is not 0");
  if (flags & ~PVD_ID_ACCEPT_15_DIGITS) return fail_global(PVD_E_INVALID_ARGUMENT, fn, "flags has unknown bits");
  if (!valid_date(as_of_date))
    return fail_global(PVD_E_INVALID_ARGUMENT, fn, "as_of_date is outside 1400-01-01 … 9999-12-31");
  const std::string_view text(number ? number : "", len);
  if (!pvd::capi::valid_utf8(text)) return fail_global(PVD_E_INVALID_ARGUMENT, fn, "number is not valid UTF-8");
  return guarded(nullptr, fn, [&]() -> pvd_status {
    const auto r = pvd::id::parse_citizen_id(text, Date::from_days(as_of_date), (flags & PVD_ID_ACCEPT_15_DIGITS) != 0);
    pvd_citizen_id res;
    std::memset(&res, 0, sizeof res);
    for (auto p : r.problems) {
      switch (p) {
        case pvd::id::IdProblem::format: res.problems |= PVD_ID_FORMAT; break;
        case pvd::id::IdProblem::checksum: res.problems |= PVD_ID_CHECKSUM; break;
        case pvd::id::IdProblem::birth_date: res.problems |= PVD_ID_BIRTH_DATE; break;
        case pvd::id::IdProblem::region: res.problems |= PVD_ID_UNKNOWN_REGION; break;
      }
    }
    if (r.id && res.problems == 0) {
      const auto& id = *r.id;
      if (id.number.size() != 18 || id.region.size() != 6)
        return fail_global(PVD_E_INTERNAL, fn, "the parsed number has an unexpected length");
      std::memcpy(res.number, id.number.data(), 18);
      std::memcpy(res.region, id.region.data(), 6);
      res.birth_date = id.birth_date.days();
      res.gender = static_cast<char>(id.gender);
    } else if (res.problems == 0) {
      res.problems = PVD_ID_FORMAT;  // defensive: no id and no reason
    }
    *out = res;
    return PVD_OK;
  });
}

PVD_API pvd_status pvd_pension_retirement(const pvd_engine* engine, int32_t as_of_date, int32_t birth_date,
                                          pvd_category category, pvd_retirement* out) {
  constexpr std::string_view fn = "pvd_pension_retirement";
  if (const pvd_status st = check_engine(engine, fn)) return st;
  if (!out) return fail(engine, PVD_E_INVALID_ARGUMENT, fn, "out is NULL");
  if (!valid_date(as_of_date)) return fail(engine, PVD_E_INVALID_ARGUMENT, fn, "as_of_date is outside 1400-01-01 … 9999-12-31");
  if (!valid_date(birth_date)) return fail(engine, PVD_E_INVALID_ARGUMENT, fn, "birth_date is outside 1400-01-01 … 9999-12-31");
  pvd::pension::Category cat;
  switch (category) {
    case PVD_CATEGORY_M60: cat = pvd::pension::Category::M60; break;
    case PVD_CATEGORY_F55: cat = pvd::pension::Category::F55; break;
    case PVD_CATEGORY_F50: cat = pvd::pension::Category::F50; break;
    default: return fail(engine, PVD_E_INVALID_ARGUMENT, fn, "category is not one of PVD_CATEGORY_M60, _F55, _F50");
  }
  return guarded(engine, fn, [&]() -> pvd_status {
    const auto r = pvd::pension::statutory_retirement(policy_of(engine), nullptr, Date::from_days(as_of_date),
                                                      Date::from_days(birth_date).year_month(), cat);
    pvd_retirement res;
    res.original_month = r.original_month.serial();
    res.statutory_month = r.statutory_month.serial();
    res.delay_months = r.delay_months;
    res.age_years = r.age_years;
    res.age_months = r.age_months;
    res.earliest_month = r.earliest_month.serial();
    res.latest_month = r.latest_month.serial();
    *out = res;
    return PVD_OK;
  });
}

PVD_API pvd_status pvd_pension_min_months(const pvd_engine* engine, int32_t retirement_month, int32_t* out_months) {
  constexpr std::string_view fn = "pvd_pension_min_months";
  if (const pvd_status st = check_engine(engine, fn)) return st;
  if (!out_months) return fail(engine, PVD_E_INVALID_ARGUMENT, fn, "out_months is NULL");
  if (!valid_month(retirement_month))
    return fail(engine, PVD_E_INVALID_ARGUMENT, fn, "retirement_month is outside 1400-01 … 9999-12");
  return guarded(engine, fn, [&]() -> pvd_status {
    *out_months = pvd::pension::min_contribution_months(policy_of(engine), nullptr, YearMonth::from_serial(retirement_month));
    return PVD_OK;
  });
}

PVD_API pvd_status pvd_hpf_payment_window(const pvd_engine* engine, int64_t as_of, int32_t* out_open) {
  constexpr std::string_view fn = "pvd_hpf_payment_window";
  if (const pvd_status st = check_engine(engine, fn)) return st;
  if (!out_open) return fail(engine, PVD_E_INVALID_ARGUMENT, fn, "out_open is NULL");
  if (!valid_datetime(as_of)) return fail(engine, PVD_E_INVALID_ARGUMENT, fn, "as_of is outside 1400-01-01 … 9999-12-31");
  return guarded(engine, fn, [&]() -> pvd_status {
    *out_open = pvd::hpf::payment_window_open(policy_of(engine), nullptr, LocalDateTime::from_epoch_seconds(as_of)) ? 1 : 0;
    return PVD_OK;
  });
}

PVD_API pvd_status pvd_hpf_adjustment_window(const pvd_engine* engine, int64_t as_of, int32_t last_adjust_year,
                                             int32_t adjust_count, pvd_adjustment_window* out) {
  constexpr std::string_view fn = "pvd_hpf_adjustment_window";
  if (const pvd_status st = check_engine(engine, fn)) return st;
  if (!out) return fail(engine, PVD_E_INVALID_ARGUMENT, fn, "out is NULL");
  if (!valid_datetime(as_of)) return fail(engine, PVD_E_INVALID_ARGUMENT, fn, "as_of is outside 1400-01-01 … 9999-12-31");
  if (last_adjust_year < 0 || last_adjust_year > 9999)
    return fail(engine, PVD_E_INVALID_ARGUMENT, fn, "last_adjust_year must be 0 (none) or a year up to 9999");
  if (adjust_count < 0) return fail(engine, PVD_E_INVALID_ARGUMENT, fn, "adjust_count must not be negative");
  return guarded(engine, fn, [&]() -> pvd_status {
    std::optional<std::int64_t> last;
    if (last_adjust_year != 0) last = last_adjust_year;
    const auto w = pvd::hpf::adjustment_window(policy_of(engine), nullptr, LocalDateTime::from_epoch_seconds(as_of), last,
                                               adjust_count);
    if (w.per_year < 0 || w.per_year > INT32_MAX)
      return fail(engine, PVD_E_POLICY, fn, "hpf.flex.adjust.per_year does not fit an int32_t");
    pvd_adjustment_window res;
    res.open = w.open() ? 1 : 0;
    res.month_open = w.month_open ? 1 : 0;
    res.under_yearly_limit = w.under_yearly_limit ? 1 : 0;
    res.done_this_year = static_cast<int32_t>(w.done_this_year);
    res.per_year = static_cast<int32_t>(w.per_year);
    res.months_mask = 0;
    if (!w.months || w.months->empty()) {
      res.months_mask = 0xFFFu;
    } else {
      for (int m : *w.months)
        if (m >= 1 && m <= 12) res.months_mask |= 1u << (m - 1);
    }
    *out = res;
    return PVD_OK;
  });
}

PVD_API pvd_status pvd_hpf_rate_limits(const pvd_engine* engine, int32_t as_of_date, int64_t* out_min_micros,
                                       int64_t* out_max_micros) {
  constexpr std::string_view fn = "pvd_hpf_rate_limits";
  if (const pvd_status st = check_engine(engine, fn)) return st;
  if (!out_min_micros || !out_max_micros) return fail(engine, PVD_E_INVALID_ARGUMENT, fn, "an out pointer is NULL");
  if (!valid_date(as_of_date)) return fail(engine, PVD_E_INVALID_ARGUMENT, fn, "as_of_date is outside 1400-01-01 … 9999-12-31");
  return guarded(engine, fn, [&]() -> pvd_status {
    const auto& p = policy_of(engine);
    const Date on = Date::from_days(as_of_date);
    const auto lo = p.get<pvd::Rate>(pvd::policy::Key::hpf_rate_min, on).to_micros();
    if (!lo) return fail(engine, PVD_E_POLICY, fn, "hpf.rate.min is not a whole number of millionths");
    const auto hi = p.get<pvd::Rate>(pvd::policy::Key::hpf_rate_max, on).to_micros();
    if (!hi) return fail(engine, PVD_E_POLICY, fn, "hpf.rate.max is not a whole number of millionths");
    *out_min_micros = *lo;
    *out_max_micros = *hi;
    return PVD_OK;
  });
}

PVD_API pvd_status pvd_hpf_deposit_batch(const pvd_engine* engine, int32_t as_of_month, size_t n, const int64_t* base_fen,
                                         const int64_t* employer_rate_micros, const int64_t* employee_rate_micros,
                                         int64_t* out_employer_fen, int64_t* out_employee_fen) {
  constexpr std::string_view fn = "pvd_hpf_deposit_batch";
  if (const pvd_status st = check_engine(engine, fn)) return st;
  if (n > 0 && (!base_fen || !employer_rate_micros || !employee_rate_micros || !out_employer_fen || !out_employee_fen))
    return fail(engine, PVD_E_INVALID_ARGUMENT, fn, "an array pointer is NULL");
  if (n > 0) {
    for (const int64_t* a : {base_fen, employer_rate_micros, employee_rate_micros, static_cast<const int64_t*>(out_employer_fen),
                             static_cast<const int64_t*>(out_employee_fen)})
      if (!addressable(a, n)) return fail(engine, PVD_E_INVALID_ARGUMENT, fn, "n is larger than the arrays can be");
    for (const int64_t* in : {base_fen, employer_rate_micros, employee_rate_micros})
      if (overlap(in, out_employer_fen, n) || overlap(in, out_employee_fen, n))
        return fail(engine, PVD_E_INVALID_ARGUMENT, fn, "an output array overlaps an input array");
    if (overlap(out_employer_fen, out_employee_fen, n))
      return fail(engine, PVD_E_INVALID_ARGUMENT, fn, "the two output arrays overlap");
  }
  if (!valid_month(as_of_month)) return fail(engine, PVD_E_INVALID_ARGUMENT, fn, "as_of_month is outside 1400-01 … 9999-12");
  return guarded(engine, fn, [&]() -> pvd_status {
    const auto rounding = policy_of(engine).get<pvd::Rounding>(pvd::policy::Key::hpf_deposit_rounding,
                                                               YearMonth::from_serial(as_of_month).first_day());
    if (n == 0) return PVD_OK;
    if (auto err = pvd::hpf::deposit_batch(rounding, n, base_fen, employer_rate_micros, employee_rate_micros,
                                           out_employer_fen, out_employee_fen))
      return fail(engine, PVD_E_INVALID_ARGUMENT, fn, err->message);
    return PVD_OK;
  });
}

}  // extern "C"
