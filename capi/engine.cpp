// The C ABI (protocol.md §2): the library's identity, engine handles and
// their options, and the JSON protocol through pvd_engine_execute.
#include <cstdlib>
#include <cstring>
#include <deque>
#include <filesystem>
#include <mutex>
#include <string>

#include "internal.hpp"
#include "provident/version.hpp"
#include "utf8.hpp"

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

namespace {

using pvd::capi::fail;
using pvd::capi::fail_global;

// A struct_size beyond this is taken for an uninitialised struct, not a
// future version (reading that far past the known members would be unsafe).
constexpr std::uint32_t kMaxOptionsSize = 4096;
constexpr std::uint32_t kKnownOpenFlags = PVD_OPEN_LENIENT_POLICY | PVD_OPEN_READONLY | PVD_OPEN_STRICT_POLICY;

/// A JSON string of valid UTF-8 text: quotes, backslashes and control
/// characters escaped.
std::string json_string(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\u00";
      out += kHex[(c >> 4) & 0xf];
      out += kHex[c & 0xf];
    } else {
      out += c;
    }
  }
  return out + "\"";
}

/// Runs one JSON request and hands its response to the caller (pvd_free);
/// this thread's message on the engine becomes the response's summary.
pvd_status run_request(pvd_engine* engine, std::string_view fn, std::string_view request, char** out, size_t* out_len) {
  return pvd::capi::guarded(engine, fn, [&]() -> pvd_status {
    const std::string response = engine->engine->execute(request);
    const std::string summary = pvd::capi::response_summary(response);
    auto* buf = static_cast<char*>(std::malloc(response.size() + 1));
    if (!buf) return fail(engine, PVD_E_NOMEM, fn, "out of memory");
    std::memcpy(buf, response.data(), response.size());
    buf[response.size()] = '\0';
    *out = buf;
    if (out_len) *out_len = response.size();
    pvd::capi::note_response(engine, summary);
    return PVD_OK;
  });
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

std::string_view opt_string(const char* s) noexcept { return s ? std::string_view(s) : std::string_view(); }

/// The caller's options as this library knows them (PVD_OK), or why not.
pvd_status read_options(const pvd_engine_options* options, pvd_engine_options& o, std::string_view fn) noexcept {
  o = PVD_ENGINE_OPTIONS_INIT;
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
  if (!pvd::capi::valid_utf8(opt_string(o.policy)))
    return fail_global(PVD_E_INVALID_ARGUMENT, fn, "options->policy is not valid UTF-8");
  if (o.db_path && !pvd::capi::valid_utf8(o.db_path))
    return fail_global(PVD_E_INVALID_ARGUMENT, fn, "options->db_path is not valid UTF-8");
  if (!pvd::capi::valid_utf8(opt_string(o.overlay)))
    return fail_global(PVD_E_INVALID_ARGUMENT, fn, "options->overlay is not valid UTF-8");
  return PVD_OK;
}

pvd::EngineOptions engine_options(const pvd_engine_options& o) {
  pvd::EngineOptions eo;
  eo.policy = std::string(opt_string(o.policy));
  if (o.db_path) eo.db_path = std::string(o.db_path);
  eo.lenient_policy = (o.flags & PVD_OPEN_LENIENT_POLICY) != 0;
  eo.readonly = (o.flags & PVD_OPEN_READONLY) != 0;
  eo.strict_policy = (o.flags & PVD_OPEN_STRICT_POLICY) != 0;
  if (o.overlay) eo.overlay = std::string(o.overlay);
  return eo;
}

}  // namespace

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

PVD_API pvd_status pvd_engine_options_init(pvd_engine_options* options, uint32_t struct_size) {
  constexpr std::string_view fn = "pvd_engine_options_init";
  if (!options) return fail_global(PVD_E_INVALID_ARGUMENT, fn, "options is NULL");
  if (struct_size < sizeof(pvd_engine_options_v0) || struct_size > kMaxOptionsSize)
    return fail_global(PVD_E_INVALID_ARGUMENT, fn,
                       "struct_size is not the size of a pvd_engine_options (pass sizeof the caller's struct)");
  std::memset(options, 0, struct_size);  // the caller's struct, however long: later members' defaults are zero
  options->struct_size = struct_size;
  return PVD_OK;
}

PVD_API pvd_status pvd_engine_open(const pvd_engine_options* options, pvd_engine** out_engine) {
  constexpr std::string_view fn = "pvd_engine_open";
  if (!out_engine) return fail_global(PVD_E_INVALID_ARGUMENT, fn, "out_engine is NULL");
  *out_engine = nullptr;
  pvd_engine_options o;
  if (const pvd_status st = read_options(options, o, fn)) return st;
  return pvd::capi::guarded(nullptr, fn, [&]() -> pvd_status {
    const std::string_view policy = opt_string(o.policy);
    if (!policy.empty() && !pvd::policy::is_builtin_profile(policy)) {
      std::error_code ec;
      if (!std::filesystem::is_regular_file(std::filesystem::path(std::string(policy)), ec))
        return fail_global(PVD_E_NOT_FOUND, fn, "options->policy " + std::string(policy) + ": " + pvd::policy::not_a_profile(policy));
    }
    auto handle = std::make_unique<pvd_engine>();
    handle->engine = std::make_unique<pvd::Engine>(engine_options(o));
    handle->id = pvd::capi::register_engine();
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
  pvd::capi::forget_engine(e->id);
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
  if (const pvd_status st = pvd::capi::check_engine(engine, fn)) return st;
  if (!out_response_json) return fail(engine, PVD_E_INVALID_ARGUMENT, fn, "out_response_json is NULL");
  if (!request_json && request_len > 0)
    return fail(engine, PVD_E_INVALID_ARGUMENT, fn, "request_json is NULL but request_len is not 0");
  return run_request(engine, fn, std::string_view(request_json ? request_json : "", request_len), out_response_json,
                     out_response_len);
}

PVD_API pvd_status pvd_policy_get(pvd_engine* engine, const char* key, const char* date, const char* profile,
                                  char** out_response_json, size_t* out_response_len) {
  constexpr std::string_view fn = "pvd_policy_get";
  if (out_response_json) *out_response_json = nullptr;
  if (out_response_len) *out_response_len = 0;
  if (const pvd_status st = pvd::capi::check_engine(engine, fn)) return st;
  if (!out_response_json) return fail(engine, PVD_E_INVALID_ARGUMENT, fn, "out_response_json is NULL");
  if (!key || !date) return fail(engine, PVD_E_INVALID_ARGUMENT, fn, !key ? "key is NULL" : "date is NULL");
  for (const char* text : {key, date, profile})
    if (text && !pvd::capi::valid_utf8(text)) return fail(engine, PVD_E_INVALID_ARGUMENT, fn, "an argument is not valid UTF-8");
  // The request the JSON protocol would carry: the engine checks every
  // argument as it checks policy.get's, and answers alike.
  std::string request = R"({"op":"policy.get","args":{"key":)" + json_string(key) + R"(,"date":)" + json_string(date);
  if (profile) request += R"(,"profile":)" + json_string(profile);
  request += "}}";
  return run_request(engine, fn, request, out_response_json, out_response_len);
}

}  // extern "C"
