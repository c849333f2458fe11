#include "protocol/schema.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

#include "json/args.hpp"
#include "json/suggest.hpp"
#include "provident/core/error.hpp"
#include "provident/rules/codes.hpp"

namespace pvd::protocol {

const Field* Field::member(std::string_view name) const {
  for (const auto& [n, f] : members)
    if (n == name) return &f;
  return nullptr;
}

namespace {

// ------------------------------------------------------------------ reading the files

constexpr std::pair<std::string_view, FieldType> kTypes[] = {
    {"string", FieldType::string}, {"name", FieldType::name},       {"enum", FieldType::enumeration},
    {"boolean", FieldType::boolean}, {"integer", FieldType::integer}, {"money", FieldType::money},
    {"rate", FieldType::rate},     {"month", FieldType::month},     {"date", FieldType::date},
    {"datetime", FieldType::datetime}, {"period", FieldType::period}, {"object", FieldType::object},
    {"array", FieldType::array},   {"any_of", FieldType::any_of},   {"any", FieldType::any}};

[[noreturn]] void malformed(const std::string& where, const std::string& what) {
  throw std::runtime_error("operation schema " + where + ": " + what + " (schemas/README.md)");
}

std::string text_member(const ojson& j, const char* name, const std::string& where) {
  if (!j.contains(name)) return {};
  if (!j[name].is_string()) malformed(where + "." + name, "expected a string");
  return j[name].get<std::string>();
}

Field read_field(const ojson& j, const std::string& where);

void read_members(Field& f, const ojson& j, const std::string& where) {
  if (j.contains("members")) {
    if (!j["members"].is_object()) malformed(where + ".members", "expected an object");
    for (auto it = j["members"].begin(); it != j["members"].end(); ++it)
      f.members.push_back(Member{it.key(), read_field(it.value(), where + ".members." + it.key())});
  }
  if (j.contains("require_one_of")) {
    for (const auto& group : j["require_one_of"]) {
      std::vector<std::string> names;
      for (const auto& n : group) {
        if (!n.is_string() || !f.member(n.get<std::string>())) malformed(where + ".require_one_of", "names a member not in members");
        names.push_back(n.get<std::string>());
      }
      f.require_one_of.push_back(std::move(names));
    }
  }
  if (j.contains("open")) f.open = j["open"].get<bool>();
}

Field read_field(const ojson& j, const std::string& where) {
  if (!j.is_object()) malformed(where, "a field is an object");
  static const std::vector<std::string_view> known = {"type", "required", "nullable", "doc", "max_chars", "max_items",
                                                      "values", "min", "max", "members", "require_one_of", "open",
                                                      "items", "alternatives"};
  for (auto it = j.begin(); it != j.end(); ++it)
    if (std::find(known.begin(), known.end(), it.key()) == known.end()) malformed(where + "." + it.key(), "not a member of a field");
  Field f;
  const std::string type = text_member(j, "type", where);
  const auto* t = std::find_if(std::begin(kTypes), std::end(kTypes), [&](const auto& p) { return p.first == type; });
  if (t == std::end(kTypes)) malformed(where + ".type", "unknown type \"" + type + "\"");
  f.type = t->second;
  f.required = j.value("required", false);
  f.nullable = j.value("nullable", false);
  f.doc = text_member(j, "doc", where);
  if (j.contains("max_chars")) f.max_chars = j["max_chars"].get<std::size_t>();
  if (f.type == FieldType::name) f.max_chars = kMaxNameChars;
  if (j.contains("max_items")) f.max_items = j["max_items"].get<std::size_t>();
  switch (f.type) {
    case FieldType::enumeration:
      if (!j.contains("values") || !j["values"].is_array() || j["values"].empty()) malformed(where, "an enum lists its values");
      for (const auto& v : j["values"]) f.values.push_back(v.get<std::string>());
      break;
    case FieldType::integer:
      if (!j.contains("min") || !j.contains("max")) malformed(where, "an integer states min and max");
      f.min = j["min"].get<std::int64_t>();
      f.max = j["max"].get<std::int64_t>();
      break;
    case FieldType::money:
      if (j.contains("min")) f.money_min = Money::parse(j["min"].get<std::string>());
      if (j.contains("max")) f.money_max = Money::parse(j["max"].get<std::string>());
      if ((j.contains("min") && !f.money_min) || (j.contains("max") && !f.money_max)) malformed(where, "money bounds are money strings");
      break;
    case FieldType::rate:
      if (j.contains("min")) f.rate_min = Rate::parse(j["min"].get<std::string>());
      if (j.contains("max")) f.rate_max = Rate::parse(j["max"].get<std::string>());
      if ((j.contains("min") && !f.rate_min) || (j.contains("max") && !f.rate_max)) malformed(where, "rate bounds are rate strings");
      break;
    case FieldType::object: read_members(f, j, where); break;
    case FieldType::array:
      if (!j.contains("items")) malformed(where, "an array states its items");
      f.items.push_back(read_field(j["items"], where + ".items"));
      break;
    case FieldType::any_of:
      if (!j.contains("alternatives") || !j["alternatives"].is_array() || j["alternatives"].size() < 2)
        malformed(where, "any_of lists at least two alternatives");
      for (std::size_t i = 0; i < j["alternatives"].size(); ++i)
        f.items.push_back(read_field(j["alternatives"][i], where + ".alternatives[" + std::to_string(i) + "]"));
      break;
    default: break;
  }
  return f;
}

Field read_object(const ojson& doc, const char* name, const std::string& where) {
  ojson j = doc.contains(name) ? doc[name] : ojson::object();
  if (!j.is_object()) malformed(where + "." + name, "expected an object");
  if (!j.contains("type")) j["type"] = "object";
  return read_field(j, where + "." + name);
}

OpSchema read_schema(const EmbeddedSchema& e) {
  OpSchema s;
  s.file = std::string(e.file);
  try {
    s.document = ojson::parse(e.text);
  } catch (const std::exception& x) {
    malformed(s.file, std::string("not JSON: ") + x.what());
  }
  s.op = text_member(s.document, "op", s.file);
  if (s.op != e.name) malformed(s.file, "\"op\" must be the file's name");
  for (auto it = s.document.begin(); it != s.document.end(); ++it)
    if (it.key() != "op" && it.key() != "args" && it.key() != "result" && it.key() != "violations" &&
        it.key() != "violations_of_case_operation")
      malformed(s.file + "." + it.key(), "not a member of a schema");
  s.args = read_object(s.document, "args", s.file);
  s.result = read_object(s.document, "result", s.file);
  for (const auto& c : s.document.value("violations", ojson::array())) s.violations.push_back(c.get<std::string>());
  s.violations_of_case_operation = s.document.value("violations_of_case_operation", false);
  return s;
}

// ------------------------------------------------------------------ checking a request

class Checker {
 public:
  std::vector<Problem> problems;

