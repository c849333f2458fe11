#include "cli/ops_cmd.hpp"

#include <cctype>
#include <iostream>
#include <sstream>

#include "engine/describe.hpp"
#include "engine/operations.hpp"
#include "json/suggest.hpp"
#include "protocol/schema.hpp"
#include "provident/rules/violation.hpp"

namespace pvd::cli {

namespace {

using protocol::Field;
using protocol::FieldType;

std::string md_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += "\\|";
    else if (c == '\n') out += ' ';
    else out.push_back(c);
  }
  return out;
}

// "money ≥ 0.00", "integer 1…12", "one of a, b", "array (≤ 500)".
std::string type_text(const Field& f) {
  std::string t(protocol::type_name(f.type));
  switch (f.type) {
    case FieldType::enumeration: {
      t = "one of ";
      for (std::size_t i = 0; i < f.values.size(); ++i) t += (i ? ", " : "") + f.values[i];
      break;
    }
    case FieldType::integer: t += " " + std::to_string(f.min) + "…" + std::to_string(f.max); break;
    case FieldType::money:
    case FieldType::rate: {
      auto bound = [&](const auto& lo, const auto& hi) {
        if (lo && hi) t += " " + lo->to_string() + "…" + hi->to_string();
        else if (lo) t += " ≥ " + lo->to_string();
        else if (hi) t += " ≤ " + hi->to_string();
      };
      if (f.type == FieldType::money) bound(f.money_min, f.money_max);
      else bound(f.rate_min, f.rate_max);
      break;
    }
    case FieldType::string:
      if (f.max_chars != protocol::kMaxStringChars) t += " ≤ " + std::to_string(f.max_chars) + " chars";
      break;
    case FieldType::array: {
      t = "array of " + std::string(protocol::type_name(f.items.front().type));
      if (f.max_items != protocol::kMaxBatchRows) t += " (≤ " + std::to_string(f.max_items) + ")";
      break;
    }
    case FieldType::any_of: {
      t.clear();
      for (const auto& alt : f.items) t += (t.empty() ? "" : " or ") + std::string(protocol::type_name(alt.type));
      break;
    }
    default: break;
  }
  if (f.nullable) t += ", or null";
  return t;
}

struct Row {
  std::string path;
  const Field* field;
};

// Every member, nested ones as "rows[].base" / "heir.name", in the schema's order.
void flatten(const Field& f, const std::string& prefix, std::vector<Row>& out) {
  for (const auto& [name, m] : f.members) {
    const std::string path = prefix + name;
    out.push_back({path, &m});
    if (m.type == FieldType::object) flatten(m, path + ".", out);
    if (m.type == FieldType::array && m.items.front().type == FieldType::object) flatten(m.items.front(), path + "[].", out);
    if (m.type == FieldType::any_of)
      for (const auto& alt : m.items)
        if (alt.type == FieldType::object) flatten(alt, path + ".", out);
  }
}

std::string one_of_text(const Field& f, const std::string& quote) {
  std::string out;
  for (const auto& group : f.require_one_of) {
    std::string names;
    for (const auto& n : group) names += (names.empty() ? "" : ", ") + quote + n + quote;
    out += "Give at least one of " + names + ".\n";
  }
  return out;
}

void text_members(std::ostream& o, const char* title, const Field& f, bool result) {
  std::vector<Row> rows;
  flatten(f, "", rows);
  o << title << (rows.empty() && !f.open ? ": none\n" : ":\n");
  std::size_t width = 0;
  for (const auto& r : rows) width = std::max(width, r.path.size());
  for (const auto& r : rows) {
    const char* need = r.field->required ? (result ? "always" : "required") : (result ? "" : "optional");
    o << "  " << r.path << std::string(width - r.path.size() + 2, ' ') << type_text(*r.field)
      << (*need ? std::string(", ") + need : "") << "\n";
    if (!r.field->doc.empty()) o << "  " << std::string(width + 2, ' ') << r.field->doc << "\n";
  }
  if (f.open) o << "  (" << (f.doc.empty() ? "other members as the document says" : f.doc) << ")\n";
  std::istringstream alts(one_of_text(f, ""));
  for (std::string line; std::getline(alts, line);) o << "  " << line << "\n";
}

