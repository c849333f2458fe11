// The list of domains that register operations. Adding an operation to a
// domain needs no change here or in the dispatcher; adding a domain adds one
// line. The domains sit below the engine (docs/architecture.md), so the
// engine is where they all meet.
#include "engine/operations.hpp"

#include "engine/describe.hpp"
#include "engine/review.hpp"

namespace pvd {
namespace id { void register_ops(protocol::Registry&); }
namespace hpf { void register_ops(protocol::Registry&); }
namespace si { void register_ops(protocol::Registry&); }
namespace pension { void register_ops(protocol::Registry&); }
namespace inspect { void register_ops(protocol::Registry&); }
namespace queries { void register_ops(protocol::Registry&); }
}  // namespace pvd

namespace pvd::engine {

const protocol::Registry& operations() {
  static const protocol::Registry r = [] {
    protocol::Registry x;
    id::register_ops(x);
    hpf::register_ops(x);
    si::register_ops(x);
    pension::register_ops(x);
    register_case_ops(x);
    queries::register_ops(x);
    inspect::register_ops(x);
    register_describe(x);
    return x;
  }();
  return r;
}

}  // namespace pvd::engine