  void value(const Field& f, const json& v, const std::string& path) {
    if (full()) return;
    try {
      decode(f, v, path);
    } catch (const RequestError& e) {
      add(problem(Problem::Kind::bad_value, e));
    }
  }

  void object(const Field& f, const json& obj, const std::string& path) {
    if (!obj.is_object()) {
      value(Field{.type = FieldType::object}, obj, path);  // the type error, worded as the reader words it
      return;
    }
    for (const auto& [name, m] : f.members) {
      const auto it = obj.find(name);
      const std::string p = join(path, name);
      if (it == obj.end() || it->is_null()) {
        if (m.required) missing(p);
      } else {
        value(m, *it, p);
      }
    }
    for (const auto& group : f.require_one_of) {
      const bool any = std::any_of(group.begin(), group.end(), [&](const std::string& n) {
        const auto it = obj.find(n);
        return it != obj.end() && !it->is_null();
      });
      if (!any) one_of_missing(path, group);
    }
    if (!f.open)
      for (auto it = obj.begin(); it != obj.end(); ++it)
        if (!f.member(it.key())) unknown(f, obj, it.key(), path);
  }

 private:
  bool full() const { return problems.size() >= kMaxProblems; }
  void add(Problem p) {
    if (full()) return;
    if (problems.size() + 1 == kMaxProblems) {
      p = {Problem::Kind::bad_value, std::string(code::REQ_BAD_VALUE.text), p.field,
           "问题过多：只报告前" + std::to_string(kMaxProblems - 1) + "项",
           "too many problems: only the first " + std::to_string(kMaxProblems - 1) + " are reported"};
    }
    problems.push_back(std::move(p));
  }
  static std::string join(const std::string& path, std::string_view name) {
    return path.empty() ? std::string(name) : path + "." + std::string(name);
  }
  void missing(const std::string& field) { add(problem(Problem::Kind::missing, missing_field(field))); }
  void one_of_missing(const std::string& path, const std::vector<std::string>& group) {
    std::string names;
    for (const auto& n : group) names += (names.empty() ? "" : ", ") + join(path, n);
    add(problem(Problem::Kind::missing, missing_field(join(path, group.front()), "须给出以下之一：" + names, "give one of " + names)));
  }
  // Decision: the nearest name among the members not given — "employe_rate" beside a
  // given employer_rate means employee_rate.
  void unknown(const Field& f, const json& obj, const std::string& key, const std::string& path) {
    std::vector<std::string_view> names, absent;
    for (const auto& [n, m] : f.members) {
      names.push_back(n);
      if (!obj.contains(n)) absent.push_back(n);
    }
    const Suggestion s = did_you_mean(key, absent);
    std::string list;
    if (s.en.empty() && !names.empty() && names.size() <= 24)
      for (auto n : names) list += (list.empty() ? "" : ", ") + std::string(n);
    const std::string zh = !s.zh.empty() ? s.zh : list.empty() ? "" : "（成员：" + list + "）";
    const std::string en = !s.en.empty() ? s.en : list.empty() ? "" : " (members: " + list + ")";
    add(problem(Problem::Kind::unknown, unknown_member(join(path, key), zh, en)));
  }
  [[noreturn]] static void bad(const std::string& field, const std::string& zh, const std::string& en) { throw_bad_value(field, zh, en); }

