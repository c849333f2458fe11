// What the C ABI's files share (private to capi/): the engine handle, the
// failure messages and the conversion of every exception to a pvd_status.
// Every entry point is noexcept in effect: it catches everything and converts
// it to a pvd_status; failure messages go to per-thread storage (per engine
// for calls that take one) without allocating on the success path.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <new>
#include <string>
#include <string_view>

#include "fastpath/error.hpp"
#include "provident.h"
#include "provident/engine.hpp"
#include "provident/id/mask.hpp"
#include "provident/policy/loader.hpp"
#include "provident/rules/codes.hpp"

// The magic of an open engine, and of a closed one (issue 13: a handle used
// after its close, or closed twice, is detected where the memory is still
// the library's: closed handles wait in a small quarantine before they are
// freed).
inline constexpr std::uint64_t kOpenMagic = 0x4F50454E50564431ull;    // "OPENPVD1"
inline constexpr std::uint64_t kClosedMagic = 0x434C4F5345445644ull;  // "CLOSEDVD"

struct pvd_engine {
  std::uint64_t magic = kOpenMagic;
  std::unique_ptr<pvd::Engine> engine;
  std::uint64_t id = 0;  // never reused: keys the per-thread messages
};

namespace pvd::capi {

/// Records "fn: detail" for pvd_last_error() and returns `s`.
pvd_status fail_global(pvd_status s, std::string_view fn, std::string_view detail) noexcept;
/// Records "fn: detail…" for pvd_engine_errmsg(e) (pvd_last_error() when e is NULL) and returns `s`.
pvd_status fail(const pvd_engine* e, pvd_status s, std::string_view fn, std::initializer_list<std::string_view> detail) noexcept;
inline pvd_status fail(const pvd_engine* e, pvd_status s, std::string_view fn, std::string_view detail) noexcept {
  return fail(e, s, fn, {detail});
}
/// Sets pvd_engine_errmsg(e) for this thread to `text` without a function
/// name ("" clears it; clearing allocates nothing).
void note_response(const pvd_engine* e, std::string_view text) noexcept;
/// The one-line summary of a response that is not ok; "" for an ok one (summary.cpp).
std::string response_summary(std::string_view response);
/// NULL, closed or not an engine: PVD_E_MISUSE with the reason (PVD_OK when
/// the handle is an open engine).
pvd_status check_engine(const pvd_engine* e, std::string_view fn) noexcept;

/// A new engine's id, counted live until forget_engine (its messages are kept until then).
std::uint64_t register_engine();
void forget_engine(std::uint64_t id) noexcept;

inline const policy::Policy& policy_of(const pvd_engine* e) { return *e->engine->policy(); }

/// Runs `f` and converts every exception to a status and a message.
template <class F>
pvd_status guarded(const pvd_engine* e, std::string_view fn, F&& f) noexcept {
  try {
    return f();
  } catch (const fastpath::Error& x) {
    return fail(e, x.cause == fastpath::Cause::policy ? PVD_E_POLICY : PVD_E_INVALID_ARGUMENT, fn,
                id::mask_echo(x.message_en));
  } catch (const policy::NotInForce& x) {
    return fail(e, PVD_E_POLICY, fn, x.what());
  } catch (const RequestError& x) {
    return fail(e, x.code() == code::POLICY_NOT_IN_FORCE ? PVD_E_POLICY : PVD_E_INVALID_ARGUMENT, fn, x.what());
  } catch (const EngineError& x) {
    return fail(e, x.kind() == "store" ? PVD_E_STORE : PVD_E_POLICY, fn, x.what());
  } catch (const policy::LoadError& x) {
    return fail(e, PVD_E_POLICY, fn, x.what());
  } catch (const std::bad_alloc&) {
    return fail(e, PVD_E_NOMEM, fn, "out of memory");
  } catch (const std::exception& x) {
    return fail(e, PVD_E_INTERNAL, fn, x.what());
  } catch (...) {
    return fail(e, PVD_E_INTERNAL, fn, "unknown exception");
  }
}

/// An out pointer of a call, by name.
struct Out {
  const void* pointer;
  std::string_view name;
};

/// The shape of every typed call on an engine: check_engine, every out
/// pointer non-NULL, then `f(policy)` guarded.
template <class F>
pvd_status on_engine(const pvd_engine* e, std::string_view fn, std::initializer_list<Out> outs, F&& f) noexcept {
  if (const pvd_status st = check_engine(e, fn)) return st;
  for (const Out& o : outs)
    if (!o.pointer) return fail(e, PVD_E_INVALID_ARGUMENT, fn, {o.name, " is NULL"});
  return guarded(e, fn, [&]() -> pvd_status {
    f(policy_of(e));
    return PVD_OK;
  });
}

}  // namespace pvd::capi
