// Strict decoding of arguments and facts (protocol.md §1.2): a member that is
// missing, of the wrong JSON type, not in the schema, or not matching the
// grammar of its value type is an error naming the field by its JSON path.
//
//   ArgReader a(request["args"], "args");
//   Money base = a.money("base");
//   auto month = a.opt_month("month");
//   a.finish();   // refuses members nobody asked for
//
// Layer `json`: the state codec decodes facts and stored documents with it,
// the protocol and the domains their arguments (src/protocol/args.hpp
// forwards here).
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <vector>
#include <string>
#include <string_view>

#include "json/json.hpp"
#include "provident/core/date.hpp"
#include "provident/core/error.hpp"
#include "provident/core/money.hpp"
#include "provident/core/period.hpp"
#include "provident/core/rate.hpp"

namespace pvd::protocol {

/// Documented bound on money in requests: |amount| ≤ 1,000,000,000,000.00
/// yuan, so that sums of up to 100,000 rows and 600 months stay far inside
/// int64 fen.
inline constexpr std::int64_t kMaxMoneyFen = 100'000'000'000'000;

/// The argument errors as values, worded once: the reader throws them, the
/// schema checker (src/protocol/schema.hpp) collects them.
/// "Missing required field: <what>" (what: the field, or e.g. "give one of a, b").
RequestError missing_field(const std::string& field, const std::string& what_zh = "", const std::string& what_en = "");
/// "Invalid value for <field>: <en>".
RequestError bad_value(const std::string& field, const std::string& zh, const std::string& en);
/// "Invalid value for <field>: not a member of this request's schema<more>" (more: " (did you mean …?)").
RequestError unknown_member(const std::string& field, const std::string& more_zh = "", const std::string& more_en = "");

[[noreturn]] void throw_missing(const std::string& field);
[[noreturn]] void throw_bad_value(const std::string& field, const std::string& zh, const std::string& en);
[[noreturn]] void throw_not_found(const std::string& field, const std::string& what_zh, const std::string& what_en,
                                  const std::string& key);

class ArgReader {
 public:
  /// `j` must be an object (or null/absent, read as an empty object when
  /// `allow_absent`); `path` names it in errors ("args", "args.rows[3]").
  ArgReader(const json* j, std::string path, bool allow_absent = true);

  const std::string& path() const noexcept { return path_; }
  std::string field(std::string_view name) const { return path_.empty() ? std::string(name) : path_ + "." + std::string(name); }
  bool has(std::string_view name) const;  // present and not null
  /// The raw member (marks it read); nullptr when absent or null.
  const json* raw(std::string_view name);

  std::string string(std::string_view name, std::size_t max_chars = kMaxStringChars);
  std::optional<std::string> opt_string(std::string_view name, std::size_t max_chars = kMaxStringChars);
  /// A name (≤ 64 characters); may be empty (NAME_REQUIRED is a violation).
  std::string name(std::string_view name) { return string(name, kMaxNameChars); }
  std::string enumeration(std::string_view name, std::initializer_list<std::string_view> allowed);
  std::optional<std::string> opt_enumeration(std::string_view name, std::initializer_list<std::string_view> allowed);

  bool boolean(std::string_view name);
  std::optional<bool> opt_boolean(std::string_view name);
  std::int64_t integer(std::string_view name, std::int64_t min, std::int64_t max);
  std::optional<std::int64_t> opt_integer(std::string_view name, std::int64_t min, std::int64_t max);

  Money money(std::string_view name);
  std::optional<Money> opt_money(std::string_view name);
  Rate rate(std::string_view name);
  std::optional<Rate> opt_rate(std::string_view name);
  YearMonth month(std::string_view name);
  std::optional<YearMonth> opt_month(std::string_view name);
  Date date(std::string_view name);
  std::optional<Date> opt_date(std::string_view name);
  LocalDateTime datetime(std::string_view name);
  std::optional<LocalDateTime> opt_datetime(std::string_view name);
  /// {from, to} of months; order is not checked here (PERIOD_INVERTED is a rule).
  MonthPeriod month_period(const json& j, const std::string& path);

  /// A nested object.
  ArgReader object(std::string_view name);
  std::optional<ArgReader> opt_object(std::string_view name);
  /// Calls fn(reader, index) for each element of an array of objects (at most
  /// max_items). Returns the number of elements. Absent arrays are an error
  /// unless `optional`.
  std::size_t each(std::string_view name, const std::function<void(ArgReader&, std::size_t)>& fn,
                   std::size_t max_items = kMaxBatchRows, bool optional = false);
  /// Calls fn(element, path, index) for each element of an array of any type.
  std::size_t each_value(std::string_view name, const std::function<void(const json&, const std::string&, std::size_t)>& fn,
                         std::size_t max_items = kMaxBatchRows, bool optional = false);

  /// Refuses any member that was not read.
  void finish() const;

  /// Records the members read from now on in canonical form (canonical()),
  /// here and in the readers of nested objects and arrays. Off by default:
  /// only the store needs it (the journal's idempotency hash), and building it
  /// costs a copy of every member read.
  void record_canonical(bool on = true) noexcept { record_ = on; }
  /// The members read so far in canonical form (money "376.00", rates "0.12",
  /// months, dates and date-times normalised), keys sorted: what the store
  /// hashes for idempotency (protocol.md §5). Empty unless record_canonical().
  const json& canonical() const noexcept { return canon_; }

 private:
  const json* member(std::string_view name);
  /// The value of a required member: REQ_MISSING_FIELD when it is absent or null.
  template <class T>
  T need(std::optional<T> v, std::string_view name) const {
    if (!v) throw_missing(field(name));
    return std::move(*v);
  }
  template <class T>
  void keep(std::string_view name, T&& v) {
    if (record_) canon_[std::string(name)] = std::forward<T>(v);
  }
  void mark_read(const json* v);
  const json* j_;
  std::string path_;
  // The members of *j_ read so far (by address), for finish(): a few inline,
  // more on the heap.
  static constexpr std::size_t kInlineRead = 12;
  const json* read_inline_[kInlineRead];
  std::size_t read_count_ = 0;
  std::vector<const json*> read_more_;
  bool record_ = false;
  json canon_ = json::object();
};

/// Value decoders usable outside a reader (each names `field` in errors).
std::string decode_string(const json& v, const std::string& field, std::size_t max_chars = kMaxStringChars);
Money decode_money(const json& v, const std::string& field);
Rate decode_rate(const json& v, const std::string& field);
YearMonth decode_month(const json& v, const std::string& field);
Date decode_date(const json& v, const std::string& field);
LocalDateTime decode_datetime(const json& v, const std::string& field);
bool decode_boolean(const json& v, const std::string& field);
std::int64_t decode_integer(const json& v, const std::string& field, std::int64_t min, std::int64_t max);
/// {from, to} of months, at most kMaxPeriodMonths long (as ArgReader::month_period).
MonthPeriod decode_period(const json& v, const std::string& field);

/// Number of Unicode code points in valid UTF-8.
std::size_t utf8_length(std::string_view s) noexcept;

}  // namespace pvd::protocol