void markdown_members(std::ostream& o, const char* title, const Field& f, bool result) {
  std::vector<Row> rows;
  flatten(f, "", rows);
  if (rows.empty()) {
    o << "*" << title << ":* " << (f.open ? md_escape(f.doc) : "none") << "\n\n";
    return;
  }
  o << "| " << title << " | type | | |\n|---|---|---|---|\n";
  for (const auto& r : rows)
    o << "| `" << r.path << "` | " << md_escape(type_text(*r.field)) << " | "
      << (r.field->required ? (result ? "always" : "required") : "") << " | " << md_escape(r.field->doc) << " |\n";
  if (f.open) o << "| … | | | " << md_escape(f.doc) << " |\n";
  o << "\n" << one_of_text(f, "`");
  if (!f.require_one_of.empty()) o << "\n";
}

std::string violations_text(const protocol::OpSchema& s, bool markdown) {
  std::string out;
  for (const auto& c : s.violations) out += (out.empty() ? "" : ", ") + (markdown ? "`" + c + "`" : c);
  if (s.violations_of_case_operation) out += (out.empty() ? "" : ", and ") + std::string("those of the case's operation");
  return out.empty() ? "none" : out;
}

void text_op(std::ostream& o, const protocol::OpSpec& op) {
  o << op.name << " — " << protocol::to_string(op.kind) << (op.reviewable ? ", may be reviewed" : "") << "\n" << op.summary << "\n\n";
  const protocol::OpSchema* s = protocol::find_schema(op.name);
  if (!s) {
    o << "(no schema yet)\n";
    return;
  }
  text_members(o, "Arguments (args)", s->args, false);
  o << "\n";
  text_members(o, "Result", s->result, true);
  o << "\nViolations: " << violations_text(*s, false) << "\n";
}

void markdown_op(std::ostream& o, const protocol::OpSpec& op) {
  o << "### `" << op.name << "`\n\n" << md_escape(op.summary) << " (" << protocol::to_string(op.kind)
    << (op.reviewable ? "; may be reviewed" : "") << ").\n\n";
  const protocol::OpSchema* s = protocol::find_schema(op.name);
  if (!s) {
    o << "*No schema yet.*\n\n";
    return;
  }
  markdown_members(o, "argument", s->args, false);
  markdown_members(o, "result", s->result, true);
  o << "Violations: " << violations_text(*s, true) << ".\n\n";
}

// GitHub's anchor of a "### `op`" heading: letters, digits, '-' and '_' kept.
std::string anchor(std::string_view name) {
  std::string a;
  for (char c : name)
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') a.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return a;
}

int list(bool markdown) {
  const auto ops = engine::operations().all();
  if (markdown) {
    std::cout << "| operation | kind | may be reviewed | what it does |\n|---|---|---|---|\n";
    for (const auto* op : ops)
      std::cout << "| [`" << op->name << "`](#" << anchor(op->name) << ") | " << protocol::to_string(op->kind) << " | "
                << (op->reviewable ? "yes" : "") << " | " << md_escape(op->summary) << " |\n";
    std::cout << "\n## Arguments and results\n\n";
    for (const auto* op : ops) markdown_op(std::cout, *op);
    return 0;
  }
  for (const auto* op : ops)
    std::cout << op->name << "\t" << protocol::to_string(op->kind) << (op->reviewable ? "\treviewable" : "\t") << "\t" << op->summary << "\n";
  return 0;
}

}  // namespace

// `provident codes`: every stable violation and error code with its messages and source.
int run_codes(bool markdown) {
  if (markdown) {
    std::cout << "| code | kind | message (zh-CN) | message (en) | source |\n|---|---|---|---|---|\n";
    for (const auto& c : all_codes())
      std::cout << "| `" << c.code << "` | " << (c.is_error ? "error" : "violation") << " | " << md_escape(c.message_zh) << " | "
                << md_escape(c.message_en) << " | " << md_escape(c.source) << " |\n";
    return 0;
  }
  for (const auto& c : all_codes())
    std::cout << c.code << "\t" << (c.is_error ? "error" : "violation") << "\t" << c.source << "\t" << c.message_en << "\n";
  return 0;
}

int run_ops(const std::optional<std::string>& op, bool json, bool markdown) {
  if (!op) return list(markdown);
  const protocol::OpSpec* spec = engine::operations().find(*op);
  if (!spec) {
    std::vector<std::string_view> names;
    for (const auto* s : engine::operations().all()) names.push_back(s->name);
    std::cerr << "provident: unknown operation " << *op << protocol::did_you_mean(*op, names).en
              << "; provident ops lists them\n";
    return 2;
  }
  if (json) std::cout << engine::describe_op(*spec).dump(2) << "\n";
  else if (markdown) markdown_op(std::cout, *spec);
  else text_op(std::cout, *spec);
  return 0;
}

}  // namespace pvd::cli
