// The payment card a flexible depositor signs, and that payments need one. See card_contract.cpp.
#pragma once

#include "hpf/rules/common.hpp"

namespace pvd::hpf::rules {

/// 000 一 注意, 三: the card's holder name is the depositor's.
bool check_sign_name(Violations& v, const std::string& account_name, const std::string& person_name, const std::string& field);
/// CARD_INVALID: 16–19 digits and, when card.luhn_required, the Luhn check.
bool check_card(Violations& v, const Policy& p, Trace* t, Date on, const std::string& card_no, const std::string& field);
/// 000 一 注意: the card's bank is the unit's collection bank.
bool check_card_bank(Violations& v, const Policy& p, Trace* t, Date on, const std::string& bank, const state::Unit& u,
                     const std::string& field);
/// 000 一 注意: a Type I (一类) account when hpf.sign.require_type1_card.
bool check_card_class(Violations& v, const Policy& p, Trace* t, Date on, std::int64_t card_class, const std::string& field);
/// 000 一: a contract card is signed before remittance and back-pay.
bool check_signed(Violations& v, const state::Account& a, const std::string& field);

}  // namespace pvd::hpf::rules
