// Strict decoding of arguments (protocol.md §1.2): ArgReader and the value
// decoders. Defined one layer down, in src/json/, so that the entities' codec
// (state) decodes facts with the same reader; the operations include it from
// here.
#pragma once

#include "json/args.hpp"
