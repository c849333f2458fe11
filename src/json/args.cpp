#include "json/args.hpp"
#include "json/value_checks.hpp"
#include "provident/rules/codes.hpp"

#include <algorithm>
#include <charconv>
#include <type_traits>

namespace pvd::protocol {

RequestError missing_field(const std::string& field, const std::string& what_zh, const std::string& what_en) {
  return RequestError(code::REQ_MISSING_FIELD, field, "缺少必填项：" + (what_zh.empty() ? field : what_zh),
                      "Missing required field: " + (what_en.empty() ? field : what_en));
}

RequestError bad_value(const std::string& field, const std::string& zh, const std::string& en) {
  return RequestError(code::REQ_BAD_VALUE, field, field + "的值无效：" + zh, "Invalid value for " + field + ": " + en);
}

RequestError unknown_member(const std::string& field, const std::string& more_zh, const std::string& more_en) {
  return bad_value(field, "不是该请求的成员" + more_zh, "not a member of this request's schema" + more_en);
}

void throw_missing(const std::string& field) { throw missing_field(field); }

void throw_bad_value(const std::string& field, const std::string& zh, const std::string& en) { throw bad_value(field, zh, en); }

void throw_not_found(const std::string& field, const std::string& what_zh, const std::string& what_en,
                     const std::string& key) {
  throw RequestError(code::REQ_NOT_FOUND, field, "未找到" + what_zh + "：" + key, "No " + what_en + " found: " + key);
}

std::size_t utf8_length(std::string_view s) noexcept {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

namespace {

// How an error names the JSON type a member has: {zh, en}.
struct TypeName {
  const char* zh;
  const char* en;
};

TypeName type_name(const json& v) {
  switch (v.type()) {
    case json::value_t::null: return {"null", "null"};
    case json::value_t::boolean: return {"布尔值", "a boolean"};
    case json::value_t::string: return {"字符串", "a string"};
    case json::value_t::array: return {"数组", "an array"};
    case json::value_t::object: return {"对象", "an object"};
    default: return {"数字", "a number"};
  }
}

// A member's field name ("args.base"), spelled out only when an error needs
// it: decoding a valid member builds no string.
struct FieldName {
  const std::string& path;
  std::string_view name;
};
std::string str(const std::string& f) { return f; }
std::string str(const FieldName& f) { return f.path.empty() ? std::string(f.name) : f.path + "." + std::string(f.name); }

template <class F>
[[noreturn]] void wrong_type(const json& v, const F& field, const std::string& want_zh, const std::string& want_en) {
  const TypeName got = type_name(v);
  throw_bad_value(str(field), "应为" + want_zh + "，实际为" + got.zh, "expected " + want_en + ", got " + got.en);
}

template <class F>
const std::string& text_of(const json& v, const F& field, const char* want_zh, const char* want_en) {
  if (!v.is_string()) wrong_type(v, field, want_zh, want_en);
  return v.get_ref<const std::string&>();
}

template <class F>
std::string string_of(const json& v, const F& field, std::size_t max_chars) {
  const std::string& s = text_of(v, field, "字符串", "a string");
  if (checks::too_long(s, max_chars))
    throw_bad_value(str(field), "长度超过" + std::to_string(max_chars) + "个字符的上限",
                    "longer than the limit of " + std::to_string(max_chars) + " characters");
  if (checks::has_control(s)) throw_bad_value(str(field), "含有控制字符", "contains a control character");
  return s;
}

// What a value decoder says: the text it wants, and what is wrong with a text
// of the right type that does not parse ({zh, en} each).
struct Grammar {
  const char* want_zh;
  const char* want_en;
  const char* bad_zh;
  const char* bad_en;
};

// A string member read by its type's parser (T::parse, an optional): the
// wrong JSON type or a text that does not parse is REQ_BAD_VALUE; money must
// also lie within kMaxMoneyFen.
template <class T, class F>
T decoded(const json& v, const F& field, const Grammar& g) {
  auto x = T::parse(text_of(v, field, g.want_zh, g.want_en));
  if (!x) throw_bad_value(str(field), g.bad_zh, g.bad_en);
  if constexpr (std::is_same_v<T, Money>)
    if (checks::beyond_limit(*x))
      throw_bad_value(str(field), "金额超出上限1,000,000,000,000.00元", "money beyond the limit of 1,000,000,000,000.00 yuan");
  return *x;
}

constexpr Grammar kMoney{"字符串形式的金额（如\"376.00\"）", "money as a decimal string such as \"376.00\"",
                         "金额须为字符串形式的十进制数，最多两位小数", "money must be a decimal string with at most two decimals"};
constexpr Grammar kRate{"字符串形式的比例（如\"12%\"或\"0.12\"）", "a rate as a string such as \"12%\" or \"0.12\"",
                        "比例须写作\"12%\"或\"0.12\"，最多9位小数", "a rate is written \"12%\" or \"0.12\", with at most 9 fractional digits"};
constexpr Grammar kMonth{"年月字符串（如\"2026-07\"）", "a month such as \"2026-07\"", "年月须为有效的\"YYYY-MM\"",
                         "a month must be a real \"YYYY-MM\""};
constexpr Grammar kDate{"日期字符串（如\"2026-07-03\"）", "a date such as \"2026-07-03\"", "日期须为有效的\"YYYY-MM-DD\"",
                        "a date must be a real \"YYYY-MM-DD\""};
constexpr Grammar kDateTime{"日期时间字符串（如\"2026-07-03T10:00:00\"）", "a date-time such as \"2026-07-03T10:00:00\"",
                            "须为北京时间\"YYYY-MM-DDTHH:MM:SS\"（可带\"+08:00\"）",
                            "must be China Standard Time \"YYYY-MM-DDTHH:MM:SS\" (optionally \"+08:00\")"};

}  // namespace

std::string decode_string(const json& v, const std::string& field, std::size_t max_chars) {
  return string_of(v, field, max_chars);
}
Money decode_money(const json& v, const std::string& field) { return decoded<Money>(v, field, kMoney); }
Rate decode_rate(const json& v, const std::string& field) { return decoded<Rate>(v, field, kRate); }
YearMonth decode_month(const json& v, const std::string& field) { return decoded<YearMonth>(v, field, kMonth); }
Date decode_date(const json& v, const std::string& field) { return decoded<Date>(v, field, kDate); }
LocalDateTime decode_datetime(const json& v, const std::string& field) { return decoded<LocalDateTime>(v, field, kDateTime); }

bool decode_boolean(const json& v, const std::string& field) {
  if (!v.is_boolean()) wrong_type(v, field, "布尔值（true或false）", "a boolean (true or false)");
  return v.get<bool>();
}

std::int64_t decode_integer(const json& v, const std::string& field, std::int64_t min, std::int64_t max) {
  auto outside = [&] {
    const std::string range = std::to_string(min) + "…" + std::to_string(max);
    throw_bad_value(field, "整数超出范围" + range, "integer outside " + range);
  };
  if (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) outside();
  if (!v.is_number_integer()) wrong_type(v, field, "整数", "an integer");
  const std::int64_t x = v.get<std::int64_t>();
  if (x < min || x > max) outside();
  return x;
}

MonthPeriod decode_period(const json& v, const std::string& field) {
  ArgReader r(&v, field, false);
  return r.month_period(v, field);
}

ArgReader::ArgReader(const json* j, std::string path, bool allow_absent) : j_(j), path_(std::move(path)) {
  if (j_ && j_->is_null()) j_ = nullptr;
  if (!j_ && !allow_absent) throw_missing(path_);
  if (j_ && !j_->is_object()) wrong_type(*j_, path_, "对象", "an object");
}

bool ArgReader::has(std::string_view name) const {
  if (!j_) return false;
  auto it = j_->find(name);
  return it != j_->end() && !it->is_null();
}

void ArgReader::mark_read(const json* v) {
  if (read_count_ < kInlineRead) read_inline_[read_count_++] = v;
  else read_more_.push_back(v);
}

const json* ArgReader::member(std::string_view name) {
  if (!j_) return nullptr;
  auto it = j_->find(name);
  if (it == j_->end()) return nullptr;
  mark_read(&*it);  // present (null included): finish() accepts it
  if (it->is_null()) return nullptr;
  return &*it;
}

const json* ArgReader::raw(std::string_view name) {
  const json* v = member(name);
  if (v) keep(name, *v);
  return v;
}

std::string ArgReader::string(std::string_view name, std::size_t max_chars) {
  return need(opt_string(name, max_chars), name);
}

std::optional<std::string> ArgReader::opt_string(std::string_view name, std::size_t max_chars) {
  const json* v = member(name);
  if (!v) return std::nullopt;
  auto s = string_of(*v, FieldName{path_, name}, max_chars);
  keep(name, s);
  return s;
}

std::string ArgReader::enumeration(std::string_view name, std::initializer_list<std::string_view> allowed) {
  return need(opt_enumeration(name, allowed), name);
}

std::optional<std::string> ArgReader::opt_enumeration(std::string_view name, std::initializer_list<std::string_view> allowed) {
  auto s = opt_string(name);
  if (!s) return std::nullopt;
  for (auto a : allowed)
    if (a == *s) return s;
  std::string list;
  for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
  throw_bad_value(field(name), "须为以下之一：" + list, "must be one of: " + list);
}

bool ArgReader::boolean(std::string_view name) { return need(opt_boolean(name), name); }

std::optional<bool> ArgReader::opt_boolean(std::string_view name) {
  const json* v = member(name);
  if (!v) return std::nullopt;
  const bool b = decode_boolean(*v, field(name));
  keep(name, b);
  return b;
}

std::int64_t ArgReader::integer(std::string_view name, std::int64_t min, std::int64_t max) {
  return need(opt_integer(name, min, max), name);
}

std::optional<std::int64_t> ArgReader::opt_integer(std::string_view name, std::int64_t min, std::int64_t max) {
  const json* v = member(name);
  if (!v) return std::nullopt;
  const std::int64_t x = decode_integer(*v, field(name), min, max);
  keep(name, x);
  return x;
}

#define PVD_TYPED(TYPE, NAME, GRAMMAR)                                                   \
  TYPE ArgReader::NAME(std::string_view name) { return need(opt_##NAME(name), name); } \
  std::optional<TYPE> ArgReader::opt_##NAME(std::string_view name) {                    \
    const json* v = member(name);                                                       \
    if (!v) return std::nullopt;                                                        \
    TYPE x = decoded<TYPE>(*v, FieldName{path_, name}, GRAMMAR);                         \
    if (record_) keep(name, x.to_string());                                             \
    return x;                                                                           \
  }

PVD_TYPED(Money, money, kMoney)
PVD_TYPED(Rate, rate, kRate)
PVD_TYPED(YearMonth, month, kMonth)
PVD_TYPED(Date, date, kDate)
PVD_TYPED(LocalDateTime, datetime, kDateTime)
#undef PVD_TYPED

MonthPeriod ArgReader::month_period(const json& j, const std::string& path) {
  ArgReader r(&j, path, false);
  r.record_canonical(record_);
  MonthPeriod p{r.month("from"), r.month("to")};
  r.finish();
  if (month_count(p) > kMaxPeriodMonths)
    throw_bad_value(path, "时间段超过" + std::to_string(kMaxPeriodMonths) + "个月的上限",
                    "a period longer than the limit of " + std::to_string(kMaxPeriodMonths) + " months");
  return p;
}

ArgReader ArgReader::object(std::string_view name) { return need(opt_object(name), name); }

std::optional<ArgReader> ArgReader::opt_object(std::string_view name) {
  const json* v = member(name);
  if (!v) return std::nullopt;
  keep(name, *v);  // nested objects are kept as sent
  ArgReader r(v, field(name), false);
  r.record_canonical(record_);
  return r;
}

std::size_t ArgReader::each(std::string_view name, const std::function<void(ArgReader&, std::size_t)>& fn,
                            std::size_t max_items, bool optional) {
  json canon;  // an array once an element is recorded (an empty document costs an allocation)
  if (record_) canon = json::array();
  const std::size_t n = each_value(
      name,
      [&](const json& e, const std::string& p, std::size_t i) {
        ArgReader r(&e, p, false);
        r.record_canonical(record_);
        fn(r, i);
        if (record_) canon.push_back(r.canonical());
      },
      max_items, optional);
  if (record_ && has(name)) keep(name, std::move(canon));
  return n;
}

std::size_t ArgReader::each_value(std::string_view name,
                                  const std::function<void(const json&, const std::string&, std::size_t)>& fn,
                                  std::size_t max_items, bool optional) {
  const json* v = member(name);
  if (!v) {
    if (optional) return 0;
    throw_missing(field(name));
  }
  if (!v->is_array()) wrong_type(*v, field(name), "数组", "an array");
  if (v->size() > max_items)
    throw_bad_value(field(name), "超过" + std::to_string(max_items) + "项的上限", "more than the limit of " + std::to_string(max_items) + " items");
  // The elements' paths ("facts.accounts[3]") in one buffer: each element
  // of every list of facts is named, so this is on the path of every command.
  std::string path = field(name);
  path += '[';
  const std::size_t stem = path.size();
  std::size_t i = 0;
  for (const auto& e : *v) {
    path.resize(stem);
    char digits[24];
    path.append(digits, std::to_chars(digits, digits + sizeof digits, i).ptr);
    path += ']';
    fn(e, path, i);
    ++i;
  }
  keep(name, *v);
  return i;
}

void ArgReader::finish() const {
  if (!j_) return;
  const json* const* inl_end = read_inline_ + read_count_;
  for (auto it = j_->begin(); it != j_->end(); ++it) {
    const json* v = &*it;
    if (std::find(read_inline_, inl_end, v) != inl_end) continue;
    if (std::find(read_more_.begin(), read_more_.end(), v) != read_more_.end()) continue;
    throw unknown_member(field(it.key()));
  }
}

}  // namespace pvd::protocol
