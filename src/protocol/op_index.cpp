// The list of domains that register operations. Adding an operation to a
// domain needs no change here or in the dispatcher; adding a domain adds one
// line.
#include "protocol/registry.hpp"

namespace pvd {
namespace id { void register_ops(protocol::Registry&); }
namespace hpf { void register_ops(protocol::Registry&); }
namespace si { void register_ops(protocol::Registry&); }
namespace pension { void register_ops(protocol::Registry&); }
namespace cases { void register_ops(protocol::Registry&); }
namespace store { void register_query_ops(protocol::Registry&); }
namespace inspect { void register_ops(protocol::Registry&); }
}  // namespace pvd

namespace pvd::protocol {

const Registry& registry() {
  static const Registry r = [] {
    Registry x;
    id::register_ops(x);
    hpf::register_ops(x);
    si::register_ops(x);
    pension::register_ops(x);
    cases::register_ops(x);
    store::register_query_ops(x);
    inspect::register_ops(x);
    return x;
  }();
  return r;
}

}  // namespace pvd::protocol
