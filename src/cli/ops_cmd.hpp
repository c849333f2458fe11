// `provident ops [OP] [--json | --markdown]`: the operations and their schemas
// (schemas/README.md), as text for a person, JSON for a program, Markdown for
// docs/operations.md; `provident codes [--markdown]`: the codes (docs/codes.md).
#pragma once

#include <optional>
#include <string>

namespace pvd::cli {

/// Exit status: 0, or 2 for an unknown OP (a usage error; the nearest name on stderr).
int run_ops(const std::optional<std::string>& op, bool json, bool markdown);

/// Every stable violation and error code with its messages and source; exit status 0.
int run_codes(bool markdown);

}  // namespace pvd::cli
