#include "fastpath/args.hpp"

#include <string>

#include "fastpath/error.hpp"
#include "protocol/args.hpp"

namespace pvd::fastpath {

namespace {

constexpr std::int64_t kMinMonth = 1400 * 12, kMaxMonth = 9999 * 12 + 11;
constexpr std::int64_t kMinDay = -208188, kMaxDay = 2932896;  // 1400-01-01, 9999-12-31
constexpr std::int64_t kMaxBirthDay = kMaxDay - (70 * 365 + 17);  // 9929-12-31: 17 leap days in 9930 … 9999

/// Whether [a, a + n) and [b, b + n) of int64 share a byte.
bool overlap(const std::int64_t* a, const std::int64_t* b, std::size_t n) noexcept {
  const auto x = reinterpret_cast<std::uintptr_t>(a), y = reinterpret_cast<std::uintptr_t>(b);
  const std::size_t bytes = n * sizeof(std::int64_t);
  return x < y + bytes && y < x + bytes;
}

[[noreturn]] void overlapping_output(std::string_view out) {
  const std::string name(out);
  bad_value(name, name + "不能与输入数组重叠", name + " overlaps an input array");
}

[[noreturn]] void overlapping_outputs(std::string_view a, std::string_view b) {
  const std::string x(a), y(b);
  bad_value(x, "两个输出数组" + x + "与" + y + "不能重叠", "the two output arrays overlap (" + x + ", " + y + ")");
}

}  // namespace

const Range kMonthSerial{kMinMonth, kMaxMonth, "不是1400-01至9999-12之间的年月序号",
                         "is not a month serial (year*12 + month-1) within 1400-01 … 9999-12"};
const Range kDaySerial{kMinDay, kMaxDay, "不是1400-01-01至9999-12-31之间的日期序号",
                       "is not a day serial (days since 1970-01-01) within 1400-01-01 … 9999-12-31"};
const Range kMoment{kMinDay * 86400, (kMaxDay + 1) * 86400 - 1, "不是1400-01-01至9999-12-31之间的时刻",
                    "is not a date-time (seconds since 1970-01-01T00:00:00 China Standard Time) within "
                    "1400-01-01 … 9999-12-31"};
const Range kBirthMonth{kMinMonth, kMaxMonth - 12 * 70, "不是1400-01至9929-12之间的出生年月序号（退休年月须不晚于9999-12）",
                        "is not a birth month serial (year*12 + month-1) within 1400-01 … 9929-12 (the retirement "
                        "month must fall by 9999-12)"};
const Range kBirthDate{kMinDay, kMaxBirthDay, "不是1400-01-01至9929-12-31之间的出生日期序号（退休年月须不晚于9999-12）",
                       "is not a birth date (days since 1970-01-01) within 1400-01-01 … 9929-12-31 (the retirement "
                       "month must fall by 9999-12)"};
const Range kCategoryCode{1, 3, "须为类别代码1（M60）、2（F55）或3（F50）",
                          "is not a category code: 1 (M60), 2 (F55) or 3 (F50)"};
const Range kPrincipalFen{0, protocol::kMaxMoneyFen, "须在0至1万亿元之间",
                          "is not within 0 … 1 trillion yuan (100,000,000,000,000 fen)"};

void out_of_range(const Range& r, std::int64_t v, std::string_view field, std::optional<std::size_t> row) {
  const std::string f(field);
  const std::string zh = f + std::string(r.zh), en = f + " " + std::to_string(v) + " " + std::string(r.en);
  if (row) bad_row(*row, f, zh, en);
  bad_value(f, zh, en);
}

YearMonth month_arg(std::int64_t serial, std::string_view field) {
  check(kMonthSerial, serial, field);
  return YearMonth::from_serial(static_cast<std::int32_t>(serial));
}

Date day_arg(std::int64_t serial, std::string_view field) {
  check(kDaySerial, serial, field);
  return Date::from_days(static_cast<std::int32_t>(serial));
}

LocalDateTime moment_arg(std::int64_t seconds, std::string_view field) {
  check(kMoment, seconds, field);
  return LocalDateTime::from_epoch_seconds(seconds);
}

pension::Category category_of(std::int64_t code) noexcept {
  return code == 1 ? pension::Category::M60 : code == 2 ? pension::Category::F55 : pension::Category::F50;
}

pension::Category category_arg(std::int64_t code, std::string_view field) {
  check(kCategoryCode, code, field);
  return category_of(code);
}

void check_outputs_apart(std::size_t n, std::initializer_list<const std::int64_t*> inputs,
                         std::initializer_list<Output> outputs) {
  if (n == 0) return;
  for (auto o = outputs.begin(); o != outputs.end(); ++o) {  // nothing allocated unless refused
    for (const std::int64_t* in : inputs)
      if (overlap(o->data, in, n)) overlapping_output(o->name);
    for (auto p = o + 1; p != outputs.end(); ++p)
      if (overlap(o->data, p->data, n)) overlapping_outputs(o->name, p->name);
  }
}

}  // namespace pvd::fastpath
