// Rule: which card a flexible depositor may sign as the payment contract, and that payments need one
// Source: 000 一 注意; 000 一; 000 三; arithmetic.md §4
// Codes: HPF_SIGN_NAME_MISMATCH, CARD_INVALID, HPF_SIGN_BANK_MISMATCH, HPF_SIGN_CARD_CLASS, HPF_NOT_SIGNED
// Policy: card.luhn_required, banks, hpf.sign.require_type1_card
//
// 000 一 注意: 「缴款银行卡必须与所转入单位银行一致」, 「必须为职工本人一类账户的工行卡」; 000 三
// (缴款账户名称). The card's holder name is the depositor's, compared after NFKC with · • . the
// same (arithmetic.md §4, id::names_equal); the number has 16–19 digits and passes the Luhn check
// when card.luhn_required; the card's bank is the unit's collection bank (个人自愿缴存（市本级工行）
// → an ICBC card); it is a Type I (一类) account when hpf.sign.require_type1_card.
// 000 一 (转移 → 启封 → 签约): payments go through the signed card, so remittance and back-pay need
// a contract.
#include "hpf/rules/card_contract.hpp"
#include "id/checks.hpp"
#include "provident/rules/codes.hpp"

#include "provident/id/identifiers.hpp"

namespace pvd::hpf::rules {

using policy::Key;

// 000 一 注意, 三 (缴款账户名称): compared after NFKC, with · • . the same (arithmetic.md §4).
bool check_sign_name(Violations& v, const std::string& account_name, const std::string& person_name, const std::string& field) {
  if (id::names_equal(account_name, person_name)) return true;
  v.add(code::HPF_SIGN_NAME_MISMATCH, field);
  return false;
}

// arithmetic.md §4: 16–19 digits, Luhn when card.luhn_required.
bool check_card(Violations& v, const Policy& p, Trace* t, Date on, const std::string& card_no, const std::string& field) {
  return id::check_card_number(v, p, t, on, card_no, field);
}

// 000 一 注意: 「缴款银行卡必须与所转入单位银行一致」 — the card's bank is the unit's
// collection bank (个人自愿缴存（市本级工行） → an ICBC card).
bool check_card_bank(Violations& v, const Policy& p, Trace* t, Date on, const std::string& bank, const state::Unit& u,
                     const std::string& field) {
  if (u.bank && *u.bank == bank) return true;
  std::string code = u.bank.value_or("");
  std::string zh = code;
  for (const auto& b : p.get<policy::BankList>(Key::banks, on, t))
    if (b.code == code) zh = b.zh;
  v.add(code::HPF_SIGN_BANK_MISMATCH, field, {{"bank", code}, {"bank_zh", zh}});
  return false;
}

// 000 一 注意: 「必须为职工本人一类账户的工行卡」, when hpf.sign.require_type1_card.
bool check_card_class(Violations& v, const Policy& p, Trace* t, Date on, std::int64_t card_class, const std::string& field) {
  if (card_class == 1 || !p.get<bool>(Key::hpf_sign_require_type1_card, on, t)) return true;
  v.add(code::HPF_SIGN_CARD_CLASS, field);
  return false;
}

// 000 一 (转移 → 启封 → 签约): payments go through the signed card.
bool check_signed(Violations& v, const state::Account& a, const std::string& field) {
  if (a.contract) return true;
  v.add(code::HPF_NOT_SIGNED, field);
  return false;
}

}  // namespace pvd::hpf::rules
