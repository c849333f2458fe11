#include "provident/core/period.hpp"

#include <algorithm>
#include <numeric>
#include <queue>
#include <set>

namespace pvd {

namespace {

/// The indexes of the periods that are not inverted, by start (ties: lower index first): the order of a sweep.
template <class Point>
std::vector<std::size_t> start_order(std::span<const Period<Point>> periods) {
  std::vector<std::size_t> order;
  order.reserve(periods.size());
  for (std::size_t i = 0; i < periods.size(); ++i)
    if (!periods[i].inverted()) order.push_back(i);
  std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    return periods[x].from < periods[y].from || (periods[x].from == periods[y].from && x < y);
  });
  return order;
}

}  // namespace

template <class Point>
std::vector<Overlap<Point>> find_overlaps(std::span<const Period<Point>> periods) {
  const std::vector<std::size_t> order = start_order(periods);
  // Active periods ordered by end, so that those ending before the next start
  // leave in O(log n) each; every remaining active period overlaps the new one.
  auto by_end = [&](std::size_t x, std::size_t y) { return periods[y].to < periods[x].to; };
  std::priority_queue<std::size_t, std::vector<std::size_t>, decltype(by_end)> ending(by_end);
  std::vector<std::size_t> active;  // mirrors the queue for enumeration
  std::vector<Overlap<Point>> out;
  for (std::size_t i : order) {
    const auto& p = periods[i];
    bool removed = false;
    while (!ending.empty() && periods[ending.top()].to < p.from) { ending.pop(); removed = true; }
    if (removed) {
      active.erase(std::remove_if(active.begin(), active.end(), [&](std::size_t j) { return periods[j].to < p.from; }),
                   active.end());
    }
    for (std::size_t j : active) {
      const auto& q = periods[j];
      Overlap<Point> o;
      o.a = std::min(i, j);
      o.b = std::max(i, j);
      o.shared.from = p.from < q.from ? q.from : p.from;
      o.shared.to = p.to < q.to ? p.to : q.to;
      out.push_back(o);
    }
    ending.push(i);
    active.push_back(i);
  }
  std::sort(out.begin(), out.end(), [](const auto& x, const auto& y) { return x.a < y.a || (x.a == y.a && x.b < y.b); });
  return out;
}

template std::vector<Overlap<YearMonth>> find_overlaps(std::span<const MonthPeriod>);
template std::vector<Overlap<Date>> find_overlaps(std::span<const DatePeriod>);

template <class Point>
OverlapReport<Point> overlap_report(std::span<const Period<Point>> periods, std::size_t max_others, std::size_t max_pairs) {
  const std::vector<std::size_t> order = start_order(periods);
  // The sweep of find_overlaps, with the active periods kept by index so that
  // the first few are listed without enumerating them all.
  auto by_end = [&](std::size_t x, std::size_t y) { return periods[y].to < periods[x].to; };
  std::priority_queue<std::size_t, std::vector<std::size_t>, decltype(by_end)> ending(by_end);
  std::set<std::size_t> active;
  OverlapReport<Point> out;
  for (std::size_t i : order) {
    const auto& p = periods[i];
    while (!ending.empty() && periods[ending.top()].to < p.from) {
      active.erase(ending.top());
      ending.pop();
    }
    if (!active.empty()) {
      out.pair_count += static_cast<std::int64_t>(active.size());
      typename OverlapReport<Point>::Entry e;
      e.index = i;
      for (auto it = active.begin(); it != active.end() && e.others.size() < max_others; ++it) {
        e.others.push_back(*it);
        if (out.pairs.size() < max_pairs) {
          const auto& q = periods[*it];
          Overlap<Point> o;
          o.a = std::min(i, *it);
          o.b = std::max(i, *it);
          o.shared.from = p.from < q.from ? q.from : p.from;
          o.shared.to = p.to < q.to ? p.to : q.to;
          out.pairs.push_back(o);
        }
      }
      e.more = active.size() - e.others.size();
      out.entries.push_back(std::move(e));
    }
    ending.push(i);
    active.insert(i);
  }
  std::sort(out.entries.begin(), out.entries.end(), [](const auto& x, const auto& y) { return x.index < y.index; });
  std::sort(out.pairs.begin(), out.pairs.end(), [](const auto& x, const auto& y) { return x.a < y.a || (x.a == y.a && x.b < y.b); });
  return out;
}

