#include "provident/policy/describe.hpp"

namespace pvd::policy {

namespace {
struct Describer {
  std::string operator()(bool b) const { return b ? "true" : "false"; }
  std::string operator()(std::int64_t i) const { return std::to_string(i); }
  std::string operator()(const Rate& r) const { return r.to_string(); }
  std::string operator()(const Money& m) const { return m.to_string(); }
  std::string operator()(const Rounding& r) const { return std::string(to_string(r.mode)) + " to " + std::string(to_string(r.unit)); }
  std::string operator()(const Window& w) const {
    if (w.any) return "any time";
    return "days " + std::to_string(w.first_day) + "-" + std::to_string(w.last_day) + ", " + w.from_text() + " to " +
           (w.to_exclusive ? "before " : "") + w.to_text();
  }
  std::string operator()(const MonthList& m) const {
    if (m.empty()) return "any month";
    std::string s;
    for (int x : m) s += (s.empty() ? "" : ", ") + std::to_string(x);
    return "months " + s;
  }
  std::string operator()(const std::string& s) const { return s; }
  std::string operator()(const ReasonList& l) const {
    if (l.empty()) return "(none)";
    std::string s;
    for (const auto& r : l) s += (s.empty() ? "" : "; ") + r.code + " " + r.zh + (r.kind.empty() ? "" : " [" + r.kind + "]");
    return s;
  }
  std::string operator()(const BankList& l) const {
    std::string s;
    for (const auto& b : l) s += (s.empty() ? "" : ", ") + b.code;
    return s;
  }
  std::string operator()(const StringList& l) const {
    if (l.empty()) return "(none)";
    std::string s;
    for (const auto& x : l) s += (s.empty() ? "" : ", ") + x;
    return s;
  }
  std::string operator()(const YearRange& y) const { return std::to_string(y.from) + "-" + std::to_string(y.to); }
  std::string operator()(const RetirementRule& r) const {
    return "age " + std::to_string(r.original_years) + ", +1 month per " + std::to_string(r.step_months) +
           " months of birth, at most +" + std::to_string(r.max_delay_months) + " months";
  }
  std::string operator()(const Date& d) const { return d.to_string(); }
  std::string operator()(const YearMonth& m) const { return m.to_string(); }
};
}  // namespace

std::string describe(const Value& v) { return std::visit(Describer{}, v); }

}  // namespace pvd::policy
