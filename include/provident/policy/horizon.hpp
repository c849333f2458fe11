// How far a profile's data reaches (issue 15): for every parameter the profile
// covers, the last day it is in force, the days of a range it does not answer
// (gaps), and the provisional and unverified versions the range rests on.
// `provident policy check --until`, the `policy.horizon` query, and the test
// that every shipped profile answers through the end of next year read it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "provident/core/period.hpp"
#include "provident/policy/policy.hpp"

namespace pvd::policy {

struct ParameterHorizon {
  Key key;
  std::string group;
  /// The last day of [from, until] on which the parameter is in force, if any.
  std::optional<Date> last_in_force;
  /// Days of [from, until] without a value in force, ascending, merged.
  /// `declared` says whether the profile lists the gap as a known one
  /// (a figure that was not found: [gaps] in the profile).
  struct Gap {
    DatePeriod days;
    bool declared = false;
    std::string note;
  };
  std::vector<Gap> gaps;
  std::vector<std::string> provisional;  // version ids in force somewhere in [from, until]
  std::vector<std::string> unverified;   // likewise, verified = false (provisional ones included)
};

struct Horizon {
  std::string profile;
  Date from, until;
  std::vector<ParameterHorizon> parameters;  // schema order; only the groups the profile covers
  /// Problems that fail `policy check --until`: a parameter that stops before
  /// `until`, or a gap the profile does not declare. Empty = the profile answers.
  std::vector<std::string> problems;
};

/// The horizon of `p` over [from, until] (from <= until). A parameter counts
/// when its coverage group has a window in the profile (or a profile it
/// extends) and it is required in that group.
Horizon horizon(const Policy& p, Date from, Date until);

}  // namespace pvd::policy