template OverlapReport<YearMonth> overlap_report(std::span<const MonthPeriod>, std::size_t, std::size_t);
template OverlapReport<Date> overlap_report(std::span<const DatePeriod>, std::size_t, std::size_t);

MonthSet MonthSet::of(std::span<const MonthPeriod> periods) {
  std::vector<MonthPeriod> v;
  v.reserve(periods.size());
  for (const auto& p : periods)
    if (!p.inverted()) v.push_back(p);
  std::sort(v.begin(), v.end(), [](const MonthPeriod& x, const MonthPeriod& y) { return x.from < y.from; });
  MonthSet s;
  for (const auto& p : v) {
    if (!s.ranges_.empty() && p.from.serial() <= s.ranges_.back().to.serial() + 1) {
      if (s.ranges_.back().to < p.to) s.ranges_.back().to = p.to;
    } else {
      s.ranges_.push_back(p);
    }
  }
  return s;
}

std::int64_t MonthSet::count() const noexcept {
  std::int64_t n = 0;
  for (const auto& r : ranges_) n += month_count(r);
  return n;
}

bool MonthSet::contains(YearMonth m) const noexcept {
  auto it = std::upper_bound(ranges_.begin(), ranges_.end(), m, [](YearMonth x, const MonthPeriod& r) { return x < r.from; });
  if (it == ranges_.begin()) return false;
  --it;
  return it->contains(m);
}

MonthSet MonthSet::united(const MonthSet& o) const {
  std::vector<MonthPeriod> all = ranges_;
  all.insert(all.end(), o.ranges_.begin(), o.ranges_.end());
  return of(all);
}

MonthSet MonthSet::minus(const MonthSet& o) const {
  MonthSet out;
  std::size_t j = 0;
  for (MonthPeriod r : ranges_) {
    while (j < o.ranges_.size() && o.ranges_[j].to < r.from) ++j;
    std::size_t k = j;
    while (k < o.ranges_.size() && !(r.to < o.ranges_[k].from)) {
      const auto& cut = o.ranges_[k];
      if (r.from < cut.from) out.ranges_.push_back({r.from, cut.from - 1});
      if (cut.to < r.to) {
        r.from = cut.to + 1;
      } else {
        r.from = r.to + 1;  // consumed
        break;
      }
      ++k;
    }
    if (!r.inverted()) out.ranges_.push_back(r);
  }
  return out;
}

MonthSet MonthSet::clipped(const MonthPeriod& w) const {
  MonthSet out;
  if (w.inverted()) return out;
  for (const auto& r : ranges_) {
    MonthPeriod c{r.from < w.from ? w.from : r.from, r.to < w.to ? r.to : w.to};
    if (!c.inverted()) out.ranges_.push_back(c);
  }
  return out;
}

std::vector<YearMonth> MonthSet::months() const {
  std::vector<YearMonth> out;
  out.reserve(static_cast<std::size_t>(count()));
  for (const auto& r : ranges_)
    for (YearMonth m = r.from; !(r.to < m); ++m) out.push_back(m);
  return out;
}

MonthCoverage cover(std::span<const MonthPeriod> periods) {
  // Sweep over +1/-1 events at from and to+1.
  std::vector<std::pair<std::int32_t, int>> ev;
  ev.reserve(periods.size() * 2);
  for (const auto& p : periods) {
    if (p.inverted()) continue;
    ev.emplace_back(p.from.serial(), +1);
    ev.emplace_back(p.to.serial() + 1, -1);
  }
  std::sort(ev.begin(), ev.end());
  std::vector<MonthPeriod> covered, twice;
  int depth = 0;
  for (std::size_t i = 0; i < ev.size();) {
    const std::int32_t at = ev[i].first;
    int next = depth;
    while (i < ev.size() && ev[i].first == at) next += ev[i++].second;
    if (i < ev.size()) {
      const std::int32_t until = ev[i].first - 1;  // next event - 1
      MonthPeriod seg{YearMonth::from_serial(at), YearMonth::from_serial(until)};
      if (next >= 1) covered.push_back(seg);
      if (next >= 2) twice.push_back(seg);
    }
    depth = next;
  }
  return {MonthSet::of(covered), MonthSet::of(twice)};
}

}  // namespace pvd
