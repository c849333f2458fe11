#include "provident/policy/horizon.hpp"

#include <algorithm>

namespace pvd::policy {

namespace {

/// The days [from, to] of each version in force, clipped to `range` (a version
/// without `to` runs until the next one starts, the last one without end).
std::vector<DatePeriod> in_force(const Policy& p, Key k, const DatePeriod& window, const DatePeriod& range) {
  const auto& vs = p.timeline(k).versions;
  std::vector<DatePeriod> out;
  for (std::size_t i = 0; i < vs.size(); ++i) {
    const Version& v = vs[i];
    if (v.provisional && !p.provisional_allowed()) continue;
    Date end = v.to ? *v.to : (i + 1 < vs.size() ? vs[i + 1].from - 1 : range.to);
    DatePeriod d{std::max({v.from, window.from, range.from}), std::min({end, window.to, range.to})};
    if (d.inverted()) continue;
    if (!out.empty() && out.back().to + 1 >= d.from) out.back().to = std::max(out.back().to, d.to);
    else out.push_back(d);
  }
  return out;
}

bool overlaps(const Version& v, std::optional<Date> next_from, const DatePeriod& range) {
  const Date end = v.to ? *v.to : (next_from ? *next_from - 1 : range.to);
  return !(end < range.from) && !(range.to < v.from);
}

}  // namespace

Horizon horizon(const Policy& p, Date from, Date until) {
  Horizon h{p.name(), from, until, {}, {}};
  const DatePeriod range{from, until};
  for (const auto& ki : all_keys()) {
    if (!ki.required) continue;
    const auto window = p.coverage(ki.group);
    if (!window) continue;
    ParameterHorizon ph{ki.key, std::string(ki.group), std::nullopt, {}, {}, {}};
    const auto days = in_force(p, ki.key, *window, range);
    if (!days.empty()) ph.last_in_force = days.back().to;
    // The holes of [from, until] between (and before) the days in force; the
    // days after the last one are the parameter running out.
    Date cursor = from;
    const auto declared = p.gaps(ki.group);
    auto add_gap = [&](DatePeriod g) {
      ParameterHorizon::Gap gap{g, false, {}};
      for (const auto& d : declared)
        if (!(g.from < d.days.from) && !(d.days.to < g.to)) {
          gap.declared = true;
          gap.note = d.note;
        }
      if (!gap.declared)
        h.problems.push_back(std::string(ki.name) + ": no value from " + g.from.to_string() + " to " + g.to.to_string() +
                             " (not a gap the profile declares)");
      ph.gaps.push_back(std::move(gap));
    };
    for (const auto& d : days) {
      if (cursor < d.from) add_gap({cursor, d.from - 1});
      cursor = d.to + 1;
    }
    if (!ph.last_in_force) {
      add_gap(range);
    } else if (*ph.last_in_force < until) {
      ph.gaps.push_back({{*ph.last_in_force + 1, until}, false, {}});
      h.problems.push_back(std::string(ki.name) + ": in force until " + ph.last_in_force->to_string() + ", not until " +
                           until.to_string());
    }
    const auto& vs = p.timeline(ki.key).versions;
    for (std::size_t i = 0; i < vs.size(); ++i) {
      const auto next = i + 1 < vs.size() ? std::optional<Date>(vs[i + 1].from) : std::nullopt;
      if (!overlaps(vs[i], next, range)) continue;
      if (vs[i].provisional) ph.provisional.push_back(vs[i].id(ki.key));
      if (!vs[i].verified) ph.unverified.push_back(vs[i].id(ki.key));
    }
    h.parameters.push_back(std::move(ph));
  }
  return h;
}

}  // namespace pvd::policy