  void decode(const Field& f, const json& v, const std::string& path) {
    switch (f.type) {
      case FieldType::string:
      case FieldType::name: decode_string(v, path, f.max_chars); break;
      case FieldType::enumeration: {
        const std::string s = decode_string(v, path);
        if (std::find(f.values.begin(), f.values.end(), s) != f.values.end()) break;
        std::string list;
        for (const auto& x : f.values) list += (list.empty() ? "" : ", ") + x;
        std::vector<std::string_view> names(f.values.begin(), f.values.end());
        const Suggestion near = did_you_mean(s, names);
        bad(path, "须为以下之一：" + list + near.zh, "must be one of: " + list + near.en);
      }
      case FieldType::boolean: decode_boolean(v, path); break;
      case FieldType::integer: decode_integer(v, path, f.min, f.max); break;
      case FieldType::money: {
        const Money m = decode_money(v, path);
        if (f.money_min && m < *f.money_min) bad(path, "不能小于" + f.money_min->to_string(), "must not be less than " + f.money_min->to_string());
        if (f.money_max && m > *f.money_max) bad(path, "不能大于" + f.money_max->to_string(), "must not be more than " + f.money_max->to_string());
        break;
      }
      case FieldType::rate: {
        const Rate r = decode_rate(v, path);
        if (f.rate_min && r < *f.rate_min) bad(path, "不能小于" + f.rate_min->to_string(), "must not be less than " + f.rate_min->to_string());
        if (f.rate_max && r > *f.rate_max) bad(path, "不能大于" + f.rate_max->to_string(), "must not be more than " + f.rate_max->to_string());
        break;
      }
      case FieldType::month: decode_month(v, path); break;
      case FieldType::date: decode_date(v, path); break;
      case FieldType::datetime: decode_datetime(v, path); break;
      case FieldType::period: decode_period(v, path); break;
      case FieldType::object:
        if (!v.is_object()) ArgReader(&v, path, false);  // throws the reader's type error
        object(f, v, path);
        break;
      case FieldType::array: array(f, v, path); break;
      case FieldType::any_of: any_of(f, v, path); break;
      case FieldType::any: break;
    }
  }

  void array(const Field& f, const json& v, const std::string& path) {
    if (!v.is_array()) bad(path, "应为数组", "expected an array");
    if (v.size() > f.max_items)
      bad(path, "超过" + std::to_string(f.max_items) + "项的上限", "more than the limit of " + std::to_string(f.max_items) + " items");
    for (std::size_t i = 0; i < v.size() && !full(); ++i) value(f.items.front(), v[i], path + "[" + std::to_string(i) + "]");
  }

