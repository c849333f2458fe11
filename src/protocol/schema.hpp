// The operation schemas (schemas/README.md): what each operation takes, what
// it answers and which violations it can give, read once from the files
// compiled into the library.
//
//   const OpSchema* s = find_schema("hpf.deposit");
//   for (const Problem& p : check_args(*s, args)) …   // every problem at once
//
// The schemas describe; the operations' argument readers (src/json/args.hpp)
// still decide. The dispatcher asks the schema only when a request has failed,
// to report every missing, unknown and invalid member at once (with "did you
// mean") — a request that passes pays nothing. The tests check both agree
// (tests/cpp/test_schemas.cpp).
//
// Layer `protocol`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "json/json.hpp"
#include "provident/core/error.hpp"
#include "provident/core/money.hpp"
#include "provident/core/rate.hpp"

namespace pvd::protocol {

/// A schema file as compiled into the library (cmake/embed_files.cmake).
struct EmbeddedSchema {
  std::string_view name;  // "hpf.deposit"
  std::string_view file;  // "schemas/hpf.deposit.json"
  std::string_view text;
};
const std::vector<EmbeddedSchema>& embedded_schemas();

enum class FieldType { string, name, enumeration, boolean, integer, money, rate, month, date, datetime, period, object, array, any_of, any };

struct Member;

/// A member's description (schemas/README.md, "A field").
struct Field {
  FieldType type = FieldType::any;
  bool required = false;
  bool nullable = false;
  std::string doc;
  std::size_t max_chars = kMaxStringChars;
  std::size_t max_items = kMaxBatchRows;
  std::vector<std::string> values;                    // enum
  std::int64_t min = 0, max = 0;                      // integer
  std::optional<Money> money_min, money_max;          // money
  std::optional<Rate> rate_min, rate_max;             // rate
  std::vector<Member> members;                        // object, in order
  std::vector<std::vector<std::string>> require_one_of;
  bool open = false;                                  // object: other members allowed
  std::vector<Field> items;                           // array: one; any_of: the alternatives

  const Field* member(std::string_view name) const;
};

/// An object's member: its name and description. (A struct, not a std::pair:
/// a pair of an incomplete Field does not compile with every standard library.)
struct Member {
  std::string name;
  Field field;
};

struct OpSchema {
  std::string op;
  std::string file;
  Field args;
  Field result;
  std::vector<std::string> violations;
  /// case.submit, case.approve: they also report the violations of the case's operation.
  bool violations_of_case_operation = false;
  ojson document;  // the file as written (for describe)
};

/// The schema of an operation; nullptr when it has none.
const OpSchema* find_schema(std::string_view op);
/// Every schema, by operation name. Throws std::runtime_error naming the file
/// and the member when a schema file is not of the language (a build defect:
/// the tests load them all).
const std::vector<OpSchema>& all_schemas();

/// One thing wrong with a request: an error as RequestError reports it.
struct Problem {
  enum class Kind { missing, unknown, bad_value };
  Kind kind;
  std::string code;  // REQ_MISSING_FIELD, REQ_BAD_VALUE
  std::string field; // "args.rows[3].base"
  std::string message_zh;
  std::string message_en;
};

/// At most this many problems are reported for one request (the last one then
/// says how many more there were).
inline constexpr std::size_t kMaxProblems = 50;

/// The problem an error is (the error's code, field and messages).
Problem problem(Problem::Kind kind, const RequestError& e);

/// Every problem of `args` (an object, null or absent) against the schema's
/// arguments: missing required members, unknown members (with the nearest
/// known name), values of the wrong type or grammar, limits.
std::vector<Problem> check_args(const OpSchema& schema, const json* args);

/// What in a result the schema does not describe ("result.rows[0].x: not in
/// the schema", a required member missing, a value of another type), for the
/// tests. With `explain`, `X_derivation` after a money member X is allowed.
std::vector<std::string> check_result(const OpSchema& schema, const json& result);

/// The name of a field type as the schema files write it ("money", "enum").
std::string_view type_name(FieldType t);

}  // namespace pvd::protocol
