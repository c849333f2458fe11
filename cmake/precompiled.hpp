// The precompiled header (CMakeLists.txt, provident_precompile): what most
// files above the `protocol` layer include, directly or through these. Only
// headers of the layers core, policy, json, state and protocol belong here
// (docs/architecture.md): the library's files in those layers are compiled
// without it.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <nlohmann/json.hpp>

#include "provident/core/date.hpp"
#include "provident/core/money.hpp"
#include "provident/core/period.hpp"
#include "provident/id/identifiers.hpp"
#include "provident/id/mask.hpp"
#include "provident/policy/policy.hpp"
#include "provident/rules/codes.hpp"
#include "provident/rules/violation.hpp"
#include "json/args.hpp"
#include "state/entities.hpp"
#include "state/world.hpp"
#include "protocol/registry.hpp"