  // The first alternative the value satisfies; else the problems of the one of
  // the value's JSON kind, or a list of what would do.
  void any_of(const Field& f, const json& v, const std::string& path) {
    const Field* same_kind = nullptr;
    std::string kinds;
    for (const auto& alt : f.items) {
      Checker trial;
      trial.value(alt, v, path);
      if (trial.problems.empty()) return;
      kinds += (kinds.empty() ? "" : ", ") + std::string(type_name(alt.type));
      const bool obj = alt.type == FieldType::object || alt.type == FieldType::period;
      if ((obj && v.is_object()) || (alt.type == FieldType::array && v.is_array()) ||
          (alt.type == FieldType::boolean && v.is_boolean()))
        same_kind = &alt;
    }
    if (same_kind) {
      decode(*same_kind, v, path);
      return;
    }
    bad(path, "应为以下之一：" + kinds, "expected one of: " + kinds);
  }
};

// ------------------------------------------------------------------ checking a result

void describe_value(const Field& f, const json& v, const std::string& path, std::vector<std::string>& out);

void describe_object(const Field& f, const json& obj, const std::string& path, std::vector<std::string>& out) {
  if (!obj.is_object()) {
    out.push_back(path + ": expected an object, got " + obj.dump());
    return;
  }
  for (const auto& [name, m] : f.members)
    if (m.required && !obj.contains(name)) out.push_back(path + "." + name + ": required by the schema, missing");
  if (f.open) return;
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    const std::string& k = it.key();
    if (const Field* m = f.member(k)) {
      describe_value(*m, it.value(), path + "." + k, out);
      continue;
    }
    const std::string_view suffix = "_derivation";
    if (k.size() > suffix.size() && k.ends_with(suffix)) {
      const Field* m = f.member(std::string_view(k).substr(0, k.size() - suffix.size()));
      if (m && m->type == FieldType::money) continue;
    }
    out.push_back(path + "." + k + ": not in the schema");
  }
}

void describe_value(const Field& f, const json& v, const std::string& path, std::vector<std::string>& out) {
  if (v.is_null()) {
    if (!f.nullable) out.push_back(path + ": null, and the schema does not say nullable");
    return;
  }
  switch (f.type) {
    case FieldType::object: describe_object(f, v, path, out); return;
    case FieldType::array:
      if (!v.is_array()) out.push_back(path + ": expected an array");
      else
        for (std::size_t i = 0; i < v.size(); ++i) describe_value(f.items.front(), v[i], path + "[" + std::to_string(i) + "]", out);
      return;
    case FieldType::any_of: {
      for (const auto& alt : f.items) {
        std::vector<std::string> trial;
        describe_value(alt, v, path, trial);
        if (trial.empty()) return;
      }
      out.push_back(path + ": matches none of the alternatives: " + v.dump());
      return;
    }
    case FieldType::any: return;
    default: break;
  }
  // Scalars: the same decoders as requests use (results are written in the request grammar).
  Field strict = f;
  strict.money_min.reset();
  strict.money_max.reset();
  strict.rate_min.reset();
  strict.rate_max.reset();
  strict.max_chars = std::max<std::size_t>(f.max_chars, 1 << 20);
  if (f.type == FieldType::integer) {
    strict.min = INT64_MIN;
    strict.max = INT64_MAX;
  }
  Checker c;
  c.value(strict, v, path);
  for (const auto& p : c.problems) out.push_back(path + ": " + p.message_en + " (schema type " + std::string(type_name(f.type)) + ")");
}

}  // namespace

Problem problem(Problem::Kind kind, const RequestError& e) {
  return {kind, e.code(), e.field(), e.message_zh(), e.message_en()};
}

std::string_view type_name(FieldType t) {
  for (const auto& [n, x] : kTypes)
    if (x == t) return n;
  return "any";
}

const std::vector<OpSchema>& all_schemas() {
  static const std::vector<OpSchema> schemas = [] {
    std::vector<OpSchema> out;
    for (const auto& e : embedded_schemas()) out.push_back(read_schema(e));
    std::sort(out.begin(), out.end(), [](const OpSchema& a, const OpSchema& b) { return a.op < b.op; });
    return out;
  }();
  return schemas;
}

const OpSchema* find_schema(std::string_view op) {
  const auto& all = all_schemas();
  const auto it = std::lower_bound(all.begin(), all.end(), op, [](const OpSchema& s, std::string_view n) { return s.op < n; });
  return it != all.end() && it->op == op ? &*it : nullptr;
}

std::vector<Problem> check_args(const OpSchema& schema, const json* args) {
  Checker c;
  static const json empty = json::object();
  c.object(schema.args, args && !args->is_null() ? *args : empty, "args");
  return std::move(c.problems);
}

std::vector<std::string> check_result(const OpSchema& schema, const json& result) {
  std::vector<std::string> out;
  describe_value(schema.result, result, "result", out);
  return out;
}

}  // namespace pvd::protocol
