// A loaded policy: an immutable, thread-safe set of dated parameter timelines
// for one profile (its own values over those of the profiles it extends).
// policy.md §1. Lookups are strict: a parameter with no value in force on the
// lookup date is POLICY_NOT_IN_FORCE; a lenient policy carries the last value
// forward instead, and says so.
#pragma once

#include <algorithm>
#include <array>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "provident/core/error.hpp"
#include "provident/core/period.hpp"
#include "provident/policy/schema.hpp"
#include "provident/policy/values.hpp"

namespace pvd::policy {

/// One dated value of a parameter.
struct Version {
  Date from;                 // inclusive
  std::optional<Date> to;    // inclusive end; else until the next version's from
  Value value;
  std::string source;        // document, article, seed section
  std::string note;
  bool verified = false;     // false: illustrative, a centre must replace it
  /// 暂按上年度标准执行: the figure of the version that began on `carried_from`,
  /// billed until this period's figure is published (then 多退少补).
  bool provisional = false;
  std::optional<Date> carried_from;
  std::string profile;       // profile that defined it
  std::string file;          // where it was read ("policies/taiyuan.toml")
  int line = 0;
  /// "hpf.rate.min@2005-01-10": how responses name the version they used.
  std::string id(Key k) const;
};

/// The versions of one parameter, ascending and non-overlapping.
struct Timeline {
  std::vector<Version> versions;
  bool empty() const noexcept { return versions.empty(); }
};

/// Which versions a request used, for the response's `policy.parameters`.
class Trace {
 public:
  /// O(log distinct): a unit's settlement records the same few (key, version)
  /// pairs for each of its 100,000 accounts; each is kept once.
  void record(Key k, const Version* v, bool carried) {
    carried_ |= carried;
    const std::pair<Key, const Version*> used{k, v};
    auto it = std::lower_bound(used_.begin(), used_.end(), used, before);
    if (it == used_.end() || *it != used) used_.insert(it, used);
  }
  std::vector<std::string> ids() const;  // sorted, unique
  /// The provisional versions used: {"hpf.base.cap@2026-07-01", carried from}, sorted, unique.
  std::vector<std::pair<std::string, Date>> provisional() const;
  void append(const Trace& o) {
    for (const auto& [k, v] : o.used_) record(k, v, false);
    carried_ |= o.carried_;
  }
  bool carried_forward() const noexcept { return carried_; }
  void clear() { used_.clear(); carried_ = false; }

 private:
  static bool before(const std::pair<Key, const Version*>& a, const std::pair<Key, const Version*>& b) {
    return a.first != b.first ? a.first < b.first : std::less<const Version*>()(a.second, b.second);
  }
  std::vector<std::pair<Key, const Version*>> used_;  // each (key, version) once, in before() order
  bool carried_ = false;
};

/// POLICY_NOT_IN_FORCE as an exception: the request cannot be evaluated.
class NotInForce : public RequestError {
 public:
  NotInForce(const std::string& profile, Key key, Date on);
  Key key() const noexcept { return key_; }

 private:
  Key key_;
};

/// A period a profile declares it has no figure for (a notice that was not
/// found): answered with POLICY_NOT_IN_FORCE, listed by `policy check`.
struct DeclaredGap {
  DatePeriod days;
  std::string note;
};

class Policy {
 public:
  Policy() = default;

  const std::string& name() const noexcept { return name_; }
  const std::string& title_zh() const noexcept { return title_zh_; }
  const std::string& title_en() const noexcept { return title_en_; }
  /// The chain of profiles, this one first ("taiyuan", "national").
  const std::vector<std::string>& lineage() const noexcept { return lineage_; }
  bool lenient() const noexcept { return lenient_; }
  /// False for hosts that want POLICY_NOT_IN_FORCE instead of a provisional
  /// (carried-forward) figure: the engine's strict_policy option.
  bool provisional_allowed() const noexcept { return provisional_allowed_; }

  const Timeline& timeline(Key k) const noexcept { return timelines_[static_cast<std::size_t>(k)]; }
  /// The declared window of a coverage group, if any.
  std::optional<DatePeriod> coverage(std::string_view group) const;
  const std::map<std::string, DatePeriod, std::less<>>& coverages() const noexcept { return coverage_; }
  /// The gaps the profile declares in a coverage group ([gaps] in the file).
  std::vector<DeclaredGap> gaps(std::string_view group) const;

  /// The version in force on `on`, or nullptr (no strictness applied).
  const Version* find(Key k, Date on) const noexcept;
  /// The version in force on `on` under this policy's strictness: inside the
  /// group's window and with a value; lenient policies carry the last value
  /// forward past either end. Throws NotInForce. Records into `trace`.
  const Version& at(Key k, Date on, Trace* trace = nullptr) const;

  /// The value of key k in force on `on`, as T. T must be the key's value
  /// type (value_type_t, from keys.inc): a T that is not is a programming
  /// error, reported in every build (std::logic_error naming the key), never
  /// a value read as another type.
  template <class T>
  const T& get(Key k, Date on, Trace* trace = nullptr) const {
    if (!holds_type<T>(k)) wrong_value_type(k);
    return std::get<T>(at(k, on, trace).value);
  }
  /// The same with the type known at compile time: get<Key::hpf_rate_min>(on) is a Rate.
  template <Key K>
  const value_type_t<K>& get(Date on, Trace* trace = nullptr) const {
    return std::get<value_type_t<K>>(at(K, on, trace).value);
  }

  /// A copy of this policy in lenient mode (the engine's PVD_OPEN_LENIENT_POLICY).
  std::shared_ptr<const Policy> with_lenient(bool lenient) const;
  /// A copy that refuses (false) or uses (true) provisional versions.
  std::shared_ptr<const Policy> with_provisional(bool allowed) const;

 private:
  [[noreturn]] static void wrong_value_type(Key k);
  friend class Builder;
  std::string name_, title_zh_, title_en_;
  std::vector<std::string> lineage_;
  bool lenient_ = false;
  bool provisional_allowed_ = true;
  void index_coverage();
  std::array<Timeline, kKeyCount> timelines_{};
  std::map<std::string, DatePeriod, std::less<>> coverage_;
  std::map<std::string, std::vector<DeclaredGap>, std::less<>> gaps_;
  std::array<std::optional<DatePeriod>, kKeyCount> key_window_{};  // coverage_ by key, for fast lookups
};

using PolicyPtr = std::shared_ptr<const Policy>;

}  // namespace pvd::policy
