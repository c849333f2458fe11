// The dispatcher: envelope → operation → response (protocol.md §1). It knows
// nothing of any particular operation (engine::operations() has them) nor of
// any particular database (a Store, or none).
#pragma once

#include <mutex>
#include <string>
#include <string_view>

#include "engine/profiles.hpp"
#include "engine/store.hpp"

namespace pvd::engine {

class Dispatcher {
 public:
  /// Answers with `profiles`; requests without facts run on `store`, which may
  /// be null (they are then STORE_ERROR). Both outlive the dispatcher.
  Dispatcher(const Profiles& profiles, Store* store) : profiles_(profiles), store_(store) {}
  Dispatcher(const Dispatcher&) = delete;
  Dispatcher& operator=(const Dispatcher&) = delete;

  /// Runs one JSON request and returns its JSON response (one line). Business
  /// denials and request errors are responses; this throws only when memory
  /// runs out. Calculators and stateless requests may run concurrently;
  /// store-mode requests are serialised here.
  std::string execute(std::string_view request_json);

 private:
  const Profiles& profiles_;
  Store* store_;
  std::mutex store_mu_;
};

}  // namespace pvd::engine
