#include "fastpath/error.hpp"

#include "provident/rules/codes.hpp"

namespace pvd::fastpath {

namespace {

std::string zh_row(std::size_t row, std::string_view text) { return "第" + std::to_string(row) + "行：" + std::string(text); }
std::string en_row(std::size_t row, std::string_view text) { return "row " + std::to_string(row) + ": " + std::string(text); }

/// An error at `row` whose messages are `zh` and `en` prefixed with the row.
Error row_error(Cause cause, std::string code, std::string field, std::size_t row, std::string_view zh,
                std::string_view en);

}  // namespace

Error::Error(Cause c, std::string code_, std::string field_, std::string zh, std::string en, std::optional<std::int64_t> row_)
    : std::runtime_error(en),
      cause(c),
      code(std::move(code_)),
      field(std::move(field_)),
      message_zh(std::move(zh)),
      message_en(std::move(en)),
      row(row_) {}

void bad_value(std::string field, std::string zh, std::string en) {
  throw Error(Cause::argument, std::string(code::REQ_BAD_VALUE.text), std::move(field), std::move(zh), std::move(en));
}

namespace {

Error row_error(Cause cause, std::string code, std::string field, std::size_t row, std::string_view zh,
                std::string_view en) {
  Error e(cause, std::move(code), std::move(field), zh_row(row, zh), en_row(row, en), static_cast<std::int64_t>(row));
  e.detail_zh = zh;
  e.detail_en = en;
  return e;
}

}  // namespace

void bad_row(std::size_t row, std::string field, std::string_view zh, std::string_view en) {
  throw row_error(Cause::argument, std::string(code::REQ_BAD_VALUE.text), std::move(field), row, zh, en);
}

void failed_at_row(std::size_t row, const RequestError& e) {
  const Cause cause = e.code() == code::POLICY_NOT_IN_FORCE ? Cause::policy : Cause::argument;
  throw row_error(cause, e.code(), e.field(), row, e.message_zh(), e.message_en());
}

Error shifted(const Error& e, std::size_t first) {
  if (!e.row || first == 0) return e;
  return row_error(e.cause, e.code, e.field, static_cast<std::size_t>(*e.row) + first, e.detail_zh, e.detail_en);
}

void unrepresentable(std::string en) {
  throw Error(Cause::policy, "", "", en, en);  // no protocol code: the JSON protocol answers with the exact value
}

}  // namespace pvd::fastpath
