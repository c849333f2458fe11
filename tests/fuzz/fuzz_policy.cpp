// Fuzz target: policy files (policy.md §1) — pvd::policy::load_profile_text
// for whole profiles and pvd::policy::apply_overlay for overlays on a shipped
// profile.
//
// Input: the first byte chooses the mode (even: a profile; odd: an overlay on
// the shipped profile number byte/2 mod count); the rest is TOML text.
//
// Properties:
//  - loading either succeeds or throws pvd::policy::LoadError naming a line;
//    nothing else escapes (no crash, no other exception, no hang);
//  - a loaded policy is well formed: each timeline ascending and without
//    overlaps, each version found on its own start date, integers and money
//    inside the schema's bounds, coverage windows not inverted;
//  - the rule functions that read policy (retirement, minimum months, payment
//    and adjustment windows, SI base limits, due dates, late fees, interest)
//    answer or throw POLICY_NOT_IN_FORCE / OverflowError, nothing else;
//  - an overlay never changes its base (the shipped profile is reloaded and
//    compared).
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "hpf/interest.hpp"
#include "hpf/rules/adjustment_window.hpp"
#include "hpf/rules/payment_window.hpp"
#include "pension/retirement.hpp"
#include "provident/policy/describe.hpp"
#include "provident/policy/loader.hpp"
#include "provident/policy/schema.hpp"
#include "si/base_limits.hpp"
#include "si/late_fee.hpp"

using pvd_fuzz::show;

namespace {

namespace pol = pvd::policy;

template <class F>
void tolerate(const char* what, F&& f) {
  try {
    f();
  } catch (const pvd::RequestError&) {  // POLICY_NOT_IN_FORCE and friends
  } catch (const pvd::OverflowError&) {  // figures too large to compute exactly
  } catch (const std::exception& e) {
    PVD_FUZZ_CHECK(false, std::string(what) + " threw " + e.what());
  }
}

void check_shape(const pol::Policy& p) {
  for (const auto& [group, w] : p.coverages())
    PVD_FUZZ_CHECK(!(w.to < w.from), "coverage window of " + group + " is inverted");
  for (const auto& ki : pol::all_keys()) {
    const auto& vs = p.timeline(ki.key).versions;
    for (std::size_t i = 0; i < vs.size(); ++i) {
      const auto& v = vs[i];
      if (v.to) PVD_FUZZ_CHECK(!(*v.to < v.from), std::string(ki.name) + ": a version ends before it starts");
      if (i + 1 < vs.size()) {
        PVD_FUZZ_CHECK(v.from < vs[i + 1].from, std::string(ki.name) + ": versions not ascending");
        if (v.to) PVD_FUZZ_CHECK(*v.to < vs[i + 1].from, std::string(ki.name) + ": versions overlap");
      }
      PVD_FUZZ_CHECK(p.find(ki.key, v.from) == &v, std::string(ki.name) + ": a version is not in force on its own start date");
      if (const auto* n = std::get_if<std::int64_t>(&v.value); n && ki.kind == pol::Kind::integer)
        PVD_FUZZ_CHECK(*n >= ki.min && *n <= ki.max, std::string(ki.name) + ": integer outside the schema's bounds");
      if (const auto* m = std::get_if<pvd::Money>(&v.value); m && ki.max > 0)
        PVD_FUZZ_CHECK(m->as_fen() >= ki.min && m->as_fen() <= ki.max, std::string(ki.name) + ": money outside the schema's bounds");
      tolerate("describe", [&] { (void)pol::describe(v.value); });
      tolerate("Version::id", [&] { (void)v.id(ki.key); });
    }
  }
}

void exercise(const pol::Policy& p) {
  using pvd::Date;
  using pvd::YearMonth;
  const Date days[] = {Date::of(1990, 1, 1), Date::of(2016, 2, 21), Date::of(2026, 7, 3), Date::of(2099, 12, 31)};
  for (const auto& ki : pol::all_keys())
    for (Date d : days) tolerate("Policy::at", [&] { (void)p.at(ki.key, d); });
  for (Date d : days) {
    const pvd::LocalDateTime t = pvd::LocalDateTime::of(d, 10, 0, 0);
    tolerate("payment_window_open", [&] { (void)pvd::hpf::rules::payment_window_open(p, nullptr, t); });
    tolerate("adjustment_window", [&] { (void)pvd::hpf::rules::adjustment_window(p, nullptr, t, d.year(), 1); });
    for (auto c : {pvd::pension::Category::M60, pvd::pension::Category::F55, pvd::pension::Category::F50})
      tolerate("statutory_retirement", [&] {
        auto r = pvd::pension::statutory_retirement(p, nullptr, d, YearMonth::of(1970, 5), c);
        (void)pvd::pension::min_contribution_months(p, nullptr, r.statutory_month);
      });
    tolerate("limits_of_year", [&] { (void)pvd::si::limits_of_year(p, nullptr, d.year()); });
    tolerate("due_date / late fee", [&] {
      const Date due = pvd::si::due_date(p, nullptr, d.year_month());
      (void)pvd::si::compute_late_fee(p, nullptr, pvd::Money::fen(1'000'000), due, due + 45);
    });
  }
  tolerate("compute_interest", [&] {
    pvd::hpf::InterestInput in;
    in.year = 2026;
    in.opening_balance = pvd::Money::fen(1'000'00);
    in.movements.push_back({Date::of(2025, 9, 5), pvd::Money::fen(600'00)});
    (void)pvd::hpf::compute_interest(p, nullptr, in);
  });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  pol::PolicyPtr loaded;
  try {
    if (data[0] % 2 == 0) {
      loaded = pol::load_profile_text(text, "fuzz.toml");
    } else {
      const auto& shipped = pol::builtin_profiles();
      const auto& b = shipped[(data[0] / 2) % shipped.size()];
      static thread_local std::vector<pol::PolicyPtr> bases;
      if (bases.empty())
        for (const auto& s : shipped) bases.push_back(pol::load_profile(s.name));
      const pol::PolicyPtr& base = bases[(data[0] / 2) % shipped.size()];
      const std::string before = base->name();
      const std::size_t versions_before = base->timeline(pol::Key::review_ops).versions.size();
      loaded = pol::apply_overlay(base, text);
      PVD_FUZZ_CHECK(base->name() == before && base->timeline(pol::Key::review_ops).versions.size() == versions_before,
                     std::string("an overlay changed its base ") + std::string(b.name));
    }
  } catch (const pol::LoadError& e) {
    PVD_FUZZ_CHECK(std::string(e.what()).find(e.file()) != std::string::npos, "a LoadError does not name its file");
    return 0;
  } catch (const std::exception& e) {
    PVD_FUZZ_CHECK(false, std::string("loading threw something other than LoadError: ") + e.what() +
                              "\ninput: " + show(text));
  }
  PVD_FUZZ_CHECK(loaded != nullptr, "no policy and no LoadError");
  check_shape(*loaded);
  exercise(*loaded);
  return 0;
}
