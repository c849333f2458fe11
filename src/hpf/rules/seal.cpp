// Rule: what a flexible depositor must do before sealing the account — copy the commitment, agree to it
// Source: 000 五; 002 三.3; decision
// Codes: HPF_SEAL_COMMITMENT_MISMATCH, HPF_SEAL_NOT_AGREED
// Policy: hpf.seal.commitment_text
//
// 000 五 (封存): 「复制承诺内容到输入框 … 点击同意」, 「然后点击同意按钮才可以进行下一步」; 002 三.3.
// The copied text must equal hpf.seal.commitment_text (read at as_of) exactly; only surrounding
// white space is ignored. Decision: that white space is id::trim_space's — ASCII white space, the
// ideographic space and the no-break space.
#include "hpf/rules/seal.hpp"
#include "provident/rules/codes.hpp"

#include "provident/id/identifiers.hpp"

namespace pvd::hpf::rules {

using policy::Key;

// 000 五 「复制承诺内容到输入框」: the text copied.
bool check_commitment(Violations& v, const Policy& p, Trace* t, Date on, const std::string& given, const std::string& field) {
  const auto& text = p.get<std::string>(Key::hpf_seal_commitment_text, on, t);
  if (id::trim_space(given) == id::trim_space(text)) return true;
  v.add(code::HPF_SEAL_COMMITMENT_MISMATCH, field);
  return false;
}

// 000 五 「然后点击同意按钮才可以进行下一步」: agreed.
bool check_seal_agreed(Violations& v, bool agreed, const std::string& field) {
  if (agreed) return true;
  v.add(code::HPF_SEAL_NOT_AGREED, field);
  return false;
}

}  // namespace pvd::hpf::rules
