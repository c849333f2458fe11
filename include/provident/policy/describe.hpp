// Human-readable text of policy values (for `provident policy show` and docs).
#pragma once

#include <string>

#include "provident/policy/values.hpp"

namespace pvd::policy {

std::string describe(const Value& v);

}  // namespace pvd::policy
