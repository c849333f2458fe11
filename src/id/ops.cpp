// Identifier calculators (protocol.md §1.4): id.parse, uscc.validate,
// card.validate, si.unit_login_name.
#include "id/checks.hpp"
#include "provident/rules/codes.hpp"
#include "protocol/registry.hpp"
#include "provident/id/identifiers.hpp"
#include "provident/id/mask.hpp"

namespace pvd::id {

using protocol::ArgReader;
using protocol::OpContext;
using protocol::OpResult;
using protocol::OpSpec;
using protocol::OpKind;

namespace {

// id.parse — GB 11643-1999 and the other documents (citizen_id.hpp,
// document.hpp): the kind of the number and, for a 15-digit citizen number,
// its 18-digit form (`upgraded`). Without document_type the number is read as
// one of the GB 11643 form; a passport or a 2017 permanent residence ID is
// validated when declared. Members a document does not carry are null.
void id_parse(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string number = a.string("number");
  const auto declared = read_document_type(a);
  const auto doc = parse_document(number, declared, ctx.today(), true);
  add_document_problems(r.violations, doc, "args.number");
  if (!doc.ok()) return;
  r.result = {{"number", doc.number},
              {"kind", std::string(to_string(doc.type))},
              {"birth_date", doc.id ? protocol::ojson(doc.id->birth_date.to_string()) : protocol::ojson(nullptr)},
              {"gender", doc.id ? protocol::ojson(std::string(1, static_cast<char>(doc.id->gender))) : protocol::ojson(nullptr)},
              {"region", doc.region.empty() ? protocol::ojson(nullptr) : protocol::ojson(doc.region)},
              {"nationality", doc.nationality.empty() ? protocol::ojson(nullptr) : protocol::ojson(doc.nationality)},
              {"upgraded", doc.id && doc.id->upgraded}};
}

// uscc.validate — GB 32100-2015.
void uscc_validate(OpContext&, ArgReader& a, OpResult& r) {
  const std::string code = a.string("code");
  if (!credit_code_valid(code)) {
    r.violations.add(code::USCC_INVALID, "args.code");
    return;
  }
  r.result = {{"code", code}};
}

// card.validate — 16–19 digits, Luhn when card.luhn_required.
void card_validate(OpContext& ctx, ArgReader& a, OpResult& r) {
  const std::string number = a.string("number");
  const bool luhn = ctx.param<bool>(policy::Key::card_luhn_required, ctx.today());
  if (!card_number_valid(number, luhn)) {
    r.violations.add(code::CARD_INVALID, "args.number");
    return;
  }
  r.result = {{"masked", mask_card_number(number)}};
}

// si.unit_login_name — seed 001 5.1 注意 a.
void unit_login_name(OpContext&, ArgReader& a, OpResult& r) {
  const std::string code = a.string("unit_code");
  auto name = si_unit_login_name(code);
  if (!name) {
    r.violations.add(code::SI_UNIT_CODE_INVALID, "args.unit_code");
    return;
  }
  r.result = {{"login_name", *name}};
}

}  // namespace

void register_ops(protocol::Registry& reg) {
  reg.add({"id.parse", OpKind::calculator, id_parse, false, "", "Parse and validate an identity document number"});
  reg.add({"uscc.validate", OpKind::calculator, uscc_validate, false, "", "Validate a unified social credit code"});
  reg.add({"card.validate", OpKind::calculator, card_validate, false, "", "Validate a bank card number"});
  reg.add({"si.unit_login_name", OpKind::calculator, unit_login_name, false, "", "SI unit code to online-hall login name"});
}

}  // namespace pvd::id
