// The C ABI's failure messages (provident.h §2 "Error detail"): per thread,
// and per engine for calls that take one; composed in fixed storage, so that
// recording one allocates nothing unless a thread keeps the messages of many
// engines.
#include <algorithm>
#include <atomic>
#include <cstring>
#include <mutex>
#include <span>
#include <unordered_map>
#include <unordered_set>

#include "internal.hpp"

namespace pvd::capi {

namespace {

constexpr std::size_t kMessageCapacity = 1024;

struct Message {
  char text[kMessageCapacity];
};

// Copies `parts` into `out` (truncated at a UTF-8 character boundary).
void compose(Message& out, std::span<const std::string_view> parts) noexcept {
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

// Stores `parts` as engine e's message on this thread (pruning the messages
// of closed engines once a thread holds many).
void record(ThreadMessages& t, const pvd_engine* e, std::span<const std::string_view> parts) noexcept {
  try {
    if (t.engines.size() >= 16 && t.engines.find(e->id) == t.engines.end()) {
      std::lock_guard lock(live_mutex());
      for (auto it = t.engines.begin(); it != t.engines.end();)
        it = live_engines().count(it->first) ? std::next(it) : t.engines.erase(it);
    }
    compose(t.engines[e->id], parts);
    if (t.unrecorded_engine == e->id) t.unrecorded_engine = 0;
  } catch (...) {
    t.unrecorded_engine = e->id;
  }
}

}  // namespace

pvd_status fail_global(pvd_status s, std::string_view fn, std::string_view detail) noexcept {
  const std::string_view parts[] = {fn, ": ", detail};
  compose(tls().last, parts);
  return s;
}

pvd_status fail(const pvd_engine* e, pvd_status s, std::string_view fn, std::initializer_list<std::string_view> detail) noexcept {
  std::string_view parts[4] = {fn, ": "};
  std::size_t k = 2;
  for (std::string_view d : detail)
    if (k < std::size(parts)) parts[k++] = d;
  const std::span<const std::string_view> all(parts, k);
  if (!e) {
    compose(tls().last, all);
    return s;
  }
  record(tls(), e, all);
  return s;
}

void note_response(const pvd_engine* e, std::string_view text) noexcept {
  ThreadMessages& t = tls();
  if (text.empty()) {
    // Nothing stored for this engine means "" already: no allocation.
    if (auto it = t.engines.find(e->id); it != t.engines.end()) it->second.text[0] = '\0';
    if (t.unrecorded_engine == e->id) t.unrecorded_engine = 0;
    return;
  }
  record(t, e, {&text, 1});
}

pvd_status check_engine(const pvd_engine* e, std::string_view fn) noexcept {
  if (!e) return fail_global(PVD_E_MISUSE, fn, "engine is NULL");
  if (e->magic == kOpenMagic) return PVD_OK;
  return fail_global(PVD_E_MISUSE, fn, e->magic == kClosedMagic ? "engine was closed" : "engine is not an engine handle");
}

std::uint64_t register_engine() {
  const std::uint64_t id = next_engine_id.fetch_add(1, std::memory_order_relaxed);
  std::lock_guard lock(live_mutex());
  live_engines().insert(id);
  return id;
}

void forget_engine(std::uint64_t id) noexcept {
  try {
    {
      std::lock_guard lock(live_mutex());
      live_engines().erase(id);
    }
    tls().engines.erase(id);
  } catch (...) {
  }
}

}  // namespace pvd::capi

extern "C" {

PVD_API const char* pvd_last_error(void) { return pvd::capi::tls().last.text; }

PVD_API const char* pvd_engine_errmsg(const pvd_engine* engine) {
  if (!engine) return "pvd_engine_errmsg: engine is NULL";
  if (engine->magic == kClosedMagic) return "pvd_engine_errmsg: engine was closed";
  if (engine->magic != kOpenMagic) return "pvd_engine_errmsg: engine is not an engine handle";
  pvd::capi::ThreadMessages& t = pvd::capi::tls();
  if (t.unrecorded_engine == engine->id) return pvd::capi::kNoMemoryForMessage.data();
  auto it = t.engines.find(engine->id);
  return it == t.engines.end() ? "" : it->second.text;
}

}  // extern "C"
