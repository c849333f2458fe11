// Rule: the pension is paid to an account in the person's own name, changed only to another account
// Source: 001 7.1.6; decision
// Codes: PENSION_BANK_NAME_MISMATCH, PENSION_BANK_UNCHANGED, CARD_INVALID, BANK_UNKNOWN
// Policy: card.luhn_required, banks
//
// 001 7.1.6 (银行账号): the claim collects the person's bank account. Decision (issue 18): the
// account is in the person's own name — compared as names are (NFKC, with · • . the same,
// arithmetic.md §4) — as the HPF's card contract requires (000 一 注意, 本人); the card number
// and bank are checked as every card is (CARD_INVALID, BANK_UNKNOWN: banks). A change records
// another account (bank or card): the same one again is refused, so that the history holds
// real changes only.
#include <algorithm>

#include "pension/rules/after_retirement.hpp"
#include "provident/id/identifiers.hpp"
#include "provident/rules/codes.hpp"

namespace pvd::pension {

void check_bank_own_name(Violations& v, const state::Person& p, const std::string& account_name, const std::string& field) {
  if (!id::names_equal(account_name, p.name)) v.add(code::PENSION_BANK_NAME_MISMATCH, field);
}

void check_bank_changed(Violations& v, const state::Person& p, const std::string& bank, const std::string& card_no,
                        const std::string& field) {
  if (p.pension_bank && p.pension_bank->bank == bank && p.pension_bank->card_no == card_no)
    v.add(code::PENSION_BANK_UNCHANGED, field);
}

}  // namespace pvd::pension
