#include "provident/policy/policy.hpp"

#include <algorithm>
#include <stdexcept>

#include "provident/rules/codes.hpp"

namespace pvd::policy {

std::string Version::id(Key k) const { return std::string(info(k).name) + "@" + from.to_string(); }

std::vector<std::string> Trace::ids() const {
  std::vector<std::string> out;
  for (const auto& [k, v] : used_) out.push_back(v->id(k));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<std::pair<std::string, Date>> Trace::provisional() const {
  std::vector<std::pair<std::string, Date>> out;
  for (const auto& [k, v] : used_)
    if (v->provisional) out.emplace_back(v->id(k), *v->carried_from);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

NotInForce::NotInForce(const std::string& profile, Key key, Date on)
    : RequestError(std::string(code::POLICY_NOT_IN_FORCE.text), "policy." + std::string(info(key).name),
                   "政策参数" + std::string(info(key).name) + "在" + on.to_string() + "没有生效的取值（政策配置" + profile + "）",
                   "Policy parameter " + std::string(info(key).name) + " has no value in force on " + on.to_string() +
                       " (profile " + profile + ")"),
      key_(key) {}

void Policy::wrong_value_type(Key k) {
  throw std::logic_error("policy key " + std::string(info(k).name) + " read as a type other than its own (keys.inc)");
}

std::optional<DatePeriod> Policy::coverage(std::string_view group) const {
  auto it = coverage_.find(group);
  if (it == coverage_.end()) return std::nullopt;
  return it->second;
}

std::vector<DeclaredGap> Policy::gaps(std::string_view group) const {
  auto it = gaps_.find(group);
  return it == gaps_.end() ? std::vector<DeclaredGap>{} : it->second;
}

const Version* Policy::find(Key k, Date on) const noexcept {
  const auto& vs = timelines_[static_cast<std::size_t>(k)].versions;
  // Last version with from <= on.
  auto it = std::upper_bound(vs.begin(), vs.end(), on, [](Date d, const Version& v) { return d < v.from; });
  if (it == vs.begin()) return nullptr;
  --it;
  if (it->to && *it->to < on) return nullptr;
  return &*it;
}

void Policy::index_coverage() {
  for (const auto& ki : all_keys()) key_window_[static_cast<std::size_t>(ki.key)] = coverage(ki.group);
}

const Version& Policy::at(Key k, Date on, Trace* trace) const {
  const auto& cov = key_window_[static_cast<std::size_t>(k)];
  const Version* v = find(k, on);
  if (v && v->provisional && !provisional_allowed_) v = nullptr;  // strict: a carried figure is no figure
  if (v && cov && cov->contains(on)) {
    if (trace) trace->record(k, v, false);
    return *v;
  }
  if (lenient_) {
    const auto& vs = timelines_[static_cast<std::size_t>(k)].versions;
    auto it = std::upper_bound(vs.begin(), vs.end(), on, [](Date d, const Version& x) { return d < x.from; });
    if (it != vs.begin()) {
      --it;
      if (trace) trace->record(k, &*it, true);
      return *it;
    }
  }
  throw NotInForce(name_, k, on);
}

std::shared_ptr<const Policy> Policy::with_lenient(bool lenient) const {
  auto p = std::make_shared<Policy>(*this);
  p->lenient_ = lenient;
  return p;
}

std::shared_ptr<const Policy> Policy::with_provisional(bool allowed) const {
  auto p = std::make_shared<Policy>(*this);
  p->provisional_allowed_ = allowed;
  return p;
}

bool Window::contains(const LocalDateTime& t) const {
  if (any) return true;
  const int day = t.date().day();
  if (day < first_day || day > last_day) return false;
  const int s = t.seconds_of_day();
  if (s < from_seconds) return false;
  return to_exclusive ? s < to_seconds : s <= to_seconds;
}

namespace {
std::string hhmm(int seconds) {
  const int h = seconds / 3600, m = seconds / 60 % 60;
  std::string out;
  out.push_back(char('0' + h / 10));
  out.push_back(char('0' + h % 10));
  out.push_back(':');
  out.push_back(char('0' + m / 10));
  out.push_back(char('0' + m % 10));
  return out;
}
}  // namespace

std::string Window::from_text() const { return hhmm(from_seconds); }
std::string Window::to_text() const { return hhmm(to_seconds); }

}  // namespace pvd::policy
