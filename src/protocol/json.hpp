// The protocol's JSON (protocol.md §1.3): strict parsing, the limits, the
// ordered output. Defined one layer down, in src/json/, so that the entities'
// codec (state) reads the same JSON; the operations include it from here.
#pragma once

#include "json/json.hpp"
