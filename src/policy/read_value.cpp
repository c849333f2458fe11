// Decoding one policy value (policy.md §2): the kind of its key (keys.inc)
// says what may be written; every value is checked against its bounds and
// held as the alternative of Value its kind names.
#include <algorithm>
#include <set>
#include <stdexcept>

#include "policy/reader.hpp"

namespace pvd::policy::detail {

namespace {

constexpr std::string_view kInValue = " in the value";

std::optional<int> parse_hhmm(std::string_view s) {
  if (s.size() != 5 || s[2] != ':') return std::nullopt;
  for (int i : {0, 1, 3, 4})
    if (s[std::size_t(i)] < '0' || s[std::size_t(i)] > '9') return std::nullopt;
  const int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
  if (m > 59 || h > 24 || (h == 24 && m != 0)) return std::nullopt;
  return h * 3600 + m * 60;
}

Rate rate_of(const NodeReader& r, const toml::node& n) {
  if (n.is_floating_point()) r.fail(&n, "rates are written as strings (\"5%\" or \"0.05\"), never as floats");
  auto v = Rate::parse(r.string(n, "a rate string such as \"5%\""));
  if (!v) r.fail(&n, "not a rate (\"5%\", \"0.05\"; at most 9 fractional digits)");
  if (*v > Rate::ratio(10, 1)) r.fail(&n, "a rate above 1000% is not sane");
  return *v;
}

Money money_of(const NodeReader& r, const KeyInfo& ki, const toml::node& n) {
  if (n.is_floating_point() || n.is_integer()) r.fail(&n, "money is written as a string (\"2690.00\")");
  auto m = Money::parse(r.string(n, "a money string such as \"2690.00\""));
  if (!m) r.fail(&n, "not an amount (\"2690.00\", at most two decimals)");
  if (m->as_fen() < ki.min || m->as_fen() > ki.max) r.fail(&n, "amount outside the sane range");
  return *m;
}

Rounding rounding_of(const NodeReader& r, const toml::node& n) {
  const auto& t = r.table(n, "expected { mode = \"half_up\", unit = \"yuan\" }");
  r.only(t, {"mode", "unit"}, kInValue);
  auto mode = parse_rounding_mode(r.string(r.need(t, "mode")));
  if (!mode) r.fail(&r.need(t, "mode"), "mode must be half_up, half_even, up, down or fen_then_up");
  auto unit = parse_rounding_unit(r.string(r.need(t, "unit")));
  if (!unit) r.fail(&r.need(t, "unit"), "unit must be fen, jiao or yuan");
  return Rounding{*mode, *unit};
}

Window window_of(const NodeReader& r, const toml::node& n) {
  if (const auto* s = n.as_string()) {
    if (s->get() != "any")
      r.fail(&n, "expected \"any\" or { days = [1, 25], from = \"08:00\", to = \"17:00\", to_exclusive = true }");
    return Window{};
  }
  const auto& t = r.table(n, "expected \"any\" or a window table");
  r.only(t, {"days", "from", "to", "to_exclusive"}, kInValue);
  Window w;
  w.any = false;
  const auto* days = r.need(t, "days").as_array();
  if (!days || days->size() != 2) r.fail(&r.need(t, "days"), "days must be [first, last]");
  w.first_day = int(r.integer(*days->get(0), 1, 31));
  w.last_day = int(r.integer(*days->get(1), 1, 31));
  if (w.first_day > w.last_day) r.fail(days, "first day after last day");
  auto f = parse_hhmm(r.string(r.need(t, "from")));
  auto to = parse_hhmm(r.string(r.need(t, "to")));
  if (!f || !to) r.fail(&t, "from and to are times \"HH:MM\"");
  if (*f >= *to) r.fail(&t, "from must be before to");
  w.from_seconds = *f;
  w.to_seconds = *to;
  w.to_exclusive = r.boolean(r.need(t, "to_exclusive"), &t, "to_exclusive must be true or false");
  return w;
}

MonthList month_list_of(const NodeReader& r, const toml::node& n) {
  MonthList out;
  for (const auto& e : r.array(n, "expected an array of months 1–12 ([] = any month)")) {
    const int m = int(r.integer(e, 1, 12));
    if (!out.empty() && m <= out.back()) r.fail(&e, "months must be ascending without repeats");
    out.push_back(m);
  }
  return out;
}

std::string text_of(const NodeReader& r, const toml::node& n) {
  auto s = r.string(n);
  if (s.empty()) r.fail(&n, "empty text");
  // A text parameter with a closed set of values (issue 12: the unit owing a transfer month).
  if (r.key() == "si.transfer_month_owner" && s != "old" && s != "new") r.fail(&n, "expected \"old\" or \"new\"");
  return s;
}

/// One of a closed set of words (a category, an interest method).
std::string word_of(const NodeReader& r, const toml::node& n, std::initializer_list<std::string_view> words,
                    const char* message) {
  auto s = r.string(n);
  if (std::find(words.begin(), words.end(), s) == words.end()) r.fail(&n, message);
  return s;
}

/// Entries {code, zh, en} (and `kind` for back-pay reasons) with unique,
/// non-empty codes: reasons and banks.
ReasonList coded_list_of(const NodeReader& r, const toml::node& n, const std::string& noun, bool with_kind) {
  ReasonList out;
  std::set<std::string> seen;
  for (const auto& e : r.array(n, "expected an array of {code, zh, en" + std::string(with_kind ? ", kind}" : "}"))) {
    const auto& t = r.table(e, "expected a table {code, zh, en}");
    if (with_kind) r.only(t, {"code", "zh", "en", "kind"}, kInValue);
    else r.only(t, {"code", "zh", "en"}, kInValue);
    Reason x{r.string(r.need(t, "code")), r.string(r.need(t, "zh")), r.string(r.need(t, "en")), {}};
    if (x.code.empty()) r.fail(&e, "empty " + noun + " code");
    if (with_kind) {
      x.kind = r.string(r.need(t, "kind"));
      if (x.kind != "missed" && x.kind != "difference") r.fail(&e, "kind must be \"missed\" or \"difference\"");
    }
    if (!seen.insert(x.code).second) r.fail(&e, "duplicate " + noun + " code '" + x.code + "'");
    out.push_back(std::move(x));
  }
  return out;
}

BankList banks_of(const NodeReader& r, const toml::node& n) {
  BankList out;
  for (auto& b : coded_list_of(r, n, "bank", false)) out.push_back({std::move(b.code), std::move(b.zh), std::move(b.en)});
  return out;
}

StringList ops_of(const NodeReader& r, const toml::node& n) {
  StringList out;
  for (const auto& e : r.array(n, "expected an array of operation names")) {
    auto s = r.string(e, "an operation name");
    if (s.empty() || s.find_first_not_of("abcdefghijklmnopqrstuvwxyz_.") != std::string::npos)
      r.fail(&e, "not an operation name: '" + s + "'");
    out.push_back(std::move(s));
  }
  return out;
}

YearRange year_range_of(const NodeReader& r, const toml::node& n) {
  const auto& t = r.table(n, "expected { from = 2014, to = 2024 }");
  r.only(t, {"from", "to"}, kInValue);
  YearRange y{int(r.integer(r.need(t, "from"), 1900, 2200)), int(r.integer(r.need(t, "to"), 1900, 2200))};
  if (y.from > y.to) r.fail(&t, "from after to");
  return y;
}

RetirementRule retirement_rule_of(const NodeReader& r, const toml::node& n) {
  const auto& t = r.table(n, "expected { original_years, step_months, max_delay_months }");
  r.only(t, {"original_years", "step_months", "max_delay_months"}, kInValue);
  return RetirementRule{int(r.integer(r.need(t, "original_years"), 40, 80)), int(r.integer(r.need(t, "step_months"), 1, 24)),
                        int(r.integer(r.need(t, "max_delay_months"), 0, 120))};
}

YearMonth year_month_of(const NodeReader& r, const toml::node& n) {
  auto ym = YearMonth::parse(r.string(n, "a month \"2025-01\""));
  if (!ym) r.fail(&n, "not a month \"YYYY-MM\"");
  return *ym;
}

Value decode(const NodeReader& r, const KeyInfo& ki, const toml::node& n) {
  switch (ki.kind) {
    case Kind::boolean: return r.boolean(n, &n, "expected true or false");
    case Kind::integer: return r.integer(n, ki.min, ki.max);
    case Kind::rate: return rate_of(r, n);
    case Kind::money: return money_of(r, ki, n);
    case Kind::rounding: return rounding_of(r, n);
    case Kind::window: return window_of(r, n);
    case Kind::month_list: return month_list_of(r, n);
    case Kind::text: return text_of(r, n);
    case Kind::reasons: return coded_list_of(r, n, "reason", false);
    case Kind::back_pay_reasons: return coded_list_of(r, n, "reason", true);
    case Kind::banks: return banks_of(r, n);
    case Kind::ops: return ops_of(r, n);
    case Kind::year_range: return year_range_of(r, n);
    case Kind::retirement_rule: return retirement_rule_of(r, n);
    case Kind::date: return r.date(n);
    case Kind::year_month: return year_month_of(r, n);
    case Kind::category: return word_of(r, n, {"M60", "F55", "F50"}, "category must be M60, F55 or F50");
    case Kind::interest_method:
      return word_of(r, n, {"monthly", "daily", "two_rate"}, "method must be monthly, daily or two_rate");
  }
  r.fail(&n, "unsupported kind");
}

}  // namespace

Value read_value(const NodeReader& r, Key k, const toml::node& n) {
  const KeyInfo& ki = info(k);
  Value v = decode(r, ki, n);
  // Policy::get<T> trusts this: a value is held as its kind's type.
  if (v.index() != value_index(ki.kind))
    throw std::logic_error("policy key " + std::string(ki.name) + ": decoded as the wrong type");
  return v;
}

}  // namespace pvd::policy::detail
